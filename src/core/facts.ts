/**
 * Issue facts: the few fields of a Jira issue that the rules read, already turned into instants and calendar dates
 * in the configured time zone. Built once per issue (see `src/jira/facts.ts`), then read by every calculator.
 */
import type { CalendarDate } from './dates';

export type StatusCategory = 'new' | 'indeterminate' | 'done' | 'unknown';

export interface IssueFact {
  key: string;
  /** Issue type name as Jira spells it. */
  type: string;
  /** Creation instant (ms) and its calendar date in the configured zone. */
  created: number;
  createdDay: CalendarDate;
  /** Resolution instant (ms) and its calendar date; null while unresolved. */
  resolved: number | null;
  resolvedDay: CalendarDate | null;
  /** Resolution name ("Done", "Duplicate", …), null while unresolved. */
  resolution: string | null;
  priority: string | null;
  labels: string[];
  /** Jira `duedate`, a calendar date, or null. */
  dueDate: CalendarDate | null;
  /** Current status category. */
  statusCategory: StatusCategory;
  status: string | null;
}

/** The facts a project's gate is computed from, fetched once. */
export interface GateFacts {
  incidents: IssueFact[];
  deliverables: IssueFact[];
  ideas: IssueFact[];
  /** Data-quality notes found while reading Jira (bad dates, missing fields). */
  dataWarnings: string[];
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
