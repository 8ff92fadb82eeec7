/**
 * Jira's datetime format, written the way Jira Cloud writes it: `2026-05-01T10:20:30.000+0530`
 * (milliseconds and a colon-less offset). The same instant can be written with different offsets; the demo data uses
 * several so that consumers must honour the offset.
 */

const OFFSET = /^([+-])(\d{2})(\d{2})$/;

/** Minutes east of UTC for an offset such as `+0530` or `-0500`. */
export function offsetMinutes(offset: string): number {
  const m = OFFSET.exec(offset);
  if (!m) throw new RangeError(`not a Jira offset (+hhmm): ${JSON.stringify(offset)}`);
  const minutes = Number(m[2]) * 60 + Number(m[3]);
  return m[1] === '-' ? -minutes : minutes;
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/**
 * Formats an instant (epoch ms) as a Jira datetime in the given offset.
 * @example formatJiraDateTime(Date.UTC(2026, 4, 1, 10, 20, 30), '+0530') // '2026-05-01T15:50:30.000+0530'
 */
export function formatJiraDateTime(instant: number, offset = '+0000'): string {
  const d = new Date(instant + offsetMinutes(offset) * 60_000);
  return (
    `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}` +
    `T${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}.${pad(d.getUTCMilliseconds(), 3)}` +
    offset
  );
}

/** The instant of `HH:mm` UTC on a calendar date: `utcInstant('2026-05-01', 9, 30)`. */
export function utcInstant(date: string, hours = 0, minutes = 0): number {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return Date.UTC(y, m - 1, d, hours, minutes);
}

/**
 * Adds whole days to a `YYYY-MM-DD` date with plain UTC arithmetic (fast, for bulk generation).
 * @example shiftDate('2028-02-28', 1) // '2028-02-29'
 */
export function shiftDate(date: string, days: number): string {
  return new Date(utcInstant(date) + days * 86_400_000).toISOString().slice(0, 10);
}
