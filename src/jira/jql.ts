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

/** JQL date margin, in days, around every bound. */
export const MARGIN_DAYS = 2;

export interface Bounds {
  /** The latest as-of date evaluated. */
  asOf: CalendarDate;
  /** The earliest as-of date evaluated (the trend's first month-end, or the first sustain day). */
  earliest: CalendarDate;
}

export interface ScopeQuery {
  project: string;
  types: readonly string[];
  extraJql?: string;
  /** Resolutions to leave out (those the site knows). */
  excludedResolutions?: readonly string[];
}

function scope(q: ScopeQuery): string {
  const parts = [`project = ${quote(q.project)}`, `issuetype in ${list(q.types)}`];
  if (q.extraJql && q.extraJql.trim()) parts.push(`(${q.extraJql.trim()})`);
  if (q.excludedResolutions?.length) {
    parts.push(`(resolution is EMPTY OR resolution not in ${list(q.excludedResolutions)})`);
  }
  return parts.join(' AND ');
}

/**
 * Incidents that can affect a report as of any date in `bounds`: created in a window, restored in a window, or major
 * and still unresolved (the longest-open rule); exempt labels are filtered out already. Without major priorities, no
 * old open incident is fetched (none can be major).
 */
export function incidentJql(
  q: ScopeQuery,
  windowDays: number,
  exemptLabels: readonly string[],
  majorPriorities: readonly string[],
  b: Bounds,
): string {
  const lo = addDays(b.earliest, -windowDays - MARGIN_DAYS);
  const hi = addDays(b.asOf, MARGIN_DAYS);
  const openMajor = majorPriorities.length
    ? ` OR (resolutiondate is EMPTY AND priority in ${list(majorPriorities)})`
    : '';
  let jql =
    `${scope(q)} AND created <= ${quote(hi)}` +
    ` AND (created >= ${quote(lo)} OR resolutiondate >= ${quote(lo)}${openMajor})`;
  if (exemptLabels.length) jql += ` AND (labels is EMPTY OR labels not in ${list(exemptLabels)})`;
  return `${jql} ORDER BY created ASC`;
}

/**
 * Deliverables that can affect a report: resolved in a window (on time), due in a window (late or overdue), or with
 * no due date and unresolved (a data-quality warning).
 */
export function deliverableJql(q: ScopeQuery, windowDays: number, graceDays: number, b: Bounds): string {
  const lo = addDays(b.earliest, -windowDays - MARGIN_DAYS);
  const loDue = addDays(b.earliest, -windowDays - graceDays - 1 - MARGIN_DAYS);
  const hi = addDays(b.asOf, MARGIN_DAYS);
  return (
    `${scope(q)} AND created <= ${quote(hi)}` +
    ` AND (resolutiondate >= ${quote(lo)} OR (duedate >= ${quote(loDue)} AND duedate <= ${quote(hi)})` +
    ` OR (duedate is EMPTY AND resolutiondate is EMPTY))` +
    ` ORDER BY created ASC`
  );
}

/** Every idea of the project (ideas use their current status). */
export function ideaJql(q: ScopeQuery): string {
  return `${scope(q)} ORDER BY created ASC`;
}
