/**
 * Phase 2 — On-time delivery (docs/metrics.md "Phase 2").
 * Pure: facts in, figures out. Deliverables are matched by type id; the due date that counts comes from dueDates.ts.
 */
import type { Config } from './config';
import { addDays, daysBetween, inWindow, type CalendarDate } from './dates';
import { dueDatesOn, dueTimeline, type DueTimeline } from './dueDates';
import { existsAt, isExcluded, resolvedAt, type IssueFact } from './facts';
import type { Criterion, DeliveryReport } from './report';
import { idSet, type GateSources } from './sources';
import { median } from './stats';
import { criterionLabel } from './wording';

export type DeliveryConfig = Pick<
  Config,
  | 'graceDays'
  | 'deliveryWindowDays'
  | 'minDecided'
  | 'minOnTimeRate'
  | 'timeZone'
  | 'dueDateBasis'
  | 'budgetCheck'
  | 'budgetTolerance'
  | 'minOnBudgetRate'
>;

export type DeliverySources = Pick<GateSources, 'deliverables' | 'excludedResolutions'>;

export interface DeliveryEvidence {
  onTime: string[];
  late: string[];
  overdueOpen: string[];
  noDueDate: string[];
  slipped: string[];
  onBudget: string[];
  overBudget: string[];
}

export interface DeliveryResult {
  report: DeliveryReport;
  evidence: DeliveryEvidence;
}

/** Rule "deliverable": an issue of a deliverable type (by id), not resolved with an excluded resolution. */
export function isDeliverable(issue: IssueFact, sources: DeliverySources): boolean {
  return (
    idSet(sources.deliverables.types)(issue.typeId) && !isExcluded(issue, idSet(sources.excludedResolutions))
  );
}

/** A deliverable with its due dates pre-computed for every as-of date (see dueDates.ts `dueTimeline`). */
export interface IndexedDeliverable {
  fact: IssueFact;
  due: DueTimeline;
}

/** Pre-indexes deliverables once for many as-of dates (trend, phase changes, sustain days). */
export function indexDeliverables(
  facts: readonly IssueFact[],
  sources: DeliverySources,
  timeZone: string,
): IndexedDeliverable[] {
  return facts
    .filter((f) => isDeliverable(f, sources))
    .map((fact) => ({ fact, due: dueTimeline(fact, timeZone) }));
}

/**
 * Rule "on time": resolved at `asOf` and the resolution's calendar date is ≤ `due + graceDays`.
 * @example isOnTime({ resolvedDay: '2026-05-02', … }, '2026-05-01', 1, '2026-06-30') // true
 */
export function isOnTime(
  issue: Pick<IssueFact, 'resolvedDay'>,
  due: CalendarDate | null,
  graceDays: number,
  asOf: CalendarDate,
): boolean {
  return (
    due !== null &&
    issue.resolvedDay !== null &&
    issue.resolvedDay <= asOf &&
    issue.resolvedDay <= addDays(due, graceDays)
  );
}

/**
 * Rule "decision date": the resolution date when on time, otherwise `due + graceDays + 1` (the first day it is known
 * to be late); null without a due date.
 * @example decisionDate({ resolvedDay: null }, '2026-05-01', 0, '2026-06-30') // '2026-05-02'
 */
export function decisionDate(
  issue: Pick<IssueFact, 'resolvedDay'>,
  due: CalendarDate | null,
  graceDays: number,
  asOf: CalendarDate,
): CalendarDate | null {
  if (due === null) return null;
  return isOnTime(issue, due, graceDays, asOf) ? issue.resolvedDay! : addDays(due, graceDays + 1);
}

/**
 * D2's need: the smallest k ≥ 0 with `(good + k) / (total + k) ≥ rate`; 1 when total = 0; null when impossible
 * (rate 1 with a miss).
 * @example moreOnTimeNeeded(2, 5, 0.8) // 10  (12 / 15 = 0.8)
 */
export function moreOnTimeNeeded(good: number, total: number, rate: number): number | null {
  if (total === 0) return 1;
  if (good / total >= rate) return 0;
  if (rate >= 1) return null;
  // (good + k) / (total + k) >= rate  <=>  k >= (rate·total − good) / (1 − rate)
  let k = Math.max(0, Math.ceil((rate * total - good) / (1 - rate) - 1e-9));
  // Guard the float edge: step to the exact smallest k.
  while (k > 0 && (good + k - 1) / (total + k - 1) >= rate) k--;
  while ((good + k) / (total + k) < rate) k++;
  return k;
}

/**
 * D3's need: the smallest k ≥ 0 more on-budget deliverables with `measured + k ≥ minDecided` and
 * `(onBudget + k) / (measured + k) ≥ rate`; null when impossible.
 * @example moreOnBudgetNeeded(1, 2, 0.8, 5) // 3 (4 / 5 = 0.8, and 5 measured)
 */
export function moreOnBudgetNeeded(
  onBudget: number,
  measured: number,
  rate: number,
  minDecided: number,
): number | null {
  const k = moreOnTimeNeeded(onBudget, measured, rate);
  if (k === null) return null;
  return Math.max(k, minDecided - measured);
}

/**
 * D1–D3 and every delivery figure, as of the end of `asOf`. Pass `indexDeliverables(...)` output to reuse it over
 * many dates; `met` here is the real result (waivers are applied by compute.ts).
 */
