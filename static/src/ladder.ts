/**
 * The phase ladder: the report mapped to three steps (Reliable systems → On-time delivery → Innovation), each met,
 * unmet or "not enough data", with the current phase marked. Figures are worded by src/core/wording.ts.
 */
import type { IdeasReport, PhaseNumber, Report } from '../../src/core/report';
import { lacksData } from './criteria';
import { wordsFor, type Words } from '../../src/core/wording';

/** The default words: English (callers that do not know the viewer's language, and the command line's tests). */
const ENGLISH = wordsFor('en-US');

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

/** The three phases with their names and goals, in the viewer's language (English by default). */
export function phases(words: Words = ENGLISH): { phase: PhaseNumber; name: string; goal: string }[] {
  const { t } = words.translator;
  return ([1, 2, 3] as const).map((phase) => ({
    phase,
    name: words.phaseName(phase),
    goal: t(`project.goal${phase}`),
  }));
}

export const PHASES = phases();

const STATE_KEYS = {
  met: 'project.stateMet',
  unmet: 'project.stateUnmet',
  insufficient: 'project.stateInsufficient',
} as const;

type PhaseReport = Pick<Report['reliability'], 'met' | 'criteria'>;

/** A phase is "not enough data" (never a pass, never a plain failure) when one of its criteria lacks data. */
function phaseState(phase: PhaseReport): PhaseState {
  if (phase.met) return 'met';
  return phase.criteria.some((c) => lacksData(c) && !c.waived) ? 'insufficient' : 'unmet';
}

function stateLabel(phase: PhaseReport, state: PhaseState, words: Words): string {
  const { t } = words.translator;
  if (state === 'met' && phase.criteria.some((c) => !c.met && c.waived))
    return t('project.stateMetWithWaiver');
  return t(STATE_KEYS[state]);
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
export function phaseStateLabel(
  report: Pick<Report, 'reliability' | 'delivery'>,
  phase: 1 | 2,
  words: Words = ENGLISH,
): string {
  const p = phase === 1 ? report.reliability : report.delivery;
  return stateLabel(p, phaseState(p), words);
}

/** An idea count, or "not found" when the idea type exists in none of the idea projects. */
export function ideaCount(ideas: IdeasReport, n: number | null, words: Words = ENGLISH): string {
  return !ideas.typeFound || n === null ? words.translator.t('project.notFound') : String(n);
}

function ideasSummary(report: Pick<Report, 'innovationUnlocked' | 'ideas'>, words: Words): string {
  const { t, plural } = words.translator;
  const { ideas } = report;
  if (!ideas.typeFound || ideas.waiting === null || ideas.locked === null)
    return t('project.ideaTypeNotFoundShort');
  return report.innovationUnlocked
    ? plural('project.ideasWaitingNoneLocked', ideas.waiting)
    : plural('project.ideasLocked', ideas.locked);
}

/** The three steps of the ladder for a report. */
export function phaseLadder(
  report: Pick<Report, 'phase' | 'innovationUnlocked' | 'reliability' | 'delivery' | 'ideas'>,
  words: Words = ENGLISH,
): LadderStep[] {
  const { t, plural } = words.translator;
  const w = words;
  const r = report.reliability;
  const d = report.delivery;
  const rState = reliabilityState(report);
  const dState = deliveryState(report);
  const iState: PhaseState = report.innovationUnlocked ? 'met' : 'unmet';
  const [p1, p2, p3] = phases(words) as [(typeof PHASES)[0], (typeof PHASES)[0], (typeof PHASES)[0]];
  return [
    {
      phase: 1,
      name: p1.name,
      state: rState,
      stateLabel: stateLabel(r, rState, words),
      current: report.phase === 1,
      summary:
        r.medianRestoreHours === null
          ? plural('project.majorsIn', r.majorIncidents, { days: r.windowDays })
          : plural('project.majorsInMedian', r.majorIncidents, {
              days: r.windowDays,
              hours: w.formatHours(r.medianRestoreHours),
            }),
    },
    {
      phase: 2,
      name: p2.name,
      state: dState,
      stateLabel: stateLabel(d, dState, words),
      current: report.phase === 2,
      summary:
        d.decided === 0
          ? t('project.noneDecidedIn', { days: d.windowDays })
          : t('project.onTimeOf', {
              onTime: d.onTime,
              decided: d.decided,
              rate: d.onTimeRate === null ? t('wording.noData') : w.formatRate(d.onTimeRate),
            }),
    },
    {
      phase: 3,
      name: p3.name,
      state: iState,
      stateLabel: report.innovationUnlocked ? t('project.unlocked') : t('project.locked'),
      current: report.phase === 3,
      summary: ideasSummary(report, words),
    },
  ];
}
