/**
 * The recompute queue (`@forge/events`): one event per project and reason, never two computations of one project at
 * once (a concurrency key per project).
 */
import { Queue } from '@forge/events';
import { z } from 'zod';
import { clearRecomputePending, markRecomputePending } from './storage';

/** The queue key declared in manifest.yml (`consumer[].queue`). */
export const RECOMPUTE_QUEUE = 'phase-gate-recompute';
/** Issue events within this many seconds make one recompute. */
export const DEBOUNCE_SECONDS = 120;
/** Scheduled recomputes are spread over this many seconds (async events may be delayed 15 minutes at most). */
export const SPREAD_SECONDS = 840;

export const RecomputeEvent = z
  .object({
    /** The project's key (or, for a project the app knows only by id, its id). */
    project: z.string().regex(/^(?:[A-Z][A-Z0-9_]{0,49}|\d{1,18})$/),
    /** `first-view`: a first view too big to compute inline (issue #12) — a full read, configured or not. */
    reason: z.enum(['scheduled', 'issue-event', 'settings', 'retry', 'notices', 'first-view']),
  })
  .strict();
export type RecomputeEvent = z.infer<typeof RecomputeEvent>;

function event(body: RecomputeEvent, delayInSeconds: number) {
  return {
    body,
    delayInSeconds: Math.max(0, Math.min(900, Math.round(delayInSeconds))),
    concurrency: { key: `gate-${body.project}`, limit: 1 },
  };
}

/** Queues recomputes, 50 events per push (the platform's limit). */
export async function queueRecomputes(
  items: { body: RecomputeEvent; delayInSeconds: number }[],
): Promise<void> {
  const queue = new Queue({ key: RECOMPUTE_QUEUE });
  for (let i = 0; i < items.length; i += 50) {
    await queue.push(items.slice(i, i + 50).map((it) => event(it.body, it.delayInSeconds)));
  }
}

export async function queueRecompute(project: string, reason: RecomputeEvent['reason'], delayInSeconds = 0) {
  await queueRecomputes([{ body: { project, reason }, delayInSeconds }]);
}

/**
 * Queues one recompute for a burst of issue events: the first event sets a "pending" marker and queues a recompute
 * {@link DEBOUNCE_SECONDS} later; events until it starts find the marker and queue nothing.
 * @returns true when this call queued the recompute.
 */
export async function queueDebouncedRecompute(project: string, now: number): Promise<boolean> {
  if (!(await markRecomputePending(project, now, DEBOUNCE_SECONDS))) return false;
  try {
    await queueRecompute(project, 'issue-event', DEBOUNCE_SECONDS);
  } catch (err) {
    await clearRecomputePending(project).catch(() => undefined);
    throw err;
  }
  return true;
}

/** Delays for `n` scheduled events: spread evenly over {@link SPREAD_SECONDS}, with jitter. */
export function spreadDelays(n: number, random: () => number = Math.random): number[] {
  const step = n > 0 ? SPREAD_SECONDS / n : 0;
  return Array.from({ length: n }, (_, i) =>
    Math.min(900, Math.floor(i * step + random() * Math.min(step, 60))),
  );
}
