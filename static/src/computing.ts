/**
 * A first computation queued because it could not finish within the resolver's time (issue #12, `GateView.computing`):
 * what the project page says, and its polling of `getGate` — every few seconds, bounded, stopped on unmount.
 */
import type { GateView } from '../../src/forge/contract';
import { wordsFor, type Words } from '../../src/core/wording';

/** The default words: English (callers that do not know the viewer's language, and the command line's tests). */
const ENGLISH = wordsFor('en-US');

/** The page asks again this often while the gate is computing. */
export const POLL_EVERY_MS = 5000;
/** At most this many polls (10 minutes); the page then says to reload. */
export const MAX_POLLS = 120;

/**
 * "Computing the gate — about N s" (minutes past 90 s).
 * @example computingMessage(35) // 'Computing the gate — about 35 s'
 */
export function computingMessage(etaSeconds: number, words: Words = ENGLISH): string {
  const { t } = words.translator;
  const s = Math.max(1, Math.round(etaSeconds));
  return s <= 90
    ? t('project.computingSeconds', { n: s })
    : t('project.computingMinutes', { n: Math.round(s / 60) });
}

/** What the page says once it has stopped polling without an answer, in the viewer's language. */
export function pollingGaveUp(words: Words = ENGLISH): string {
  return words.translator.t('project.pollingGaveUp');
}

/** {@link pollingGaveUp} in English. */
export const POLLING_GAVE_UP = pollingGaveUp();

export interface Timers {
  setTimeout: (fn: () => void, ms: number) => unknown;
  clearTimeout: (handle: unknown) => void;
}

/**
 * Polls while the view says computing: calls `fetch` every {@link POLL_EVERY_MS}, hands each answer to `onView`,
 * and stops when an answer is no longer computing (a snapshot or an error arrived), after {@link MAX_POLLS} polls
 * (`onGiveUp`), or when the returned function is called (unmount). A failed poll is tried again on the same schedule.
 */
export function pollWhileComputing(
  fetch: () => Promise<GateView | null>,
  handlers: { onView: (view: GateView) => void; onGiveUp: () => void },
  timers: Timers = {
    setTimeout: (fn, ms) => globalThis.setTimeout(fn, ms),
    clearTimeout: (h) => globalThis.clearTimeout(h as ReturnType<typeof setTimeout>),
  },
): () => void {
  let stopped = false;
  let polls = 0;
  let handle: unknown = null;
  const schedule = () => {
    if (stopped) return;
    if (polls >= MAX_POLLS) {
      stopped = true;
      handlers.onGiveUp();
      return;
    }
    handle = timers.setTimeout(() => {
      handle = null;
      polls++;
      void fetch().then(
        (view) => {
          if (stopped) return; // unmounted while asking
          if (view) handlers.onView(view);
          if (view && !view.computing) stopped = true;
          else schedule();
        },
        () => schedule(),
      );
    }, POLL_EVERY_MS);
  };
  schedule();
  return () => {
    stopped = true;
    if (handle !== null) timers.clearTimeout(handle);
  };
}
