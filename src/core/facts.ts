/**
 * Issue facts: the few fields of a Jira issue that the rules read, already turned into instants and calendar dates
 * in the configured time zone. Built once per issue (see `src/jira/facts.ts`), then read by every calculator.
 */
import type { CalendarDate } from './dates';

export type StatusCategory = 'new' | 'indeterminate' | 'done' | 'unknown';

export interface IssueFact {
  key: string;
  /** Jira's issue id ('' when unknown). */
  id: string;
  /** The issue's project key. */
  project: string;
  /** Issue type name as Jira spells it (for display only: rules compare `typeId`). */
  type: string;
  /** Issue type id: every rule compares ids (docs/metrics.md "Sources and id matching"). */
  typeId: string;
  /** Creation instant (ms) and its calendar date in the configured zone. */
  created: number;
  createdDay: CalendarDate;
  /**
   * The resolved instant of "Resolved (v2)" (see `resolvedInstant`): `resolutiondate`, or `statuscategorychangedate`
   * for an issue in the done category without a resolution; null while unresolved.
   */
  resolved: number | null;
  resolvedDay: CalendarDate | null;
  /** True when `resolved` came from `statuscategorychangedate` (Done without a resolution). */
  doneWithoutResolution: boolean;
  /** Resolution name ("Done", "Duplicate", …) and id, null while there is none. */
  resolution: string | null;
  resolutionId: string | null;
  priority: string | null;
  priorityId: string | null;
  labels: string[];
  /** Jira `duedate`, a calendar date, or null. */
  dueDate: CalendarDate | null;
  /** Current status category. */
  statusCategory: StatusCategory;
  status: string | null;
  /** Deliverables: the `duedate` and `status` changelog, when it was read (absent: none read). */
  history?: IssueHistory;
  /** Deliverables: `aggregatetimeoriginalestimate` / `aggregatetimespent` in seconds, as they are now. */
  originalEstimateSeconds?: number | null;
  timeSpentSeconds?: number | null;
  /** Ideas: for each current label, who added it last (from the changelog; null account = unknown). */
  labelAdders?: LabelAdder[];
  /** Ideas: the account that created the issue. */
  creatorAccountId?: string | null;
  /** Ideas: the summary (titles on the macro). */
  summary?: string;
}

/** The changelog items the rules replay, oldest first; status ids already mapped to categories. */
export interface IssueHistory {
  dueChanges: { at: number; from: CalendarDate | null; to: CalendarDate | null }[];
  statusChanges: { at: number; fromCategory: StatusCategory; toCategory: StatusCategory }[];
}

/** Who put a label on an issue (the last changelog entry that added it, or the creator when it was there at creation). */
export interface LabelAdder {
  label: string;
  accountId: string | null;
  displayName?: string | null;
  /** When it was added; null when it was there at creation. */
  at: number | null;
}

/** The facts a project's gate is computed from, fetched once. */
export interface GateFacts {
  incidents: IssueFact[];
  deliverables: IssueFact[];
  ideas: IssueFact[];
  /** Data-quality notes found while reading Jira (bad dates, missing fields). */
  dataWarnings: string[];
  /**
   * R0: the created day of the earliest incident (any priority, not exempt, not excluded) in the incident projects,
   * from a cheap extra search; null when none was ever recorded. Incidents among `incidents` count too.
   */
  firstIncidentDay: CalendarDate | null;
}

type NameTest = (name: string | null | undefined) => boolean;
const nameSets = new WeakMap<readonly string[], NameTest>();

/**
 * Case-insensitive membership for Jira names (types, priorities, labels, resolutions); built once per list.
 * @example nameSet(['High'])('high') // true
 */
export function nameSet(names: readonly string[]): NameTest {
  let test = nameSets.get(names);
  if (!test) {
    const set = new Set(names.map((n) => n.trim().toLowerCase()));
    test = (name) => name != null && set.has(name.trim().toLowerCase());
    nameSets.set(names, test);
  }
  return test;
}

/** True when the issue existed at the end of `asOf`. */
export function existsAt(issue: IssueFact, asOf: CalendarDate): boolean {
  return issue.createdDay <= asOf;
}

/** True when the issue was resolved by the end of `asOf` (a later resolution counts as not yet resolved). */
export function resolvedAt(issue: IssueFact, asOf: CalendarDate): boolean {
  return issue.resolvedDay !== null && issue.resolvedDay <= asOf;
}

/**
 * "Resolved (v2)" (docs/metrics.md "Resolved"): an issue is resolved at its `resolutiondate`; one with no
 * resolution whose status category is `done` is resolved at its `statuscategorychangedate` (Done without a
 * resolution). Anything else is unresolved.
 * @example resolvedInstant({ resolutionDate: null, hasResolution: false, statusCategory: 'done', statusCategoryChanged: 5 })
 *   // { at: 5, doneWithoutResolution: true }
 */
export function resolvedInstant(f: {
  resolutionDate: number | null;
  hasResolution: boolean;
  statusCategory: StatusCategory;
  statusCategoryChanged: number | null;
}): { at: number | null; doneWithoutResolution: boolean } {
  if (f.hasResolution) return { at: f.resolutionDate, doneWithoutResolution: false };
  if (f.resolutionDate !== null) return { at: f.resolutionDate, doneWithoutResolution: false };
  if (f.statusCategory === 'done' && f.statusCategoryChanged !== null)
    return { at: f.statusCategoryChanged, doneWithoutResolution: true };
  return { at: null, doneWithoutResolution: false };
}

/**
 * Excluded resolutions apply only to issues that HAVE a resolution (docs/metrics.md "Resolved (v2)"): a Done-without-resolution
 * issue is never excluded. The resolution is read as it is now (docs/decisions/0003).
 */
export function isExcluded(
  issue: Pick<IssueFact, 'resolutionId' | 'resolution'>,
  excluded: (id: string | null | undefined) => boolean,
): boolean {
  return issue.resolutionId !== null && issue.resolutionId !== undefined && excluded(issue.resolutionId);
}
