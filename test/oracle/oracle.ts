/**
 * An independent oracle for the report's figures, written straight from /work/shared/SPEC.md section 3 — not from
 * the app's code. It takes the raw Jira issue JSON of one project (the fields Jira Cloud returns: `issuetype.name`,
 * `created`, `resolutiondate`, `resolution.name`, `priority.name`, `labels`, `duedate`,
 * `status.statusCategory.key`), a configuration (SPEC section 3/4 defaults) and an `asOf` date, and computes every
 * figure of the report.
 *
 * Everything is plain: timestamps are parsed by hand (Jira writes `2026-05-01T10:20:30.000+0530`), calendar dates in
 * a zone come from `Intl.DateTimeFormat`, and calendar arithmetic is done on whole-day numbers.
 *
 * Where the SPEC can be read two ways, the reading is a named option (`OracleReadings`) so that the tests can say
 * which one they assume.
 */

// ---------------------------------------------------------------------------------------------------------------
// Configuration (SPEC section 3, defaults in brackets)
// ---------------------------------------------------------------------------------------------------------------

export interface OracleConfig {
  timeZone: string;
  excludedResolutions: string[];
  incidentTypes: string[];
  incidentExemptLabels: string[];
  majorPriorities: string[];
  reliabilityWindowDays: number;
  maxMajorIncidents: number;
  maxMedianRestoreHours: number;
  deliverableTypes: string[];
  graceDays: number;
  deliveryWindowDays: number;
  minDecided: number;
  minOnTimeRate: number;
  sustainDays: number;
  ideaType: string;
  ideaBypassLabels: string[];
  maxSnapshotAgeHours: number;
}

export const SPEC_DEFAULTS: OracleConfig = {
  timeZone: 'UTC',
  excludedResolutions: ['Duplicate', "Won't Do", 'Cannot Reproduce', 'Declined'],
  incidentTypes: ['Incident'],
  incidentExemptLabels: ['not-an-incident', 'external-cause'],
  majorPriorities: ['Highest', 'High'],
  reliabilityWindowDays: 90,
  maxMajorIncidents: 2,
  maxMedianRestoreHours: 24,
  deliverableTypes: ['Epic'],
  graceDays: 0,
  deliveryWindowDays: 180,
  minDecided: 5,
  minOnTimeRate: 0.8,
  sustainDays: 1,
  ideaType: 'Innovation Idea',
  ideaBypassLabels: ['reliability', 'security'],
  maxSnapshotAgeHours: 48,
};

/**
 * The readings chosen where the SPEC allows more than one. The defaults are the app's readings (each alternative is
 * kept as a `test.failing` case in probes.test.ts), so that the random differential test checks everything else.
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
   * Configured names (issue types, priorities, the idea type, exemption and bypass labels) compared with Jira's
   * ignoring case. The SPEC says "case-insensitive" only for resolution names and is silent on the others; Jira keeps
   * a label's case as typed.
   */
  namesCaseInsensitive: boolean;
}

export const DEFAULT_READINGS: OracleReadings = {
  excludeWhateverTheResolutionDate: true,
  ideasCreatedAfterAsOfCount: true,
  namesCaseInsensitive: true,
};

// ---------------------------------------------------------------------------------------------------------------
// Raw Jira issues
// ---------------------------------------------------------------------------------------------------------------

export interface RawIssue {
  key: string;
  fields: {
    issuetype: { name: string } | null;
    created: string;
    resolutiondate: string | null;
    resolution: { name: string } | null;
    priority: { name: string } | null;
    labels: string[] | null;
    duedate: string | null;
    status: { statusCategory: { key: string } } | null;
  };
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

// ---------------------------------------------------------------------------------------------------------------
// The report's figures
// ---------------------------------------------------------------------------------------------------------------

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
  criteria: { R1: boolean; R2: boolean; R3: boolean };
  /** Keys behind the numbers (for explaining a difference). */
  evidence: {
    incidents: string[];
    majorIncidents: string[];
    openIncidents: string[];
    restored: string[];
    openMajors: string[];
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
  criteria: { D1: boolean; D2: boolean };
  evidence: { onTime: string[]; late: string[]; overdueOpen: string[]; noDueDate: string[] };
}

export interface OracleIdeas {
  total: number;
  waiting: number;
  inProgress: number;
  done: number;
  locked: number;
}

export interface OracleReport {
  asOf: string;
  timeZone: string;
  phase: 1 | 2 | 3;
  innovationUnlocked: boolean;
  reliability: OracleReliability;
  delivery: OracleDelivery;
  ideas: OracleIdeas;
}

/** One issue with its timestamps read once. */
interface Prepared {
  key: string;
  type: string;
  createdAt: number;
  resolvedAt: number | null;
  resolutionName: string | null;
  priority: string | null;
  labels: string[];
  duedate: string | null;
  category: string | null;
}

function prepare(issue: RawIssue): Prepared {
  const f = issue.fields;
  return {
    key: issue.key,
    type: f.issuetype?.name ?? '',
    createdAt: parseJiraDateTime(f.created),
    resolvedAt: f.resolutiondate ? parseJiraDateTime(f.resolutiondate) : null,
    resolutionName: f.resolution?.name ?? null,
    priority: f.priority?.name ?? null,
    labels: f.labels ?? [],
    duedate: f.duedate ?? null,
    category: f.status?.statusCategory?.key ?? null,
  };
}

/** The state of one day's evaluation: everything the SPEC's definitions need. */
class Day {
  readonly asOfDay: number;
  readonly endOfAsOf: number;

