/**
 * The 12-month trend prepared for display: one row per point, oldest first, and a one-sentence summary that stands in
 * for the chart for screen-reader users.
 */
import type { TrendPoint } from '../../src/core/report';
import { formatHours, formatPercent, formatTrendLabel } from './format';

export interface TrendRow {
  asOf: string;
  label: string;
  shortLabel: string;
  phase: number;
  reliabilityMet: boolean;
  deliveryMet: boolean;
  onTimeRate: number | null;
  medianRestoreHours: number | null;
  majorIncidents: number;
  decided: number;
}

/** Trend points sorted oldest first, with labels ("Jun 2026", "15 Jun 2026"). */
export function trendRows(points: readonly TrendPoint[]): TrendRow[] {
  return [...points]
    .sort((a, b) => (a.asOf < b.asOf ? -1 : a.asOf > b.asOf ? 1 : 0))
    .map((p) => ({
      asOf: p.asOf,
      label: formatTrendLabel(p.asOf),
      shortLabel: formatTrendLabel(p.asOf, true),
      phase: p.phase,
      reliabilityMet: p.reliabilityMet,
      deliveryMet: p.deliveryMet,
      onTimeRate: p.onTimeRate,
      medianRestoreHours: p.medianRestoreHours,
      majorIncidents: p.majorIncidents,
      decided: p.decided,
    }));
}

/** "Phase went from 1 (Jul 2025) to 2 (Jun 2026); on-time rate 40% → 67%; median restore 30 h → 5.5 h." */
export function trendSummary(rows: readonly TrendRow[]): string {
  const first = rows[0];
  const last = rows[rows.length - 1];
  if (!first || !last) return 'No trend data yet.';
  if (rows.length === 1) return `Phase ${last.phase} as of ${last.label}.`;
  const phases = rows.map((r) => r.phase);
  const peak = Math.max(...phases);
  const low = Math.min(...phases);
  let phase: string;
  if (first.phase !== last.phase) {
    phase = `Phase went from ${first.phase} (${first.label}) to ${last.phase} (${last.label})`;
    if (peak > Math.max(first.phase, last.phase)) phase += `, reaching phase ${peak} in between`;
  } else if (peak === low) {
    phase = `Phase ${last.phase} throughout, ${first.label} to ${last.label}`;
  } else {
    phase = `Phase ${last.phase} in ${first.label} and in ${last.label}`;
    phase +=
      peak > last.phase ? `, reaching phase ${peak} in between` : `, falling to phase ${low} in between`;
  }
  return (
    `${phase}; on-time rate ${formatPercent(first.onTimeRate)} → ${formatPercent(last.onTimeRate)}; ` +
    `median restore ${formatHours(first.medianRestoreHours)} → ${formatHours(last.medianRestoreHours)}.`
  );
}
