/**
 * One benchmark job in a process of its own (so that its peak memory is its own), bundled to plain JavaScript by
 * `bench/run.ts` and started with an IPC channel: it receives one {@link Job}, answers one {@link JobResult}, exits.
 *
 * - `recompute`: the queue consumer's computation (full, with the trend) through the app's own code;
 * - `page`: the page's `getGate` resolver through the real resolver handler, first call (permission check) and warm;
 * - `events`: issue events through the trigger, then the debounced consumer (incremental when it can be);
 * - `naive`: every issue of the counted types, no date pre-filter, then the same computation;
 * - `day`: a simulated day on the Forge clock — relevant changes, each its own event burst and debounced recompute,
 *   and the hourly schedule's run for the gate every hour;
 * - `refresh`: one viewer's Refresh (the `refresh` resolver) every 30 s for an hour;
 * - `enrol`: many small projects configured and read in full once (the settings save's recompute);
 * - `hours`: the hourly schedule (`onSchedule`, then every queued recompute through the consumer) over those projects;
 * - `firstView`: the first `getGate` of a project never computed, then the queued recompute and the page's polls.
 *
 * A job can ask the benchmark's parent process for something (`ask`): the fake Jira's clock moved with the Forge
 * clock, an edit made to the site (with its issue event), the points and requests counted since the last ask.
 */
import './platform'; // first: the Forge emulator must be in place before any app module loads
import { performance } from 'node:perf_hooks';
import { gateFromFacts } from '../../src/app/projectGate';
import { DEFAULT_CONFIG } from '../../src/core/config';
import { todayIn } from '../../src/core/dates';
import type { IssueFact } from '../../src/core/facts';
import type { GateView, Snapshot } from '../../src/forge/contract';
import { onIssueEvent, onRecompute, onSchedule } from '../../src/forge/events';
import { ensureGateDoc, markConfigured, readGate } from '../../src/forge/storage';
import { projectRef } from '../../src/forge/projects';
import { readFactsHeader } from '../../src/forge/storedFacts';
import { JiraClient } from '../../src/jira/client';
import { DataWarnings, FIELDS, toFact } from '../../src/jira/facts';
import { createFetchTransport } from '../../src/jira/fetchTransport';
import { idList, quote } from '../../src/jira/jql';
import { resolveSources, statusCategories } from '../../src/jira/siteNames';
import { readBypassApprovals } from '../../src/jira/bypass';
import { fetchChangelogs, toHistory } from '../../src/jira/changelog';
import { gateScope } from '../../src/core/sources';
import { invokeResolver } from '../../dev/forge-emulator/resolver';
import { handler } from '../../src/forge/resolvers';
import { bench } from './platform';
import type { IssueEvent } from '../../dev/bench-data/edits';

export type KvsDump = [string, { value: unknown; expiresAt?: number }][];

/** What a job can ask of the parent (which holds the fake Jira and its site). */
export type Ask =
  /** The site's clock set to the Forge clock (`updated` stamps, relative JQL dates). */
  | { kind: 'clock'; now: number }
  /** A relevant change made to the site now (it moves the site's clock first); answered with its issue event. */
  | { kind: 'edit'; now: number }
  /** The fake's points and requests since the last `stats` (or the job's start), then reset. */
  | { kind: 'stats' };
export interface Spent {
  points: number;
  requests: number;
  /** Of them, the permission checks as the user (`mypermissions`). */
  permissionPoints: number;
}

/** One scheduled hour over many projects (`hours`). */
export interface HourFigures {
  queued: number;
  spent: Spent;
  /** Consumer outcomes by their first words (e.g. `skipped`, `stored (incremental`). */
  outcomes: Record<string, number>;
}

export type Job =
  /** `dueDateBasis: 'current'`: the gate configured with today's due dates instead of the committed ones. */
  | { kind: 'recompute'; project: string; dueDateBasis?: 'current' }
  | { kind: 'page'; project: string; kvs: KvsDump; account: string; warmCalls: number }
  | { kind: 'events'; project: string; kvs: KvsDump; events: IssueEvent[]; dropFacts: boolean }
  | { kind: 'naive'; project: string; email: string; token: string }
  | {
      kind: 'day';
      project: string;
      kvs: KvsDump;
      hours: number;
      officeHours: [number, number];
      perHour: number;
    }
  | { kind: 'refresh'; project: string; kvs: KvsDump; account: string; calls: number; everyMs: number }
  | { kind: 'enrol'; projects: string[]; concurrency: number }
  | { kind: 'hours'; kvs: KvsDump; hours: number; concurrency: number }
  | { kind: 'firstView'; project: string; account: string; pollMs: number };

