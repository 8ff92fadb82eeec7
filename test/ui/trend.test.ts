import type { TrendPoint } from '../../src/core/report';
import { trendRows, trendSummary } from '../../static/src/trend';

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
      'Phase 1 in Jun 2025 and in Jun 2026, reaching phase 2 in between; on-time rate no data → 60%; median restore 40 h → 32 h.',
    );
    expect(trendSummary(trendRows([point('2025-06-30', 3, 0.9, 2), point('2026-06-30', 3, 0.9, 2)]))).toMatch(
      /^Phase 3 throughout, Jun 2025 to Jun 2026;/,
    );
    expect(trendSummary([])).toBe('No trend data yet.');
  });
});
