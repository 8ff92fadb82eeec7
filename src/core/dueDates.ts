/**
 * The due date that counts (docs/metrics.md "Committed due date").
 * Replays a deliverable's `duedate` and `status` changelog up to the end of `asOf` in the configured zone.
 * Pure: no clock, no I/O.
 */
import { calendarDateOf, endOfDayIn, type CalendarDate } from './dates';
import type { IssueFact, StatusCategory } from './facts';

type DueFact = Pick<IssueFact, 'dueDate' | 'history' | 'statusCategory' | 'created' | 'createdDay'>;

/** The due date the issue had when it was created: the first `duedate` change's `from`, else the current value. */
function dueAtCreation(fact: DueFact): CalendarDate | null {
  const first = fact.history?.dueChanges[0];
  return first ? first.from : fact.dueDate;
}

/** The status category the issue had when it was created: the first status change's `from`, else the current one. */
function categoryAtCreation(fact: DueFact): StatusCategory {
  const first = fact.history?.statusChanges[0];
  return first ? first.fromCategory : fact.statusCategory;
}

/** The due date held just before `instant` (changes at or after it not applied). */
function dueBefore(fact: DueFact, instant: number): CalendarDate | null {
  let due = dueAtCreation(fact);
  for (const c of fact.history?.dueChanges ?? []) {
    if (c.at >= instant) break;
    due = c.to;
  }
  return due;
}

/**
 * The due date at the end of `asOf` (changes up to then replayed); the current due date when no history was read.
 * @example dueDateAt({ dueDate: '2026-05-20', history: { dueChanges: [{ at: t, from: '2026-05-01', to: '2026-05-20' }], statusChanges: [] }, … }, asOfBeforeT, 'UTC') // '2026-05-01'
 */
export function dueDateAt(fact: DueFact, asOf: CalendarDate, timeZone: string): CalendarDate | null {
  if (!fact.history) return fact.dueDate;
  return dueBefore(fact, endOfDayIn(asOf, timeZone));
}

/**
 * The commitment day: the calendar day on which the deliverable first entered a status of the In Progress category
 * (`indeterminate`), counting only changes before the end of `asOf`; its created day when it was created in
 * progress; null when it never was in progress by then.
 */
export function commitmentDay(fact: DueFact, asOf: CalendarDate, timeZone: string): CalendarDate | null {
  if (!fact.history) return null;
  if (categoryAtCreation(fact) === 'indeterminate') return fact.createdDay;
  const cutoff = endOfDayIn(asOf, timeZone);
  for (const s of fact.history.statusChanges) {
    if (s.at >= cutoff) break;
    if (s.toCategory === 'indeterminate') return calendarDateOf(s.at, timeZone);
  }
  return null;
}

/**
 * The committed due date as of `asOf`:
 * - committed (entered In Progress): the due date held at the end of the commitment day, or, if it had none then,
 *   the first due date set after that day;
 * - never in progress: the first due date it ever had (its value at creation, or the first one set);
 * - no due date by the end of `asOf`: null. A fact without `history` uses its current due date.
 * @example committedDueDate(epicPushedOutAfterStart, '2026-06-30', 'UTC') // the due date it had when work started
 */
export function committedDueDate(fact: DueFact, asOf: CalendarDate, timeZone: string): CalendarDate | null {
  if (!fact.history) return fact.dueDate;
  const cutoff = endOfDayIn(asOf, timeZone);
  const day = commitmentDay(fact, asOf, timeZone);
  const from = day === null ? -Infinity : Math.min(endOfDayIn(day, timeZone), cutoff);
  if (day !== null) {
    const held = dueBefore(fact, from);
    if (held !== null) return held;
  } else {
    const initial = dueAtCreation(fact);
    if (initial !== null) return initial;
  }
  for (const c of fact.history.dueChanges) {
    if (c.at >= cutoff) break;
    if (c.at >= from && c.to !== null) return c.to;
  }
  return null;
}

/**
 * Both due dates of a deliverable for every as-of date, pre-computed once: they only change on the calendar days of
 * its changelog entries, so a day-by-day replay (trend, phase changes) looks them up instead of replaying.
 */
export interface DueTimeline {
  /** The as-of dates from which the values change, ascending; values[i] holds from days[i] on (index 0: before). */
  days: CalendarDate[];
  committed: (CalendarDate | null)[];
  current: (CalendarDate | null)[];
}

export function dueTimeline(fact: DueFact, timeZone: string): DueTimeline {
  const before = fact.createdDay;
  const changeDays = new Set<CalendarDate>();
  for (const c of fact.history?.dueChanges ?? []) changeDays.add(calendarDateOf(c.at, timeZone));
  for (const s of fact.history?.statusChanges ?? []) changeDays.add(calendarDateOf(s.at, timeZone));
  const days = [...changeDays].filter((d) => d > before).sort();
  const at = (d: CalendarDate) =>
    [committedDueDate(fact, d, timeZone), dueDateAt(fact, d, timeZone)] as const;
  const first = at(before);
  const committed = [first[0]];
  const current = [first[1]];
  for (const d of days) {
    const [c, n] = at(d);
    committed.push(c);
    current.push(n);
  }
  return { days: [before, ...days], committed, current };
}

/** The index of the timeline's value for `asOf` (0 before the first change day). */
function indexAt(t: DueTimeline, asOf: CalendarDate): number {
  let lo = 0;
  let hi = t.days.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (t.days[mid]! <= asOf) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/** The committed and current due dates as of `asOf`, from a pre-computed timeline. */
export function dueDatesOn(
  t: DueTimeline,
  asOf: CalendarDate,
): { committed: CalendarDate | null; current: CalendarDate | null } {
  const i = indexAt(t, asOf);
  return { committed: t.committed[i]!, current: t.current[i]! };
}
