/**
 * "What the next gate needs", read from the report's `nextGate` (computed once, on the server: the next phase and the
 * criteria that block it) and worded by src/core/wording.ts, as the idea panel's reasons and the command line word it.
 */
import type { Criterion, Report } from '../../src/core/report';
import { PHASE_NAMES } from '../../src/core/report';
import { describeCriterion, formatCalendarDate } from '../../src/core/wording';

type GateReport = Pick<Report, 'nextGate' | 'reliability' | 'delivery' | 'waivers' | 'asOf'>;

/** The name of the gate the organisation is working towards ("Phase 3 — Innovation"); null once innovation is unlocked. */
export function nextGateName(report: Pick<Report, 'nextGate'>): string | null {
  const phase = report.nextGate.phase;
  return phase === null ? null : `Phase ${phase} — ${PHASE_NAMES[phase]}`;
}

/** The criteria that block the next gate, in the report's order. */
export function nextGateBlockers(report: GateReport): Criterion[] {
  const all = [...report.reliability.criteria, ...report.delivery.criteria];
  return report.nextGate.blockers
    .map((id) => all.find((c) => c.id === id))
    .filter((c): c is Criterion => c !== undefined);
}

/**
 * What the next gate needs, one line per blocking criterion; with none left before innovation, the sustain period is
 * what is missing (the words of the idea panel). Empty once innovation is unlocked.
 */
export function nextGateNeeds(report: GateReport): string[] {
  if (report.nextGate.phase === null) return [];
  const blockers = nextGateBlockers(report);
  if (blockers.length > 0) return blockers.map((c) => describeCriterion(c, report.waivers));
  const asOf = formatCalendarDate(report.asOf);
  if (report.nextGate.phase === 3)
    return [`both phases are met as of ${asOf} but not yet for the whole sustain period`];
  return [
    `every criterion of phase 1 counts as met as of ${asOf}; the phase moves on at the next computation`,
  ];
}
