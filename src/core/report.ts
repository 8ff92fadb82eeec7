/**
 * The report (SPEC section 5): one shape for the app, the macro, the command line and the tests.
 * Numbers are unrounded; the UI rounds for display.
 */
import type { CalendarDate } from './dates';

export type PhaseNumber = 1 | 2 | 3;

export const PHASE_NAMES: Record<PhaseNumber, string> = {
  1: 'Reliable systems',
  2: 'On-time delivery',
  3: 'Innovation',
};

export interface Criterion {
  id: 'R1' | 'R2' | 'R3' | 'D1' | 'D2';
  label: string;
  value: number | null;
  target: string;
  met: boolean;
  /** What would change it, in plain words; present when not met. */
  hint?: string;
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
  criteria: Criterion[];
}

export interface IdeasReport {
  total: number;
  waiting: number;
  inProgress: number;
  done: number;
  locked: number;
}

export interface Report {
  project: string;
  asOf: CalendarDate;
  timeZone: string;
  computedAt: string;
  phase: PhaseNumber;
  phaseName: string;
  innovationUnlocked: boolean;
  reliability: ReliabilityReport;
  delivery: DeliveryReport;
  ideas: IdeasReport;
  warnings: string[];
}

/** The issue keys behind each figure; travels beside the report, never inside it. */
export interface Evidence {
  majorIncidents: string[];
  openIncidents: string[];
  openMajorIncidents: string[];
  late: string[];
  overdueOpen: string[];
  onTime: string[];
  noDueDate: string[];
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
