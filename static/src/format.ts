/**
 * Display formatting for what the wording module does not cover: ages, trend labels, instants in the viewer's zone,
 * who saved a version, and "no data" for absent numbers. Criteria, needs, units and dates are worded by the one
 * wording module (src/core/wording.ts), the same as in the command line; nothing here reads a sentence back.
 */
import { formatValue, plural, wordsFor, type Words } from '../../src/core/wording';

/** The default of the functions that take the viewer's words: English. */
const ENGLISH = wordsFor('en-US');

export { plural };

/**
 * @deprecated A criterion's value as every surface shows it: use `formatValue` from src/core/wording.ts (kept for
 * test/browser/surfaces.test.ts until it imports the wording module itself).
 */
export const formatCriterionValue = formatValue;

/** A rate in the product's unit ("66.7%"), or "no data" (in the words' language; English by default). */
export function formatRateOrNone(rate: number | null, words: Words = ENGLISH): string {
  return rate === null || !Number.isFinite(rate)
    ? words.translator.t('wording.noData')
    : words.formatRate(rate);
}

/** Hours in the product's unit ("5.5 h", "160 h (6.7 days)"), or "no data". */
export function formatHoursOrNone(hours: number | null, words: Words = ENGLISH): string {
  return hours === null || !Number.isFinite(hours)
    ? words.translator.t('wording.noData')
    : words.formatHours(hours);
}

/** A calendar date in the product's format ("30 Jun 2026"), or "—". */
export function formatDateOrNone(date: string | null, words: Words = ENGLISH): string {
  return date ? words.formatCalendarDate(date) : '—';
}

/** Capitalises the first letter: the wording module writes sentence tails. */
export function sentence(text: string): string {
  return text ? text.charAt(0).toUpperCase() + text.slice(1) : text;
}

/** Minutes → "just now", "1 minute ago", "3 hours ago", "2 days ago". */
export function formatAge(minutes: number | null, words: Words = ENGLISH): string {
  const { t, plural: count } = words.translator;
  if (minutes === null || !Number.isFinite(minutes)) return t('format.never');
  const m = Math.max(0, Math.floor(minutes));
  if (m < 1) return t('format.justNow');
  if (m < 60) return count('format.minutesAgo', m);
  const h = Math.floor(m / 60);
  if (h < 48) return count('format.hoursAgo', h);
  return count('format.daysAgo', Math.floor(h / 24));
}

/** Minutes since an ISO instant, or null when it cannot be read. */
export function minutesSince(iso: string | null, now: number): number | null {
  if (!iso) return null;
  const t = Date.parse(iso);
  return Number.isNaN(t) ? null : Math.max(0, (now - t) / 60000);
}

function calendarParts(date: string): { y: number; m: number; d: number } | null {
  const parts = date.split('-');
  if (parts.length !== 3 || parts[0]?.length !== 4) return null;
  const [y, m, d] = parts.map(Number) as [number, number, number];
  if (![y, m, d].every(Number.isInteger) || m < 1 || m > 12 || d < 1 || d > 31) return null;
  return { y, m, d };
}

/** Days in a month (m is 1..12). */
function daysInMonth(y: number, m: number): number {
  return new Date(Date.UTC(y, m, 0)).getUTCDate();
}

/**
 * Label of a trend point: a month-end is its month ("Jun 2026"), any other day is the day ("15 Jun 2026", as the
 * wording module writes dates). `short` drops the century ("Jun ’26"). Months are the catalogue's (`wording.months`),
 * in the words' language (German: "Juni 2026", "15. Juni ’26").
 */
export function formatTrendLabel(date: string, short = false, words: Words = ENGLISH): string {
  const p = calendarParts(date);
  if (!p) return date;
  const monthEnd = p.d === daysInMonth(p.y, p.m);
  if (!short && !monthEnd) return words.formatCalendarDate(date);
  const { t } = words.translator;
  const month = t('wording.months').split(',')[p.m - 1] ?? '?';
  if (!short) return t('ui.monthYear', { month, year: p.y });
  const year = String(p.y).slice(2);
  return monthEnd
    ? t('ui.monthYearShort', { month, year })
    : t('ui.dayMonthYearShort', { day: p.d, month, year });
}

/** The viewer's time zone (the browser's), UTC when it cannot be read. */
export function viewerTimeZone(): string {
  try {
    return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
  } catch {
    return 'UTC';
  }
}

function usableZone(timeZone: string | undefined): string {
  const zone = timeZone ?? viewerTimeZone();
  try {
    new Intl.DateTimeFormat('en-GB', { timeZone: zone });
    return zone;
  } catch {
    return 'UTC';
  }
}

/**
 * An ISO instant as a date and time in the wording module's format ("30 Jun 2026, 08:00 UTC"), in `timeZone` (default:
 * the viewer's); "—" when absent, the text itself when it is not an instant.
 */
export function formatInstant(iso: string | null, timeZone?: string, words: Words = ENGLISH): string {
  if (!iso) return '—';
  const t = Date.parse(iso);
  if (Number.isNaN(t)) return iso;
  return words.formatDateTime(t, usableZone(timeZone));
}

/** An ISO instant as the calendar date it falls on in `timeZone` (default: the viewer's), e.g. "30 Jun 2026". */
export function formatInstantDate(iso: string | null, timeZone?: string, words: Words = ENGLISH): string {
  if (!iso) return '—';
  const t = Date.parse(iso);
  if (Number.isNaN(t)) return iso;
  // en-CA writes dates as YYYY-MM-DD: the calendar date in the zone, then worded like every other date.
  const day = new Intl.DateTimeFormat('en-CA', {
    timeZone: usableZone(timeZone),
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(t);
  return words.formatCalendarDate(day);
}

/**
 * Who saved a settings version, for display: "you" for the viewer; an Atlassian account id (which means nothing to a
 * reader) becomes "a project administrator"; anything else (a display name) is shown as is.
 */
export function formatSavedBy(savedBy: string, viewerAccountId?: string, words: Words = ENGLISH): string {
  const { t } = words.translator;
  if (viewerAccountId && savedBy === viewerAccountId) return t('ui.savedByYou');
  if (/^[0-9a-f]{24}$/i.test(savedBy) || /^\d+:[0-9a-f-]{20,}$/i.test(savedBy)) return t('ui.savedByAdmin');
  return savedBy || t('ui.savedBySomeone');
}

/** Issue #12: "Update deferred: Jira points budget — the next try is at …", in `timeZone` (default: the viewer's). */
export function formatDeferral(
  deferred: { nextTryAt: string },
  timeZone?: string,
  words: Words = ENGLISH,
): string {
  return words.deferralNotice(Date.parse(deferred.nextTryAt), usableZone(timeZone));
}
