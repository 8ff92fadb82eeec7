/**
 * Puts the rules together: one report (docs/metrics.md "Structured criteria and needs") and its evidence from one set of facts, the trend, the phase
 * changes and the sustain period. Formulas: docs/metrics.md. Pure: the clock comes in as `now`.
 *
 * Facts are pre-indexed once per call (incidents and deliverables filtered by id, due-date timelines replayed), so
 * evaluating many as-of dates costs O(days × relevant facts).
 */
import type { Config, Waiver } from './config';
import { addDays, previousMonthEnds, type CalendarDate } from './dates';
import { computeDelivery, indexDeliverables, type DeliveryResult, type IndexedDeliverable } from './delivery';
import type { GateFacts, IssueFact } from './facts';
import { innovationUnlocked, phaseOf } from './gate';
import { computeIdeas, type IsApprover } from './ideas';
import { computeReliability, isIncident, unrecordedWarning, type ReliabilityResult } from './reliability';
import {
  PHASE_NAMES,
  type Criterion,
  type CriterionId,
  type Evidence,
  type PhaseChange,
  type PhaseChangeCause,
  type PhaseNumber,
  type Report,
  type TrendPoint,
} from './report';
import type { GateSources } from './sources';

export interface ComputeOptions {
  /** The gate's home project key. */
  project: string;
  /** The gate's display name (config.name ?? the home project's name); default: the home key. */
  gateName?: string;
  asOf: CalendarDate;
  /** The instant of computation, for `computedAt`. */
  now: number;
  /** First day of `phaseChanges` (default: the first trend date). */
  phaseChangesFrom?: CalendarDate;
  /** Bypass approvers when `ideaBypassApprovers` is empty (default: nobody approves). */
  isApprover?: IsApprover;
}

/**
 * The waivers active on `day`: `from ≤ day ≤ until`.
 * @example activeWaivers([{ criterion: 'D1', from: '2026-06-01', until: '2026-06-30', … }], '2026-06-30').length // 1
 */
export function activeWaivers(waivers: readonly Waiver[], day: CalendarDate): Waiver[] {
  return waivers.filter((w) => w.from <= day && day <= w.until);
}

/** Marks the criteria covered by an active waiver (never R0); returns whether all count as met for the phase. */
export function applyWaivers(criteria: Criterion[], active: readonly Waiver[]): boolean {
  const ids = new Set<CriterionId>(active.map((w) => w.criterion));
  for (const c of criteria) c.waived = c.id !== 'R0' && ids.has(c.id);
  return criteria.every((c) => c.met || c.waived);
}

/** Facts filtered and indexed once for any number of as-of dates. */
interface Indexed {
  incidents: IssueFact[];
  deliverables: IndexedDeliverable[];
}

function indexFacts(facts: GateFacts, config: Config, sources: GateSources): Indexed {
  return {
    incidents: facts.incidents.filter((i) => isIncident(i, sources, config)),
    deliverables: indexDeliverables(facts.deliverables, sources, config.timeZone),
  };
}

interface DayResult {
  reliability: ReliabilityResult;
  delivery: DeliveryResult;
  phase: PhaseNumber;
}

/** Both phases for one as-of date, waivers active that day applied (section `met` = counts as met for the phase). */
function evaluate(
  ix: Indexed,
  facts: GateFacts,
  config: Config,
  sources: GateSources,
  day: CalendarDate,
): DayResult {
  const reliability = computeReliability(ix.incidents, sources, config, day, facts.firstIncidentDay, true);
  const delivery = computeDelivery(ix.deliverables, sources, config, day);
  const active = activeWaivers((config.waivers ?? []) as Waiver[], day);
  reliability.report.met = applyWaivers(reliability.report.criteria, active);
  delivery.report.met = applyWaivers(delivery.report.criteria, active);
  return { reliability, delivery, phase: phaseOf(reliability.report.met, delivery.report.met) };
}

/** What a day's evaluation keeps for the phase changes: the phase and the criteria of both phases. */
interface DayPhase {
  phase: PhaseNumber;
  reliability: readonly Criterion[];
  delivery: readonly Criterion[];
}

/**
 * The criteria of phase `to` that counted as met (met or waived) on `before` and no longer do on `after`
 * (docs/metrics.md "The cause of a step back").
 */
function causeOf(before: DayPhase, after: DayPhase, to: PhaseNumber): PhaseChangeCause[] {
  const section = (d: DayPhase) => (to === 1 ? d.reliability : d.delivery);
  const was = new Map(section(before).map((c) => [c.id, c]));
  return section(after)
    .filter((c) => {
      const prev = was.get(c.id);
      return !c.met && !c.waived && (prev === undefined || prev.met || prev.waived);
    })
    .map((c) => ({
      id: c.id,
      value: c.value,
      unit: c.unit,
      op: c.op,
      limit: c.limit,
      waiverEnded: was.get(c.id)?.waived === true && was.get(c.id)?.met === false,
    }));
}

/**
 * The phase on every calendar day from `from` to `asOf` (waivers applied, sustainDays not), and each day whose
 * phase differs from the day before, with the cause of each step back.
 */
function phaseChangesBetween(
  evalDay: (day: CalendarDate) => DayPhase,
  from: CalendarDate,
  asOf: CalendarDate,
): PhaseChange[] {
  const changes: PhaseChange[] = [];
  if (from > asOf) return changes;
  let prev = evalDay(from);
  for (let day = addDays(from, 1); day <= asOf; day = addDays(day, 1)) {
    const cur = evalDay(day);
    if (cur.phase !== prev.phase)
      changes.push({
        date: day,
        from: prev.phase,
        to: cur.phase,
        cause: cur.phase < prev.phase ? causeOf(prev, cur, cur.phase) : [],
      });
    prev = cur;
  }
  return changes;
}

