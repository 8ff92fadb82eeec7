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
 *   (e) a naive strategy: every issue of the counted types, no date pre-filter, then the same computation;
 * and the steady state of SPEC §8 (issue #12), on the Forge clock moved on by the benchmark (the fake Jira's clock
 * with it), each beside the naive strategy — a full read whenever the first version read:
 *   (f) a simulated day of the 40k gate: 20 relevant changes, each its own event burst (trigger, then the debounced
 *       consumer), and the hourly schedule's run every hour for 24 hours;
 *   (g) refresh abuse: one viewer calls the `refresh` resolver every 30 s for an hour (120 calls);
 *   (h) 500 configured small projects: the hourly schedule (`onSchedule` and the consumer) over them;
 *   (i) a first view of an 80,000-issue project never computed, at 1.5 s a request: what `getGate` answers, and when
 *       the page polling it has the report (`BENCH_FIRST_VIEW=0` leaves it out: it waits on ~60 slow requests).
 * Results are checked too: the Forge, naive and command reports agree, and the incremental snapshot equals a full
 * computation after the edits and after the simulated day. It prints one table; `docs/performance.md` records a run.
 * `BENCH_ROWS=fg` runs only those rows (and (b), which they start from).
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
import { EDITS, randomEdits, randomRelevantEdit, relevantChangeTargets } from '../dev/bench-data/edits';
import { createRng } from '../dev/fake-jira/prng';
import { todayIn } from '../src/core/dates';
import type { Ask, Job, JobResult, KvsDump, Spent } from './forge/child';
import { evaluatedDates, relevantIssues } from './oracle';

const ROOT = resolve(__dirname, '..');
const PROJECT = 'BIG';
const AS_OF = '2026-06-30';
/** The Forge processes' clock: today is AS_OF there, and time runs on from one process to the next. */
const FORGE_NOW = Date.parse(`${AS_OF}T12:30:00Z`);
const STARTED = Date.now();
/** How far the simulated rows moved the Forge clock on (a simulated day, an hour of Refreshes). */
let simulated = 0;
const forgeNow = () => FORGE_NOW + (Date.now() - STARTED) + simulated;
/** The Forge clock follows a job's simulated time: the next process starts where it ended. */
const clockAfter = (r: JobResult) => {
  if (r.clock !== undefined) simulated += Math.max(0, r.clock - forgeNow());
};
const LATENCY_MS = 150;
/** (i): a realistic slow Jira. */
const SLOW_LATENCY_MS = 1500;
/** (h): how many configured projects, and how many issues each. */
const MANY_PROJECTS = 500;
const SMALL_ISSUES = 30;
const ROWS = new Set((process.env.BENCH_ROWS ?? 'abcdefghi').toLowerCase().split(''));
const want = (row: string) => ROWS.has(row) && (row !== 'i' || process.env.BENCH_FIRST_VIEW !== '0');
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
  /** null: not measured (a figure computed from other rows). */
  seconds: number | null;
  peakMb: number | null;
  /**
   * SPEC §8's floor of what the scenario computes: the issues that can affect it plus a request per page of 100 of each
   * kind (for a run on stored facts: the issues changed). null: not a computation.
   */
  floor: number | null;
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

/** The fake's points and requests since the last reset. */
function peekStats(jira: FakeJira): Spent {
  const permissionPoints = jira.stats.log
    .filter((e) => e.path.includes('/mypermissions'))
    .reduce((n, e) => n + e.points, 0);
  return { points: jira.stats.points, requests: jira.stats.requests, permissionPoints };
}

/** The fake's points and requests since the last reset, then reset. */
function takeStats(jira: FakeJira): Spent {
  const spent = peekStats(jira);
  jira.resetStats();
  return spent;
}

/** What a job may ask of the parent besides the clock and the stats: a relevant change made to the site. */
type Editor = (now: number) => unknown;

