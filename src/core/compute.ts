/**
 * Puts the rules together: one report (SPEC section 5) and its evidence from one set of facts.
 */
import type { Config } from './config';
import { previousMonthEnds, type CalendarDate } from './dates';
import { computeDelivery } from './delivery';
import type { GateFacts } from './facts';
import { innovationUnlocked, phaseOf } from './gate';
import { computeIdeas } from './ideas';
import { computeReliability } from './reliability';
import { PHASE_NAMES, type Evidence, type Report, type TrendPoint } from './report';

export interface ComputeOptions {
  project: string;
  asOf: CalendarDate;
  /** The instant of computation, for `computedAt`. */
  now: number;
}

/** Both phase results for one as-of date. */
function phasesOn(facts: GateFacts, config: Config, asOf: CalendarDate) {
  const reliability = computeReliability(facts.incidents, config, asOf);
  const delivery = computeDelivery(facts.deliverables, config, asOf);
  return { reliability, delivery };
}

/**
 * The report and its evidence as of `asOf`.
 * @example computeReport(facts, config, { project: 'OPS', asOf: '2026-06-30', now: Date.now() }).report.phase
 */
export function computeReport(
  facts: GateFacts,
  config: Config,
  options: ComputeOptions,
): { report: Report; evidence: Evidence } {
  const { asOf } = options;
  const { reliability, delivery } = phasesOn(facts, config, asOf);
  const phase = phaseOf(reliability.report.met, delivery.report.met);
  const unlocked =
    phase === 3 &&
    innovationUnlocked(asOf, config.sustainDays, (day) => {
      if (day === asOf) return true;
      const p = phasesOn(facts, config, day);
      return p.reliability.report.met && p.delivery.report.met;
    });
  const ideas = computeIdeas(facts.ideas, config, unlocked);

  const warnings = [...facts.dataWarnings];
  const n = delivery.report.noDueDate;
  if (n > 0) warnings.push(`${n} deliverable${n > 1 ? 's have' : ' has'} no due date`);
  if (phase === 3 && !unlocked) {
    warnings.push(
      `both phases are met, but not yet on each of the last ${config.sustainDays} days: ideas stay locked`,
    );
  }

  return {
    report: {
      project: options.project,
      asOf,
      timeZone: config.timeZone,
      computedAt: new Date(options.now).toISOString(),
      phase,
      phaseName: PHASE_NAMES[phase],
      innovationUnlocked: unlocked,
      reliability: reliability.report,
      delivery: delivery.report,
      ideas: ideas.report,
      warnings,
    },
    evidence: {
      ...reliability.evidence,
      ...delivery.evidence,
      lockedIdeas: ideas.lockedKeys,
    },
  };
}

/** The as-of dates of the trend: the last 12 month-ends before `asOf`, then `asOf` itself. */
export function trendDates(asOf: CalendarDate, months = 12): CalendarDate[] {
  return [...previousMonthEnds(asOf, months), asOf];
}

/**
 * The trend: the same figures as of each of the last 12 month-ends and `asOf`, from the same facts.
 */
export function computeTrend(
  facts: GateFacts,
  config: Config,
  asOf: CalendarDate,
  months = 12,
): TrendPoint[] {
  return trendDates(asOf, months).map((day) => {
    const { reliability, delivery } = phasesOn(facts, config, day);
    return {
      asOf: day,
      phase: phaseOf(reliability.report.met, delivery.report.met),
      reliabilityMet: reliability.report.met,
      deliveryMet: delivery.report.met,
      onTimeRate: delivery.report.onTimeRate,
      medianRestoreHours: reliability.report.medianRestoreHours,
      majorIncidents: reliability.report.majorIncidents,
      decided: delivery.report.decided,
    };
  });
}
