/**
 * What the page says after a Refresh, from what the resolver did (`GateView.refresh`): never "Recomputed" when the
 * stored state was only answered again.
 */
import type { GateView } from '../../src/forge/contract';
import { formatInstant } from './format';
import { wordsFor, type Words } from '../../src/core/wording';

/** The default words: English (callers that do not know the viewer's language, and the command line's tests). */
const ENGLISH = wordsFor('en-US');

function withoutFinalStop(text: string): string {
  return text.endsWith('.') ? text.slice(0, -1) : text;
}

export interface RefreshMessage {
  /** For the live region (read by screen readers). */
  announcement: string;
  /** Shown under the header when the Refresh did not compute: why, and when it will. Null when it computed. */
  note: string | null;
}

/**
 * @example refreshMessage({ ...view, refresh: { outcome: 'throttled', retryAt: '2026-12-03T10:00:30Z' } }, 'UTC')
 *   // { announcement: 'Not recomputed: …', note: 'Not recomputed: the gate was refreshed moments ago. …' }
 */
export function refreshMessage(view: GateView, timeZone?: string, words: Words = ENGLISH): RefreshMessage {
  const { t } = words.translator;
  const w = words;
  const phase = view.snapshot?.report.phase ?? t('project.phaseUnknown');
  const computed = view.snapshot
    ? t('project.showingComputed', { instant: formatInstant(view.snapshot.computedAt, timeZone, w) })
    : '';
  if (view.lastError && view.snapshot) {
    const failed = t('project.failedShowingLastGood', { message: withoutFinalStop(view.lastError.message) });
    return { announcement: failed, note: null };
  }
  switch (view.refresh?.outcome) {
    case 'throttled': {
      const instant = formatInstant(view.refresh.retryAt, timeZone, w);
      const note = t('project.throttled', { instant, computed });
      return { announcement: note, note };
    }
    case 'deferred': {
      const note = t('project.deferred', { computed });
      return { announcement: note, note };
    }
    case 'updated':
      return { announcement: t('project.updated', { phase }), note: null };
    default:
      return { announcement: t('project.recomputed', { phase }), note: null };
  }
}
