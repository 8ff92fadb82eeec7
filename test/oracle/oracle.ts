/**
 * An independent oracle for the report's figures, written straight from /work/shared/SPEC.md (version 2: §3.0, §3,
 * §5) — not from the app's code. It takes the raw Jira data of a site (the issue JSON Jira Cloud returns, with each
 * issue's changelog, and the site's issue types, priorities, resolutions, statuses and project administrators), a
 * configuration (SPEC §3/§4 defaults) and an `asOf` date, and computes every figure of the report: the phase, the
 * reliability, delivery and ideas figures, the structured criteria (§5) with their needs, committed due dates and
 * slippage, D3 on budget, waivers and phase changes.
 *
 * Names are matched to ids as §3.0 says: each configured name is resolved against the site's objects (`name` or
 * `untranslatedName`, case-insensitive) and issues are then compared by id. The site-derived defaults are computed
 * from the site: the two highest priorities in the site's order, every issue type at hierarchy level 1.
 *
 * Everything is plain: timestamps are parsed by hand (Jira writes `2026-05-01T10:20:30.000+0530`), calendar dates in
 * a zone come from `Intl.DateTimeFormat`, and calendar arithmetic is done on whole-day numbers.
 *
 * Where the SPEC can be read two ways, the reading is a named option (`OracleReadings`) so that the tests can say
 * which one they assume.
 */

// ---------------------------------------------------------------------------------------------------------------
// Configuration (SPEC §3 and §4, defaults in brackets)
// ---------------------------------------------------------------------------------------------------------------

export type CriterionId = 'R0' | 'R1' | 'R2' | 'R3' | 'D1' | 'D2' | 'D3';

/** SPEC §3 "Waivers (v2)": `{ criterion, from, until, reason, approver }`. */
export interface OracleWaiver {
  criterion: Exclude<CriterionId, 'R0'>;
  from: string;
  until: string;
  reason: string;
  approver: string;
}

export interface OracleConfig {
  timeZone: string;
  excludedResolutions: string[];
  incidentTypes: string[];
  incidentExemptLabels: string[];
  /** Omitted: the two highest priorities in the site's order (§3.0). */
  majorPriorities?: string[];
  reliabilityWindowDays: number;
  maxMajorIncidents: number;
  maxMedianRestoreHours: number;
  /** Omitted: every issue type at hierarchy level 1 (§3.0). */
  deliverableTypes?: string[];
  graceDays: number;
  deliveryWindowDays: number;
  minDecided: number;
  minOnTimeRate: number;
  sustainDays: number;
  ideaType: string;
  ideaBypassLabels: string[];
  maxSnapshotAgeHours: number;
  // v2
  name?: string;
  /** Omitted: `[home]`. */
  incidentProjects?: string[];
  deliveryProjects?: string[];
  ideaProjects?: string[];
  dueDateBasis: 'committed' | 'current';
  budgetCheck: boolean;
  budgetTolerance: number;
  minOnBudgetRate: number;
  waivers: OracleWaiver[];
  /** Account ids; empty: the administrators of the idea's project. */
  ideaBypassApprovers: string[];
}

export const SPEC_DEFAULTS: OracleConfig = {
  timeZone: 'UTC',
  excludedResolutions: ['Duplicate', "Won't Do", 'Cannot Reproduce', 'Declined'],
  incidentTypes: ['Incident', '[System] Incident'],
  incidentExemptLabels: ['not-an-incident', 'external-cause'],
  reliabilityWindowDays: 90,
  maxMajorIncidents: 2,
  maxMedianRestoreHours: 24,
  graceDays: 0,
  deliveryWindowDays: 180,
  minDecided: 5,
  minOnTimeRate: 0.8,
  sustainDays: 1,
  ideaType: 'Innovation Idea',
  ideaBypassLabels: ['reliability', 'security'],
  maxSnapshotAgeHours: 48,
  dueDateBasis: 'committed',
  budgetCheck: false,
  budgetTolerance: 0.1,
  minOnBudgetRate: 0.8,
  waivers: [],
  ideaBypassApprovers: [],
};

/**
 * The readings chosen where the SPEC allows more than one. The defaults are the readings the tests assume (each
 * alternative that the probes exercise is described beside its probe in probes.test.ts).
 */
export interface OracleReadings {
  /**
   * "issues resolved with one of these [excluded resolutions] are ignored everywhere, as if they did not exist" vs
   * "a resolution after asOf counts as not yet resolved". true: an excluded resolution hides the issue whatever its
   * date ("everywhere"); false: only when the resolution is at or before asOf.
   */
  excludeWhateverTheResolutionDate: boolean;
  /**
   * "(Ideas are the exception: they use current status.)" true: every current idea counts, including ideas created
   * after asOf; false: ideas created after asOf do not exist (only their status is current).
   */
  ideasCreatedAfterAsOfCount: boolean;
  /**
   * Labels (exemption and bypass labels) compared with Jira's ignoring case. §3.0 makes names of types, priorities
   * and resolutions case-insensitive; labels are not "names" there, and Jira keeps a label's case as typed.
   */
  labelsCaseInsensitive: boolean;
  /**
   * Bypass approvers: "the last changelog entry that added it (a labels item whose toString has the label and whose
   * fromString does not)". true: "has the label" ignoring case (with labels compared ignoring case, an entry that
   * adds `security` beside an existing `SECURITY` adds nothing, so the earlier adder or the creator decides); false:
   * the label exactly as written.
   */
  labelAddsIgnoreCase: boolean;
  /**
   * "An issue with no resolution whose status category is done is resolved at its statuscategorychangedate." The
   * status category is read 'now' (the current field: resolved at asOf when it is Done now and moved to Done by the
   * end of asOf) or 'asOf' (replaying the status changelog: resolved when it was in a Done status at the end of
   * asOf, at the instant it last entered Done — so an issue Done at asOf and reopened since still counts).
   */
  doneWithoutResolutionStatus: 'now' | 'asOf';
  /**
   * "first due date set after that day": only a due date set by the end of asOf counts (true: "only changes up to
   * the end of asOf count"), or any set later too (false).
   */
  firstDueSetAfterCommitmentByAsOf: boolean;
  /**
   * A deliverable created directly in an In Progress status (no status change enters it) is committed on its
   * created day (true), or never entered In Progress (false: the first due date it ever had).
   */
  createdInProgressCommits: boolean;
  /**
   * R1 `clearsOn` is the excess-th oldest major's created day + windowDays, which is always after asOf (every major
   * in the window was created after asOf − N). Should a computation give a day at or before asOf: 'null' or 'date'.
   * (Unreachable with the SPEC's formula; kept so that the tests say what they assume.)
   */
  clearsOnAtOrBeforeAsOf: 'null' | 'date';
  /**
   * D3's need `{kind:"moreOnBudget", deliveries}` "(same form)" as D2: the smallest k ≥ 0 with
   * (onBudget + k) / (budgetMeasured + k) ≥ minOnBudgetRate (false), or the smallest k that also brings
   * budgetMeasured + k to minDecided (true).
   */
  d3DeliveriesCountMinimum: boolean;
  /**
   * The first trend date, where `phaseChanges` start: "the last 12 month-ends (and asOf)". 'before': the 12
   * month-ends strictly before asOf; 'upTo': the 12 month-ends at or before asOf (differs only when asOf is a
   * month-end).
   */
  trendMonthEnds: 'before' | 'upTo';
  /** Whether the first trend date itself is compared with the day before it (true) or is the baseline (false). */
  phaseChangesIncludeFirstDay: boolean;
  /**
   * `reliability.met` / `delivery.met` with waivers applied (true: the phase's "met", waived criteria count as met)
   * or the criteria's real values (false). `phase` always applies them.
   */
  sectionMetWithWaivers: boolean;
  /**
   * Configured issue type names resolved against the types of the source projects ('sourceProjects') or of the
   * whole site ('site'); decides which user-written names are errors and what `sources` lists.
   */
  typeNamesScope: 'sourceProjects' | 'site';
}

