/**
 * Big first views (issue #12): a project's first computation runs inline only while it fits well inside the
 * resolver's 25 s. Before reading, Jira's approximate counts of the searches forecast the read
 * ({@link forecastFirstRead}); one forecast past {@link FIRST_VIEW_DEADLINE_MS}, or one that does not finish by then
 * after all, is queued (one recompute) and the view answers "computing — about N s"; the page polls `getGate` until
 * the snapshot (or an error) is stored.
 *
 * `computing:ID` (TTL) marks the queued first computation, so polls answer "computing" with the time left and queue
 * nothing more; the recompute's stored snapshot (or recorded failure) ends it.
 */
import { kvs } from '@forge/kvs';
import type { JiraClient } from '../jira/client';
import { approximateCount } from '../jira/endpoints';
import type { FetchOptions } from '../jira/gateData';

/** The first view computes inline until this long after the call started (resolvers have 25 s in all). */
export const FIRST_VIEW_DEADLINE_MS = 15_000;

/** The smallest estimate given, and the rounding step (people read "about 35 s", not "about 33 s"). */
const MIN_ETA_SECONDS = 15;
const ETA_STEP_SECONDS = 5;
/** The marker outlives the estimate by this much: a recompute slower than estimated still reads as computing. */
const MARKER_GRACE_SECONDS = 600;

export interface ComputingMark {
  /** Epoch ms the computation was queued. */
  queuedAt: number;
  /** The estimate given then, in seconds. */
  etaSeconds: number;
}

const markKey = (homeId: string) => `computing:${homeId}`;

const roundUp = (seconds: number) =>
  Math.max(MIN_ETA_SECONDS, Math.ceil(seconds / ETA_STEP_SECONDS) * ETA_STEP_SECONDS);

/**
 * How long the queued computation should take: the background run starts over, so at least what the inline attempt
 * spent before its deadline, again as long for what it did not reach, and a few seconds for the queue to deliver it.
 * @example estimateEtaSeconds(15_000) // 35
 */
export function estimateEtaSeconds(spentMs: number): number {
  return roundUp((2 * Math.max(0, spentMs)) / 1000 + 5);
}

/** Jira returns at most this many issues a search page when fields are asked for. */
const ISSUES_PER_PAGE = 100;
/** ... and the changelogs of this many issues a bulk request (src/jira/changelog.ts). */
const CHANGELOG_ISSUES_PER_REQUEST = 1000;

/**
 * How long a full read of these many issues takes at `requestMs` a request: the three searches page concurrently, so
 * the longest one, then the deliverables' changelogs, then one request for the bypass labels' history.
 * @example forecastReadMs({ incidents: 227, deliverables: 534, ideas: 2216 }, 1500) // (23 + 1 + 1) × 1500 = 37500
 */
export function forecastReadMs(
  counts: { incidents: number; deliverables: number; ideas: number },
  requestMs: number,
): number {
  const pages = (n: number) => Math.max(1, Math.ceil(n / ISSUES_PER_PAGE));
  const chain =
    Math.max(pages(counts.incidents), pages(counts.deliverables), pages(counts.ideas)) +
    Math.ceil(counts.deliverables / CHANGELOG_ISSUES_PER_REQUEST) +
    1;
  return chain * requestMs;
}

/** A first view forecast not to finish in time: queue it now, "about `etaSeconds` s". */
export class FirstViewTooBig extends Error {
  constructor(readonly etaSeconds: number) {
    super(`the first computation would take about ${etaSeconds} s: it is queued`);
    this.name = 'FirstViewTooBig';
  }
}

/**
 * The read's `beforeSearch` for a first view (issue #12): counts what each search will find (Jira's approximate
 * count, one request each, a point each), times those requests, and throws {@link FirstViewTooBig} when the read
 * is forecast to end after `deadline` — so a project too big to answer inline is queued within a few requests, not
 * after 15 s of reading that the queued run reads again. A count Jira refuses forecasts nothing: the read goes on,
 * and the deadline still holds.
 */
export function forecastFirstRead(
  client: JiraClient,
  deadline: number,
  clock: () => number = Date.now,
): NonNullable<FetchOptions['beforeSearch']> {
  return async (jql) => {
    // Each count timed on its own; the quickest is one request's latency (the others may have waited in line).
    const timed = async (q: string | null) => {
      if (q === null) return { count: 0, ms: Infinity };
      const started = clock();
      const { count } = await approximateCount(client, q);
      return { count, ms: clock() - started };
    };
    let answers: { count: number; ms: number }[];
    try {
      answers = await Promise.all([timed(jql.incidents), timed(jql.deliverables), timed(jql.ideas)]);
    } catch {
      return;
    }
    const quickest = Math.min(...answers.map((a) => a.ms));
    const requestMs = Number.isFinite(quickest) ? Math.max(1, quickest) : 1;
    const [incidents, deliverables, ideas] = answers.map((a) => a.count) as [number, number, number];
    const forecast = forecastReadMs({ incidents, deliverables, ideas }, requestMs);
    if (clock() + forecast > deadline) throw new FirstViewTooBig(roundUp(forecast / 1000 + 5));
  };
}

/** Records that the first computation of `homeId` was queued. */
export async function markComputing(homeId: string, mark: ComputingMark): Promise<void> {
  await kvs.set(markKey(homeId), mark, {
    ttl: { value: mark.etaSeconds + MARKER_GRACE_SECONDS, unit: 'SECONDS' },
  });
}

/** The queued first computation of `homeId`, if one is running, with the seconds left of its estimate. */
export async function readComputing(homeId: string, now: number): Promise<{ etaSeconds: number } | null> {
  const mark = await kvs.get<ComputingMark>(markKey(homeId));
  if (!mark || typeof mark.queuedAt !== 'number' || typeof mark.etaSeconds !== 'number') return null;
  if (now > mark.queuedAt + (mark.etaSeconds + MARKER_GRACE_SECONDS) * 1000) return null; // expired, not yet gone
  const left = mark.etaSeconds - (now - mark.queuedAt) / 1000;
  return { etaSeconds: Math.max(ETA_STEP_SECONDS, Math.ceil(left / ETA_STEP_SECONDS) * ETA_STEP_SECONDS) };
}
