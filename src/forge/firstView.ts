/**
 * Big first views (issue #12): a project's first computation runs inline only while it fits well inside the
 * resolver's 25 s. One that does not finish by {@link FIRST_VIEW_DEADLINE_MS} is queued (one recompute) and the view
 * answers "computing — about N s"; the page polls `getGate` until the snapshot (or an error) is stored.
 *
 * `computing:ID` (TTL) marks the queued first computation, so polls answer "computing" with the time left and queue
 * nothing more; the recompute's stored snapshot (or recorded failure) ends it.
 */
import { kvs } from '@forge/kvs';

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