export const DEFAULT_READINGS: OracleReadings = {
  excludeWhateverTheResolutionDate: true,
  ideasCreatedAfterAsOfCount: true,
  labelsCaseInsensitive: true,
  labelAddsIgnoreCase: true,
  doneWithoutResolutionStatus: 'now',
  firstDueSetAfterCommitmentByAsOf: true,
  createdInProgressCommits: true,
  clearsOnAtOrBeforeAsOf: 'null',
  d3DeliveriesCountMinimum: true,
  trendMonthEnds: 'before',
  phaseChangesIncludeFirstDay: false,
  sectionMetWithWaivers: true,
  typeNamesScope: 'sourceProjects',
};

// ---------------------------------------------------------------------------------------------------------------
// Raw Jira data
// ---------------------------------------------------------------------------------------------------------------

export interface RawNamed {
  id: string;
  name: string;
  untranslatedName?: string;
}

export interface RawChangelogItem {
  field: string;
  fieldId?: string;
  from: string | null;
  fromString: string | null;
  to: string | null;
  toString: string | null;
}

export interface RawChangelogEntry {
  created: string;
  author: { accountId: string } | null;
  items: RawChangelogItem[];
}

export interface RawIssue {
  key: string;
  fields: {
    project: { key: string };
    issuetype: { id: string; name: string } | null;
    created: string;
    resolutiondate: string | null;
    resolution: { id: string; name: string } | null;
    priority: { id: string; name: string } | null;
    labels: string[] | null;
    duedate: string | null;
    status: { id?: string; statusCategory: { key: string } } | null;
    statuscategorychangedate?: string | null;
    creator?: { accountId: string } | null;
    aggregatetimeoriginalestimate?: number | null;
    aggregatetimespent?: number | null;
  };
  /** Change histories, oldest first. */
  changelog?: RawChangelogEntry[];
}

/** What the oracle reads of a site: its catalogue and its issues, as Jira Cloud's REST API returns them. */
export interface RawSite {
  issueTypes: (RawNamed & { hierarchyLevel: number })[];
  projects: { key: string; name: string; issueTypeIds: string[]; admins: string[] }[];
  /** In the site's order (`/rest/api/3/priority/search`), highest first. */
  priorities: RawNamed[];
  resolutions: RawNamed[];
  /** Status ids with their categories (`new`, `indeterminate`, `done`). */
  statuses: { id: string; category: string }[];
  issues: RawIssue[];
}

// ---------------------------------------------------------------------------------------------------------------
// Dates and times, written plainly
// ---------------------------------------------------------------------------------------------------------------

const HOUR_MS = 3_600_000;

const JIRA_DATETIME =
  /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,3}))?(?:(Z)|([+-])(\d{2}):?(\d{2}))$/;

/** Epoch ms of a Jira datetime such as `2026-05-01T10:20:30.000+0530`. */
export function parseJiraDateTime(text: string): number {
  const m = JIRA_DATETIME.exec(text);
  if (!m) throw new Error(`not a Jira datetime: ${JSON.stringify(text)}`);
  const ms = m[7] ? Number(m[7].padEnd(3, '0')) : 0;
  const wallClockAsUtc = Date.UTC(
    Number(m[1]),
    Number(m[2]) - 1,
    Number(m[3]),
    Number(m[4]),
    Number(m[5]),
    Number(m[6]),
    ms,
  );
  if (m[8] === 'Z') return wallClockAsUtc;
  const offsetMinutes = (Number(m[10]) * 60 + Number(m[11])) * (m[9] === '-' ? -1 : 1);
  return wallClockAsUtc - offsetMinutes * 60_000;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      hourCycle: 'h23',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

/** The wall clock of an instant in a zone. */
function wallClock(instant: number, timeZone: string) {
  const parts: Record<string, string> = {};
  for (const p of formatterFor(timeZone).formatToParts(new Date(instant))) parts[p.type] = p.value;
  return {
    year: Number(parts.year),
    month: Number(parts.month),
    day: Number(parts.day),
    hour: Number(parts.hour) % 24,
    minute: Number(parts.minute),
    second: Number(parts.second),
  };
}

const pad = (n: number, w = 2) => String(n).padStart(w, '0');

/** The calendar date (`YYYY-MM-DD`) of an instant in a zone. */
export function calendarDateIn(instant: number, timeZone: string): string {
  const w = wallClock(instant, timeZone);
  return `${pad(w.year, 4)}-${pad(w.month)}-${pad(w.day)}`;
}

/** Whole-day number of a calendar date (days since 1970-01-01). */
export function dayNumber(date: string): number {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!m) throw new Error(`not a calendar date: ${JSON.stringify(date)}`);
  return Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])) / 86_400_000;
}

