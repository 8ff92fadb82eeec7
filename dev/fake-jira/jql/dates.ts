/**
 * JQL date values, read in the site's time zone: `2026-05-01`, `2026/05/01`, `2026-05-01 14:30`, relative periods
 * (`-7d`, `-2w`, `4w 2d`, `-12h`, `30m`) and the date functions (`now()`, `startOfDay(-1)`, `endOfMonth()`, …).
 * Each resolves to an instant (for datetime fields) and a calendar date (for `duedate`).
 */
import { TZDate } from '@date-fns/tz';
import {
  addDays,
  addHours,
  addMinutes,
  addMonths,
  addWeeks,
  addYears,
  endOfDay,
  endOfMonth,
  endOfWeek,
  endOfYear,
  startOfDay,
  startOfMonth,
  startOfWeek,
  startOfYear,
} from 'date-fns';
import { calendarDateOf, isCalendarDate } from '../../../src/core/dates';

export interface DateContext {
  /** Epoch ms of "now". */
  now: number;
  timeZone: string;
}

export interface DatePoint {
  instant: number;
  /** The calendar date of the value in the context zone (for date-only fields). */
  date: string;
}

export const DATE_FORMATS_HINT =
  "Valid formats include: 'yyyy/MM/dd HH:mm', 'yyyy-MM-dd HH:mm', 'yyyy/MM/dd', 'yyyy-MM-dd', or a period format e.g. '-5d', '4w 2d'.";

const ABSOLUTE = /^(\d{4})[-/](\d{1,2})[-/](\d{1,2})(?:\s+(\d{1,2}):(\d{2}))?$/;
const RELATIVE = /^([+-])?\s*((?:\d+\s*[wdhm]\s*)+)$/;
const UNIT_MS: Record<string, number> = { w: 7 * 86_400_000, d: 86_400_000, h: 3_600_000, m: 60_000 };

function point(instant: number, timeZone: string): DatePoint {
  return { instant, date: calendarDateOf(instant, timeZone) };
}

/**
 * A date literal or relative period; null when it is neither.
 * @example parseDateValue('2026-05-01', { now: 0, timeZone: 'Asia/Kolkata' }) // { instant: Date.parse('2026-04-30T18:30:00Z'), date: '2026-05-01' }
 */
export function parseDateValue(text: string, ctx: DateContext): DatePoint | null {
  const value = text.trim();
  const abs = ABSOLUTE.exec(value);
  if (abs) {
    const [, y, mo, d, h, mi] = abs;
    const date = `${y}-${mo!.padStart(2, '0')}-${d!.padStart(2, '0')}`;
    if (!isCalendarDate(date)) return null;
    const hours = h === undefined ? 0 : Number(h);
    const minutes = mi === undefined ? 0 : Number(mi);
    if (hours > 23 || minutes > 59) return null;
    const instant = new TZDate(Number(y), Number(mo) - 1, Number(d), hours, minutes, ctx.timeZone).getTime();
    return { instant, date };
  }
  const rel = RELATIVE.exec(value);
  if (rel) {
    const sign = rel[1] === '-' ? -1 : 1;
    let ms = 0;
    for (const part of rel[2]!.matchAll(/(\d+)\s*([wdhm])/g)) ms += Number(part[1]) * UNIT_MS[part[2]!]!;
    return point(ctx.now + sign * ms, ctx.timeZone);
  }
  return null;
}

type Unit = 'y' | 'M' | 'w' | 'd' | 'h' | 'm';
const ADD: Record<Unit, (d: TZDate, n: number) => TZDate> = {
  y: addYears,
  M: addMonths,
  w: addWeeks,
  d: addDays,
  h: addHours,
  m: addMinutes,
};

const FUNCTIONS: Record<string, { unit: Unit; at: (d: TZDate) => TZDate }> = {
  now: { unit: 'd', at: (d) => d },
  startofday: { unit: 'd', at: (d) => startOfDay(d) },
  endofday: { unit: 'd', at: (d) => endOfDay(d) },
  startofweek: { unit: 'w', at: (d) => startOfWeek(d, { weekStartsOn: 1 }) },
  endofweek: { unit: 'w', at: (d) => endOfWeek(d, { weekStartsOn: 1 }) },
  startofmonth: { unit: 'M', at: (d) => startOfMonth(d) },
  endofmonth: { unit: 'M', at: (d) => endOfMonth(d) },
  startofyear: { unit: 'y', at: (d) => startOfYear(d) },
  endofyear: { unit: 'y', at: (d) => endOfYear(d) },
};

/** True when `name` is a JQL date function the fake knows. */
export function isDateFunction(name: string): boolean {
  return Object.hasOwn(FUNCTIONS, name.toLowerCase());
}

/**
 * Evaluates a date function such as `startOfMonth(-1)` or `endOfDay("+1d")` (weeks start on Monday).
 * @returns null for a bad increment argument.
 */
export function evalDateFunction(name: string, args: readonly string[], ctx: DateContext): DatePoint | null {
  const fn = FUNCTIONS[name.toLowerCase()];
  if (!fn) return null;
  let d = new TZDate(ctx.now, ctx.timeZone);
  if (args.length > 1) return null;
  if (args.length === 1) {
    const m = /^([+-]?\d+)([yMwdhm])?$/.exec(args[0]!.trim());
    if (!m) return null;
    d = ADD[(m[2] as Unit | undefined) ?? fn.unit](d, Number(m[1]));
  }
  return point(fn.at(d).getTime(), ctx.timeZone);
}
