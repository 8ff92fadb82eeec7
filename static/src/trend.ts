/**
 * The 12-month trend prepared for display: one row per point, oldest first, and a one-sentence summary that stands in
 * for the chart for screen-reader users.
 */
import type { TrendPoint } from '../../src/core/report';
import { wordsFor, type Words } from '../../src/core/wording';
import { formatTrendLabel } from './format';

/** The default of the functions that take the viewer's words: English. */
const ENGLISH = wordsFor('en-US');

export interface TrendRow extends TrendPoint {
  label: string;
  shortLabel: string;
}

/** Trend points sorted oldest first, with labels ("Jun 2026", "15 Jun 2026") in the words' language. */
export function trendRows(points: readonly TrendPoint[], words: Words = ENGLISH): TrendRow[] {
  return [...points]
    .sort((a, b) => (a.asOf < b.asOf ? -1 : a.asOf > b.asOf ? 1 : 0))
    .map((p) => ({
      asOf: p.asOf,
      label: formatTrendLabel(p.asOf, false, words),
      shortLabel: formatTrendLabel(p.asOf, true, words),
      phase: p.phase,
      reliabilityMet: p.reliabilityMet,
      deliveryMet: p.deliveryMet,
      onTimeRate: p.onTimeRate,
      medianRestoreHours: p.medianRestoreHours,
      majorIncidents: p.majorIncidents,
      decided: p.decided,
    }));
}

/** One figure of the summary: what it is called and what "no data" means for it. */
interface SummaryMetric {
  name: string;
  value: (row: TrendRow) => number | null;
  format: (value: number) => string;
  /** What "no data" means at a point, e.g. "no deliveries decided". */
  none: string;
}

function summaryMetrics(words: Words): SummaryMetric[] {
  const { t } = words.translator;
  return [
    {
      name: t('ui.metricOnTime'),
      value: (r) => r.onTimeRate,
      format: words.formatRate,
      none: t('ui.noneOnTime'),
    },
    {
      name: t('ui.metricRestore'),
      value: (r) => r.medianRestoreHours,
      format: words.formatHours,
      none: t('ui.noneRestore'),
    },
  ];
}

/**
 * How one figure moved between the first and the last point, in words: "on-time rate 40% → 66.7%"; with no data at
 * one end "on-time rate 42.9% (no deliveries decided as of Nov 2025)"; null when there is nothing to say (no data at
 * either end).
 */
function metricChange(m: SummaryMetric, first: TrendRow, last: TrendRow, words: Words): string | null {
  const { t } = words.translator;
  const from = m.value(first);
  const to = m.value(last);
  if (from !== null && to !== null)
    return t('ui.metricChange', { name: m.name, from: m.format(from), to: m.format(to) });
  if (to !== null)
    return t('ui.metricSince', { name: m.name, value: m.format(to), none: m.none, date: first.label });
  if (from !== null)
    return t('ui.metricUntil', {
      name: m.name,
      value: m.format(from),
      date: first.label,
      none: m.none,
      lastDate: last.label,
    });
  return null;
}

/** True when at least one point has a value for the figure. */
export function hasTrendData(
  rows: readonly TrendRow[],
  figure: 'onTimeRate' | 'medianRestoreHours',
): boolean {
  return rows.some((r) => r[figure] !== null);
}

/**
 * "Phase went from 1 (Jul 2025) to 2 (Jun 2026); on-time rate 40% → 67%; median restore 30 h → 5.5 h." A figure with
 * no data at either end is left out; one with no data at all is said so once ("no deliveries decided in that time").
 * In the words' language (English by default).
 */
export function trendSummary(rows: readonly TrendRow[], words: Words = ENGLISH): string {
  const { t } = words.translator;
  const first = rows[0];
  const last = rows[rows.length - 1];
  if (!first || !last) return t('ui.summaryEmpty');
  if (rows.length === 1) return t('ui.summaryOne', { phase: last.phase, date: last.label });
  const phases = rows.map((r) => r.phase);
  const peak = Math.max(...phases);
  const low = Math.min(...phases);
  const ends = { fromDate: first.label, toDate: last.label };
  let phase: string;
  if (first.phase !== last.phase) {
    const went = { from: first.phase, to: last.phase, ...ends };
    phase =
      peak > Math.max(first.phase, last.phase)
        ? t('ui.summaryWentPeak', { ...went, peak })
        : t('ui.summaryWent', went);
  } else if (peak === low) {
    phase = t('ui.summaryThroughout', { phase: last.phase, ...ends });
  } else {
    phase =
      peak > last.phase
        ? t('ui.summaryPeak', { phase: last.phase, peak, ...ends })
        : t('ui.summaryLow', { phase: last.phase, low, ...ends });
  }
  const parts = [phase];
  const never: string[] = [];
  for (const m of summaryMetrics(words)) {
    const change = metricChange(m, first, last, words);
    if (change) parts.push(change);
    else if (!rows.some((r) => m.value(r) !== null)) never.push(m.none);
  }
  if (never.length === 1) parts.push(t('ui.neverOne', { a: never[0]! }));
  else if (never.length > 1) parts.push(t('ui.neverBoth', { a: never[0]!, b: never[1]! }));
  // A sentence ends once: German hours end with their own full stop ("9,5 Std.").
  const joined = parts.join('; ');
  return joined.endsWith('.') ? joined : `${joined}.`;
}

/**
 * Evenly spaced ticks from 0 for a value axis: steps of 1, 2 or 5 × 10ⁿ, at most `maxIntervals` of them, the last
 * tick at or above `max` (e.g. 24 → 0, 10, 20, 30; 50 → 0, 20, 40, 60). With `whole`, for a count, no step is below
 * 1 (2 → 0, 1, 2, not 0, 0.5 … 2: there is no half an incident).
 */
export function niceTicks(max: number, maxIntervals = 4, whole = false): number[] {
  if (!Number.isFinite(max) || max <= 0) return [0, 1];
  const raw = Math.max(max / Math.max(1, maxIntervals), whole ? 1 : 0);
  const magnitude = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((f) => f * magnitude).find((s) => s >= raw * (1 - 1e-9)) ?? 10 * magnitude;
  const count = Math.max(1, Math.ceil(max / step - 1e-9));
  return Array.from({ length: count + 1 }, (_, i) => Number((i * step).toPrecision(12)));
}