/** The calendar date of a day number. */
export function dateOfDayNumber(n: number): string {
  return new Date(n * 86_400_000).toISOString().slice(0, 10);
}

export function addDaysTo(date: string, days: number): string {
  return dateOfDayNumber(dayNumber(date) + days);
}

/** Offset of a zone at an instant, in ms (local wall clock − UTC). */
function zoneOffsetMs(instant: number, timeZone: string): number {
  const w = wallClock(instant, timeZone);
  const asUtc = Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second);
  return asUtc - (instant - (((instant % 1000) + 1000) % 1000));
}

/**
 * The instant a local wall-clock time happens in a zone (the earlier one when it happens twice; for a time skipped
 * by a DST jump, the instant after the jump).
 */
export function instantOfLocal(
  date: string,
  timeZone: string,
  hour = 0,
  minute = 0,
  second = 0,
  ms = 0,
): number {
  const wall = dayNumber(date) * 86_400_000 + ((hour * 60 + minute) * 60 + second) * 1000 + ms;
  // Try every offset the zone has around that time; keep the candidates whose wall clock matches.
  const offsets = new Set<number>();
  for (const probe of [-36, -12, 0, 12, 36]) offsets.add(zoneOffsetMs(wall + probe * HOUR_MS, timeZone));
  const matches: number[] = [];
  for (const off of offsets) {
    const candidate = wall - off;
    if (zoneOffsetMs(candidate, timeZone) === off) matches.push(candidate);
  }
  if (matches.length > 0) return Math.min(...matches);
  // Skipped time (spring forward): use the offset before the jump, which lands after it.
  const before = zoneOffsetMs(wall - 36 * HOUR_MS, timeZone);
  return wall - before;
}

/** The instant the calendar date `asOf` ends in the zone (= the first instant of the next day). */
export function endOfDateIn(asOf: string, timeZone: string): number {
  return instantOfLocal(addDaysTo(asOf, 1), timeZone, 0, 0, 0, 0);
}

// ---------------------------------------------------------------------------------------------------------------
// Statistics
// ---------------------------------------------------------------------------------------------------------------

/** SPEC: the middle value for odd n, the mean of the two middle values for even n; null for none. */
export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

export function mean(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  return values.reduce((s, v) => s + v, 0) / values.length;
}

/**
 * §5 D2/D3 needs: the smallest k ≥ 0 with (good + k) / (total + k) ≥ rate; null when no k reaches it (rate above 1,
 * or rate 1 with a miss). With total 0, k = 0 has no rate (null is never ≥ a target), so k starts where a rate exists.
 */
export function smallestK(good: number, total: number, rate: number): number | null {
  if (rate > 1 || (rate >= 1 && good < total)) return null;
  for (let k = 0; ; k++) {
    if (total + k > 0 && (good + k) / (total + k) >= rate) return k;
  }
}

// ---------------------------------------------------------------------------------------------------------------
// The report
// ---------------------------------------------------------------------------------------------------------------

export type OracleNeed =
  | { kind: 'recordIncidents' }
  | { kind: 'fewerMajorIncidents'; excess: number; clearsOn: string | null }
  | { kind: 'fasterRestore'; excessHours: number }
  | { kind: 'resolveOpenMajors'; count: number }
  | { kind: 'moreDecided'; missing: number }
  | { kind: 'moreOnTime'; deliveries: number | null; overdueOpen: number }
  | { kind: 'moreOnBudget'; deliveries: number | null };

/** §5 structured criterion. */
export interface OracleCriterion {
  id: CriterionId;
  value: number | null;
  unit: 'count' | 'hours' | 'rate';
  op: '<=' | '>=';
  limit: number;
  met: boolean;
  waived: boolean;
  need: OracleNeed | null;
}

/** Issue #13: one criterion that stopped counting as met on the day of a step back. */
export interface OraclePhaseChangeCause {
  id: CriterionId;
  value: number | null;
  unit: OracleCriterion['unit'];
  op: OracleCriterion['op'];
  limit: number;
  waiverEnded: boolean;
}

export interface OracleReliability {
  met: boolean;
  windowDays: number;
  incidents: number;
  majorIncidents: number;
  openIncidents: number;
  restoredInWindow: number;
  medianRestoreHours: number | null;
  meanRestoreHours: number | null;
  longestOpenMajorHours: number;
  criteria: OracleCriterion[];
  /** Keys behind the numbers (for explaining a difference). */
  evidence: {
    incidents: string[];
    majorIncidents: string[];
    openIncidents: string[];
    restored: string[];
    openMajors: string[];
    staleMajors: string[];
  };
}

export interface OracleDelivery {
  met: boolean;
  windowDays: number;
  decided: number;
  onTime: number;
  late: number;
  overdueOpen: number;
  onTimeRate: number | null;
  medianDaysLate: number | null;
  noDueDate: number;
  dueDateBasis: 'committed' | 'current';
  slipped: number;
  medianSlipDays: number | null;
  /** Only with `budgetCheck`. */
  budgetMeasured?: number;
  onBudget?: number;
  onBudgetRate?: number | null;
  criteria: OracleCriterion[];
  evidence: {
    onTime: string[];
    late: string[];
    overdueOpen: string[];
    noDueDate: string[];
    slipped: string[];
    /** key → committed due date and the due date at the end of asOf (for explaining a difference). */
    dueDates: Record<string, [string | null, string | null]>;
  };
}

export interface OracleIdeas {
  /** False when the idea type exists in none of the idea projects: the counts are then null (§3.0). */
  typeFound: boolean;
  total: number | null;
  waiting: number | null;
  inProgress: number | null;
  done: number | null;
  locked: number | null;
}

export interface OracleSources {
  incidents: { projects: string[]; types: RawNamed[]; majorPriorities: RawNamed[] };
  deliverables: { projects: string[]; types: RawNamed[] };
  ideas: { projects: string[]; types: RawNamed[] };
  excludedResolutions: RawNamed[];
}

export interface OracleReport {
  project: string;
  asOf: string;
  timeZone: string;
  /** Names the user wrote that match nothing on the site: the command must refuse the config (exit 2). */
  configErrors: string[];
  gate: { home: string; name: string };
  sources: OracleSources;
  phase: 1 | 2 | 3;
  innovationUnlocked: boolean;
  reliability: OracleReliability;
  delivery: OracleDelivery;
  ideas: OracleIdeas;
  /** The waivers active at asOf. */
  waivers: OracleWaiver[];
  phaseChanges: { date: string; from: number; to: number; cause: OraclePhaseChangeCause[] }[];
  timesThrownBack: number;
  /** Issues counted (incidents and deliverables existing at asOf) that are Done without a resolution. */
  doneWithoutResolution: number;
}

