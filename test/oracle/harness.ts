/**
 * Runs the real `phase-gate report` command in-process against a fake Jira Cloud and compares its JSON with the
 * oracle's figures.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../src/cli/main';
import { DEMO_USERS } from '../../dev/demo-org/demoSite';
import type { FakeSite } from '../../dev/fake-jira/site';
import {
  oracleReport,
  type OracleConfig,
  type OracleReadings,
  type OracleReport,
  type RawIssue,
} from './oracle';

const configDir = mkdtempSync(join(tmpdir(), 'phase-gate-oracle-'));
let configCount = 0;

export interface AppRun {
  code: number;
  stdout: string;
  stderr: string;
  report: AppReport | null;
}

/** The parts of the report (SPEC section 5) the oracle checks. */
export interface AppReport {
  project: string;
  asOf: string;
  timeZone: string;
  phase: number;
  innovationUnlocked: boolean;
  reliability: Record<string, unknown> & { criteria?: { id: string; met: boolean }[] };
  delivery: Record<string, unknown> & { criteria?: { id: string; met: boolean }[] };
  ideas: Record<string, unknown>;
}

/** How the zone reaches the command: the `--tz` flag, the config file's `timeZone`, or both. */
export type TzVia = 'flag' | 'config' | 'both';

/** `phase-gate report --project KEY --as-of ASOF [--tz TZ] --config FILE --format json`, in-process. */
export async function runReport(
  url: string,
  key: string,
  asOf: string,
  config: Partial<OracleConfig>,
  now: number,
  tzVia: TzVia = 'both',
): Promise<AppRun> {
  const file = join(configDir, `config-${++configCount}.json`);
  const { timeZone, ...rest } = config;
  const inFile = tzVia === 'flag' || timeZone === undefined ? rest : { ...rest, timeZone };
  writeFileSync(file, JSON.stringify(inFile, null, 2));
  const tzFlag = tzVia === 'config' ? [] : ['--tz', timeZone ?? 'UTC'];
  let stdout = '';
  let stderr = '';
  const code = await main(
    ['report', '--project', key, '--as-of', asOf, ...tzFlag, '--config', file, '--format', 'json'],
    {
      stdout: { write: (s: string) => (stdout += s) },
      stderr: { write: (s: string) => (stderr += s) },
      env: { JIRA_BASE_URL: url, JIRA_EMAIL: DEMO_USERS.admin.email, JIRA_API_TOKEN: DEMO_USERS.admin.token },
      now: () => now,
    },
  );
  let report: AppReport | null = null;
  if (code === 0) report = JSON.parse(stdout) as AppReport;
  return { code, stdout, stderr, report };
}

/** The issues of one project, as Jira returns them. */
export function projectIssues(site: FakeSite, key: string): RawIssue[] {
  return site.issues.filter((i) => i.fields.project.key === key) as unknown as RawIssue[];
}

function close(a: unknown, b: unknown): boolean {
  if (typeof a === 'number' && typeof b === 'number') {
    if (a === b) return true;
    return Math.abs(a - b) <= 1e-9 * Math.max(Math.abs(a), Math.abs(b));
  }
  return a === b;
}

/** Every difference between the app's report and the oracle's, as readable lines. */
export function compare(app: AppReport, oracle: OracleReport): string[] {
  const diffs: string[] = [];
  const check = (path: string, got: unknown, want: unknown, exact: boolean) => {
    const same = exact ? got === want : close(got, want);
    if (!same) diffs.push(`${path}: app ${JSON.stringify(got)}, oracle ${JSON.stringify(want)}`);
  };
  check('asOf', app.asOf, oracle.asOf, true);
  check('timeZone', app.timeZone, oracle.timeZone, true);
  check('phase', app.phase, oracle.phase, true);
  check('innovationUnlocked', app.innovationUnlocked, oracle.innovationUnlocked, true);

  const r = oracle.reliability;
  for (const k of [
    'met',
    'windowDays',
    'incidents',
    'majorIncidents',
    'openIncidents',
    'restoredInWindow',
  ] as const)
    check(`reliability.${k}`, app.reliability[k], r[k], true);
  for (const k of ['medianRestoreHours', 'meanRestoreHours', 'longestOpenMajorHours'] as const)
    check(`reliability.${k}`, app.reliability[k], r[k], false);
  for (const [id, met] of Object.entries(r.criteria)) {
    const c = app.reliability.criteria?.find((x) => x.id === id);
    check(`reliability.criteria.${id}.met`, c?.met, met, true);
  }

  const d = oracle.delivery;
  for (const k of ['met', 'windowDays', 'decided', 'onTime', 'late', 'overdueOpen', 'noDueDate'] as const)
    check(`delivery.${k}`, app.delivery[k], d[k], true);
  for (const k of ['onTimeRate', 'medianDaysLate'] as const)
    check(`delivery.${k}`, app.delivery[k], d[k], false);
  for (const [id, met] of Object.entries(d.criteria)) {
    const c = app.delivery.criteria?.find((x) => x.id === id);
    check(`delivery.criteria.${id}.met`, c?.met, met, true);
  }

  for (const k of ['total', 'waiting', 'inProgress', 'done', 'locked'] as const)
    check(`ideas.${k}`, app.ideas[k], oracle.ideas[k], true);
  return diffs;
}

export interface Case {
  key: string;
  asOf: string;
  config: Partial<OracleConfig>;
  tzVia?: TzVia;
}

/** Runs the command for a case and returns the differences (with context) and both reports. */
export async function differential(
  url: string,
  site: FakeSite,
  c: Case,
  readings?: OracleReadings,
  now = site.now,
): Promise<{ diffs: string[]; oracle: OracleReport; app: AppReport | null; run: AppRun }> {
  const oracle = oracleReport(projectIssues(site, c.key), c.config, c.asOf, readings);
  const run = await runReport(url, c.key, c.asOf, c.config, now, c.tzVia);
  if (!run.report) return { diffs: [`exit ${run.code}: ${run.stderr.trim()}`], oracle, app: null, run };
  return { diffs: compare(run.report, oracle), oracle, app: run.report, run };
}
