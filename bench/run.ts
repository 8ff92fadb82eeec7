/**
 * `npm run bench`: what a phase-gate computation costs in Jira points, round trips, time and memory, against the fake
 * Jira Cloud over real HTTP with 150 ms added to every request, on generated projects of 40,000 issues over five
 * years and 80,000 over ten (the same density: only the history grows), reported as of a fixed date.
 *
 * The issues that can affect a report are counted from the data by an independent oracle (`oracle.ts`); every figure
 * comes from the fake's own cost accounting (1 point a request + 1 an issue returned, 2 a permission object).
 * Each scenario runs in a process of its own, so its peak memory (maxrss) is its own:
 *   (a) the command, start-up included: `node bin/phase-gate.js report` (built first with `npm run build:cli`);
 *   (b) the Forge recompute: the queue consumer's full computation with the 12-month trend, through the app's code,
 *       the platform boundary faked (`@forge/api` requestJira → the fake Jira over HTTP; KVS in memory);
 *   (c) the page: the `getGate` resolver through the real resolver handler;
 *   (d) issue events: the trigger, then the debounced consumer (incremental, and the full recompute it replaces);
 *   (e) a naive strategy: every issue of the counted types, no date pre-filter, then the same computation.
 * Results are checked too: the Forge, naive and command reports agree, and the incremental snapshot equals a full
 * computation after the edits. It prints one table; `docs/performance.md` records a run.
 */
import { spawn, execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { build } from 'esbuild';
import { computeProjectGate } from '../src/app/projectGate';
import { DEFAULT_CONFIG } from '../src/core/config';
import type { Evidence, Report } from '../src/core/report';
import { DEMO_USERS, generateLargeProject, startFakeJira, type FakeJira } from '../dev/demo-org';
import type { FakeSite } from '../dev/fake-jira/site';
import type { Snapshot } from '../src/forge/contract';
import { JiraClient } from '../src/jira/client';
import { createFetchTransport } from '../src/jira/fetchTransport';
import { randomEdits } from '../dev/bench-data/edits';
import type { Job, JobResult, KvsDump } from './forge/child';
import { evaluatedDates, relevantIssues } from './oracle';

const ROOT = resolve(__dirname, '..');
const PROJECT = 'BIG';
const AS_OF = '2026-06-30';
/** The Forge processes' clock: today is AS_OF there, and time runs on from one process to the next. */
const FORGE_NOW = Date.parse(`${AS_OF}T12:30:00Z`);
const STARTED = Date.now();
const forgeNow = () => FORGE_NOW + (Date.now() - STARTED);
const LATENCY_MS = 150;
const SIZES = [
  { label: '40k/5y', issues: 40_000, years: 5 },
  { label: '80k/10y', issues: 80_000, years: 10 },
];
const CHILD = join(ROOT, 'dist', 'bench', 'forge-child.js');
const PEAK = join(ROOT, 'bench', 'peak.cjs');

interface Row {
  scenario: string;
  points: number;
  requests: number;
  seconds: number;
  peakMb: number;
  /** The issues that can affect what the scenario computes (null: not a computation). */
  relevant: number | null;
}

const mb = (kb: number) => kb / 1024;

async function buildAll(): Promise<void> {
  execFileSync('npm', ['run', '--silent', 'build:cli'], {
    cwd: ROOT,
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  await build({
    entryPoints: [join(ROOT, 'bench', 'forge', 'child.ts')],
    outfile: CHILD,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    packages: 'external',
    logLevel: 'warning',
  });
}

/** Runs one job in a process of its own. */
function runJob(jira: FakeJira, job: Job): Promise<JobResult> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, [CHILD], {
      cwd: ROOT,
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
      env: { ...process.env, BENCH_JIRA_URL: jira.url, BENCH_NOW: String(forgeNow()) },
    });
    let answer: JobResult | { error: string } | undefined;
    child.on('message', (m: JobResult | { error: string }) => (answer = m));
    child.on('error', fail);
    child.on('exit', (code) => {
      if (answer && !('error' in answer)) done(answer);
      else
        fail(
          new Error(
            `${job.kind} job failed (exit ${code}): ${answer && 'error' in answer ? answer.error : ''}`,
          ),
        );
    });
    child.send(job);
  });
}

