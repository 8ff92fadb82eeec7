/**
 * The `phase-gate` command. Exit 0 with the report; 2 for bad usage or input; 1 when Jira cannot be read — one clear
 * line on stderr and no report, never a partial one.
 */
import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { computeProjectGate } from '../app/projectGate';
import { checkIdea, NotGovernedError } from '../app/ideaCheck';
import { ConfigError, parseConfig, type Config } from '../core/config';
import { isCalendarDate, isTimeZone, todayIn } from '../core/dates';
import type { ClientOptions } from '../jira/client';
import { JiraError } from '../jira/errors';
import { InvalidJqlError, validateJqlClauses } from '../jira/jqlValidation';
import { connect } from './connect';
import { formatIdeaText, formatMarkdown, formatText } from './format';
import { HELP, UsageError } from './usage';

export interface Io {
  stdout: { write(s: string): unknown };
  stderr: { write(s: string): unknown; isTTY?: boolean };
  env: NodeJS.ProcessEnv;
  now?: () => number;
  /** Test seam: retry timings and the like. */
  clientOptions?: ClientOptions;
}

const OPTIONS = {
  project: { type: 'string' },
  issue: { type: 'string' },
  'as-of': { type: 'string' },
  tz: { type: 'string' },
  config: { type: 'string' },
  format: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

type Flags = {
  [K in keyof typeof OPTIONS]?: (typeof OPTIONS)[K]['type'] extends 'boolean' ? boolean : string;
};

function parse(argv: string[]): { command: string | undefined; flags: Flags } {
  try {
    const { values, positionals } = parseArgs({
      args: argv,
      options: OPTIONS,
      allowPositionals: true,
      strict: true,
    });
    if (positionals.length > 1) throw new UsageError(`unexpected argument ${JSON.stringify(positionals[1])}`);
    return { command: positionals[0], flags: values as Flags };
  } catch (err) {
    if (err instanceof UsageError) throw err;
    const message = (err as Error).message
      .replace(/\. To specify.*$/s, '')
      .replace(/^Unknown option/, 'unknown option');
    throw new UsageError(message);
  }
}

async function loadConfig(flags: Flags): Promise<Config> {
  let input: unknown = {};
  if (flags.config !== undefined) {
    let text: string;
    try {
      text = await readFile(flags.config, 'utf8');
    } catch (err) {
      throw new UsageError(
        `cannot read config file ${flags.config}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`,
      );
    }
    try {
      input = JSON.parse(text);
    } catch (err) {
      throw new UsageError(`config file ${flags.config} is not valid JSON: ${(err as Error).message}`);
    }
    if (input === null || typeof input !== 'object' || Array.isArray(input)) {
      throw new UsageError(`config file ${flags.config} must hold a JSON object`);
    }
  }
  if (flags.tz !== undefined) {
    if (!isTimeZone(flags.tz))
      throw new UsageError(
        `--tz: unknown time zone ${JSON.stringify(flags.tz)} (use an IANA name such as Europe/Paris)`,
      );
    input = { ...(input as object), timeZone: flags.tz };
  }
  try {
    return parseConfig(input);
  } catch (err) {
    if (err instanceof ConfigError) {
      throw new UsageError(`${flags.config ? `config file ${flags.config}: ` : ''}${err.message}`);
    }
    throw err;
  }
}

function asOfFrom(flags: Flags, config: Config, now: number): string {
  const asOf = flags['as-of'];
  if (asOf === undefined) return todayIn(config.timeZone, now);
  if (!isCalendarDate(asOf))
    throw new UsageError(`--as-of: ${JSON.stringify(asOf)} is not a calendar date (YYYY-MM-DD)`);
  return asOf;
}

const PROJECT_KEY = /^[A-Z][A-Z0-9_]{0,49}$/;

function requireKey(flag: string, value: string | undefined, pattern: RegExp, example: string): string {
  if (value === undefined || value === '')
    throw new UsageError(`--${flag} is required (for example --${flag} ${example})`);
  const upper = value.trim().toUpperCase();
  if (!pattern.test(upper))
    throw new UsageError(
      `--${flag}: ${JSON.stringify(value)} is not a Jira ${flag} key (for example ${example})`,
    );
  return upper;
}

function formatFlag(flags: Flags, allowed: string[]): string {
  const format = flags.format ?? 'text';
  if (!allowed.includes(format))
    throw new UsageError(`--format: ${JSON.stringify(format)} is not one of ${allowed.join(', ')}`);
  return format;
}

/** Progress on stderr, only when it is a terminal and the fetch takes a while. */
function progress(io: Io) {
  if (!io.stderr.isTTY) return { onProgress: undefined, done: () => {} };
  const started = Date.now();
  let shown = false;
  return {
    onProgress: (e: { issues: number; page: number }) => {
      if (Date.now() - started < 1000) return;
      shown = true;
      io.stderr.write(`\rreading Jira… page ${e.page}, ${e.issues} issues`);
    },
    done: () => shown && io.stderr.write('\r\x1b[K'),
  };
}

export async function main(argv: string[], io: Io): Promise<number> {
  const now = io.now ?? Date.now;
  let extraJql: string[] = [];
  try {
    const { command, flags } = parse(argv);
    if (flags.help || command === 'help' || (command === undefined && argv.length === 0)) {
      io.stdout.write(HELP);
      return command === undefined && !flags.help ? 2 : 0;
    }
    if (command !== 'report' && command !== 'check-idea') {
      throw new UsageError(
        command === undefined
          ? 'a command is required: report or check-idea'
          : `unknown command ${JSON.stringify(command)} (use report or check-idea)`,
      );
    }
    const isReport = command === 'report';
    if (isReport && flags.issue !== undefined)
      throw new UsageError('--issue belongs to check-idea, not report');
    const format = formatFlag(flags, isReport ? ['text', 'json', 'markdown'] : ['text', 'json']);
    const key = isReport
      ? requireKey('project', flags.project, PROJECT_KEY, 'OPS')
      : requireKey('issue', flags.issue, /^[A-Z][A-Z0-9_]{0,49}-[1-9]\d*$/, 'OPS-123');
    const home =
      !isReport && flags.project !== undefined
        ? requireKey('project', flags.project, PROJECT_KEY, 'ITSM')
        : undefined;
    const config = await loadConfig(flags);
    extraJql = (['incidentJql', 'deliveryJql'] as const).filter((k) => config[k]);
    const asOf = asOfFrom(flags, config, now());

    const p = progress(io);
    const conn = await connect(io.env, { ...io.clientOptions, onProgress: p.onProgress });
    try {
      await validateJqlClauses(conn.client, config).catch((err: unknown) => {
        // A site (or proxy) without the JQL parse endpoint: the search itself will report a bad clause.
        if (!(err instanceof JiraError && (err.status === 404 || err.status === 405))) throw err;
      });
      if (isReport) {
        const gate = await computeProjectGate(conn.client, key, config, { asOf, now: now() });
        p.done();
        const out =
          format === 'json'
            ? JSON.stringify(gate.report, null, 2) + '\n'
            : format === 'markdown'
              ? formatMarkdown(gate.report)
              : formatText(gate.report);
        io.stdout.write(out);
      } else {
        const decision = await checkIdea(conn.client, key, config, { asOf, now: now(), home });
        p.done();
        const body = {
          issue: decision.issue,
          project: decision.project,
          gate: decision.gate,
          isIdea: decision.isIdea,
          locked: decision.locked,
          reasons: decision.reasons,
          bypass: decision.bypass,
          ignoredBypass: decision.ignoredBypass,
        };
        io.stdout.write(format === 'json' ? JSON.stringify(body, null, 2) + '\n' : formatIdeaText(body));
      }
      return 0;
    } finally {
      await conn.close();
    }
  } catch (err) {
    if (err instanceof UsageError) {
      // One line: the problem, and where to read the usage.
      const help = err.message.startsWith('JIRA_') ? '' : " (see 'phase-gate --help')";
      io.stderr.write(`phase-gate: ${err.message}${help}\n`);
      return 2;
    }
    if (err instanceof ConfigError) {
      // A configured name the site does not know (SPEC §3.0): the message names the value and the site's choices.
      io.stderr.write(
        `phase-gate: invalid configuration: ${err.message.replace(/^invalid configuration: /, '')}\n`,
      );
      return 2;
    }
    if (err instanceof NotGovernedError) {
      io.stderr.write(`phase-gate: ${err.message}\n`);
      return 2;
    }
    if (err instanceof InvalidJqlError) {
      io.stderr.write(`phase-gate: invalid configuration: ${err.message}\n`);
      return 2;
    }
    if (
      err instanceof JiraError &&
      err.kind === 'bad-request' &&
      extraJql.length &&
      /search\/jql/.test(err.message)
    ) {
      // Our own JQL is fixed and valid: a rejected search with an extra clause is the configuration's fault.
      io.stderr.write(`phase-gate: invalid configuration: ${extraJql.join(' or ')}: ${err.message}\n`);
      return 2;
    }
    if (err instanceof JiraError) {
      io.stderr.write(`phase-gate: ${err.message}\n`);
      return 1;
    }
    io.stderr.write(`phase-gate: unexpected error: ${(err as Error)?.message ?? String(err)}\n`);
    return 1;
  }
}