type Category = 'new' | 'indeterminate' | 'done' | 'unknown';

/** One issue with its timestamps read once (calendar days in the configured zone). */
interface Prepared {
  key: string;
  project: string;
  typeId: string;
  createdAt: number;
  createdDay: number;
  hasResolution: boolean;
  resolutionId: string | null;
  resolutionAt: number | null;
  resolutionDay: number | null;
  statusChangedAt: number | null;
  statusChangedDay: number | null;
  category: Category;
  initialCategory: Category;
  statusChanges: { at: number; day: number; to: Category }[];
  priorityId: string | null;
  labels: string[];
  currentDue: number | null;
  initialDue: number | null;
  dueChanges: { day: number; to: number | null }[];
  /** Each entry's added labels, exactly (`added`) and ignoring case (`addedIgnoringCase`, lower-cased). */
  labelAdds: { author: string | null; added: string[]; addedIgnoringCase: string[] }[];
  creator: string | null;
  estimate: number | null;
  spent: number | null;
}

const lower = (s: string) => s.toLowerCase();

/** §3.0: an object is called this when its `name` or `untranslatedName` matches, ignoring case. */
export function objectCalled(x: { name: string; untranslatedName?: string }, name: string): boolean {
  const n = lower(name);
  return lower(x.name) === n || (x.untranslatedName !== undefined && lower(x.untranslatedName) === n);
}

function dueDayOf(text: string | null | undefined): number | null {
  if (!text) return null;
  const m = /^(\d{4}-\d{2}-\d{2})/.exec(text);
  return m ? dayNumber(m[1]!) : null;
}

function splitLabels(text: string | null): string[] {
  return text ? text.split(/\s+/).filter((l) => l.length > 0) : [];
}

function isField(item: RawChangelogItem, name: string): boolean {
  return item.fieldId === name || item.field === name;
}

function prepare(issue: RawIssue, timeZone: string, categoryOf: (id: string | null) => Category): Prepared {
  const f = issue.fields;
  const dayOf = (instant: number) => dayNumber(calendarDateIn(instant, timeZone));
  const createdAt = parseJiraDateTime(f.created);
  const resolutionAt = f.resolution && f.resolutiondate ? parseJiraDateTime(f.resolutiondate) : null;
  const statusChangedAt = f.statuscategorychangedate ? parseJiraDateTime(f.statuscategorychangedate) : null;
  const category = (
    ['new', 'indeterminate', 'done'].includes(f.status?.statusCategory?.key ?? '')
      ? f.status!.statusCategory.key
      : 'unknown'
  ) as Category;

  const statusChanges: Prepared['statusChanges'] = [];
  const dueChanges: Prepared['dueChanges'] = [];
  const labelAdds: Prepared['labelAdds'] = [];
  let initialCategory: Category | undefined;
  let initialDue: number | null | undefined;
  for (const entry of issue.changelog ?? []) {
    const at = parseJiraDateTime(entry.created);
    const day = dayOf(at);
    for (const item of entry.items) {
      if (isField(item, 'status')) {
        initialCategory ??= categoryOf(item.from);
        statusChanges.push({ at, day, to: categoryOf(item.to) });
      } else if (isField(item, 'duedate')) {
        const from = dueDayOf(item.from ?? item.fromString);
        const to = dueDayOf(item.to ?? item.toString);
        if (initialDue === undefined) initialDue = from;
        dueChanges.push({ day, to });
      } else if (isField(item, 'labels')) {
        const before = splitLabels(item.fromString);
        const after = splitLabels(item.toString);
        const added = after.filter((l) => !before.includes(l));
        const beforeLower = before.map(lower);
        const addedIgnoringCase = after.map(lower).filter((l) => !beforeLower.includes(l));
        if (added.length > 0 || addedIgnoringCase.length > 0)
          labelAdds.push({ author: entry.author?.accountId ?? null, added, addedIgnoringCase });
      }
    }
  }
  const currentDue = dueDayOf(f.duedate);
  return {
    key: issue.key,
    project: f.project.key,
    typeId: f.issuetype?.id ?? '',
    createdAt,
    createdDay: dayOf(createdAt),
    hasResolution: f.resolution !== null && f.resolution !== undefined,
    resolutionId: f.resolution?.id ?? null,
    resolutionAt,
    resolutionDay: resolutionAt === null ? null : dayOf(resolutionAt),
    statusChangedAt,
    statusChangedDay: statusChangedAt === null ? null : dayOf(statusChangedAt),
    category,
    initialCategory: initialCategory ?? category,
    statusChanges,
    priorityId: f.priority?.id ?? null,
    labels: f.labels ?? [],
    currentDue,
    initialDue: initialDue === undefined ? currentDue : initialDue,
    dueChanges,
    labelAdds,
    creator: f.creator?.accountId ?? null,
    estimate: f.aggregatetimeoriginalestimate ?? null,
    spent: f.aggregatetimespent ?? null,
  };
}

/** The last calendar day of the month `back` months before the month of `date`. */
function monthEndBefore(date: string, back: number): string {
  const [y, m] = date.split('-').map(Number) as [number, number];
  return new Date(Date.UTC(y, m - back, 0)).toISOString().slice(0, 10);
}

/** §5 trend: the first of "the last 12 month-ends (and asOf)". */
export function firstTrendDate(asOf: string, reading: OracleReadings['trendMonthEnds']): string {
  const isMonthEnd = addDaysTo(asOf, 1).endsWith('-01');
  return monthEndBefore(asOf, reading === 'upTo' && isMonthEnd ? 11 : 12);
}

interface Instant {
  at: number;
  day: number;
}

/** One as-of date: the window arithmetic and the as-of rules. */
class Day {
  readonly asOfDay: number;
  readonly endOfAsOf: number;

  constructor(
    readonly asOf: string,
    timeZone: string,
  ) {
    this.asOfDay = dayNumber(asOf);
    this.endOfAsOf = endOfDateIn(asOf, timeZone);
  }

