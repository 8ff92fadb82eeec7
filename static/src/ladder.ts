/**
 * The phase ladder: the report mapped to three steps (Reliable systems → On-time delivery → Innovation), each met,
 * unmet or "not enough data", with the current phase marked.
 */
import type { Criterion, PhaseNumber, Report } from '../../src/core/report';
import { formatHours, formatPercent, plural } from './format';

export type PhaseState = 'met' | 'unmet' | 'insufficient';

export interface LadderStep {
  phase: PhaseNumber;
  name: string;
  state: PhaseState;
  /** "Met", "Not met", "Not enough data", or for innovation "Unlocked" / "Locked". */
  stateLabel: string;
  current: boolean;
  /** One line of figures behind the state. */
  summary: string;
}

export const PHASES: { phase: PhaseNumber; name: string; goal: string }[] = [
  { phase: 1, name: 'Reliable systems', goal: 'Few major incidents, restored fast' },
  { phase: 2, name: 'On-time delivery', goal: 'Deliverables done by their due date' },
  { phase: 3, name: 'Innovation', goal: 'Staff ideas unlocked' },
];

const STATE_LABELS: Record<PhaseState, string> = {
  met: 'Met',
  unmet: 'Not met',
  insufficient: 'Not enough data',
};

function criterion(list: Criterion[], id: Criterion['id']): Criterion | undefined {
  return list.find((c) => c.id === id);
}

/** Delivery is "not enough data" (never a pass) when D1 is unmet. */
export function deliveryState(report: Pick<Report, 'delivery'>): PhaseState {
  if (report.delivery.met) return 'met';
  const d1 = criterion(report.delivery.criteria, 'D1');
  return d1 && !d1.met ? 'insufficient' : 'unmet';
}

/**
 * One criterion's state. D1 unmet means "not enough data", never a plain failure; so is the on-time rate (D2) then:
 * with too few deliverables decided it has no data, or too little to judge by.
 */
export function criterionState(c: Criterion, all: readonly Criterion[]): PhaseState {
  if (c.met) return 'met';
  if (c.id === 'D1') return 'insufficient';
  if (c.id === 'D2' && all.some((o) => o.id === 'D1' && !o.met)) return 'insufficient';
  return 'unmet';
}

export function reliabilityState(report: Pick<Report, 'reliability'>): PhaseState {
  return report.reliability.met ? 'met' : 'unmet';
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
      stateLabel: STATE_LABELS[rState],
      current: report.phase === 1,
      summary:
        `${plural(r.majorIncidents, 'major incident')} in ${r.windowDays} days` +
        (r.medianRestoreHours === null ? '' : `, median restore ${formatHours(r.medianRestoreHours)}`),
    },
    {
      phase: 2,
      name: p2.name,
      state: dState,
      stateLabel: STATE_LABELS[dState],
      current: report.phase === 2,
      summary:
        d.decided === 0
          ? `no deliverable decided in ${d.windowDays} days`
          : `${d.onTime} of ${d.decided} on time (${formatPercent(d.onTimeRate)})`,
    },
    {
      phase: 3,
      name: p3.name,
      state: iState,
      stateLabel: report.innovationUnlocked ? 'Unlocked' : 'Locked',
      current: report.phase === 3,
      summary: report.innovationUnlocked
        ? `${plural(report.ideas.waiting, 'idea')} waiting, none locked`
        : `${plural(report.ideas.locked, 'idea')} locked`,
    },
  ];
}