  constructor(
    readonly asOf: string,
    readonly config: OracleConfig,
    readonly readings: OracleReadings,
  ) {
    this.asOfDay = dayNumber(asOf);
    this.endOfAsOf = endOfDateIn(asOf, config.timeZone);
  }

  /** Calendar day number of an instant in the configured zone. */
  dayOf(instant: number): number {
    return dayNumber(calendarDateIn(instant, this.config.timeZone));
  }

  /** "the calendar dates D with asOf − N < D ≤ asOf" */
  inWindow(day: number, n: number): boolean {
    return this.asOfDay - n < day && day <= this.asOfDay;
  }

  /** "an issue created after asOf does not exist" */
  exists(issue: Prepared): boolean {
    return this.dayOf(issue.createdAt) <= this.asOfDay;
  }

  /** Resolved at asOf: it has a resolution whose date is not after asOf. */
  resolvedAtAsOf(issue: Prepared): boolean {
    return issue.resolvedAt !== null && this.dayOf(issue.resolvedAt) <= this.asOfDay;
  }

  /** True when a name from Jira is one of the configured names. */
  named(name: string | null, configured: readonly string[]): boolean {
    if (name === null) return false;
    if (!this.readings.namesCaseInsensitive) return configured.includes(name);
    return configured.some((c) => c.toLowerCase() === name.toLowerCase());
  }

  /** True when the issue has one of the labels. */
  hasLabel(issue: Prepared, labels: readonly string[]): boolean {
    return issue.labels.some((l) => this.named(l, labels));
  }

  /** Excluded by its current resolution (ideas use current status). */
  excludedNow(issue: Prepared): boolean {
    if (issue.resolutionName === null) return false;
    const name = issue.resolutionName.toLowerCase();
    return this.config.excludedResolutions.some((r) => r.toLowerCase() === name);
  }