  /** "the calendar dates D with asOf − N < D ≤ asOf" */
  inWindow(day: number, n: number): boolean {
    return this.asOfDay - n < day && day <= this.asOfDay;
  }
}

interface DayResult {
  reliability: OracleReliability;
  delivery: OracleDelivery;
  phase: 1 | 2 | 3;
  doneWithoutResolution: number;
}

/** The whole computation for one gate; `on(asOf)` evaluates one as-of date. */
class Gate {
  readonly cfg: OracleConfig;
  readonly home: string;
  readonly incidentProjects: string[];
  readonly deliveryProjects: string[];
  readonly ideaProjects: string[];
  readonly configErrors: string[] = [];
  readonly sources: OracleSources;
  readonly incidentTypeFound: boolean;
  readonly ideaTypeFound: boolean;
  private readonly incidentTypeIds: Set<string>;
  private readonly deliverableTypeIds: Set<string>;
  private readonly ideaTypeIds: Set<string>;
  private readonly majorIds: Set<string>;
  private readonly excludedIds: Set<string>;
  private readonly incidents: Prepared[];
  private readonly deliverables: Prepared[];
  private readonly ideas: Prepared[];
  private readonly cache = new Map<string, DayResult>();

  constructor(
    readonly site: RawSite,
    home: string,
    config: Partial<OracleConfig>,
    readonly readings: OracleReadings,
  ) {
    this.home = home.toUpperCase();
    const cfg: OracleConfig = { ...SPEC_DEFAULTS, ...config };
    this.cfg = cfg;
    const keys = (list: string[] | undefined) => (list ?? [this.home]).map((k) => k.trim().toUpperCase());
    this.incidentProjects = keys(cfg.incidentProjects);
    this.deliveryProjects = keys(cfg.deliveryProjects);
    this.ideaProjects = keys(cfg.ideaProjects);

    const written = (k: keyof OracleConfig) => Object.prototype.hasOwnProperty.call(config, k);
    const typesOf = (projects: string[]) => {
      if (readings.typeNamesScope === 'site') return site.issueTypes;
      const ids = new Set(
        site.projects.filter((p) => projects.includes(p.key)).flatMap((p) => p.issueTypeIds),
      );
      return site.issueTypes.filter((t) => ids.has(t.id));
    };
    /** Resolves configured names against objects; a user-written name matching nothing is an error. */
    const resolve = <T extends RawNamed>(
      what: string,
      names: readonly string[],
      objects: readonly T[],
      userWritten: boolean,
    ): T[] => {
      const out: T[] = [];
      for (const raw of names) {
        const found = objects.filter((o) => objectCalled(o, raw));
        if (found.length === 0 && userWritten) this.configErrors.push(`${what}: ${JSON.stringify(raw)}`);
        for (const o of found) if (!out.includes(o)) out.push(o);
      }
      return out;
    };

    const incidentTypes = resolve(
      'incidentTypes',
      cfg.incidentTypes,
      typesOf(this.incidentProjects),
      written('incidentTypes'),
    );
    const deliveryTypes = typesOf(this.deliveryProjects);
    const deliverableTypes = cfg.deliverableTypes
      ? resolve('deliverableTypes', cfg.deliverableTypes, deliveryTypes, written('deliverableTypes'))
      : deliveryTypes.filter((t) => t.hierarchyLevel === 1);
    const ideaTypes = resolve('ideaType', [cfg.ideaType], typesOf(this.ideaProjects), false);
    const majors = cfg.majorPriorities
      ? resolve('majorPriorities', cfg.majorPriorities, site.priorities, written('majorPriorities'))
      : site.priorities.slice(0, 2);
    const excluded = resolve(
      'excludedResolutions',
      cfg.excludedResolutions,
      site.resolutions,
      written('excludedResolutions'),
    );
    const named = (xs: readonly RawNamed[]) => xs.map((x) => ({ name: x.name, id: x.id }));
    this.sources = {
      incidents: {
        projects: this.incidentProjects,
        types: named(incidentTypes),
        majorPriorities: named(majors),
      },
      deliverables: { projects: this.deliveryProjects, types: named(deliverableTypes) },
      ideas: { projects: this.ideaProjects, types: named(ideaTypes) },
      excludedResolutions: named(excluded),
    };
    this.incidentTypeIds = new Set(incidentTypes.map((t) => t.id));
    this.deliverableTypeIds = new Set(deliverableTypes.map((t) => t.id));
    this.ideaTypeIds = new Set(ideaTypes.map((t) => t.id));
    this.majorIds = new Set(majors.map((p) => p.id));
    this.excludedIds = new Set(excluded.map((r) => r.id));
    const inProjects = (projects: string[], ids: Set<string>) =>
      site.projects.some((p) => projects.includes(p.key) && p.issueTypeIds.some((id) => ids.has(id)));
    this.incidentTypeFound = inProjects(this.incidentProjects, this.incidentTypeIds);
    this.ideaTypeFound = inProjects(this.ideaProjects, this.ideaTypeIds);

    const categories = new Map(site.statuses.map((s) => [s.id, s.category]));
    const categoryOf = (id: string | null): Category => {
      const c = id === null ? undefined : categories.get(id);
      return c === 'new' || c === 'indeterminate' || c === 'done' ? c : 'unknown';
    };
    const wanted = (i: RawIssue) => {
      const p = i.fields.project.key;
      const t = i.fields.issuetype?.id ?? '';
      return (
        (this.incidentProjects.includes(p) && this.incidentTypeIds.has(t)) ||
        (this.deliveryProjects.includes(p) && this.deliverableTypeIds.has(t)) ||
        (this.ideaProjects.includes(p) && this.ideaTypeIds.has(t))
      );
    };
    const prepared = site.issues.filter(wanted).map((i) => prepare(i, cfg.timeZone, categoryOf));
    this.incidents = prepared.filter(
      (i) =>
        this.incidentProjects.includes(i.project) &&
        this.incidentTypeIds.has(i.typeId) &&
        !this.hasLabel(i, cfg.incidentExemptLabels),
    );
    this.deliverables = prepared.filter(
      (i) => this.deliveryProjects.includes(i.project) && this.deliverableTypeIds.has(i.typeId),
    );
    this.ideas = prepared.filter(
      (i) => this.ideaProjects.includes(i.project) && this.ideaTypeIds.has(i.typeId),
    );
  }

  sameLabel(a: string, b: string): boolean {
    return this.readings.labelsCaseInsensitive ? lower(a) === lower(b) : a === b;
  }

