/** What the project page says after a Refresh (static/src/refresh.ts): never "Recomputed" when it was not. */
import type { GateView } from '../../src/forge/contract';
import { refreshMessage } from '../../static/src/refresh';

const snapshot = { computedAt: '2026-12-03T10:00:00.000Z', report: { phase: 2 } } as unknown as NonNullable<
  GateView['snapshot']
>;
const view = (refresh: GateView['refresh'], extra: Partial<GateView> = {}): GateView => ({
  project: 'OPS',
  snapshot,
  ageMinutes: 0,
  stale: false,
  lastError: null,
  nextGate: [],
  ...(refresh ? { refresh } : {}),
  ...extra,
});

describe('refreshMessage', () => {
  test('throttled: not recomputed, when to try again, and the state shown', () => {
    const m = refreshMessage(view({ outcome: 'throttled', retryAt: '2026-12-03T10:00:30.000Z' }), 'UTC');
    expect(m.note).toBe(
      'Not recomputed: the gate was refreshed moments ago. Refresh again after 3 Dec 2026, 10:00 UTC. ' +
        'Showing the state computed 3 Dec 2026, 10:00 UTC.',
    );
    expect(m.announcement).toBe(m.note);
    expect(m.announcement).not.toMatch(/Recomputed/);
  });

  test('deferred: says why (at most one full read an hour)', () => {
    const m = refreshMessage(view({ outcome: 'deferred' }), 'UTC');
    expect(m.note).toMatch(/^Not recomputed: .*read in full within the hour/);
  });

  test('updated and computed: the phase, no note', () => {
    expect(refreshMessage(view({ outcome: 'updated' }))).toEqual({
      announcement: 'Updated with the changes since the last read: phase 2.',
      note: null,
    });
    expect(refreshMessage(view({ outcome: 'computed' }))).toEqual({
      announcement: 'Recomputed: phase 2.',
      note: null,
    });
  });

  test('a failed computation beside the last good state says so, whatever the outcome', () => {
    const m = refreshMessage(
      view(
        { outcome: 'deferred' },
        { lastError: { message: 'Jira answered 503.', at: '2026-12-03T10:01:00Z' } },
      ),
    );
    expect(m.announcement).toBe('The computation failed: Jira answered 503. Showing the last good state.');
  });
});
