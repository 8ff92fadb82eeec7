/**
 * What the page says after a Refresh, from what the resolver did (`GateView.refresh`): never "Recomputed" when the
 * stored state was only answered again.
 */
import type { GateView } from '../../src/forge/contract';
import { formatInstant } from './format';

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
export function refreshMessage(view: GateView, timeZone?: string): RefreshMessage {
  const phase = `phase ${view.snapshot?.report.phase ?? 'unknown'}`;
  const computed = view.snapshot
    ? ` Showing the state computed ${formatInstant(view.snapshot.computedAt, timeZone)}.`
    : '';
  if (view.lastError && view.snapshot) {
    const failed = `The computation failed: ${withoutFinalStop(view.lastError.message)}. Showing the last good state.`;
    return { announcement: failed, note: null };
  }
  switch (view.refresh?.outcome) {
    case 'throttled': {
      const note =
        `Not recomputed: the gate was refreshed moments ago. Refresh again after ` +
        `${formatInstant(view.refresh.retryAt, timeZone)}.${computed}`;
      return { announcement: note, note };
    }
    case 'deferred': {
      const note =
        'Not recomputed: nothing changed that the app can apply cheaply, and the project was read in full within ' +
        `the hour (at most one full read an hour, to spare the site's Jira).${computed}`;
      return { announcement: note, note };
    }
    case 'updated':
      return { announcement: `Updated with the changes since the last read: ${phase}.`, note: null };
    default:
      return { announcement: `Recomputed: ${phase}.`, note: null };
  }
}