/** (a) The command, start-up included, as a user runs it. */
function runCommand(jira: FakeJira): Promise<{ seconds: number; peakKb: number; report: Report }> {
  const dir = mkdtempSync(join(tmpdir(), 'phase-gate-bench-'));
  const peakFile = join(dir, 'peak');
  return new Promise((done, fail) => {
    const started = performance.now();
    const child = spawn(
      process.execPath,
      ['-r', PEAK, 'bin/phase-gate.js', 'report', '--project', PROJECT, '--as-of', AS_OF, '--format', 'json'],
      {
        cwd: ROOT,
        stdio: ['ignore', 'pipe', 'inherit'],
        env: {
          ...process.env,
          JIRA_BASE_URL: jira.url,
          JIRA_EMAIL: DEMO_USERS.admin.email,
          JIRA_API_TOKEN: DEMO_USERS.admin.token,
          BENCH_PEAK_FILE: peakFile,
        },
      },
    );
    let out = '';
    child.stdout.on('data', (c: Buffer) => (out += c.toString()));
    child.on('error', fail);
    child.on('exit', (code) => {
      const seconds = (performance.now() - started) / 1000;
      try {
        if (code !== 0) throw new Error(`phase-gate exited with ${code}`);
        done({ seconds, peakKb: Number(readFileSync(peakFile, 'utf8')), report: JSON.parse(out) as Report });
      } catch (err) {
        fail(err);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });
  });
}

/** The figures of a report, without when it was computed; warnings as a set (their order follows page arrival). */
const figures = (r: Report) => ({ ...r, computedAt: '', warnings: [...r.warnings].sort() });
const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);
/** Where two values first differ (a path such as `report.criteria.2.value`), for a check that says NO. */
function firstDifference(a: unknown, b: unknown, path = ''): string | null {
  if (same(a, b)) return null;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null)
    return `${path || '(top)'}: ${JSON.stringify(a)?.slice(0, 80)} vs ${JSON.stringify(b)?.slice(0, 80)}`;
  for (const k of new Set([...Object.keys(a), ...Object.keys(b)])) {
    const d = firstDifference(
      (a as Record<string, unknown>)[k],
      (b as Record<string, unknown>)[k],
      path ? `${path}.${k}` : k,
    );
    if (d) return d;
  }
  return null;
}
/** A stored snapshot against a computation: evidence lists cut to fit storage must be the start of the full ones. */
function sameSnapshot(stored: Snapshot, b: { report: Report; evidence: Evidence; trend: unknown }): boolean {
  const diff =
    firstDifference(figures(stored.report), figures(b.report)) ?? firstDifference(stored.trend, b.trend);
  if (diff) console.error(`bench: snapshots differ at ${diff}`);
  const evidence = (Object.keys(b.evidence) as (keyof Evidence)[]).every((name) => {
    const kept = stored.evidence[name];
    const total = stored.evidenceTotals?.[name] ?? kept.length;
    return total === b.evidence[name].length && same(kept, b.evidence[name].slice(0, kept.length));
  });
  return evidence && same(figures(stored.report), figures(b.report)) && same(stored.trend, b.trend);
}

/** A full computation now, straight from the fake (its cost is not counted: the stats are reset after). */
async function fullGate(jira: FakeJira) {
  const client = new JiraClient(
    createFetchTransport({
      baseUrl: jira.url,
      email: DEMO_USERS.admin.email,
      apiToken: DEMO_USERS.admin.token,
    }),
  );
  const gate = await computeProjectGate(client, PROJECT, DEFAULT_CONFIG, {
    asOf: AS_OF,
    now: forgeNow(),
    trend: true,
  });
  jira.resetStats();
  return gate;
}

async function measure(
  jira: FakeJira,
  rows: Row[],
  scenario: string,
  relevant: number | null,
  run: () => Promise<{ seconds: number; peakKb: number }>,
) {
  jira.resetStats();
  const r = await run();
  rows.push({
    scenario,
    points: jira.stats.points,
    requests: jira.stats.requests,
    seconds: r.seconds,
    peakMb: mb(r.peakKb),
    relevant,
  });
}