  /** "issues resolved with one of these (by name, case-insensitive) are ignored everywhere" */
  excluded(issue: Prepared): boolean {
    if (!this.excludedNow(issue)) return false;
    if (this.readings.excludeWhateverTheResolutionDate) return true;
    return this.resolvedAtAsOf(issue);
  }
}

function reliabilityOn(day: Day, issues: readonly Prepared[]): OracleReliability {
  const c = day.config;
  const N = c.reliabilityWindowDays;
  const incidents = issues.filter(
    (i) =>
      day.named(i.type, c.incidentTypes) &&
      !day.hasLabel(i, c.incidentExemptLabels) &&
      !day.excluded(i) &&
      day.exists(i),
  );
  const isMajor = (i: Prepared) => day.named(i.priority, c.majorPriorities);

  const createdInWindow = incidents.filter((i) => day.inWindow(day.dayOf(i.createdAt), N));
  const majors = createdInWindow.filter(isMajor);
  const open = createdInWindow.filter((i) => !day.resolvedAtAsOf(i));
  const restored = incidents.filter((i) => i.resolvedAt !== null && day.inWindow(day.dayOf(i.resolvedAt), N));
  const restoreHours = restored.map((i) => (i.resolvedAt! - i.createdAt) / HOUR_MS);
  const openMajors = incidents.filter((i) => isMajor(i) && !day.resolvedAtAsOf(i));
  const longestOpenMajorHours = openMajors.reduce(
    (max, i) => Math.max(max, (day.endOfAsOf - i.createdAt) / HOUR_MS),
    0,
  );

  const medianRestoreHours = median(restoreHours);
  const R1 = majors.length <= c.maxMajorIncidents;
  const R2 =
    restored.length === 0 || (medianRestoreHours !== null && medianRestoreHours <= c.maxMedianRestoreHours);
  const R3 = longestOpenMajorHours <= c.maxMedianRestoreHours;
  return {
    met: R1 && R2 && R3,
    windowDays: N,
    incidents: createdInWindow.length,
    majorIncidents: majors.length,
    openIncidents: open.length,
    restoredInWindow: restored.length,
    medianRestoreHours,
    meanRestoreHours: mean(restoreHours),
    longestOpenMajorHours,
    criteria: { R1, R2, R3 },
    evidence: {
      incidents: createdInWindow.map((i) => i.key),
      majorIncidents: majors.map((i) => i.key),
      openIncidents: open.map((i) => i.key),
      restored: restored.map((i) => i.key),
      openMajors: openMajors.map((i) => i.key),
    },
  };
}

function deliveryOn(day: Day, issues: readonly Prepared[]): OracleDelivery {
  const c = day.config;
  const N = c.deliveryWindowDays;
  const deliverables = issues.filter(
    (i) => day.named(i.type, c.deliverableTypes) && !day.excluded(i) && day.exists(i),
  );

  const onTime: Prepared[] = [];
  const late: Prepared[] = [];
  const overdueOpen: Prepared[] = [];
  const daysLate: number[] = [];
  const noDueDate: Prepared[] = [];

  for (const d of deliverables) {
    const resolved = day.resolvedAtAsOf(d);
    const resolvedDay = resolved ? day.dayOf(d.resolvedAt!) : null;
    if (d.duedate === null) {
      // "deliverables without a due date that are unresolved at asOf or resolved in the window"
      if (!resolved || day.inWindow(resolvedDay!, N)) noDueDate.push(d);
      continue;
    }
    const dueDay = dayNumber(d.duedate);
    const isOnTime = resolved && resolvedDay! <= dueDay + c.graceDays;
    const decisionDay = isOnTime ? resolvedDay! : dueDay + c.graceDays + 1;
    if (!day.inWindow(decisionDay, N)) continue;
    if (isOnTime) onTime.push(d);
    else if (resolved) {
      late.push(d);
      daysLate.push(resolvedDay! - dueDay);
    } else overdueOpen.push(d);
  }

  const decided = onTime.length + late.length + overdueOpen.length;
  const onTimeRate = decided === 0 ? null : onTime.length / decided;
  const D1 = decided >= c.minDecided;
  const D2 = onTimeRate !== null && onTimeRate >= c.minOnTimeRate;
  return {
    met: D1 && D2,
    windowDays: N,
    decided,
    onTime: onTime.length,
    late: late.length,
    overdueOpen: overdueOpen.length,
    onTimeRate,
    medianDaysLate: median(daysLate),
    noDueDate: noDueDate.length,
    criteria: { D1, D2 },
    evidence: {
      onTime: onTime.map((i) => i.key),
      late: late.map((i) => i.key),
      overdueOpen: overdueOpen.map((i) => i.key),
      noDueDate: noDueDate.map((i) => i.key),
    },
  };
}

function ideasOn(day: Day, issues: readonly Prepared[], innovationUnlocked: boolean): OracleIdeas {
  const c = day.config;
  const ideas = issues.filter(
    (i) =>
      day.named(i.type, [c.ideaType]) &&
      !day.excludedNow(i) &&
      (day.readings.ideasCreatedAfterAsOfCount || day.exists(i)),
  );
  const waiting = ideas.filter((i) => i.category === 'new');
  return {
    total: ideas.length,
    waiting: waiting.length,
    inProgress: ideas.filter((i) => i.category === 'indeterminate').length,
    done: ideas.filter((i) => i.category === 'done').length,
    locked: innovationUnlocked ? 0 : waiting.filter((i) => !day.hasLabel(i, c.ideaBypassLabels)).length,
  };
}

/** The report's figures for one project's issues. */
export function oracleReport(
  rawIssues: readonly RawIssue[],
  config: Partial<OracleConfig>,
  asOf: string,
  readings: OracleReadings = DEFAULT_READINGS,
): OracleReport {
  const full: OracleConfig = { ...SPEC_DEFAULTS, ...config };
  const issues = rawIssues.map(prepare);
  const day = new Day(asOf, full, readings);
  const reliability = reliabilityOn(day, issues);
  const delivery = deliveryOn(day, issues);
  const phase: 1 | 2 | 3 = !reliability.met ? 1 : !delivery.met ? 2 : 3;

  // "both phases met on each of the sustainDays days ending at asOf (each day evaluated as its own asOf)"
  let innovationUnlocked = phase === 3;
  for (let k = 1; innovationUnlocked && k < full.sustainDays; k++) {
    const earlier = new Day(addDaysTo(asOf, -k), full, readings);
    innovationUnlocked = reliabilityOn(earlier, issues).met && deliveryOn(earlier, issues).met;
  }

  return {
    asOf,
    timeZone: full.timeZone,
    phase,
    innovationUnlocked,
    reliability,
    delivery,
    ideas: ideasOn(day, issues, innovationUnlocked),
  };
}
