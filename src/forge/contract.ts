/**
 * The contract between the Custom UI and the resolvers: every resolver's payload schema (strict: unknown fields are
 * rejected) and its response type. The UI imports the types only; the resolvers validate with the schemas.
 */
import { z } from 'zod';
import type { Config, ConfigInput } from '../core/config';
import type { CalendarDate } from '../core/dates';
import type { CriterionId, Evidence, PhaseChange, Report, TrendPoint } from '../core/report';
import type { GateSources } from '../core/sources';

const ProjectKey = z.string().regex(/^[A-Z][A-Z0-9_]{0,49}$/, 'a Jira project key such as OPS');
const VersionNumber = z.number().int().min(0).max(Number.MAX_SAFE_INTEGER);

export const PayloadSchemas = {
  /** The gate of the project in the context (page, settings, panel) or in the macro's config. */
  getGate: z.object({}).strict(),
  /** Recompute now, then answer like getGate. */
  refresh: z.object({}).strict(),
  /** Project page (issue #13): the audit trail, what the gate enforced each day (stored history only). */
  getAudit: z.object({}).strict(),
  /** The issues behind one figure, read as the viewing user. */
  getEvidence: z
    .object({
      list: z.enum([
        'majorIncidents',
        'openIncidents',
        'openMajorIncidents',
        'late',
        'overdueOpen',
        'onTime',
        'noDueDate',
        'lockedIdeas',
      ]),
    })
    .strict(),
  getSettings: z.object({}).strict(),
  /**
   * The config as typed by the user; validated by the core schema before anything is saved. `baseVersion`: the
   * version the form was loaded from (0: the defaults); a save based on an older one is refused (issue #10).
   */
  saveSettings: z
    .object({ config: z.record(z.string(), z.unknown()), baseVersion: VersionNumber.optional() })
    .strict(),
  /** A kept previous version (0: the defaults): version numbers grow by one per save, for ever. */
  restoreSettings: z.object({ version: VersionNumber, baseVersion: VersionNumber.optional() }).strict(),
  /**
   * Settings page (project admins): the site's choices for the pickers — issue types of the source projects,
   * priorities, resolutions, labels. The project lists, when given, are the form's (not yet saved) sources.
   */
  getSettingsChoices: z
    .object({
      incidentProjects: z.array(ProjectKey).max(50).optional(),
      deliveryProjects: z.array(ProjectKey).max(50).optional(),
      ideaProjects: z.array(ProjectKey).max(50).optional(),
    })
    .strict(),
  /** The idea in the issue panel's context. */
  getIdea: z.object({}).strict(),
  /** Projects the viewing user can browse (macro config). */
  listProjects: z.object({ query: z.string().max(100).optional() }).strict(),
  /** Admin page: create the idea issue type (if missing) and add it to a project. */
  setup: z.object({ projectKey: ProjectKey }).strict(),
  /** Admin page: every configured project with its phase. */
  getPortfolio: z.object({}).strict(),
  /** Project page: every gate the project in the context counts toward (stored gate documents only). */
  getMemberships: z.object({}).strict(),
  /** Settings page: what each configured name resolved to, from the stored report (no Jira search). */
  getGateSources: z.object({}).strict(),
  /** Macro config: the gates the viewer may open, to pick one (stored gate documents only). */
  listGates: z.object({}).strict(),
} as const;

export type ResolverName = keyof typeof PayloadSchemas;
export type Payload<K extends ResolverName> = z.input<(typeof PayloadSchemas)[K]>;

/** What every failing resolver answers instead of throwing (the UI shows `message`). */
export interface ResolverError {
  /** `busy`: another computation of the project is being stored; try again shortly. */
  error: {
    code: 'forbidden' | 'bad-request' | 'not-found' | 'jira' | 'not-configured' | 'busy';
    message: string;
  };
}

export interface Snapshot {
  report: Report;
  trend: TrendPoint[];
  evidence: Evidence;
  /** ISO instant of the computation. */
  computedAt: string;
  /**
   * Present only when an evidence list was cut to fit storage: the list's full length (the report's figures are exact
   * either way). Lists absent here are complete.
   */
  evidenceTotals?: Partial<Record<keyof Evidence, number>>;
}

/**
 * A snapshot as the browser receives it: the evidence lists are computed as the app, so their issue keys are never
 * sent; only how many issues each list has (`evidenceTotals`) and how many of their keys are kept with the
 * computation (`evidenceStored`). The issues themselves come from `getEvidence`, read as the viewing user.
 */
export interface SnapshotView extends Omit<Snapshot, 'evidence' | 'evidenceTotals'> {
  evidence: Record<keyof Evidence, never[]>;
  evidenceTotals: Record<keyof Evidence, number>;
  evidenceStored: Record<keyof Evidence, number>;
}