export function computeDelivery(
  deliverables: readonly IssueFact[] | readonly IndexedDeliverable[],
  sources: DeliverySources,
  config: DeliveryConfig,
  asOf: CalendarDate,
): DeliveryResult {
  const indexed: readonly IndexedDeliverable[] =
    deliverables.length > 0 && 'due' in deliverables[0]! && 'fact' in deliverables[0]!
      ? (deliverables as readonly IndexedDeliverable[])
      : indexDeliverables(deliverables as readonly IssueFact[], sources, config.timeZone);
  const N = config.deliveryWindowDays;
  const g = config.graceDays;
  const committedBasis = config.dueDateBasis !== 'current';
  const onTime: IssueFact[] = [];
  const late: { fact: IssueFact; due: CalendarDate }[] = [];
  const overdueOpen: IssueFact[] = [];
  const noDueDate: IssueFact[] = [];
  const slipped: IssueFact[] = [];
  const slipDays: number[] = [];
  const onBudget: IssueFact[] = [];
  const overBudget: IssueFact[] = [];

  for (const { fact, due: timeline } of indexed) {
    if (!existsAt(fact, asOf)) continue;
    const resolved = resolvedAt(fact, asOf);
    if (
      config.budgetCheck &&
      resolved &&
      inWindow(fact.resolvedDay!, asOf, N) &&
      (fact.originalEstimateSeconds ?? 0) > 0
    ) {
      const limit = fact.originalEstimateSeconds! * (1 + config.budgetTolerance);
      ((fact.timeSpentSeconds ?? 0) <= limit ? onBudget : overBudget).push(fact);
    }
    const dates = dueDatesOn(timeline, asOf);
    const due = committedBasis ? dates.committed : fact.dueDate;
    if (due === null) {
      if (!resolved || inWindow(fact.resolvedDay!, asOf, N)) noDueDate.push(fact);
      continue;
    }
    const decided = decisionDate(fact, due, g, asOf)!;
    if (!inWindow(decided, asOf, N)) continue;
    if (isOnTime(fact, due, g, asOf)) onTime.push(fact);
    else if (resolved) late.push({ fact, due });
    else overdueOpen.push(fact);
    if (dates.committed !== null && dates.current !== null && dates.current > dates.committed) {
      slipped.push(fact);
      slipDays.push(daysBetween(dates.committed, dates.current));
    }
  }

  const decided = onTime.length + late.length + overdueOpen.length;
  const onTimeRate = decided === 0 ? null : onTime.length / decided;
  const medianDaysLate = median(late.map((l) => daysBetween(l.due, l.fact.resolvedDay!)));

  const d1Met = decided >= config.minDecided;
  const d2Met = onTimeRate !== null && onTimeRate >= config.minOnTimeRate;
  const criteria: Criterion[] = [
    {
      id: 'D1',
      label: criterionLabel('D1', { reliability: N, delivery: N }),
      value: decided,
      unit: 'count',
      op: '>=',
      limit: config.minDecided,
      met: d1Met,
      waived: false,
      need: d1Met ? null : { kind: 'moreDecided', missing: config.minDecided - decided },
    },
    {
      id: 'D2',
      label: criterionLabel('D2', { reliability: N, delivery: N }),
      value: onTimeRate,
      unit: 'rate',
      op: '>=',
      limit: config.minOnTimeRate,
      met: d2Met,
      waived: false,
      need: d2Met
        ? null
        : {
            kind: 'moreOnTime',
            deliveries: moreOnTimeNeeded(onTime.length, decided, config.minOnTimeRate),
            overdueOpen: overdueOpen.length,
          },
    },
  ];

  const report: DeliveryReport = {
    met: false,
    windowDays: N,
    decided,
    onTime: onTime.length,
    late: late.length,
    overdueOpen: overdueOpen.length,
    onTimeRate,
    medianDaysLate,
    noDueDate: noDueDate.length,
    dueDateBasis: committedBasis ? 'committed' : 'current',
    slipped: slipped.length,
    medianSlipDays: median(slipDays),
    criteria,
  };
  if (config.budgetCheck) {
    const measured = onBudget.length + overBudget.length;
    const rate = measured === 0 ? null : onBudget.length / measured;
    const d3Met = measured >= config.minDecided && rate !== null && rate >= config.minOnBudgetRate;
    report.budgetMeasured = measured;
    report.onBudget = onBudget.length;
    report.onBudgetRate = rate;
    criteria.push({
      id: 'D3',
      label: criterionLabel('D3', { reliability: N, delivery: N }),
      value: rate,
      unit: 'rate',
      op: '>=',
      limit: config.minOnBudgetRate,
      met: d3Met,
      waived: false,
      need: d3Met
        ? null
        : {
            kind: 'moreOnBudget',
            deliveries: moreOnBudgetNeeded(
              onBudget.length,
              measured,
              config.minOnBudgetRate,
              config.minDecided,
            ),
          },
    });
  }
  report.met = criteria.every((c) => c.met);

  return {
    report,
    evidence: {
      onTime: onTime.map((i) => i.key),
      late: late.map((l) => l.fact.key),
      overdueOpen: overdueOpen.map((i) => i.key),
      noDueDate: noDueDate.map((i) => i.key),
      slipped: slipped.map((i) => i.key),
      onBudget: onBudget.map((i) => i.key),
      overBudget: overBudget.map((i) => i.key),
    },
  };
}