  hasLabel(issue: Prepared, labels: readonly string[]): boolean {
    return issue.labels.some((l) => labels.some((c) => this.sameLabel(l, c)));
  }

  /** "an issue created after asOf does not exist" */
  exists(i: Prepared, day: Day): boolean {
    return i.createdDay <= day.asOfDay;
  }

  /**
   * "Resolved (v2)" at asOf: the resolved instant when it is not after the end of asOf, else null. With a
   * resolution: `resolutiondate`; without one and Done: `statuscategorychangedate` (reading
   * `doneWithoutResolutionStatus`).
   */
  resolved(i: Prepared, day: Day): Instant | null {
    if (i.hasResolution) {
      if (i.resolutionAt === null || i.resolutionDay! > day.asOfDay) return null;
      return { at: i.resolutionAt, day: i.resolutionDay! };
    }
    if (this.readings.doneWithoutResolutionStatus === 'now' || i.statusChanges.length === 0) {
      if (i.category !== 'done' || i.statusChangedAt === null || i.statusChangedDay! > day.asOfDay)
        return null;
      return { at: i.statusChangedAt, day: i.statusChangedDay! };
    }
    let category = i.initialCategory;
    let entered: Instant | null = category === 'done' ? { at: i.createdAt, day: i.createdDay } : null;
    for (const s of i.statusChanges) {
      if (s.day > day.asOfDay) break;
      if (s.to === 'done' && category !== 'done') entered = { at: s.at, day: s.day };
      category = s.to;
    }
    return category === 'done' ? entered : null;
  }

  /** Done without a resolution, resolved at asOf through its status. */
  doneWithoutResolution(i: Prepared, day: Day): boolean {
    return !i.hasResolution && this.resolved(i, day) !== null;
  }

  /** Excluded by its current resolution ("only to issues that have a resolution"). */
  excludedNow(i: Prepared): boolean {
    return i.resolutionId !== null && this.excludedIds.has(i.resolutionId);
  }

  /** "issues resolved with one of these … are ignored everywhere" */
  excluded(i: Prepared, day: Day): boolean {
    if (!this.excludedNow(i)) return false;
    if (this.readings.excludeWhateverTheResolutionDate) return true;
    return this.resolved(i, day) !== null;
  }

  waived(id: CriterionId, day: Day): boolean {
    if (id === 'R0') return false;
    return this.cfg.waivers.some(
      (w) => w.criterion === id && dayNumber(w.from) <= day.asOfDay && day.asOfDay <= dayNumber(w.until),
    );
  }

  criterion(
    day: Day,
    id: CriterionId,
    value: number | null,
    unit: OracleCriterion['unit'],
    op: OracleCriterion['op'],
    limit: number,
    met: boolean,
    need: OracleNeed,
  ): OracleCriterion {
    return { id, value, unit, op, limit, met, waived: this.waived(id, day), need: met ? null : need };
  }

  reliabilityOn(day: Day): OracleReliability {
    const c = this.cfg;
    const N = c.reliabilityWindowDays;
    const H = HOUR_MS;
    const incidents = this.incidents.filter((i) => this.exists(i, day) && !this.excluded(i, day));
    const isMajor = (i: Prepared) => i.priorityId !== null && this.majorIds.has(i.priorityId);
    const createdInWindow = incidents.filter((i) => day.inWindow(i.createdDay, N));
    const majors = createdInWindow.filter(isMajor);
    const open = createdInWindow.filter((i) => this.resolved(i, day) === null);
    const restored: Prepared[] = [];
    const restoreHours: number[] = [];
    for (const i of incidents) {
      const r = this.resolved(i, day);
      if (r !== null && day.inWindow(r.day, N)) {
        restored.push(i);
        restoreHours.push((r.at - i.createdAt) / H);
      }
    }
    const openMajors = incidents.filter((i) => isMajor(i) && this.resolved(i, day) === null);
    const openHours = (i: Prepared) => (day.endOfAsOf - i.createdAt) / H;
    const longestOpenMajorHours = openMajors.reduce((max, i) => Math.max(max, openHours(i)), 0);
    const staleMajors = openMajors.filter((i) => openHours(i) > c.maxMedianRestoreHours);
    const medianRestoreHours = median(restoreHours);

    const R0 = this.incidentTypeFound && incidents.length > 0;
    const excess = majors.length - c.maxMajorIncidents;
    let clearsOn: string | null = null;
    if (excess > 0) {
      const oldest = [...majors].sort((a, b) => a.createdAt - b.createdAt)[excess - 1]!;
      const d = oldest.createdDay + N;
      clearsOn =
        d <= day.asOfDay && this.readings.clearsOnAtOrBeforeAsOf === 'null' ? null : dateOfDayNumber(d);
    }
    const criteria = [
      this.criterion(day, 'R0', R0 ? 1 : 0, 'count', '>=', 1, R0, { kind: 'recordIncidents' }),
      this.criterion(day, 'R1', majors.length, 'count', '<=', c.maxMajorIncidents, excess <= 0, {
        kind: 'fewerMajorIncidents',
        excess,
        clearsOn,
      }),
      this.criterion(
        day,
        'R2',
        medianRestoreHours,
        'hours',
        '<=',
        c.maxMedianRestoreHours,
        medianRestoreHours === null || medianRestoreHours <= c.maxMedianRestoreHours,
        { kind: 'fasterRestore', excessHours: (medianRestoreHours ?? 0) - c.maxMedianRestoreHours },
      ),
      this.criterion(
        day,
        'R3',
        longestOpenMajorHours,
        'hours',
        '<=',
        c.maxMedianRestoreHours,
        longestOpenMajorHours <= c.maxMedianRestoreHours,
        { kind: 'resolveOpenMajors', count: staleMajors.length },
      ),
    ];
    return {
      met: this.sectionMet(criteria),
      windowDays: N,
      incidents: createdInWindow.length,
      majorIncidents: majors.length,
      openIncidents: open.length,
      restoredInWindow: restored.length,
      medianRestoreHours,
      meanRestoreHours: mean(restoreHours),
      longestOpenMajorHours,
      criteria,
      evidence: {
        incidents: createdInWindow.map((i) => i.key),
        majorIncidents: majors.map((i) => i.key),
        openIncidents: open.map((i) => i.key),
        restored: restored.map((i) => i.key),
        openMajors: openMajors.map((i) => i.key),
        staleMajors: staleMajors.map((i) => i.key),
      },
    };
  }

