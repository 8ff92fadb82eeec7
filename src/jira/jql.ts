/**
 * Building JQL safely: quoted values and the coarse date pre-filters. JQL only narrows what is fetched; every rule is
 * applied again in code, so each bound here has two days of margin (JQL dates are read in the searching user's zone).
 */
import { addDays, type CalendarDate } from '../core/dates';

/**
 * A JQL string literal.
 * @example quote('Won\'t "Do"') // '"Won\'t \\"Do\\""'
 */
export function quote(value: string): string {
  return `"${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}

/** `("a", "b")` */
export function list(values: readonly string[]): string {
  return `(${values.map(quote).join(', ')})`;
}

/**
 * JQL date margins, in days. JQL reads a bare date as midnight at the start of that day in the *searching user's*
 * zone, which may be up to 26 hours ahead of or behind the configured zone (UTC+14 against UTC−12). A lower bound
 * two days early and an upper bound three days late therefore always cover the configured calendar days.
 */
export const MARGIN_DAYS = 2;
export const UPPER_MARGIN_DAYS = 3;

export interface Bounds {
  /** The latest as-of date evaluated. */
  asOf: CalendarDate;
  /** The earliest as-of date evaluated (the trend's first month-end, or the first sustain day). */
  earliest: CalendarDate;
}

/** Ids in JQL: bare numbers (Jira reads a quoted value as a name first), anything else quoted. */
export function idList(ids: readonly string[]): string {
  return `(${ids.map((id) => (/^\d+$/.test(id) ? id : quote(id))).join(', ')})`;
}

/** One source of a gate, by ids (SPEC §3.0). */
export interface ScopeQuery {
  projects: readonly string[];
  typeIds: readonly string[];
  extraJql?: string;
  /** Resolution ids to leave out (those the site knows). */
  excludedResolutionIds?: readonly string[];
}

function scope(q: ScopeQuery): string {
  const projects =
    q.projects.length === 1 ? `project = ${quote(q.projects[0]!)}` : `project in ${list(q.projects)}`;
  const parts = [projects, `issuetype in ${idList(q.typeIds)}`];
  if (q.extraJql && q.extraJql.trim()) parts.push(`(${q.extraJql.trim()})`);
  if (q.excludedResolutionIds?.length) {
    parts.push(`(resolution is EMPTY OR resolution not in ${idList(q.excludedResolutionIds)})`);
  }
  return parts.join(' AND ');
}

/** The first calendar date of the earliest window: windows of N days are (D − N, D]. */
function firstWindowDay(b: Bounds, windowDays: number): CalendarDate {
  return addDays(b.earliest, -windowDays + 1);
}

/**
 * Not resolved before `lo` (SPEC "Resolved (v2)"), for an issue without a resolution date: not Done, or Done since
 * `lo` (its status category change), or with a resolution (one without its date reads as unresolved, with a
 * data-quality warning). On a workflow that sets no resolution every issue ever done has no resolution date; without
 * the Done part each read would take in the project's whole history. One without a change date is kept (its warning).
 */
function unresolvedSince(lo: CalendarDate): string {
  return (
    `(resolutiondate is EMPTY AND (resolution is not EMPTY OR statusCategory != Done` +
    ` OR statusCategoryChangedDate >= ${quote(lo)} OR statusCategoryChangedDate is EMPTY))`
  );
}

/**
 * Incidents that can affect a report as of any date in `bounds`: created in a window, restored in a window (resolved
 * by the last as-of date), or major and unresolved at an as-of date (the longest-open rule); exempt labels are
 * filtered out already. Without major priorities, no old open incident is fetched (none can be major).
 */
export function incidentJql(
  q: ScopeQuery,
  windowDays: number,
  exemptLabels: readonly string[],
  majorPriorityIds: readonly string[],
  b: Bounds,
): string {
  const lo = addDays(firstWindowDay(b, windowDays), -MARGIN_DAYS);
  const hi = addDays(b.asOf, UPPER_MARGIN_DAYS);
  const major = majorPriorityIds.length ? `priority in ${idList(majorPriorityIds)}` : null;
  // Resolved after the last as-of date, an incident created before the windows only counts as a major one still open.
  const resolvedBy = major
    ? `(resolutiondate <= ${quote(hi)} OR ${major})`
    : `resolutiondate <= ${quote(hi)}`;
  const openMajor = major ? ` OR (${unresolvedSince(lo)} AND ${major})` : '';
  // Done without a resolution (SPEC "Resolved (v2)"): restored when the status category moved to Done.
  const doneUnresolved =
    ` OR (resolution is EMPTY AND statusCategory = Done AND statusCategoryChangedDate >= ${quote(lo)}` +
    ` AND statusCategoryChangedDate <= ${quote(hi)})`;
  let jql =
    `${scope(q)} AND created <= ${quote(hi)}` +
    ` AND (created >= ${quote(lo)} OR (resolutiondate >= ${quote(lo)} AND ${resolvedBy})${doneUnresolved}${openMajor})`;
  if (exemptLabels.length) jql += ` AND (labels is EMPTY OR labels not in ${list(exemptLabels)})`;
  return `${jql} ORDER BY created ASC`;
}

/**
 * Deliverables that can affect a report as of any date in `bounds`. A deliverable resolved before the first window
 * day is never decided in a window (on time, it is decided when resolved; late, on `duedate + grace + 1`, which is no
 * later than its resolution), so only unresolved ones and those resolved since are read. Of these: without a due
 * date (the data-quality count), or with a due date that can put the decision in a window — from `first day − grace
 * − 1`, up to `asOf − grace − 1` for one not on time, or any later due date for one resolved (on time) by `asOf`.
 */
export function deliverableJql(
  q: ScopeQuery,
  windowDays: number,
  graceDays: number,
  b: Bounds,
  basis: 'committed' | 'current' = 'current',
): string {
  const first = firstWindowDay(b, windowDays);
  const lo = addDays(first, -MARGIN_DAYS);
  const loDue = addDays(first, -graceDays - 1 - MARGIN_DAYS);
  const hiDue = addDays(b.asOf, -graceDays - 1 + MARGIN_DAYS);
  const hi = addDays(b.asOf, UPPER_MARGIN_DAYS);
  let jql = `${scope(q)} AND created <= ${quote(hi)} AND (resolutiondate >= ${quote(lo)} OR ${unresolvedSince(lo)})`;
  // The committed due date may differ from today's, so today's due date cannot narrow the read.
  if (basis === 'current') {
    jql +=
      ` AND (duedate is EMPTY OR (duedate >= ${quote(loDue)}` +
      ` AND (duedate <= ${quote(hiDue)} OR resolutiondate <= ${quote(hi)}` +
      ` OR (resolution is EMPTY AND statusCategory = Done))))`;
  }
  return `${jql} ORDER BY created ASC`;
}

/**
 * R0: the earliest incident ever recorded in the incident projects (any priority, not exempt, not excluded), created
 * by the last as-of date; read with one issue per page.
 */
export function firstIncidentJql(q: ScopeQuery, exemptLabels: readonly string[], b: Bounds): string {
  let jql = `${scope(q)} AND created <= ${quote(addDays(b.asOf, UPPER_MARGIN_DAYS))}`;
  if (exemptLabels.length) jql += ` AND (labels is EMPTY OR labels not in ${list(exemptLabels)})`;
  return `${jql} ORDER BY created ASC`;
}

/** Every idea of the idea projects (ideas use their current status). */
export function ideaJql(q: ScopeQuery): string {
  return `${scope(q)} ORDER BY created ASC`;
}

/**
 * Issues of the gate's sources (projects and type ids; never narrowed by an extra clause or by excluded resolutions,
 * so an issue leaving either is found too) updated in the last `minutes` minutes. A relative period is read the same
 * in every user's time zone, unlike a date literal.
 */
export function changedSinceJql(
  scopes: readonly ScopeQuery[],
  minutes: number,
  /**
   * Issues whose state up to some instant is known already: each is left out unless it was updated after
   * `minutesAgo` minutes ago (0: up to now). Relative periods again, so no time zone is involved.
   */
  known: readonly { id: string; minutesAgo: number }[] = [],
): string | null {
  const parts = scopes
    .filter((q) => q.projects.length > 0 && q.typeIds.length > 0)
    .map((q) => `(${scope({ projects: q.projects, typeIds: q.typeIds })})`);
  if (parts.length === 0) return null;
  const period = `-${Math.max(1, Math.ceil(minutes))}m`;
  const skips = known
    .filter((k) => /^\d+$/.test(k.id))
    .map((k) => {
      const ago = Math.max(0, Math.floor(k.minutesAgo));
      return ` AND NOT (id = ${k.id} AND updated <= ${ago === 0 ? 'now()' : quote(`-${ago}m`)})`;
    });
  return `updated >= ${quote(period)} AND (${[...new Set(parts)].join(' OR ')})${skips.join('')} ORDER BY created ASC`;
}

/** Which of the issues `ids` match an extra clause (membership of a kind configured with one). */
export function matchingIdsJql(ids: readonly string[], extraJql: string): string {
  return `id in ${idList(ids)} AND (${extraJql.trim()}) ORDER BY created ASC`;
}