/** Runs one job in a process of its own, answering what it asks (`Ask`). */
function runJob(jira: FakeJira, job: Job, edit?: Editor): Promise<JobResult> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, [CHILD], {
      cwd: ROOT,
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
      env: { ...process.env, BENCH_JIRA_URL: jira.url, BENCH_NOW: String(forgeNow()) },
    });
    let answer: JobResult | { error: string } | undefined;
    child.on('message', (m: JobResult | { error: string } | { ask: number; what: Ask }) => {
      if (!('ask' in m)) return void (answer = m);
      const { what } = m;
      let value: unknown = null;
      if (what.kind === 'stats') value = takeStats(jira);
      else {
        jira.site.now = what.now;
        if (what.kind === 'edit') {
          if (!edit) return void child.kill();
          value = edit(what.now);
        }
      }
      child.send({ answer: m.ask, value });
    });
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
async function fullGate(jira: FakeJira, at?: { now: number; asOf: string }) {
  const client = new JiraClient(
    createFetchTransport({
      baseUrl: jira.url,
      email: DEMO_USERS.admin.email,
      apiToken: DEMO_USERS.admin.token,
    }),
  );
  // A simulated row's end: the site's clock is the Forge clock (the rows before keep the generated site's).
  if (at) jira.site.now = at.now;
  const gate = await computeProjectGate(client, PROJECT, DEFAULT_CONFIG, {
    asOf: at?.asOf ?? AS_OF,
    now: at?.now ?? forgeNow(),
    trend: true,
  });
  jira.resetStats();
  return gate;
}

async function measure(
  jira: FakeJira,
  rows: Row[],
  scenario: string,
  floor: number | null,
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
    floor,
  });
}

