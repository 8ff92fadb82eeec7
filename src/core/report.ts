/**
 * The report (docs/metrics.md "Structured criteria and needs"): one shape for the app, the macro, the command line and the tests.
 * Numbers are unrounded; the UI rounds for display.
 */
import { createTranslator } from './i18n';
import type { Waiver } from './config';
import type { CalendarDate } from './dates';
import type { GateSources } from './sources';

export type PhaseNumber = 1 | 2 | 3;

const english = createTranslator('en-US');

/** The phases' English names (the report's `phaseName`); surfaces word them with `wordsFor(locale).phaseName`. */
export const PHASE_NAMES: Record<PhaseNumber, string> = {
  1: english.t('wording.phase1'),
  2: english.t('wording.phase2'),
  3: english.t('wording.phase3'),
};

export type CriterionId = 'R0' | 'R1' | 'R2' | 'R3' | 'D1' | 'D2' | 'D3';

/** What would make an unmet criterion hold (docs/metrics.md "Structured criteria and needs"); worded by `src/core/wording.ts`, never parsed. */
export type Need =
  | { kind: 'recordIncidents' }
  | { kind: 'fewerMajorIncidents'; excess: number; clearsOn: CalendarDate | null }
  | { kind: 'fasterRestore'; excessHours: number }
  | { kind: 'resolveOpenMajors'; count: number }
  | { kind: 'moreDecided'; missing: number }
  | { kind: 'moreOnTime'; deliveries: number | null; overdueOpen: number }
  | { kind: 'moreOnBudget'; deliveries: number | null };

/** A criterion as data (docs/metrics.md "Structured criteria and needs"). */
export interface Criterion {
  id: CriterionId;
  label: string;
  value: number | null;
  unit: 'count' | 'hours' | 'rate';
  op: '<=' | '>=';
  limit: number;
  /** The real result, waiver or not. */
  met: boolean;
  /** True when an active waiver makes it count as met for the phase. */
  waived: boolean;
  /** Null when met. */
  need: Need | null;
}

/**
 * What threw the organisation back (docs/metrics.md "The cause of a step back"): one criterion of the phase lost that
 * day, which counted as met the day before and no longer does — its value and limit on the day of the change.
 */
export interface PhaseChangeCause {
  id: CriterionId;
  value: number | null;
  unit: Criterion['unit'];
  op: Criterion['op'];
  limit: number;
  /** True when the criterion was waived the day before: its waiver ended, the value did not change the verdict. */
  waiverEnded: boolean;
}

export interface PhaseChange {
  date: CalendarDate;
  from: PhaseNumber;
  to: PhaseNumber;
  /**
   * On a step back (`to < from`): the criteria of phase `to` that counted as met (met or waived) the day before and
   * no longer do, in criterion order; `[]` on a step up. Absent in snapshots stored before it existed.
   */
  cause?: PhaseChangeCause[];
}

export interface ReliabilityReport {
  met: boolean;
  windowDays: number;
  incidents: number;
  majorIncidents: number;
  openIncidents: number;
  restoredInWindow: number;
  medianRestoreHours: number | null;
  meanRestoreHours: number | null;
  longestOpenMajorHours: number;
  criteria: Criterion[];
}

export interface DeliveryReport {
  met: boolean;
  windowDays: number;
  decided: number;
  onTime: number;
  late: number;
  overdueOpen: number;
  onTimeRate: number | null;
  medianDaysLate: number | null;
  noDueDate: number;
  /** v2: which due date counted, and how far due dates moved after commitment (reported, never gated). */
  dueDateBasis: 'committed' | 'current';
  slipped: number;
  medianSlipDays: number | null;
  /** v2, only with `budgetCheck`. */
  budgetMeasured?: number;
  onBudget?: number;
  onBudgetRate?: number | null;
  criteria: Criterion[];
}

export interface IdeasReport {
  /** False when the idea type exists in none of the idea projects: the counts are then null, not zero. */
  typeFound: boolean;
  total: number | null;
  waiting: number | null;
  inProgress: number | null;
  done: number | null;
  locked: number | null;
}

export interface Report {
  /** The gate's home project key. */
  project: string;
  gate: { home: string; name: string };
  sources: GateSources;
  asOf: CalendarDate;
  timeZone: string;
  computedAt: string;
  phase: PhaseNumber;
  phaseName: string;
  innovationUnlocked: boolean;
  reliability: ReliabilityReport;
  delivery: DeliveryReport;
  ideas: IdeasReport;
  /** The waivers active at `asOf`. */
  waivers: Waiver[];
  phaseChanges: PhaseChange[];
  timesThrownBack: number;
  /** The next phase and what blocks it, computed once here (null phase: innovation is unlocked). */
  nextGate: { phase: 2 | 3 | null; blockers: CriterionId[] };
  warnings: string[];
}

/** The issue keys behind each figure; travels beside the report, never inside it. */
export interface Evidence {
  majorIncidents: string[];
  openIncidents: string[];
  openMajorIncidents: string[];
  /** Open major incidents older than the restore target, oldest first (R3's need). */
  staleMajorIncidents: string[];
  late: string[];
  overdueOpen: string[];
  onTime: string[];
  noDueDate: string[];
  /** Decided deliverables whose due date moved after commitment. */
  slipped: string[];
  /** With `budgetCheck`: measured deliverables on and over budget. */
  onBudget: string[];
  overBudget: string[];
  lockedIdeas: string[];
}

/** One point of the 12-month trend. */
export interface TrendPoint {
  asOf: CalendarDate;
  phase: PhaseNumber;
  reliabilityMet: boolean;
  deliveryMet: boolean;
  onTimeRate: number | null;
  medianRestoreHours: number | null;
  majorIncidents: number;
  decided: number;
}