export interface GateView {
  project: string;
  snapshot: SnapshotView | null;
  /** Minutes since the snapshot was computed. */
  ageMinutes: number | null;
  stale: boolean;
  /** The last failed computation, kept beside the last good snapshot. */
  lastError: { message: string; at: string } | null;
  /** Set by the macro: what the next gate needs, in plain words. */
  nextGate: string[];
  /** Set by `refresh` only: what the Refresh did (the page says so, never "Recomputed" when it was not). */
  refresh?: RefreshOutcome;
  /** Issue #13: ideas flagged for getting around the gate while it was locked (absent from older resolvers). */
  violations?: Violations;
  // --- issue #12 (big first views) ---
  /**
   * Set while a first computation that could not finish within the resolver's time runs in the background (queued):
   * about how many seconds are left. The page says so and polls `getGate` until a snapshot (or an error) arrives.
   */
  computing?: { etaSeconds: number };
  /**
   * Issue #12: scheduled work on the gate waits for the Jira points budget (the snapshot shown is the last one); the
   * page says so with the next try. Cleared by the next stored snapshot. Absent from older resolvers.
   */
  deferred?: Deferral | null;
}

/** Why and until when scheduled work on a gate waits (SPEC §8): storage.ts records it on the gate. */
export interface Deferral {
  /** When it was deferred (ISO). */
  at: string;
  reason: 'jira-budget';
  /** What the budget said, in the log's words. */
  detail: string;
  /** When it is tried again (ISO). */
  nextTryAt: string;
}

/** Issue #13: flagged ideas, counted once per issue and kind (docs/metrics.md "Violations"). */
export interface Violations {
  /** Moved out of To Do while locked where no validator stopped it. */
  movedOutOfToDo: number;
  /** Changed away from the idea type while locked. */
  typeChanged: number;
}

/**
 * What a Refresh did: `computed` read the project in full; `updated` applied the changes since the last read;
 * `throttled` answered the stored state (a Refresh ran less than 30 s ago; `retryAt` says
 * when another one computes); `deferred` found nothing cheaper to do and a full read already ran within the hour.
 */
export type RefreshOutcome =
  { outcome: 'computed' | 'updated' } | { outcome: 'throttled'; retryAt: string } | { outcome: 'deferred' };

export interface EvidenceIssue {
  key: string;
  summary: string;
  status: string;
  priority: string | null;
  created: string | null;
  resolved: string | null;
  dueDate: CalendarDate | null;
}

/** A saved version of the settings. */
export interface SettingsVersionView {
  version: number;
  savedAt: string;
  savedBy: string;
}

export interface SettingsView {
  project: string;
  config: Config;
  /** The version in force: 0 for the defaults (nothing saved yet); saves number 1, 2, … */
  version: number;
  /** The version in force when one was saved (null: the defaults). */
  current: SettingsVersionView | null;
  /** Previous versions, newest first (the defaults, version 0, are not listed: they are always restorable). */
  versions: SettingsVersionView[];
  /**
   * What each version changed from the one before, in the page's words ("Major incidents allowed 2 → 1"), by version
   * number; a version saved before this was recorded has no entry.
   */
  changes: Record<string, string[]>;
  canAdminister: boolean;
}

export type SaveSettingsResult =
  | {
      ok: true;
      settings: SettingsView;
      /** Data-quality notes on the saved names (a type on the site but in none of the source projects). */
      warnings: string[];
    }
  | {
      ok: false;
      errors: { path: string; message: string }[];
      /** Set when the form was based on an older version: who saved the current one, and when. */
      stale?: { version: number; savedAt: string; savedBy: string };
    };

/** An issue type of a source project, as the pickers offer it. */
export interface TypeChoice {
  id: string;
  name: string;
  hierarchyLevel: number | null;
}

/** `getSettingsChoices`: the site's names for the pickers of the settings page. */
export interface SettingsChoices {
  project: string;
  /** Per source project (as the admin sees them), its issue types. */
  incidents: { key: string; name: string; types: TypeChoice[] }[];
  deliveries: { key: string; name: string; types: TypeChoice[] }[];
  ideas: { key: string; name: string; types: TypeChoice[] }[];
  /** Source projects that could not be read (unknown key, or not browsable by the admin). */
  missingProjects: string[];
  /** The site's priorities, highest first. */
  priorities: { id: string; name: string }[];
  resolutions: { id: string; name: string }[];
  /** Labels used on the site (alphabetical, as Jira lists them); `labelsComplete` false when cut short. */
  labels: string[];
  labelsComplete: boolean;
  /** Data-quality notes for the saved settings (a configured name in none of the source projects). */
  warnings: string[];
}

export interface IdeaView {
  issue: string;
  project: string;
  /** The gate the idea is decided with (SPEC §3.0): the one listing its project, else its own project's. */
  gate: { home: string; name: string };
  isIdea: boolean;
  locked: boolean;
  reasons: string[];
  bypass: string | null;
  phase: number | null;
  computedAt: string | null;
}