/** The next phase and the criteria that block it (unmet and not waived). */
export function nextGateOf(
  phase: PhaseNumber,
  unlocked: boolean,
  reliability: readonly Criterion[],
  delivery: readonly Criterion[],
): Report['nextGate'] {
  const blockers = (cs: readonly Criterion[]) => cs.filter((c) => !c.met && !c.waived).map((c) => c.id);
  if (phase === 1) return { phase: 2, blockers: blockers(reliability) };
  if (phase === 2) return { phase: 3, blockers: blockers(delivery) };
  return unlocked ? { phase: null, blockers: [] } : { phase: 3, blockers: [] };
}

function plural(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}

/**
 * The report and its evidence as of `asOf`.
 * @example computeReport(facts, config, sources, { project: 'OPS', asOf: '2026-06-30', now: Date.now() }).report.phase
 */
export function computeReport(
  facts: GateFacts,
  config: Config,
  sources: GateSources,
  options: ComputeOptions,
): { report: Report; evidence: Evidence } {
  const { asOf } = options;
  const ix = indexFacts(facts, config, sources);
  const memo = new Map<CalendarDate, DayPhase>();
  const dayPhase = (r: DayResult): DayPhase => ({
    phase: r.phase,
    reliability: r.reliability.report.criteria,
    delivery: r.delivery.report.criteria,
  });
  const phaseOn = (day: CalendarDate): DayPhase => {
    let p = memo.get(day);
    if (p === undefined) {
      p = dayPhase(evaluate(ix, facts, config, sources, day));
      memo.set(day, p);
    }
    return p;
  };
  const today = evaluate(ix, facts, config, sources, asOf);
  memo.set(asOf, dayPhase(today));
  const { reliability, delivery, phase } = today;
  const unlocked =
    phase === 3 && innovationUnlocked(asOf, config.sustainDays, (day) => phaseOn(day).phase === 3);
  const ideas = computeIdeas(facts.ideas, config, sources, unlocked, options.isApprover);
  const phaseChanges = phaseChangesBetween(phaseOn, options.phaseChangesFrom ?? trendDates(asOf)[0]!, asOf);

  const warnings = [...facts.dataWarnings];
  if (!reliability.report.criteria.find((c) => c.id === 'R0')!.met) warnings.push(unrecordedWarning(sources));
  const doneWithout =
    ix.incidents.filter((i) => i.createdDay <= asOf && i.doneWithoutResolution && resolvedOn(i, asOf))
      .length +
    ix.deliverables.filter(
      ({ fact: i }) => i.createdDay <= asOf && i.doneWithoutResolution && resolvedOn(i, asOf),
    ).length;
  if (doneWithout > 0)
    warnings.push(
      `${plural(doneWithout, 'issue is', 'issues are')} Done without a resolution: the date they moved to Done is used`,
    );
  const n = delivery.report.noDueDate;
  if (n > 0) warnings.push(`${plural(n, 'deliverable has', 'deliverables have')} no due date`);
  if (config.budgetCheck)
    warnings.push(
      'On budget: estimates and time spent are read as they are now (Jira keeps no cheap history of them)',
    );
  if (!ideas.report.typeFound)
    warnings.push(
      `the idea type ${JSON.stringify(config.ideaType)} exists in none of the idea projects (${sources.ideas.projects.join(', ')})`,
    );
  if (phase === 3 && !unlocked) {
    warnings.push(
      `both phases are met, but not yet on each of the last ${config.sustainDays} days: ideas stay locked`,
    );
  }

  return {
    report: {
      project: options.project,
      gate: { home: options.project, name: options.gateName ?? options.project },
      sources,
      asOf,
      timeZone: config.timeZone,
      computedAt: new Date(options.now).toISOString(),
      phase,
      phaseName: PHASE_NAMES[phase],
      innovationUnlocked: unlocked,
      reliability: reliability.report,
      delivery: delivery.report,
      ideas: ideas.report,
      waivers: activeWaivers((config.waivers ?? []) as Waiver[], asOf),
      phaseChanges,
      timesThrownBack: phaseChanges.filter((c) => c.to < c.from).length,
      nextGate: nextGateOf(phase, unlocked, reliability.report.criteria, delivery.report.criteria),
      warnings,
    },
    evidence: {
      ...reliability.evidence,
      ...delivery.evidence,
      lockedIdeas: ideas.lockedKeys,
    },
  };
}

function resolvedOn(i: IssueFact, asOf: CalendarDate): boolean {
  return i.resolvedDay !== null && i.resolvedDay <= asOf;
}

/** The as-of dates of the trend: the last 12 month-ends before `asOf`, then `asOf` itself. */
export function trendDates(asOf: CalendarDate, months = 12): CalendarDate[] {
  return [...previousMonthEnds(asOf, months), asOf];
}

/**
 * The trend: the same figures as of each of the last 12 month-ends and `asOf`, from the same facts (R0 and the
 * waivers evaluated on each date).
 */
export function computeTrend(
  facts: GateFacts,
  config: Config,
  sources: GateSources,
  asOf: CalendarDate,
  months = 12,
): TrendPoint[] {
  const ix = indexFacts(facts, config, sources);
  return trendDates(asOf, months).map((day) => {
    const { reliability, delivery, phase } = evaluate(ix, facts, config, sources, day);
    return {
      asOf: day,
      phase,
      reliabilityMet: reliability.report.met,
      deliveryMet: delivery.report.met,
      onTimeRate: delivery.report.onTimeRate,
      medianRestoreHours: reliability.report.medianRestoreHours,
      majorIncidents: reliability.report.majorIncidents,
      decided: delivery.report.decided,
    };
  });
}
