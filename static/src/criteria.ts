/**
 * A criterion as every surface shows it: its state, and its value, target, need and waiver in the words of the one
 * wording module (src/core/wording.ts), so it reads the same on the page, the macro, the idea panel and the command line.
 */
import type { Waiver } from '../../src/core/config';
import type { Criterion, Report } from '../../src/core/report';
import type { CriterionWindows } from '../../src/core/wording';
import { wordsFor, type Words } from '../../src/core/wording';

/** The default words: English (callers that do not know the viewer's language, and the command line's tests). */
const ENGLISH = wordsFor('en-US');

/** `waived`: not met, but an active waiver makes it count as met for the phase. */
export type CriterionState = 'met' | 'unmet' | 'insufficient' | 'waived';

const STATE_KEYS = {
  met: 'project.stateMet',
  unmet: 'project.stateUnmet',
  insufficient: 'project.stateInsufficient',
  waived: 'project.stateWaived',
} as const;

/** A criterion's state in words ("Met", "Not enough data", …), in the viewer's language (English by default). */
export function criterionStateText(state: CriterionState, words: Words = ENGLISH): string {
  return words.translator.t(STATE_KEYS[state]);
}

/** The states in English. */
export const CRITERION_STATE_TEXT: Record<CriterionState, string> = {
  met: criterionStateText('met'),
  unmet: criterionStateText('unmet'),
  insufficient: criterionStateText('insufficient'),
  waived: criterionStateText('waived'),
};

/** The needs that say "too little data to judge", never a plain failure. */
const NO_DATA_NEEDS: ReadonlySet<string> = new Set(['recordIncidents', 'moreDecided']);

/** True when the criterion lacks data to be judged (R0: no incident recorded; D1: too few deliverables decided). */
export function lacksData(c: Pick<Criterion, 'met' | 'need'>): boolean {
  return !c.met && c.need !== null && NO_DATA_NEEDS.has(c.need.kind);
}

/**
 * One criterion's state. A criterion that lacks data is "not enough data"; so are the rates (D2, D3) while too few
 * deliverables are decided (D1 unmet). A waived criterion says so, whatever its data.
 */
export function criterionState(c: Criterion, all: readonly Criterion[]): CriterionState {
  if (c.met) return 'met';
  if (c.waived) return 'waived';
  if (lacksData(c)) return 'insufficient';
  if ((c.id === 'D2' || c.id === 'D3') && all.some((o) => o.id === 'D1' && lacksData(o)))
    return 'insufficient';
  return 'unmet';
}

/** The active waiver that covers a criterion, if it is waived. */
export function waiverOf(c: Pick<Criterion, 'id' | 'waived'>, waivers: readonly Waiver[]): Waiver | null {
  if (!c.waived) return null;
  return waivers.find((w) => w.criterion === c.id) ?? null;
}

export interface CriterionView {
  id: Criterion['id'];
  label: string;
  state: CriterionState;
  stateText: string;
  /** "160 h (6.7 days)", "66.7%", "no data". */
  value: string;
  /** "at most 24 h", "at least 80%". */
  target: string;
  /** What would make it hold; '' when met. */
  need: string;
  /** The waiver that covers it, in words ("waived until 31 Mar 2026 by Dana (CIO): migration freeze"); '' if none. */
  waiver: string;
  /** The whole criterion in one line, as the next gate, the idea panel and the command line write it. */
  line: string;
}

/**
 * Everything a surface shows of one criterion, in the viewer's language (English by default). With the report's
 * windows the label is worded from the catalogue; without them it is the report's own (English) label.
 */
export function criterionView(
  c: Criterion,
  all: readonly Criterion[],
  waivers: readonly Waiver[],
  words: Words = ENGLISH,
  windows?: CriterionWindows,
): CriterionView {
  const { t } = words.translator;
  const state = criterionState(c, all);
  const w = waiverOf(c, waivers);
  return {
    id: c.id,
    label: windows ? words.criterionLabel(c.id, windows) : c.label,
    state,
    stateText: criterionStateText(state, words),
    value: words.formatValue(c),
    target: words.criterionTarget(c),
    // The need alone (with the criterion, so R3 names its limit); the waiver is given on its own line.
    need: c.met ? '' : words.describeNeed({ ...c, waived: false }),
    waiver: w ? words.describeWaiver(w) : c.waived ? t('project.waived') : '',
    line: words.describeCriterion(c, waivers, windows),
  };
}

/** The windows a report's criteria labels name. */
export function windowsOf(report: Pick<Report, 'reliability' | 'delivery'>): CriterionWindows {
  return { reliability: report.reliability.windowDays, delivery: report.delivery.windowDays };
}

/** The waived criteria of a report, with their waivers in words (the phase counts them as met). */
export function waivedCriteria(
  report: Pick<Report, 'reliability' | 'delivery' | 'waivers'>,
  words?: Words,
): { criterion: Criterion; waiver: Waiver | null; text: string }[] {
  const w = words ?? ENGLISH;
  const { t } = w.translator;
  // In English (no words given) the report's own labels, as before; with the viewer's words, the catalogue's.
  const windows = words ? windowsOf(report) : undefined;
  return [...report.reliability.criteria, ...report.delivery.criteria]
    .filter((c) => c.waived)
    .map((c) => {
      const waiver = waiverOf(c, report.waivers);
      return {
        criterion: c,
        waiver,
        text: t('project.waivedCriterion', {
          label: windows ? w.criterionLabel(c.id, windows) : c.label,
          waiver: waiver ? w.describeWaiver(waiver) : t('project.waived'),
        }),
      };
    });
}
