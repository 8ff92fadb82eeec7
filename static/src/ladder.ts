/**
 * The phase ladder: the report mapped to three steps (Reliable systems → On-time delivery → Innovation), each met,
 * unmet or "not enough data", with the current phase marked. Figures are worded by src/core/wording.ts.
 */
import type { IdeasReport, PhaseNumber, Report } from '../../src/core/report';
import { PHASE_NAMES } from '../../src/core/report';
import { formatHours, plural } from '../../src/core/wording';
import { lacksData } from './criteria';
import { formatRateOrNone } from './format';

export type PhaseState = 'met' | 'unmet' | 'insufficient';

export interface LadderStep {
  phase: PhaseNumber;
  name: string;
  state: PhaseState;
  /** "Met", "Met with a waiver", "Not met", "Not enough data", or for innovation "Unlocked" / "Locked". */
  stateLabel: string;
  current: boolean;
  /** One line of figures behind the state. */
  summary: string;
}

export const PHASES: { phase: PhaseNumber; name: string; goal: string }[] = [
  { phase: 1, name: PHASE_NAMES[1], goal: 'Few major incidents, restored fast' },
  { phase: 2, name: PHASE_NAMES[2], goal: 'Deliverables done by their due date' },
  { phase: 3, name: PHASE_NAMES[3], goal: 'Staff ideas unlocked' },
];

const STATE_LABELS: Record<PhaseState, string> = {
  met: 'Met',
  unmet: 'Not met',
  insufficient: 'Not enough data',
};

type PhaseReport = Pick<Report['reliability'], 'met' | 'criteria'>;

/** A phase is "not enough data" (never a pass, never a plain failure) when one of its criteria lacks data. */
function phaseState(phase: PhaseReport): PhaseState {
  if (phase.met) return 'met';
  return phase.criteria.some((c) => lacksData(c) && !c.waived) ? 'insufficient' : 'unmet';
}

function stateLabel(phase: PhaseReport, state: PhaseState): string {
  if (state === 'met' && phase.criteria.some((c) => !c.met && c.waived)) return 'Met with a waiver';
  return STATE_LABELS[state];
}

/** Reliability: "not enough data" while no incident is recorded (R0). */
export function reliabilityState(report: Pick<Report, 'reliability'>): PhaseState {
  return phaseState(report.reliability);
}

/** Delivery: "not enough data" while too few deliverables are decided (D1). */
export function deliveryState(report: Pick<Report, 'delivery'>): PhaseState {
  return phaseState(report.delivery);
}

/** The phase's state in words, as the ladder and the phase cards show it. */
export function phaseStateLabel(report: Pick<Report, 'reliability' | 'delivery'>, phase: 1 | 2): string {
  const p = phase === 1 ? report.reliability : report.delivery;
  return stateLabel(p, phaseState(p));
}

/** An idea count, or "not found" when the idea type exists in none of the idea projects. */
export function ideaCount(ideas: IdeasReport, n: number | null): string {
  return !ideas.typeFound || n === null ? 'not found' : String(n);
}

function ideasSummary(report: Pick<Report, 'innovationUnlocked' | 'ideas'>): string {
  const { ideas } = report;
  if (!ideas.typeFound || ideas.waiting === null || ideas.locked === null)
    return 'idea type not found in the idea projects';
  return report.innovationUnlocked
    ? `${plural(ideas.waiting, 'idea')} waiting, none locked`
    : `${plural(ideas.locked, 'idea')} locked`;
}

/** The three steps of the ladder for a report. */
export function phaseLadder(
  report: Pick<Report, 'phase' | 'innovationUnlocked' | 'reliability' | 'delivery' | 'ideas'>,
): LadderStep[] {
  const r = report.reliability;
  const d = report.delivery;
  const rState = reliabilityState(report);
  const dState = deliveryState(report);
  const iState: PhaseState = report.innovationUnlocked ? 'met' : 'unmet';
  const [p1, p2, p3] = PHASES as [(typeof PHASES)[0], (typeof PHASES)[0], (typeof PHASES)[0]];
  return [
    {
      phase: 1,
      name: p1.name,
      state: rState,
      stateLabel: stateLabel(r, rState),
      current: report.phase === 1,
      summary:
        `${plural(r.majorIncidents, 'major incident')} in ${r.windowDays} days` +
        (r.medianRestoreHours === null ? '' : `, median restore ${formatHours(r.medianRestoreHours)}`),
    },
    {
      phase: 2,
      name: p2.name,
      state: dState,
      stateLabel: stateLabel(d, dState),
      current: report.phase === 2,
      summary:
        d.decided === 0
          ? `no deliverable decided in ${d.windowDays} days`
          : `${d.onTime} of ${d.decided} on time (${formatRateOrNone(d.onTimeRate)})`,
    },
    {
      phase: 3,
      name: p3.name,
      state: iState,
      stateLabel: report.innovationUnlocked ? 'Unlocked' : 'Locked',
      current: report.phase === 3,
      summary: ideasSummary(report),
    },
  ];
}