const distinctIssues = (events: { issue: { key: string } }[]) => new Set(events.map((e) => e.issue.key)).size;

async function benchSize(size: (typeof SIZES)[number], first: boolean, rows: Row[], checks: string[]) {
  const site: FakeSite = generateLargeProject({
    key: PROJECT,
    issues: size.issues,
    years: size.years,
    today: AS_OF,
    seed: 'bench',
  });
  // Like for like: the command runs as a Jira admin, so the Forge app user gets Administer Jira too, as Jira Cloud's
  // atlassian-addons-admin group usually has (without it the app cannot check bypass approvers and fails closed).
  for (const user of site.users) if (user.accountType === 'app') user.jiraAdmin = true;
  const config = DEFAULT_CONFIG;
  const report = relevantIssues(site, PROJECT, config, evaluatedDates(AS_OF, config.sustainDays, false));
  const trend = relevantIssues(site, PROJECT, config, evaluatedDates(AS_OF, config.sustainDays, true));
  // The floor: every issue that can affect the result, plus one request per page of 100 for each kind.
  const floor = (r: typeof report) =>
    r.total + [r.incidents, r.deliverables, r.ideas].reduce((n, k) => n + Math.ceil(k / 100), 0);
  checks.push(
    `${size.label}: ${site.issues.length} issues; can affect the report ${report.total} ` +
      `(${report.incidents} incidents, ${report.deliverables} deliverables, ${report.ideas} ideas; floor ` +
      `${floor(report)} points), with the trend ${trend.total} (${trend.incidents} + ${trend.deliverables} + ` +
      `${trend.ideas}; floor ${floor(trend)} points)`,
  );
  const jira = await startFakeJira({ site, latencyMs: LATENCY_MS, authMode: 'header' });
  try {
    let command: Report | undefined;
    // The command's report has its phase changes over the trend's year (SPEC v2): it reads the trend's span.
    await measure(jira, rows, `(a) command, start-up included, ${size.label}`, trend.total, async () => {
      const r = await runCommand(jira);
      command = r.report;
      return r;
    });

    let recomputed: JobResult | undefined;
    await measure(
      jira,
      rows,
      `(b) Forge recompute with 12-month trend, ${size.label}`,
      trend.total,
      async () => {
        recomputed = await runJob(jira, { kind: 'recompute', project: PROJECT });
        return { seconds: recomputed.ms / 1000, peakKb: recomputed.peakKb };
      },
    );

    let naive: JobResult | undefined;
    await measure(
      jira,
      rows,
      `(e) naive: every incident, epic, idea; no date filter, ${size.label}`,
      trend.total,
      async () => {
        naive = await runJob(jira, {
          kind: 'naive',
          project: PROJECT,
          email: DEMO_USERS.admin.email,
          token: DEMO_USERS.admin.token,
        });
        return { seconds: naive.ms / 1000, peakKb: naive.peakKb };
      },
    );
    const forge = recomputed!.snapshot!;
    checks.push(
      `${size.label}: the Forge recompute, the naive strategy and the command report the same ` +
        `(Forge = naive in report, evidence and trend: ${sameSnapshot(forge, naive!.snapshot!) ? 'yes' : 'NO'}; ` +
        `command = Forge report: ${same(figures(command!), figures(forge.report)) ? 'yes' : `NO, at ${firstDifference(figures(command!), figures(forge.report))}`})`,
    );

    if (first) {
      await measure(
        jira,
        rows,
        '(c) page: getGate, first call (permission check as the user)',
        null,
        async () => {
          const r = await runJob(jira, {
            kind: 'page',
            project: PROJECT,
            kvs: recomputed!.kvs!,
            account: DEMO_USERS.admin.accountId,
            warmCalls: 1,
          });
          return { seconds: r.page!.coldMs / 1000, peakKb: r.peakKb };
        },
      );
      let warm: JobResult | undefined;
      await measure(jira, rows, '(c) page: getGate, warm (median of 200)', null, async () => {
        warm = await runJob(jira, {
          kind: 'page',
          project: PROJECT,
          kvs: recomputed!.kvs!,
          account: DEMO_USERS.admin.accountId,
          warmCalls: 200,
        });
        jira.resetStats(); // the first call's permission check is the row above
        return { seconds: warm.page!.medianMs / 1000, peakKb: warm.peakKb };
      });
      checks.push(
        `(c) warm getGate: median ${warm!.page!.medianMs.toFixed(2)} ms, p95 ${warm!.page!.p95Ms.toFixed(2)} ms, ` +
          `${warm!.page!.kvsReads} KVS read per call`,
      );

      // (d) Each run starts from the storage the previous one left, so the stored facts follow the edits.
      let kvs: KvsDump = recomputed!.kvs!;
      const eventRuns = [
        { label: '(d) 1 issue event → incremental recompute', count: 1, dropFacts: false },
        { label: '(d) 50 issue events, one debounce window → incremental', count: 50, dropFacts: false },
        { label: '(d) 1 issue event → full recompute (no stored facts: before)', count: 1, dropFacts: true },
      ];
      for (const [i, run] of eventRuns.entries()) {
        const events = randomEdits(site, PROJECT, run.count, `bench-events-${i}`);
        const relevant = run.dropFacts ? trend.total : distinctIssues(events);
        let r: JobResult | undefined;
        await measure(jira, rows, run.label, relevant, async () => {
          r = await runJob(jira, { kind: 'events', project: PROJECT, kvs, events, dropFacts: run.dropFacts });
          return { seconds: r.ms / 1000, peakKb: r.peakKb };
        });
        kvs = r!.kvs!;
        let note = `${run.label.slice(4)}: ${r!.outcome}`;
        if (!run.dropFacts) {
          const equal = sameSnapshot(r!.snapshot!, await fullGate(jira));
          const f = r!.facts!;
          note +=
            `; equals a full computation: ${equal ? 'yes' : 'NO'}; stored facts: ${f.issues} issues, ` +
            `${(f.bytes / 1024).toFixed(0)} KB in ${f.chunks} KVS value(s), ${(f.bytes / f.issues).toFixed(0)} bytes an issue`;
        }
        checks.push(`(d) ${note}`);
      }
    }
  } finally {
    await jira.close();
  }
}

