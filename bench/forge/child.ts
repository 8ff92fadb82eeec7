/**
 * One benchmark job in a process of its own (so that its peak memory is its own), bundled to plain JavaScript by
 * `bench/run.ts` and started with an IPC channel: it receives one {@link Job}, answers one {@link JobResult}, exits.
 *
 * - `recompute`: the queue consumer's computation (full, with the trend) through the app's own code;
 * - `page`: the page's `getGate` resolver through the real resolver handler, first call (permission check) and warm;
 * - `events`: issue events through the trigger, then the debounced consumer (incremental when it can be);
 * - `naive`: every issue of the counted types, no date pre-filter, then the same computation.
 */
import './platform'; // first: the Forge emulator must be in place before any app module loads
import { performance } from 'node:perf_hooks';
import { gateFromFacts } from '../../src/app/projectGate';
import { DEFAULT_CONFIG } from '../../src/core/config';
import { todayIn } from '../../src/core/dates';
import type { IssueFact } from '../../src/core/facts';
import type { Snapshot } from '../../src/forge/contract';
import { onIssueEvent, onRecompute } from '../../src/forge/events';
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

export type Job =
  | { kind: 'recompute'; project: string }
  | { kind: 'page'; project: string; kvs: KvsDump; account: string; warmCalls: number }
  | { kind: 'events'; project: string; kvs: KvsDump; events: IssueEvent[]; dropFacts: boolean }
  | { kind: 'naive'; project: string; email: string; token: string };

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
}

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
  await ensureGateDoc(id, DEFAULT_CONFIG, job.project);
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

const JOBS: { [K in Job['kind']]: (job: Extract<Job, { kind: K }>) => Promise<JobResult> } = {
  recompute,
  page,
  events,
  naive,
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
