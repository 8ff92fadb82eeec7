/**
 * Phase 2 — On-time delivery (SPEC section 3). Pure: facts in, figures out.
 */
import type { Config } from './config';
import { addDays, daysBetween, inWindow, type CalendarDate } from './dates';
import { existsAt, nameSet, resolvedAt, type IssueFact } from './facts';
import type { Criterion, DeliveryReport } from './report';
import { median } from './stats';

export type DeliveryConfig = Pick<
  Config,
  | 'deliverableTypes'
  | 'graceDays'
  | 'deliveryWindowDays'
  | 'minDecided'
  | 'minOnTimeRate'
  | 'excludedResolutions'
>;

export interface DeliveryResult {
  report: DeliveryReport;
  evidence: { onTime: string[]; late: string[]; overdueOpen: string[]; noDueDate: string[] };
}

/** Rule "deliverable": an issue of a deliverable type, not resolved with an excluded resolution. */
export function isDeliverable(issue: IssueFact, config: DeliveryConfig): boolean {
  return (
    nameSet(config.deliverableTypes)(issue.type) && !nameSet(config.excludedResolutions)(issue.resolution)
  );
}

/**
 * Rule "on time": resolved at `asOf` and the resolution's calendar date is ≤ `duedate + graceDays`.
 * @example isOnTime({ dueDate: '2026-05-01', resolvedDay: '2026-05-02', … }, 1, '2026-06-30') // true
 */
export function isOnTime(issue: IssueFact, graceDays: number, asOf: CalendarDate): boolean {
  return (
    issue.dueDate !== null &&
    resolvedAt(issue, asOf) &&
    issue.resolvedDay! <= addDays(issue.dueDate, graceDays)
  );
}

/**
 * Rule "decision date": the resolution date when on time, otherwise `duedate + graceDays + 1` (the first day it is
 * known to be late); null without a due date.
 * @example decisionDate({ dueDate: '2026-05-01', resolvedDay: null, … }, 0, '2026-06-30') // '2026-05-02'
 */
export function decisionDate(issue: IssueFact, graceDays: number, asOf: CalendarDate): CalendarDate | null {
  if (issue.dueDate === null) return null;
  return isOnTime(issue, graceDays, asOf) ? issue.resolvedDay! : addDays(issue.dueDate, graceDays + 1);
}

/**
 * How many more on-time deliveries lift `onTime / decided` to at least `rate` (nothing else changing).
 * @example moreOnTimeNeeded(2, 5, 0.8) // 10  (12 / 15 = 0.8)
 */
export function moreOnTimeNeeded(onTime: number, decided: number, rate: number): number | null {
  if (rate >= 1) return onTime === decided ? 0 : null;
  // (onTime + k) / (decided + k) >= rate  <=>  k >= (rate·decided − onTime) / (1 − rate)
  const k = Math.ceil((rate * decided - onTime) / (1 - rate) - 1e-9);
  return Math.max(0, k);
}

/**
 * Rules D1–D2 and every delivery figure, as of the end of `asOf`.
 */
export function computeDelivery(
  issues: readonly IssueFact[],
  config: DeliveryConfig,
  asOf: CalendarDate,
): DeliveryResult {
  const N = config.deliveryWindowDays;
  const g = config.graceDays;
  const onTime: IssueFact[] = [];
  const late: IssueFact[] = [];
  const overdueOpen: IssueFact[] = [];
  const noDueDate: IssueFact[] = [];

  for (const issue of issues) {
    if (!isDeliverable(issue, config) || !existsAt(issue, asOf)) continue;
    if (issue.dueDate === null) {
      const open = !resolvedAt(issue, asOf);
      if (open || inWindow(issue.resolvedDay!, asOf, N)) noDueDate.push(issue);
      continue;
    }
    const decided = decisionDate(issue, g, asOf)!;
    if (!inWindow(decided, asOf, N)) continue;
    if (isOnTime(issue, g, asOf)) onTime.push(issue);
    else if (resolvedAt(issue, asOf)) late.push(issue);
    else overdueOpen.push(issue);
  }

  const decided = onTime.length + late.length + overdueOpen.length;
  const onTimeRate = decided === 0 ? null : onTime.length / decided;
  const medianDaysLate = median(late.map((i) => daysBetween(i.dueDate!, i.resolvedDay!)));

  const d1: Criterion = {
    id: 'D1',
    label: `Deliverables decided in ${N} days`,
    value: decided,
    target: `>= ${config.minDecided}`,
    met: decided >= config.minDecided,
  };
  if (!d1.met) {
    const more = config.minDecided - decided;
    d1.hint = `not enough data: ${more} more deliverable${more > 1 ? 's' : ''} with a due date must be decided`;
  }
  const d2: Criterion = {
    id: 'D2',
    label: 'On-time rate',
    value: onTimeRate,
    target: `>= ${formatPercent(config.minOnTimeRate)}`,
    met: onTimeRate !== null && onTimeRate >= config.minOnTimeRate,
  };
  if (!d2.met) {
    const k = moreOnTimeNeeded(onTime.length, decided, config.minOnTimeRate);
    d2.hint =
      onTimeRate === null
        ? 'no deliverable was decided in the window'
        : k === null
          ? `every decided deliverable must be on time (${late.length + overdueOpen.length} are not)`
          : `about ${k} more on-time deliver${k === 1 ? 'y' : 'ies'}` +
            (overdueOpen.length > 0 ? ` (${overdueOpen.length} overdue still open)` : '');
  }

  return {
    report: {
      met: d1.met && d2.met,
      windowDays: N,
      decided,
      onTime: onTime.length,
      late: late.length,
      overdueOpen: overdueOpen.length,
      onTimeRate,
      medianDaysLate,
      noDueDate: noDueDate.length,
      criteria: [d1, d2],
    },
    evidence: {
      onTime: onTime.map((i) => i.key),
      late: late.map((i) => i.key),
      overdueOpen: overdueOpen.map((i) => i.key),
      noDueDate: noDueDate.map((i) => i.key),
    },
  };
}

/** 0.8 → "80%", 0.6667 → "66.7%". */
export function formatPercent(rate: number): string {
  return `${Math.round(rate * 1000) / 10}%`;
}