function table(rows: Row[]): string {
  const head = ['scenario', 'points', 'requests', 'wall s', 'peak MB', 'points ÷ relevant'];
  const body = rows.map((r) => [
    r.scenario,
    String(r.points),
    String(r.requests),
    r.seconds < 0.1 ? r.seconds.toFixed(4) : r.seconds.toFixed(2),
    r.peakMb.toFixed(0),
    r.relevant ? `${(r.points / r.relevant).toFixed(3)} (${r.relevant})` : '—',
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...body.map((b) => b[i]!.length)));
  const line = (cells: string[]) =>
    `| ${cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join(' | ')} |`;
  return [
    line(head),
    `|${widths.map((w, i) => (i === 0 ? '-' : '') + '-'.repeat(w + 1) + (i === 0 ? '' : ':')).join('|')}|`,
    ...body.map(line),
  ].join('\n');
}

async function main() {
  await buildAll();
  const rows: Row[] = [];
  const checks: string[] = [];
  for (const [i, size] of SIZES.slice(0, Number(process.env.BENCH_SIZES ?? SIZES.length)).entries())
    await benchSize(size, i === 0, rows, checks);
  console.log(
    `phase-gate bench — as of ${AS_OF}, ${LATENCY_MS} ms per request, node ${process.version}, ` +
      `${cpus().length} × ${cpus()[0]?.model ?? 'CPU'}\n`,
  );
  // Measured in the order the data allows (the naive run before the edits of (d)); shown by scenario letter.
  const order = (r: Row) => r.scenario.slice(0, 3);
  console.log(table([...rows].sort((x, y) => (order(x) < order(y) ? -1 : order(x) > order(y) ? 1 : 0))));
  console.log('');
  for (const c of checks) console.log(`- ${c}`);
}

main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
