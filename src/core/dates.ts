/**
 * Calendar dates and instants.
 *
 * A calendar date is a `YYYY-MM-DD` string (a Jira `duedate`, an `asOf`). It is never turned into a `Date` at UTC
 * midnight: arithmetic goes through date-fns on a `TZDate` pinned to UTC, which is exact for whole days.
 * An instant is epoch milliseconds (a Jira `created` or `resolutiondate`, parsed with its own offset).
 */
import { TZDate } from '@date-fns/tz';
import { addDays as dfAddDays, differenceInCalendarDays, endOfMonth, format, subMonths } from 'date-fns';

/** A calendar date, `YYYY-MM-DD`. */
export type CalendarDate = string;

const CALENDAR_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const JIRA_DATETIME =
  /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(Z|[+-]\d{2}:?\d{2})$/;

function utcDay(date: CalendarDate): TZDate {
  const m = CALENDAR_DATE.exec(date);
  if (!m) throw new RangeError(`not a calendar date (YYYY-MM-DD): ${JSON.stringify(date)}`);
  return new TZDate(Number(m[1]), Number(m[2]) - 1, Number(m[3]), 'UTC');
}

/**
 * True when `value` is a real calendar date in `YYYY-MM-DD` form.
 * @example isCalendarDate('2026-02-29') // false (2026 is not a leap year)
 */
export function isCalendarDate(value: string): boolean {
  const m = CALENDAR_DATE.exec(value);
  if (!m) return false;
  const d = utcDay(value);
  return (
    d.getFullYear() === Number(m[1]) && d.getMonth() === Number(m[2]) - 1 && d.getDate() === Number(m[3])
  );
}

/**
 * Adds whole days to a calendar date.
 * @example addDays('2026-02-28', 1) // '2026-03-01'
 */
export function addDays(date: CalendarDate, days: number): CalendarDate {
  // Memoised: the rules ask for the same few window edges thousands of times per report.
  const key = `${date}${days}`;
  let out = addDaysCache.get(key);
  if (out === undefined) {
    out = format(dfAddDays(utcDay(date), days), 'yyyy-MM-dd');
    if (addDaysCache.size >= 50_000) addDaysCache.clear();
    addDaysCache.set(key, out);
  }
  return out;
}

const addDaysCache = new Map<string, CalendarDate>();

/**
 * Whole days from `earlier` to `later` (negative when `later` is before).
 * @example daysBetween('2026-05-01', '2026-05-05') // 4
 */
export function daysBetween(earlier: CalendarDate, later: CalendarDate): number {
  return differenceInCalendarDays(utcDay(later), utcDay(earlier));
}

/**
 * Parses a Jira datetime such as `2024-05-01T10:20:30.000+0530` into an instant, honouring its own offset.
 * Returns `null` for anything else (a bare date, garbage): callers treat that as missing data.
 * @example parseJiraDateTime('2024-05-01T10:20:30.000+0000') // 1714558830000
 */
export function parseJiraDateTime(value: string): number | null {
  const m = JIRA_DATETIME.exec(value);
  if (!m) return null;
  const ms = Date.parse(value.replace(/([+-]\d{2})(\d{2})$/, '$1:$2'));
  return Number.isFinite(ms) ? ms : null;
}

const dayFormatters = new Map<string, Intl.DateTimeFormat>();

/**
 * The calendar date of an instant in an IANA time zone.
 * @example calendarDateOf(Date.parse('2026-03-01T02:00:00Z'), 'America/New_York') // '2026-02-28'
 */
export function calendarDateOf(instant: number, timeZone: string): CalendarDate {
  let f = dayFormatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
    dayFormatters.set(timeZone, f);
  }
  const parts = f.formatToParts(instant);
  const get = (t: string) => parts.find((p) => p.type === t)?.value ?? '';
  return `${get('year')}-${get('month')}-${get('day')}`;
}

/**
 * The instant a calendar date begins in a time zone (midnight, or the first valid time on a DST-gap day).
 * @example startOfDayIn('2026-07-01', 'Europe/Paris') // Date.parse('2026-06-30T22:00:00Z')
 */
export function startOfDayIn(date: CalendarDate, timeZone: string): number {
  const d = utcDay(date);
  return new TZDate(d.getFullYear(), d.getMonth(), d.getDate(), timeZone).getTime();
}

/**
 * The instant a calendar date ends in a time zone: the start of the next day.
 * @example endOfDayIn('2026-06-30', 'UTC') // Date.parse('2026-07-01T00:00:00Z')
 */
export function endOfDayIn(date: CalendarDate, timeZone: string): number {
  return startOfDayIn(addDays(date, 1), timeZone);
}

/** True when `timeZone` is an IANA zone this runtime knows. */
export function isTimeZone(timeZone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone });
    return timeZone.length > 0;
  } catch {
    return false;
  }
}

/** Today's calendar date in a time zone. */
export function todayIn(timeZone: string, now: number = Date.now()): CalendarDate {
  return calendarDateOf(now, timeZone);
}

/**
 * The window of `days` calendar dates ending at `asOf`: `asOf − days < D ≤ asOf`.
 * @example inWindow('2026-04-01', '2026-06-29', 90) // false ('2026-04-01' is exactly 90 days before)
 */
export function inWindow(date: CalendarDate, asOf: CalendarDate, days: number): boolean {
  return date <= asOf && date > addDays(asOf, -days);
}

/**
 * The last day of each of the `count` months before `asOf`'s month, oldest first.
 * @example previousMonthEnds('2026-06-15', 2) // ['2026-04-30', '2026-05-31']
 */
export function previousMonthEnds(asOf: CalendarDate, count: number): CalendarDate[] {
  const out: CalendarDate[] = [];
  const base = utcDay(asOf);
  for (let i = count; i >= 1; i--) out.push(format(endOfMonth(subMonths(base, i)), 'yyyy-MM-dd'));
  return out;
}

/** Hours between two instants. */
export function hoursBetween(from: number, to: number): number {
  return (to - from) / 3_600_000;
}