export interface JobResult {
  /** The measured part, in ms. */
  ms: number;
  peakKb: number;
  outcome?: string;
  snapshot?: Snapshot | null;
  kvs?: KvsDump;
  /** `page`: the first call, and the warm calls' median and 95th percentile, in ms; KVS reads per warm call. */
  page?: { coldMs: number; medianMs: number; p95Ms: number; kvsReads: number };
  /** `events`: the stored facts after the run. */
  facts?: { bytes: number; chunks: number; issues: number } | null;
  /** The Forge clock when the job ended (epoch ms): a simulated day's end. */
  clock?: number;
  /** `day`: what the events and the schedule spent; the consumers' outcomes by their first words. */
  day?: { events: Spent; schedule: Spent; changes: number; outcomes: Record<string, number> };
  /** `refresh`: the resolver's answers by outcome (`updated`, `throttled`, `computed` = a full read, `deferred`). */
  refresh?: Record<string, number>;
  /** `enrol`: the full reads' spend (the project lookups before them left out). */
  enrol?: Spent;
  /** `hours`: each scheduled hour. */
  hours?: HourFigures[];
  /** `firstView`: the first answer, and when the polled page had the report (ms from the first call). */
  firstView?: {
    answerMs: number;
    answer: string;
    etaSeconds: number | null;
    recomputeMs: number;
    recomputeOutcome: string;
    reportAfterMs: number;
    polls: number;
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Asking the parent

let asked = 0;
const answers = new Map<number, (value: unknown) => void>();
process.on('message', (m: { answer?: number; value?: unknown }) => {
  if (typeof m?.answer !== 'number') return;
  answers.get(m.answer)?.(m.value);
  answers.delete(m.answer);
});

function ask(what: { kind: 'stats' }): Promise<Spent>;
function ask(what: { kind: 'edit'; now: number }): Promise<IssueEvent>;
function ask(what: { kind: 'clock'; now: number }): Promise<null>;
function ask(what: Ask): Promise<unknown> {
  const id = ++asked;
  return new Promise((done) => {
    answers.set(id, done);
    process.send!({ ask: id, what });
  });
}

/** Moves the Forge clock and the fake Jira's together. */
async function moveClock(at: number): Promise<void> {
  bench.setNow(at);
  await ask({ kind: 'clock', now: at });
}

const add = (a: Spent, b: Spent): Spent => ({
  points: a.points + b.points,
  requests: a.requests + b.requests,
  permissionPoints: a.permissionPoints + b.permissionPoints,
});
const nothing = (): Spent => ({ points: 0, requests: 0, permissionPoints: 0 });
/** An outcome's first words: `stored (incremental: 3 issues)` → `stored (incremental`. */
const outcomeKind = (o: string) => o.split(/[:;]/)[0]!.trim();
const tally = (into: Record<string, number>, key: string) => (into[key] = (into[key] ?? 0) + 1);

/** Runs `work` over `items`, `concurrency` at a time (consumers run in parallel on Forge). */
async function pool<T>(items: readonly T[], concurrency: number, work: (item: T) => Promise<void>) {
  let next = 0;
  const lanes = Array.from({ length: Math.min(concurrency, items.length) }, async () => {
    while (next < items.length) await work(items[next++]!);
  });
  await Promise.all(lanes);
}

const HOUR = 3_600_000;

/** Storage is keyed by project id (a key can be renamed). */
const idOf = async (key: string): Promise<string> => (await projectRef(key))!.id;

const dump = (): KvsDump => bench.kvs.entries();

/** Replaces the store's content with a dump (not counted as requests). */
function restore(entries: KvsDump): void {
  bench.kvs.clear();
  for (const [key, { value, expiresAt }] of entries) bench.kvs.seed(key, value, expiresAt);
}

async function recompute(job: Extract<Job, { kind: 'recompute' }>): Promise<JobResult> {
  const id = await idOf(job.project);
  await markConfigured(id, 'bench', Date.now(), job.project);
  const config = job.dueDateBasis ? { ...DEFAULT_CONFIG, dueDateBasis: job.dueDateBasis } : DEFAULT_CONFIG;
  await ensureGateDoc(id, config, job.project);
  const started = performance.now();
  const { outcome } = await onRecompute({ body: { project: job.project, reason: 'settings' } });
  const ms = performance.now() - started;
  return { ms, peakKb: 0, outcome, snapshot: (await readGate(id))?.snapshot, kvs: dump() };
}

async function page(job: Extract<Job, { kind: 'page' }>): Promise<JobResult> {
  restore(job.kvs);
  const call = async () => {
    const started = performance.now();
    const view = (await invokeResolver(handler, {
      functionKey: 'getGate',
      context: {
        extension: { type: 'jira:projectPage', project: { id: '1', key: job.project, type: 'software' } },
        accountType: 'licensed',
      },
      accountId: job.account,
      installContext: 'ari:cloud:jira::site/00000000-0000-0000-0000-000000000001',
    })) as { snapshot?: unknown } | null;
    if (!view?.snapshot)
      throw new Error(`getGate answered no snapshot: ${JSON.stringify(view).slice(0, 200)}`);
    return performance.now() - started;
  };
  const coldMs = await call();
  bench.kvs.resetCalls();
  const warm: number[] = [];
  for (let i = 0; i < job.warmCalls; i++) warm.push(await call());
  warm.sort((a, b) => a - b);
  const reads = bench.kvs.calls.get + bench.kvs.calls.batchGet + bench.kvs.calls.query;
  return {
    ms: warm[Math.floor(warm.length / 2)]!,
    peakKb: 0,
    page: {
      coldMs,
      medianMs: warm[Math.floor(warm.length / 2)]!,
      p95Ms: warm[Math.floor(warm.length * 0.95)]!,
      kvsReads: reads / job.warmCalls,
    },
  };
}

async function events(job: Extract<Job, { kind: 'events' }>): Promise<JobResult> {
  restore(job.kvs);
  const id = await idOf(job.project);
  // The gate document is keyed by project id; the stored facts by the key the consumer is queued with.
  if (job.dropFacts) bench.kvs.remove(`facts:${job.project}`);
  const started = performance.now();
  for (const e of job.events) await onIssueEvent(e);
  const { outcome } = await onRecompute({ body: { project: job.project, reason: 'issue-event' } });
  const ms = performance.now() - started;
  const header = await readFactsHeader(job.project);
  const bytes = header
    ? Array.from({ length: header.chunks }, (_, i) =>
        Buffer.byteLength(JSON.stringify(bench.kvs.peek(`facts:${job.project}:${i}`)), 'utf8'),
      ).reduce((a, b) => a + b, 0)
    : 0;
  return {
    ms,
    peakKb: 0,
    outcome,
    snapshot: (await readGate(id))?.snapshot,
    kvs: dump(),
    facts: header
      ? {
          bytes,
          chunks: header.chunks,
          issues: header.counts.incidents + header.counts.deliverables + header.counts.ideas,
        }
      : null,
  };
}

/**
 * The naive strategy: every issue of the counted types, with every field the rules read, no date pre-filter — then
 * the same changelog reads as the app (deliverables' due dates and statuses, the bypass labels' adders) and the same
 * rules, so that it must give the same snapshot and differs only in what it costs.
 */
async function naive(job: Extract<Job, { kind: 'naive' }>): Promise<JobResult> {
  const config = DEFAULT_CONFIG;
  const client = new JiraClient(
    createFetchTransport({ baseUrl: process.env.BENCH_JIRA_URL!, email: job.email, apiToken: job.token }),
  );
  const warnings = new DataWarnings();
  const started = performance.now();
  const { sources, homeName, projects } = await resolveSources(
    client,
    gateScope(job.project, config),
    config,
  );
  const read = async (types: readonly { id: string }[], fields: readonly string[]) => {
    const out: IssueFact[] = [];
    if (types.length === 0) return out;
    await client.search(
      `project = ${quote(job.project)} AND issuetype in ${idList(types.map((t) => t.id))} ORDER BY created ASC`,
      fields,
      (issues) => {
        for (const issue of issues) {
          const fact = toFact(issue, config.timeZone, warnings);
          if (fact) out.push(fact);
        }
      },
    );
    return out;
  };
  const [incidents, deliverables, ideas] = await Promise.all([
    read(sources.incidents.types, FIELDS.incidents),
    read(sources.deliverables.types, FIELDS.deliverables),
    read(sources.ideas.types, FIELDS.ideas),
  ]);
  const notes: string[] = [];
  const ideaProjects = sources.ideas.projects.flatMap((k) => projects.get(k) ?? []);
  const [categories, logs, isApprover] = await Promise.all([
    statusCategories(client),
    fetchChangelogs(
      client,
      deliverables.map((f) => f.id || f.key),
      ['duedate', 'status'],
    ),
    readBypassApprovals(client, ideas, config, ideaProjects, notes),
  ]);
  for (const f of deliverables) f.history = toHistory(logs.get(f.id) ?? logs.get(f.key) ?? [], categories);
  const now = Date.now();
  const gate = gateFromFacts(
    {
      incidents,
      deliverables,
      ideas,
      dataWarnings: [...notes, ...warnings.list()],
      firstIncidentDay: incidents[0]?.createdDay ?? null,
    },
    sources,
    config,
    { home: job.project, name: homeName },
    { asOf: todayIn(config.timeZone, now), now, trend: true, isApprover },
  );
  const ms = performance.now() - started;
  return {
    ms,
    peakKb: 0,
    snapshot: {
      report: gate.report,
      evidence: gate.evidence,
      trend: gate.trend ?? [],
      computedAt: gate.report.computedAt,
    },
  };
}

/**
 * A simulated day for one gate (SPEC §8): `perHour` relevant changes an hour in office hours (hours after the start),
 * each its own burst — the issue event through the trigger, the debounced recompute 121 s later through the consumer
 * — and the hourly schedule's run for the gate at half past every hour.
 */
async function day(job: Extract<Job, { kind: 'day' }>): Promise<JobResult> {
  restore(job.kvs);
  const t0 = Date.now();
  const outcomes: Record<string, number> = {};
  let events = nothing();
  let schedule = nothing();
  let changes = 0;
  const started = performance.now();
  await ask({ kind: 'stats' }); // nothing before the day counts
  for (let hour = 1; hour <= job.hours; hour++) {
    const office = hour >= job.officeHours[0] && hour < job.officeHours[1];
    for (let n = 0; office && n < job.perHour; n++) {
      const at = t0 + hour * HOUR + n * (HOUR / job.perHour / 2);
      bench.setNow(at);
      const event = await ask({ kind: 'edit', now: at });
      await onIssueEvent(event);
      await moveClock(Date.now() + 121_000);
      const { outcome } = await onRecompute({ body: { project: job.project, reason: 'issue-event' } });
      tally(outcomes, `issue-event: ${outcomeKind(outcome)}`);
      events = add(events, await ask({ kind: 'stats' }));
      changes++;
    }
    await moveClock(t0 + hour * HOUR + 30 * 60_000);
    const { outcome } = await onRecompute({ body: { project: job.project, reason: 'scheduled' } });
    tally(outcomes, `scheduled: ${outcomeKind(outcome)}`);
    schedule = add(schedule, await ask({ kind: 'stats' }));
  }
  const ms = performance.now() - started;
  const id = await idOf(job.project);
  return {
    ms,
    peakKb: 0,
    snapshot: (await readGate(id))?.snapshot,
    kvs: dump(),
    clock: Date.now(),
    day: { events, schedule, changes, outcomes },
  };
}

/** One viewer presses Refresh every `everyMs` (the `refresh` resolver through the real resolver handler). */
async function refresh(job: Extract<Job, { kind: 'refresh' }>): Promise<JobResult> {
  restore(job.kvs);
  const t0 = Date.now();
  const answers: Record<string, number> = {};
  const started = performance.now();
  for (let i = 0; i < job.calls; i++) {
    await moveClock(t0 + i * job.everyMs);
    const view = (await invokeResolver(handler, {
      functionKey: 'refresh',
      context: {
        extension: { type: 'jira:projectPage', project: { id: '1', key: job.project, type: 'software' } },
        accountType: 'licensed',
      },
      accountId: job.account,
      installContext: 'ari:cloud:jira::site/00000000-0000-0000-0000-000000000001',
    })) as { snapshot?: unknown; refresh?: { outcome: string } } | null;
    if (!view?.snapshot)
      throw new Error(`refresh answered no snapshot: ${JSON.stringify(view).slice(0, 200)}`);
    tally(answers, view.refresh?.outcome ?? 'none');
  }
  const ms = performance.now() - started;
  const id = await idOf(job.project);
  return {
    ms,
    peakKb: 0,
    refresh: answers,
    snapshot: (await readGate(id))?.snapshot,
    kvs: dump(),
    clock: Date.now(),
  };
}

/** Projects configured by an admin (settings saved): each read in full once, as the settings save queues. */
async function enrol(job: Extract<Job, { kind: 'enrol' }>): Promise<JobResult> {
  await pool(job.projects, job.concurrency, async (key) => {
    const id = await idOf(key);
    await markConfigured(id, 'bench', Date.now(), key);
    await ensureGateDoc(id, DEFAULT_CONFIG, key);
  });
  await ask({ kind: 'stats' }); // the project lookups are not the full reads
  const started = performance.now();
  const failed: string[] = [];
  await pool(job.projects, job.concurrency, async (key) => {
    const { outcome } = await onRecompute({ body: { project: key, reason: 'settings' } });
    if (!outcome.startsWith('stored')) failed.push(`${key}: ${outcome}`);
  });
  if (failed.length) throw new Error(`enrol: ${failed.length} not stored, e.g. ${failed[0]}`);
  const ms = performance.now() - started;
  return { ms, peakKb: 0, enrol: await ask({ kind: 'stats' }), kvs: dump(), clock: Date.now() };
}

/**
 * The hourly schedule over the configured projects, `hours` times: `onSchedule` at the hour, then every recompute it
 * queued through the consumer, `concurrency` at a time (their spread over the hour is not waited for).
 */
async function hours(job: Extract<Job, { kind: 'hours' }>): Promise<JobResult> {
  restore(job.kvs);
  const t0 = Date.now();
  const figures: HourFigures[] = [];
  const started = performance.now();
  for (let h = 1; h <= job.hours; h++) {
    await moveClock(t0 + h * HOUR);
    await ask({ kind: 'stats' });
    bench.pushed.length = 0;
    const { queued } = await onSchedule();
    const bodies = bench.pushed.flatMap((p) => p.payload.map((e) => (e as { body?: unknown }).body ?? e));
    const outcomes: Record<string, number> = {};
    await pool(bodies, job.concurrency, async (body) => {
      tally(outcomes, outcomeKind((await onRecompute({ body })).outcome));
    });
    figures.push({ queued, spent: await ask({ kind: 'stats' }), outcomes });
  }
  return { ms: performance.now() - started, peakKb: 0, hours: figures, clock: Date.now() };
}

/**
 * A first view of a project never computed: `getGate` as the page calls it; when it answers "computing", the
 * recompute it queued runs (as the queue delivers it) while the page polls `getGate` every `pollMs`, until a poll has
 * the report.
 */
async function firstView(job: Extract<Job, { kind: 'firstView' }>): Promise<JobResult> {
  const getGate = async () =>
    (await invokeResolver(handler, {
      functionKey: 'getGate',
      context: {
        extension: { type: 'jira:projectPage', project: { id: '1', key: job.project, type: 'software' } },
        accountType: 'licensed',
      },
      accountId: job.account,
      installContext: 'ari:cloud:jira::site/00000000-0000-0000-0000-000000000001',
    })) as GateView;
  bench.pushed.length = 0;
  const started = performance.now();
  const first = await getGate();
  const answerMs = performance.now() - started;
  const answer = first.snapshot
    ? 'the report (computed inline)'
    : first.computing
      ? `computing — about ${first.computing.etaSeconds} s`
      : `no report: ${first.lastError?.message ?? JSON.stringify(first).slice(0, 120)}`;
  const bodies = bench.pushed.flatMap((p) => p.payload.map((e) => (e as { body?: unknown }).body ?? e));
  let recomputeMs = 0;
  let recomputeOutcome = '—';
  let polls = 0;
  let reportAfterMs = first.snapshot ? answerMs : NaN;
  if (!first.snapshot && first.computing) {
    const queued = bodies.find((b) => (b as { reason?: string }).reason === 'first-view');
    if (!queued) throw new Error(`firstView: "computing" but nothing queued (${JSON.stringify(bodies)})`);
    const recomputing = (async () => {
      const at = performance.now();
      recomputeOutcome = (await onRecompute({ body: queued })).outcome;
      recomputeMs = performance.now() - at;
    })();
    for (;;) {
      await new Promise((r) => setTimeout(r, job.pollMs));
      polls++;
      const view = await getGate();
      if (view.snapshot) {
        reportAfterMs = performance.now() - started;
        break;
      }
      if (!view.computing)
        throw new Error(`firstView: a poll answered neither: ${JSON.stringify(view).slice(0, 200)}`);
    }
    await recomputing;
  }
  return {
    ms: answerMs,
    peakKb: 0,
    firstView: {
      answerMs,
      answer,
      etaSeconds: first.computing?.etaSeconds ?? null,
      recomputeMs,
      recomputeOutcome,
      reportAfterMs,
      polls,
    },
  };
}

const JOBS: { [K in Job['kind']]: (job: Extract<Job, { kind: K }>) => Promise<JobResult> } = {
  recompute,
  page,
  events,
  naive,
  day,
  refresh,
  enrol,
  hours,
  firstView,
};

process.once('message', (job: Job) => {
  (JOBS[job.kind] as (j: Job) => Promise<JobResult>)(job).then(
    (result) => {
      result.peakKb = process.resourceUsage().maxRSS;
      process.send!(result, () => process.exit(0));
    },
    (err: unknown) => {
      process.send!({ error: (err as Error)?.stack ?? String(err) }, () => process.exit(1));
    },
  );
});