  /** Met for the phase: every criterion met or waived (R0 is never waived). */
  static passes(criteria: readonly OracleCriterion[]): boolean {
    return criteria.every((c) => c.met || (c.waived && c.id !== 'R0'));
  }

  sectionMet(criteria: readonly OracleCriterion[]): boolean {
    return this.readings.sectionMetWithWaivers ? Gate.passes(criteria) : criteria.every((c) => c.met);
  }

  /**
   * "The due date that counts (v2)": the committed due date (day number) and the due date at the end of asOf,
   * replaying the `status` and `duedate` changes up to the end of asOf.
   */
  dueDates(i: Prepared, day: Day): { committed: number | null; atEnd: number | null } {
    const A = day.asOfDay;
    let atEnd = i.initialDue;
    for (const ch of i.dueChanges) {
      if (ch.day > A) break;
      atEnd = ch.to;
    }
    let commitDay: number | null = null;
    if (i.initialCategory === 'indeterminate' && this.readings.createdInProgressCommits)
      commitDay = i.createdDay;
    else {
      let category = i.initialCategory;
      for (const s of i.statusChanges) {
        if (s.day > A) break;
        if (s.to === 'indeterminate' && category !== 'indeterminate') {
          commitDay = s.day;
          break;
        }
        category = s.to;
      }
    }
    let committed: number | null = null;
    if (commitDay !== null) {
      let held = i.initialDue;
      for (const ch of i.dueChanges) {
        if (ch.day > commitDay) break;
        held = ch.to;
      }
      if (held !== null) committed = held;
      else
        for (const ch of i.dueChanges) {
          if (ch.day <= commitDay) continue;
          if (this.readings.firstDueSetAfterCommitmentByAsOf && ch.day > A) break;
          if (ch.to !== null) {
            committed = ch.to;
            break;
          }
        }
    } else if (i.initialDue !== null) committed = i.initialDue;
    else
      for (const ch of i.dueChanges) {
        if (ch.day > A) break;
        if (ch.to !== null) {
          committed = ch.to;
          break;
        }
      }
    return { committed, atEnd };
  }

  deliveryOn(day: Day): OracleDelivery {
    const c = this.cfg;
    const N = c.deliveryWindowDays;
    const g = c.graceDays;
    const deliverables = this.deliverables.filter((i) => this.exists(i, day) && !this.excluded(i, day));
    const onTime: Prepared[] = [];
    const late: Prepared[] = [];
    const overdueOpen: Prepared[] = [];
    const daysLate: number[] = [];
    const noDueDate: Prepared[] = [];
    const slipped: Prepared[] = [];
    const slipDays: number[] = [];
    const dueDates: Record<string, [string | null, string | null]> = {};
    let budgetMeasured = 0;
    let onBudget = 0;
    const show = (d: number | null) => (d === null ? null : dateOfDayNumber(d));

    for (const d of deliverables) {
      const r = this.resolved(d, day);
      const { committed, atEnd } = this.dueDates(d, day);
      dueDates[d.key] = [show(committed), show(atEnd)];
      const due = c.dueDateBasis === 'current' ? d.currentDue : committed;

      // D3: "deliverables resolved in the delivery window (at asOf) whose aggregatetimeoriginalestimate > 0"
      if (r !== null && day.inWindow(r.day, N) && d.estimate !== null && d.estimate > 0) {
        budgetMeasured++;
        if ((d.spent ?? 0) <= d.estimate * (1 + c.budgetTolerance)) onBudget++;
      }

      if (due === null) {
        // "deliverables without a due date that are unresolved at asOf or resolved in the window"
        if (r === null || day.inWindow(r.day, N)) noDueDate.push(d);
        continue;
      }
      const isOnTime = r !== null && r.day <= due + g;
      const decisionDay = isOnTime ? r.day : due + g + 1;
      if (!day.inWindow(decisionDay, N)) continue;
      if (isOnTime) onTime.push(d);
      else if (r !== null) {
        late.push(d);
        daysLate.push(r.day - due);
      } else overdueOpen.push(d);
      if (committed !== null && atEnd !== null && atEnd > committed) {
        slipped.push(d);
        slipDays.push(atEnd - committed);
      }
    }

    const decided = onTime.length + late.length + overdueOpen.length;
    const onTimeRate = decided === 0 ? null : onTime.length / decided;
    const criteria = [
      this.criterion(day, 'D1', decided, 'count', '>=', c.minDecided, decided >= c.minDecided, {
        kind: 'moreDecided',
        missing: c.minDecided - decided,
      }),
      this.criterion(
        day,
        'D2',
        onTimeRate,
        'rate',
        '>=',
        c.minOnTimeRate,
        onTimeRate !== null && onTimeRate >= c.minOnTimeRate,
        {
          kind: 'moreOnTime',
          deliveries: smallestK(onTime.length, decided, c.minOnTimeRate),
          overdueOpen: overdueOpen.length,
        },
      ),
    ];
    const onBudgetRate = budgetMeasured === 0 ? null : onBudget / budgetMeasured;
    if (c.budgetCheck) {
      let deliveries = smallestK(onBudget, budgetMeasured, c.minOnBudgetRate);
      if (deliveries !== null && this.readings.d3DeliveriesCountMinimum)
        deliveries = Math.max(deliveries, c.minDecided - budgetMeasured);
      criteria.push(
        this.criterion(
          day,
          'D3',
          onBudgetRate,
          'rate',
          '>=',
          c.minOnBudgetRate,
          budgetMeasured >= c.minDecided && onBudgetRate !== null && onBudgetRate >= c.minOnBudgetRate,
          { kind: 'moreOnBudget', deliveries },
        ),
      );
    }
    return {
      met: this.sectionMet(criteria),
      windowDays: N,
      decided,
      onTime: onTime.length,
      late: late.length,
      overdueOpen: overdueOpen.length,
      onTimeRate,
      medianDaysLate: median(daysLate),
      noDueDate: noDueDate.length,
      dueDateBasis: c.dueDateBasis,
      slipped: slipped.length,
      medianSlipDays: median(slipDays),
      ...(c.budgetCheck ? { budgetMeasured, onBudget, onBudgetRate } : {}),
      criteria,
      evidence: {
        onTime: onTime.map((i) => i.key),
        late: late.map((i) => i.key),
        overdueOpen: overdueOpen.map((i) => i.key),
        noDueDate: noDueDate.map((i) => i.key),
        slipped: slipped.map((i) => i.key),
        dueDates,
      },
    };
  }