/** Points and requests by endpoint (method and path, query left out), most points first: "POST …/search/jql 2,790 in 31". */
function pointsByEndpoint(log: readonly { method: string; path: string; points: number }[]): string {
  const by = new Map<string, { points: number; requests: number }>();
  for (const e of log) {
    const key = `${e.method} ${e.path
      .split('?')[0]!
      .replace(/\/\d+(?=\/|$)/g, '/{id}')
      .replace('/api/{id}/', '/api/3/')}`;
    const t = by.get(key) ?? { points: 0, requests: 0 };
    t.points += e.points;
    t.requests++;
    by.set(key, t);
  }
  return [...by]
    .sort((a, b) => b[1].points - a[1].points)
    .map(([k, t]) => `${k} ${t.points.toLocaleString('en')} in ${t.requests}`)
    .join('; ');
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
  // (g)'s viewer: Browse on every project, nothing more.
  site.users.push({
    ...DEMO_USERS.staff,
    jiraAdmin: false,
    browse: '*',
    administer: [],
    timeZone: 'UTC',
    accountType: 'atlassian',
  });
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
  const anyDue = relevantIssues(site, PROJECT, config, trend.dates, 'any');
  checks.push(
    `${size.label}: with committed due dates (the default), a deliverable's due date is known only from its ` +
      `changelog, read after the issue: ${anyDue.deliverables} deliverables could be decided in a window (open, or ` +
      `resolved in one), so the trend's floor is ${anyDue.total} issues, ${floor(anyDue)} points`,
  );
  const jira = await startFakeJira({ site, latencyMs: LATENCY_MS, authMode: 'header' });
  try {
    let command: Report | undefined;
    // The command's report has its phase changes over the trend's year (SPEC v2): it reads the trend's span.
    if (want('a'))
      await measure(jira, rows, `(a) command, start-up included, ${size.label}`, floor(anyDue), async () => {
        const r = await runCommand(jira);
        command = r.report;
        return r;
      });

    let recomputed: JobResult | undefined;
    // One world's time from the Forge rows on: the fake Jira's clock is the Forge clock (the generated site's is 12:00).
    jira.site.now = forgeNow();
    await measure(
      jira,
      rows,
      `(b) Forge recompute with 12-month trend, ${size.label}`,
      floor(anyDue),
      async () => {
        recomputed = await runJob(jira, { kind: 'recompute', project: PROJECT });
        return { seconds: recomputed.ms / 1000, peakKb: recomputed.peakKb };
      },
    );
    checks.push(`(b) ${size.label}: where the points went — ${pointsByEndpoint(jira.stats.log)}`);
    // The same gate configured with today's due dates: the JQL can then narrow deliverables by due date.
    if (first)
      await measure(
        jira,
        rows,
        `(b) the same, with dueDateBasis current, ${size.label}`,
        floor(trend),
        async () => {
          const r = await runJob(jira, { kind: 'recompute', project: PROJECT, dueDateBasis: 'current' });
          return { seconds: r.ms / 1000, peakKb: r.peakKb };
        },
      );

    let naive: JobResult | undefined;
    if (want('e'))
      await measure(
        jira,
        rows,
        `(e) naive: every incident, epic, idea; no date filter, ${size.label}`,
        floor(anyDue),
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
    if (naive && command)
      checks.push(
        `${size.label}: the Forge recompute, the naive strategy and the command report the same ` +
          `(Forge = naive in report, evidence and trend: ${sameSnapshot(forge, naive.snapshot!) ? 'yes' : 'NO'}; ` +
          `command = Forge report: ${same(figures(command), figures(forge.report)) ? 'yes' : `NO, at ${firstDifference(figures(command), figures(forge.report))}`})`,
      );

    if (first && want('c')) {
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
    }
    let kvs: KvsDump = recomputed!.kvs!;
    if (first && want('d')) {
      // (d) Each run starts from the storage the previous one left, so the stored facts follow the edits.
      const eventRuns = [
        { label: '(d) 1 issue event → incremental recompute', count: 1, dropFacts: false },
        { label: '(d) 50 issue events, one debounce window → incremental', count: 50, dropFacts: false },
        { label: '(d) 1 issue event → full recompute (no stored facts: before)', count: 1, dropFacts: true },
      ];
      let previous: ReturnType<typeof randomEdits> = [];
      for (const [i, run] of eventRuns.entries()) {
        // One world's time: the edits are stamped, and the app's sweep (`updated >= -Nm`) is read, on the Forge clock.
        jira.site.now = forgeNow();
        // The run without stored facts gets the last event again: an edit of its own would reach a storage the rows
        // after do not go on from.
        const events = run.dropFacts
          ? previous.slice(-1)
          : randomEdits(site, PROJECT, run.count, `bench-events-${i}`);
        previous = events;
        const least = run.dropFacts ? floor(anyDue) : distinctIssues(events);
        let r: JobResult | undefined;
        await measure(jira, rows, run.label, least, async () => {
          r = await runJob(jira, { kind: 'events', project: PROJECT, kvs, events, dropFacts: run.dropFacts });
          return { seconds: r.ms / 1000, peakKb: r.peakKb };
        });
        // The run without stored facts shows the before: the rows after go on from the storage the app keeps.
        if (!run.dropFacts) kvs = r!.kvs!;
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
    const fullRead = rows.find((r) =>
      r.scenario.startsWith(`(b) Forge recompute with 12-month trend, ${size.label}`),
    )!;
    if (first && want('f')) kvs = await simulatedDay(jira, site, kvs, fullRead, rows, checks);
    if (first && want('g')) kvs = await refreshAbuse(jira, kvs, fullRead, rows, checks);
  } finally {
    await jira.close();
  }
}

/** A computed row: `times` × a measured one, labelled so. */
const timesRow = (scenario: string, times: number, of: Row): Row => ({
  scenario,
  points: times * of.points,
  requests: times * of.requests,
  seconds: of.seconds === null ? null : times * of.seconds,
  peakMb: null,
  floor: null,
});

const spentNote = (s: Spent) =>
  `${s.points} points, ${s.requests} requests` +
  (s.permissionPoints ? ` (${s.permissionPoints} of them permission checks as the user)` : '');
const outcomesNote = (o: Record<string, number>) =>
  Object.entries(o)
    .map(([k, n]) => `${n} × ${k}`)
    .join(', ');

/**
 * (f) A simulated day of the gate: 20 relevant changes (two an hour in hours 8–17 after the start), each its own
 * event burst, and the hourly schedule's run for 24 hours. Relevant (SPEC §8): incidents and epics that can affect the
 * report or its 12-month trend — open, or created or resolved within 13 months — changed in one of five ways.
 */
async function simulatedDay(
  jira: FakeJira,
  site: FakeSite,
  kvs: KvsDump,
  fullRead: Row,
  rows: Row[],
  checks: string[],
): Promise<KvsDump> {
  const counted = relevantChangeTargets(site, PROJECT, Date.parse(`${AS_OF}T00:00:00Z`));
  const rng = createRng('bench-day');
  const kinds: Record<string, number> = {};
  const edit = () => {
    const { kind, event } = randomRelevantEdit(site, counted, rng);
    kinds[kind] = (kinds[kind] ?? 0) + 1;
    return event;
  };
  let r: JobResult | undefined;
  await measure(
    jira,
    rows,
    '(f) a day: 20 relevant changes (each its own burst) + 24 hourly runs',
    20,
    async () => {
      r = await runJob(
        jira,
        { kind: 'day', project: PROJECT, kvs, hours: 24, officeHours: [8, 18], perHour: 2 },
        edit,
      );
      return { seconds: r.ms / 1000, peakKb: r.peakKb };
    },
  );
  clockAfter(r!);
  const day = r!.day!;
  // The stats were taken step by step by the job: the row gets their sum.
  const row = rows[rows.length - 1]!;
  row.points = day.events.points + day.schedule.points;
  row.requests = day.events.requests + day.schedule.requests;
  rows.push(
    timesRow(
      `(f) naive (the first version): a full read per debounce window and per hourly run, 44 × row (b), computed`,
      day.changes + 24,
      fullRead,
    ),
  );
  const end = r!.clock!;
  const equal = sameSnapshot(
    r!.snapshot!,
    await fullGate(jira, { now: end, asOf: todayIn(DEFAULT_CONFIG.timeZone, end) }),
  );
  checks.push(
    `(f) a day of ${day.changes} changes (${outcomesNote(kinds)}): the events ${spentNote(day.events)}, the schedule ` +
      `${spentNote(day.schedule)} — ${day.events.points + day.schedule.points} points for the gate (SPEC §8: ≤ 30); ` +
      `consumer outcomes: ${outcomesNote(day.outcomes)}; the stored report, evidence and trend then equal a fresh ` +
      `full computation: ${equal ? 'yes' : 'NO'}`,
  );
  return r!.kvs!;
}

/** (g) One viewer presses Refresh every 30 s for an hour. */
async function refreshAbuse(
  jira: FakeJira,
  kvs: KvsDump,
  fullRead: Row,
  rows: Row[],
  checks: string[],
): Promise<KvsDump> {
  let r: JobResult | undefined;
  let permissionPoints = 0;
  await measure(jira, rows, '(g) Refresh every 30 s for an hour (120 calls), one viewer', null, async () => {
    r = await runJob(jira, {
      kind: 'refresh',
      project: PROJECT,
      kvs,
      account: DEMO_USERS.staff.accountId,
      calls: 120,
      everyMs: 30_000,
    });
    permissionPoints = peekStats(jira).permissionPoints;
    return { seconds: r.ms / 1000, peakKb: r.peakKb };
  });
  clockAfter(r!);
  const row = rows[rows.length - 1]!;
  rows.push(timesRow('(g) naive: a full read per Refresh, 120 × row (b), computed', 120, fullRead));
  const answers = r!.refresh!;
  const end = r!.clock!;
  const equal = sameSnapshot(
    r!.snapshot!,
    await fullGate(jira, { now: end, asOf: todayIn(DEFAULT_CONFIG.timeZone, end) }),
  );
  checks.push(
    `(g) 120 Refreshes in an hour: ${row.points} points, ${row.requests} requests (${permissionPoints} points of ` +
      `them the permission checks as the viewer, cached 60 s); answers: ${outcomesNote(answers)}; full reads: ` +
      `${answers.computed ?? 0} (SPEC §8: ten Refreshes in an hour ≤ 1 full read); the stored report then equals a ` +
      `fresh full computation: ${equal ? 'yes' : 'NO'}`,
  );
  return r!.kvs!;
}

/**
 * (h) Many small configured projects, each enrolled (read in full once, the settings save's recompute, at no added
 * latency: its cost is the naive strategy's hour), then the hourly schedule over them for six hours — two slices of
 * 250 (MAX_SCHEDULED_PER_RUN), a sweep due every 3 h — with five projects changed without an event after the setup.
 */
async function manyProjects(rows: Row[], checks: string[]): Promise<void> {
  const keys = Array.from({ length: MANY_PROJECTS }, (_, i) => `S${String(i).padStart(3, '0')}`);
  let site: FakeSite | undefined;
  for (const key of keys)
    site = generateLargeProject({ key, issues: SMALL_ISSUES, years: 1, today: AS_OF, seed: key, site });
  for (const user of site!.users) if (user.accountType === 'app') user.jiraAdmin = true;
  const jira = await startFakeJira({ site: site!, latencyMs: 0, authMode: 'header' });
  try {
    jira.resetStats();
    jira.site.now = forgeNow();
    const enrolled = await runJob(jira, { kind: 'enrol', projects: keys, concurrency: 8 });
    clockAfter(enrolled);
    const reads = enrolled.enrol!;
    rows.push({
      scenario: `(h) naive: a full read of each of ${MANY_PROJECTS} projects an hour (measured, no added latency)`,
      points: reads.points,
      requests: reads.requests,
      seconds: null,
      peakMb: null,
      floor: null,
    });
    // Five projects changed after their first read, with no event delivered: the sweeps find them.
    const rng = createRng('bench-many');
    jira.site.now = forgeNow() + 10 * 60_000;
    for (const key of keys.slice(0, 5)) {
      const incident = site!.issues.find(
        (i) => i.fields.project.key === key && i.fields.issuetype.name === 'Incident',
      );
      if (incident) EDITS.priority(site!, incident, rng);
    }
    jira.setFaults([], LATENCY_MS);
    jira.resetStats();
    const hoursRun = 6;
    const r = await runJob(jira, { kind: 'hours', kvs: enrolled.kvs!, hours: hoursRun, concurrency: 8 });
    clockAfter(r);
    const hours = r.hours!;
    const total = hours.reduce((n, h) => n + h.spent.points, 0);
    const requests = hours.reduce((n, h) => n + h.spent.requests, 0);
    const peak = hours.reduce((a, h) => (h.spent.points > a.spent.points ? h : a));
    rows.push({
      scenario: `(h) ${MANY_PROJECTS} projects: a scheduled hour, the mean of ${hoursRun} (peak ${peak.spent.points} points)`,
      points: Math.round(total / hoursRun),
      requests: Math.round(requests / hoursRun),
      seconds: r.ms / 1000 / hoursRun,
      peakMb: mb(r.peakKb),
      floor: null,
    });
    checks.push(
      `(h) ${MANY_PROJECTS} projects of ${SMALL_ISSUES} issues, enrolled: ${reads.points} points, ${reads.requests} ` +
        `requests to read each in full once (${(reads.points / MANY_PROJECTS).toFixed(1)} points a project); then ` +
        `${hoursRun} scheduled hours: ` +
        hours
          .map(
            (h, i) =>
              `hour ${i + 1}: ${h.queued} queued, ${h.spent.points} points (${outcomesNote(h.outcomes)})`,
          )
          .join('; '),
    );
  } finally {
    await jira.close();
  }
}

/** (i) The first view of an 80,000-issue project at 1.5 s a request. */
async function slowFirstView(rows: Row[], checks: string[]): Promise<void> {
  const site = generateLargeProject({ key: PROJECT, issues: 80_000, years: 10, today: AS_OF, seed: 'bench' });
  for (const user of site.users) if (user.accountType === 'app') user.jiraAdmin = true;
  site.users.push({
    ...DEMO_USERS.staff,
    jiraAdmin: false,
    browse: '*',
    administer: [],
    timeZone: 'UTC',
    accountType: 'atlassian',
  });
  const jira = await startFakeJira({ site, latencyMs: SLOW_LATENCY_MS, authMode: 'header' });
  try {
    let r: JobResult | undefined;
    await measure(
      jira,
      rows,
      '(i) first view, 80k/10y at 1.5 s a request: until the polled page has the report',
      null,
      async () => {
        jira.site.now = forgeNow();
        r = await runJob(jira, {
          kind: 'firstView',
          project: PROJECT,
          account: DEMO_USERS.staff.accountId,
          pollMs: 5000,
        });
        return { seconds: r.firstView!.reportAfterMs / 1000, peakKb: r.peakKb };
      },
    );
    const f = r!.firstView!;
    checks.push(
      `(i) 80k/10y first view at ${SLOW_LATENCY_MS} ms a request: getGate answered "${f.answer}" after ` +
        `${(f.answerMs / 1000).toFixed(1)} s (the resolver limit is 25 s); the queued recompute: ` +
        `${(f.recomputeMs / 1000).toFixed(1)} s, ${f.recomputeOutcome}; the page (polling every 5 s) had the report ` +
        `after ${(f.reportAfterMs / 1000).toFixed(1)} s and ${f.polls} polls. Computed inline, as the first version ` +
        `did, the read alone takes the recompute's ${(f.recomputeMs / 1000).toFixed(1)} s: past the 25 s limit.`,
    );
  } finally {
    await jira.close();
  }
}

function table(rows: Row[]): string {
  const head = ['scenario', 'points', 'requests', 'wall s', 'peak MB', 'points ÷ floor'];
  const body = rows.map((r) => [
    r.scenario,
    String(r.points),
    String(r.requests),
    r.seconds === null ? '—' : r.seconds < 0.1 ? r.seconds.toFixed(4) : r.seconds.toFixed(2),
    r.peakMb === null ? '—' : r.peakMb.toFixed(0),
    r.floor ? `${(r.points / r.floor).toFixed(3)} (${r.floor})` : '—',
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
  if (want('h')) await manyProjects(rows, checks);
  if (want('i')) await slowFirstView(rows, checks);
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