export interface PortfolioRow {
  project: string;
  /** The gate's display name (its settings' `name`, else the report's, else the home key). */
  name: string;
  phase: number | null;
  phaseName: string | null;
  innovationUnlocked: boolean | null;
  computedAt: string | null;
  lastError: string | null;
  /** The stored report's figures (null before the first computation or when the figure has no data). */
  asOf: CalendarDate | null;
  onTimeRate: number | null;
  majorIncidents: number | null;
  /** The last day the phase changed (within the trend's year); null when it did not change in that year. */
  phaseSince: CalendarDate | null;
  /** The first day phase changes are looked for (the phase has held at least since then when `phaseSince` is null). */
  trackedSince: CalendarDate | null;
  timesThrownBack: number | null;
  /** Issue #13: ideas flagged for getting around the gate (zeros when none). */
  violations?: Violations;
  /** Issue #13: the latest step back within the trend's year, with its cause; null when none. */
  lastStepBack?: PhaseChange | null;
  /** Issue #12: scheduled work waits for the Jira points budget (absent: not deferred). */
  deferred?: Deferral;
}

/** `getMemberships`: one gate the project is a source of. */
export interface Membership {
  home: string;
  name: string;
  /** Which of the gate's sources the project is (the home counts as every source it does not hand elsewhere). */
  roles: ('incidents' | 'deliverables' | 'ideas')[];
  phase: number | null;
  phaseName: string | null;
  innovationUnlocked: boolean | null;
  computedAt: string | null;
}

export interface MembershipsView {
  project: string;
  gates: Membership[];
  /** Gates reading the project whose home the viewer cannot browse: counted, never named. */
  hidden: number;
}

/** `getGateSources`: the stored report's `sources`, and the configuration it was computed with. */
export interface GateSourcesView {
  project: string;
  sources: GateSources | null;
  computedAt: string | null;
  /** True when the settings changed since the stored report (its sources are then the previous settings'). */
  pending: boolean;
}

/**
 * Issue #13, the audit trail: what the gate enforced on one day (the last computation of that day), as stored in
 * `history:ID` (docs/metrics.md "The audit trail"). Fields after `lockedIdeas` are absent from days stored before
 * they existed.
 */
export interface AuditDay {
  /** The as-of date of the computation. */
  day: CalendarDate;
  /** ISO instant of the last computation of that day. */
  at: string;
  phase: 1 | 2 | 3;
  unlocked: boolean;
  reliabilityMet: boolean;
  deliveryMet: boolean;
  majorIncidents: number;
  medianRestoreHours: number | null;
  onTimeRate: number | null;
  decided: number;
  lockedIdeas: number;
  /** Unlocks and relocks that happened that day. */
  changes?: { at: string; change: 'unlocked' | 'relocked' }[];
  /** R3's figure. */
  longestOpenMajorHours?: number;
  /** D3's figure, only with `budgetCheck`. */
  onBudgetRate?: number | null;
  /** The criteria whose real value did not meet them that day, and those of them a waiver covered. */
  unmet?: CriterionId[];
  waived?: CriterionId[];
  /** The waivers active that day. */
  waivers?: {
    criterion: CriterionId;
    from: CalendarDate;
    until: CalendarDate;
    approver: string;
    reason: string;
  }[];
  /**
   * The settings version the day was computed with: 0 = the defaults (never saved); null = not known (the settings
   * changed between the computation and its storing, or a day stored before versions were recorded).
   */
  settingsVersion?: number | null;
}

/** `getAudit`: the stored daily history, newest first. */
export interface AuditView {
  project: string;
  timeZone: string;
  days: AuditDay[];
}

/** `listGates`: a gate the viewer may open. */
export interface GateOption {
  home: string;
  name: string;
  phase: number | null;
}

/** `listProjects`: a project the user can browse. */
export interface ProjectOption {
  key: string;
  name: string;
}

/** One step of `setup`, with what it did or why it could not. */
export interface SetupStep {
  name: string;
  outcome: 'done' | 'skipped' | 'failed';
  detail: string;
}

/** `setup`: the steps run, then the exact steps to add the validator to the idea workflow by hand. */
/** Whether the idea workflows carry the app's validator (read from Jira after the setup). */
export interface ValidatorCheck {
  /** `on`: every idea workflow carries it; `missing`: at least one does not; `unknown`: it could not be checked. */
  status: 'on' | 'missing' | 'unknown';
  workflows: { name: string; carries: boolean; transitions: string[] }[];
  /** The check in one sentence, for the admin page. */
  summary: string;
}

export interface SetupResult {
  steps: SetupStep[];
  /** How to put the validator on the idea workflow; empty when the project was not found. */
  validatorSteps: string[];
  /** Null when the project was not found. */
  validatorCheck: ValidatorCheck | null;
}

/** What each resolver answers when it succeeds (every resolver may answer a `ResolverError` instead). */
export interface ResolverResponses {
  getGate: GateView;
  refresh: GateView;
  getAudit: AuditView;
  getEvidence: EvidenceIssue[];
  getSettings: SettingsView;
  saveSettings: SaveSettingsResult;
  restoreSettings: SaveSettingsResult;
  getIdea: IdeaView;
  listProjects: ProjectOption[];
  setup: SetupResult;
  getPortfolio: PortfolioRow[];
  getMemberships: MembershipsView;
  getGateSources: GateSourcesView;
  listGates: GateOption[];
  getSettingsChoices: SettingsChoices;
}

export type ResolverResponse<K extends ResolverName> = ResolverResponses[K] | ResolverError;

export type { ConfigInput };