  /** The evaluation of one as-of date (cached). */
  on(asOf: string): DayResult {
    let result = this.cache.get(asOf);
    if (!result) {
      const day = new Day(asOf, this.cfg.timeZone);
      const reliability = this.reliabilityOn(day);
      const delivery = this.deliveryOn(day);
      const phase: 1 | 2 | 3 = !Gate.passes(reliability.criteria)
        ? 1
        : !Gate.passes(delivery.criteria)
          ? 2
          : 3;
      const counted = [...this.incidents, ...this.deliverables].filter(
        (i) => this.exists(i, day) && !this.excluded(i, day) && this.doneWithoutResolution(i, day),
      );
      result = {
        reliability,
        delivery,
        phase,
        doneWithoutResolution: new Set(counted.map((i) => i.key)).size,
      };
      this.cache.set(asOf, result);
    }
    return result;
  }

  /** §3 Ideas (v2 bypass approvers): current status, current labels, every changelog entry. */
  ideasOn(asOf: string, innovationUnlocked: boolean): OracleIdeas {
    if (!this.ideaTypeFound)
      return { typeFound: false, total: null, waiting: null, inProgress: null, done: null, locked: null };
    const day = new Day(asOf, this.cfg.timeZone);
    const ideas = this.ideas.filter(
      (i) => !this.excludedNow(i) && (this.readings.ideasCreatedAfterAsOfCount || this.exists(i, day)),
    );
    const waiting = ideas.filter((i) => i.category === 'new');
    return {
      typeFound: true,
      total: ideas.length,
      waiting: waiting.length,
      inProgress: ideas.filter((i) => i.category === 'indeterminate').length,
      done: ideas.filter((i) => i.category === 'done').length,
      locked: innovationUnlocked ? 0 : waiting.filter((i) => !this.bypassed(i)).length,
    };
  }

  /**
   * "The label bypasses only when it was put there by a bypass approver: the last changelog entry that added it
   * … is by an account in ideaBypassApprovers [the administrators of the idea's project], or the idea was created
   * with the label by such an account."
   */
  bypassed(i: Prepared): boolean {
    const approvers = this.cfg.ideaBypassApprovers.length
      ? this.cfg.ideaBypassApprovers
      : (this.site.projects.find((p) => p.key === i.project)?.admins ?? []);
    for (const label of i.labels) {
      if (!this.cfg.ideaBypassLabels.some((b) => this.sameLabel(label, b))) continue;
      let adder: string | null = i.creator;
      for (const add of i.labelAdds)
        if (
          this.readings.labelAddsIgnoreCase
            ? add.addedIgnoringCase.includes(lower(label))
            : add.added.includes(label)
        )
          adder = add.author;
      if (adder !== null && approvers.includes(adder)) return true;
    }
    return false;
  }
}

/** The report's figures for one gate (home project `home`) on a site. */
export function oracleReport(
  site: RawSite,
  home: string,
  config: Partial<OracleConfig>,
  asOf: string,
  readings: OracleReadings = DEFAULT_READINGS,
): OracleReport {
  const gate = new Gate(site, home, config, readings);
  const cfg = gate.cfg;
  const today = gate.on(asOf);

  // "both phases met on each of the sustainDays days ending at asOf (each day evaluated as its own asOf)"
  let innovationUnlocked = today.phase === 3;
  for (let k = 1; innovationUnlocked && k < cfg.sustainDays; k++)
    innovationUnlocked = gate.on(addDaysTo(asOf, -k)).phase === 3;

  // "the phase evaluated on every calendar day from the first trend date to asOf (waivers applied, sustainDays
  // not), listing each day whose phase differs from the day before"
  const first = firstTrendDate(asOf, readings.trendMonthEnds);
  // Issue #13 ("thrown back to phase 1 on 4 Mar 2026: 3 major incidents"; the SPEC gives no shape): a step back
  // names what did it — the criteria of the phase it fell to (phase 1: R0–R3, phase 2: D1–D3) that counted as met
  // the day before (met, or waived) and no longer do, with that day's value and limit, and whether the day before
  // it held only by a waiver (the waiver ended). A step up names none.
  const counts = (c: OracleCriterion) => c.met || (c.waived && c.id !== 'R0');
  const phaseChanges: OracleReport['phaseChanges'] = [];
  let previous = readings.phaseChangesIncludeFirstDay ? addDaysTo(first, -1) : null;
  for (let d = first; d <= asOf; d = addDaysTo(d, 1)) {
    const now = gate.on(d);
    const before = previous === null ? null : gate.on(previous);
    if (before !== null && now.phase !== before.phase) {
      const cause: OraclePhaseChangeCause[] = [];
      if (now.phase < before.phase) {
        const section = (r: DayResult) => (now.phase === 1 ? r.reliability : r.delivery).criteria;
        for (const c of section(now)) {
          const was = section(before).find((x) => x.id === c.id);
          if (counts(c) || (was && !counts(was))) continue;
          cause.push({
            id: c.id,
            value: c.value,
            unit: c.unit,
            op: c.op,
            limit: c.limit,
            waiverEnded: was !== undefined && !was.met && counts(was),
          });
        }
      }
      phaseChanges.push({ date: d, from: before.phase, to: now.phase, cause });
    }
    previous = d;
  }

  const asOfDay = dayNumber(asOf);
  const homeProject = site.projects.find((p) => p.key === gate.home);
  return {
    project: gate.home,
    asOf,
    timeZone: cfg.timeZone,
    configErrors: gate.configErrors,
    gate: { home: gate.home, name: cfg.name ?? homeProject?.name ?? gate.home },
    sources: gate.sources,
    phase: today.phase,
    innovationUnlocked,
    reliability: today.reliability,
    delivery: today.delivery,
    ideas: gate.ideasOn(asOf, innovationUnlocked),
    waivers: cfg.waivers.filter((w) => dayNumber(w.from) <= asOfDay && asOfDay <= dayNumber(w.until)),
    phaseChanges,
    timesThrownBack: phaseChanges.filter((p) => p.to < p.from).length,
    doneWithoutResolution: today.doneWithoutResolution,
  };
}
