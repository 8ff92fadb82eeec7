/**
 * The benchmark's oracle: which issues can affect a report, found by scanning every issue of the fake site with the
 * rules of SPEC section 3 — independently of the app's JQL, its facts and its calculators. An issue counts when some
 * figure or evidence list of some evaluated as-of date reads it: the report date and its sustain days, and for the
 * trend the last 12 month-ends too.
 */
import { DEFAULT_EXCLUDED_RESOLUTIONS, DEFAULT_INCIDENT_TYPES, type Config } from '../src/core/config';
import type { FakeIssue, FakeSite } from '../dev/fake-jira/site';

export interface Relevant {
  incidents: number;
  deliverables: number;
  ideas: number;
  total: number;
  /** The as-of dates evaluated. */
  dates: string[];
}

const DAY_MS = 86_400_000;

/** `YYYY-MM-DD` plus `days`. */
function plusDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

/** The last day of the month `monthsBack` months before the month of `date`. */
function monthEnd(date: string, monthsBack: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  // Day 0 of the following month is the last day of this one.
  return new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() - monthsBack + 1, 0))
    .toISOString()
    .slice(0, 10);
}

/** The as-of dates a computation evaluates: `asOf`, its sustain days, and (trend) the 12 month-ends before it. */
export function evaluatedDates(asOf: string, sustainDays: number, trend: boolean): string[] {
  const dates = new Set<string>();
  for (let k = 0; k < sustainDays; k++) dates.add(plusDays(asOf, -k));
  if (trend) for (let m = 1; m <= 12; m++) dates.add(monthEnd(asOf, m));
  return [...dates].sort();
}

/** A Jira timestamp (`2026-05-01T10:20:30.000+0530`) as a calendar date in `timeZone`. */
function dayIn(formatter: Intl.DateTimeFormat, stamp: string | null): string | null {
  if (stamp === null) return null;
  const instant = Date.parse(stamp.replace(/([+-]\d\d)(\d\d)$/, '$1:$2'));
  return formatter.format(instant); // en-CA formats as YYYY-MM-DD
}

const lower = (names: readonly string[]) => new Set(names.map((n) => n.trim().toLowerCase()));
const has = (set: Set<string>, name: string | null | undefined) =>
  name != null && set.has(name.trim().toLowerCase());

/**
 * Counts the issues of `project` that can affect the report as of any of `dates`.
 * @example relevantIssues(site, 'BIG', DEFAULT_CONFIG, evaluatedDates('2026-06-30', 1, true)).total
 */
export function relevantIssues(
  site: FakeSite,
  project: string,
  config: Config,
  dates: string[],
  /**
   * 'current': a deliverable's due date is its current one (right for `dueDateBasis: current`, and for committed
   * dates on a site without due-date history). 'any': before its changelog is read, a deliverable's committed due
   * date could be any date — it counts when some window could decide it: created by the as-of date and not resolved
   * before the window began.
   */
  dueDates: 'current' | 'any' = 'current',
): Relevant {
  const formatter = new Intl.DateTimeFormat('en-CA', {
    timeZone: config.timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  });
  // The v2 defaults on the benchmark site (an English company-managed site): SPEC §3.0.
  const incidentTypes = lower(config.incidentTypes ?? DEFAULT_INCIDENT_TYPES);
  const deliverableTypes = lower(config.deliverableTypes ?? ['Epic']);
  const ideaType = lower([config.ideaType]);
  const excluded = lower(config.excludedResolutions ?? DEFAULT_EXCLUDED_RESOLUTIONS);
  const exempt = lower(config.incidentExemptLabels);
  const major = lower(config.majorPriorities ?? site.priorities.slice(0, 2).map((p) => p.name));
  const inWindow = (day: string | null, asOf: string, n: number) =>
    day !== null && day > plusDays(asOf, -n) && day <= asOf;

  const counts = { incidents: 0, deliverables: 0, ideas: 0 };
  for (const issue of site.issues as readonly FakeIssue[]) {
    const f = issue.fields;
    if (f.project.key !== project || has(excluded, f.resolution?.name)) continue;
    const type = f.issuetype.name;
    if (has(ideaType, type)) {
      counts.ideas++; // ideas are read by their current status, whatever their dates
      continue;
    }
    const created = dayIn(formatter, f.created)!;
    // SPEC "Resolved (v2)": the resolution date, or for one Done without a resolution its status category change.
    const resolved = dayIn(
      formatter,
      f.resolution
        ? f.resolutiondate
        : f.status.statusCategory.key === 'done'
          ? f.statuscategorychangedate
          : null,
    );
    const resolvedBy = (d: string) => resolved !== null && resolved <= d;
    if (has(incidentTypes, type) && !f.labels.some((l) => has(exempt, l))) {
      const N = config.reliabilityWindowDays;
      const affects = dates.some(
        (d) =>
          created <= d &&
          (inWindow(created, d, N) ||
            inWindow(resolved, d, N) ||
            (has(major, f.priority?.name) && !resolvedBy(d))),
      );
      if (affects) counts.incidents++;
      continue;
    }
    if (has(deliverableTypes, type)) {
      const N = config.deliveryWindowDays;
      const g = config.graceDays;
      const affects = dates.some((d) => {
        if (created > d) return false;
        if (dueDates === 'any') return resolved === null || resolved > plusDays(d, -N);
        if (f.duedate === null) return !resolvedBy(d) || inWindow(resolved, d, N);
        const onTime = resolvedBy(d) && resolved! <= plusDays(f.duedate, g);
        return inWindow(onTime ? resolved : plusDays(f.duedate, g + 1), d, N);
      });
      if (affects) counts.deliverables++;
    }
  }
  return { ...counts, total: counts.incidents + counts.deliverables + counts.ideas, dates };
}
