import type { TrendPoint } from '../../src/core/report';
import { wordsFor } from '../../src/core/wording';
import { hasTrendData, niceTicks, trendRows, trendSummary } from '../../static/src/trend';

const point = (
  asOf: string,
  phase: 1 | 2 | 3,
  onTimeRate: number | null,
  medianRestoreHours: number | null,
): TrendPoint => ({
  asOf,
  phase,
  reliabilityMet: phase >= 2,
  deliveryMet: phase === 3,
  onTimeRate,
  medianRestoreHours,
  majorIncidents: 1,
  decided: 5,
});

describe('trend for display', () => {
  test('sorted oldest first with labels', () => {
    const rows = trendRows([point('2026-06-15', 2, 0.6, 5), point('2026-05-31', 1, 0.5, 30)]);
    expect(rows.map((r) => [r.asOf, r.label, r.shortLabel])).toEqual([
      ['2026-05-31', 'May 2026', 'May ’26'],
      ['2026-06-15', '15 Jun 2026', '15 Jun ’26'],
    ]);
  });

  test('the summary says where the phase went and how the figures moved', () => {
    expect(
      trendSummary(trendRows([point('2025-06-30', 1, 0.4, 30), point('2026-06-30', 2, 0.6667, 5.5)])),
    ).toBe(
      'Phase went from 1 (Jun 2025) to 2 (Jun 2026); on-time rate 40% → 66.7%; median restore 30 h → 5.5 h.',
    );
    expect(
      trendSummary(
        trendRows([
          point('2025-06-30', 1, null, 40),
          point('2025-12-31', 2, 0.7, 20),
          point('2026-06-30', 1, 0.6, 31.5),
        ]),
      ),
    ).toBe(
      'Phase 1 as of Jun 2025 and as of Jun 2026, reaching phase 2 in between; on-time rate 60% (no deliveries decided as of Jun 2025); median restore 40 h → 31.5 h.',
    );
    expect(trendSummary(trendRows([point('2025-06-30', 3, 0.9, 2), point('2026-06-30', 3, 0.9, 2)]))).toMatch(
      /^Phase 3 throughout, Jun 2025 to Jun 2026;/,
    );
    expect(trendSummary([])).toBe('No trend data yet.');
  });

  test('a figure without data at one end says so in words, never "no data → …"', () => {
    const summary = trendSummary(
      trendRows([point('2025-11-30', 2, null, null), point('2026-11-27', 1, 0.4286, 23)]),
    );
    expect(summary).toBe(
      'Phase went from 2 (Nov 2025) to 1 (27 Nov 2026); on-time rate 42.9% (no deliveries decided as of Nov 2025); ' +
        'median restore 23 h (no incidents restored as of Nov 2025).',
    );
    expect(trendSummary(trendRows([point('2025-11-30', 2, 0.5, 10), point('2026-11-27', 2, null, 10)]))).toBe(
      'Phase 2 throughout, Nov 2025 to 27 Nov 2026; on-time rate 50% in Nov 2025, no deliveries decided as of ' +
        '27 Nov 2026; median restore 10 h → 10 h.',
    );
    expect(summary).not.toMatch(/no data/);
  });

  test('a figure with no data at either end is left out; with none at all, said once', () => {
    const none = trendRows([point('2025-11-30', 2, null, null), point('2026-11-27', 2, null, null)]);
    expect(trendSummary(none)).toBe(
      'Phase 2 throughout, Nov 2025 to 27 Nov 2026; no deliveries decided and no incidents restored in that time.',
    );
    expect(hasTrendData(none, 'onTimeRate')).toBe(false);
    const middle = trendRows([
      point('2025-11-30', 1, null, 30),
      point('2026-05-31', 1, 0.5, 20),
      point('2026-11-27', 1, null, 10),
    ]);
    expect(trendSummary(middle)).toBe(
      'Phase 1 throughout, Nov 2025 to 27 Nov 2026; median restore 30 h → 10 h.',
    );
    expect(hasTrendData(middle, 'onTimeRate')).toBe(true);
  });
});

describe('axis ticks', () => {
  test('evenly spaced from 0, steps of 1, 2 or 5 × 10ⁿ, up to or past the highest value', () => {
    expect(niceTicks(36)).toEqual([0, 10, 20, 30, 40]);
    expect(niceTicks(24)).toEqual([0, 10, 20, 30]);
    expect(niceTicks(48.5)).toEqual([0, 20, 40, 60]);
    expect(niceTicks(130)).toEqual([0, 50, 100, 150]);
    expect(niceTicks(40)).toEqual([0, 10, 20, 30, 40]);
    expect(niceTicks(2)).toEqual([0, 0.5, 1, 1.5, 2]);
    // A count (major incidents) has whole ticks only.
    expect(niceTicks(2, 4, true)).toEqual([0, 1, 2]);
    expect(niceTicks(3, 4, true)).toEqual([0, 1, 2, 3]);
    expect(niceTicks(8, 4, true)).toEqual([0, 2, 4, 6, 8]);
    expect(niceTicks(0)).toEqual([0, 1]);
    for (const max of [0.3, 3, 7, 9, 18, 23.4, 61, 99, 250, 1234]) {
      const ticks = niceTicks(max);
      const steps = ticks.slice(1).map((t, i) => Number((t - ticks[i]!).toPrecision(10)));
      expect(new Set(steps).size).toBe(1);
      expect(ticks[0]).toBe(0);
      expect(ticks[ticks.length - 1]).toBeGreaterThanOrEqual(max);
      expect(ticks.length).toBeLessThanOrEqual(5);
    }
  });
});

describe('issue #14: the trend in German', () => {
  const de = wordsFor('de-DE');

  test('labels use the catalogue’s months', () => {
    const rows = trendRows([point('2026-06-15', 2, 0.6, 5), point('2026-05-31', 1, 0.5, 30)], de);
    expect(rows.map((r) => [r.label, r.shortLabel])).toEqual([
      ['Mai 2026', 'Mai ’26'],
      ['15. Juni 2026', '15. Juni ’26'],
    ]);
  });

  test('the summary reads German, units included, and ends once', () => {
    expect(
      trendSummary(trendRows([point('2025-06-30', 1, 0.4, 30), point('2026-06-30', 2, 0.6667, 5.5)], de), de),
    ).toBe(
      'Die Phase ging von 1 (Juni 2025) auf 2 (Juni 2026); Pünktlichkeitsquote: 40 % → 66,7 %; Median der Wiederherstellung: 30 Std. → 5,5 Std.',
    );
    expect(trendSummary([], de)).toBe('Noch keine Verlaufsdaten.');
    const none = trendRows([point('2025-11-30', 2, null, null), point('2026-11-27', 2, null, null)], de);
    expect(trendSummary(none, de)).toBe(
      'Durchgehend Phase 2, Nov. 2025 bis 27. Nov. 2026; in diesem Zeitraum keine Lieferungen entschieden und keine Vorfälle wiederhergestellt.',
    );
  });
});
