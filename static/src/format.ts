/**
 * Display formatting. The report's numbers are unrounded; everything the UI shows is rounded here.
 */
import type { Criterion } from '../../src/core/report';

/** 0.6667 → "67%"; 0.955 → "95.5%"; null → "no data". */
export function formatPercent(rate: number | null): string {
  if (rate === null || !Number.isFinite(rate)) return 'no data';
  const pct = Math.round(rate * 1000) / 10;
  return `${Number.isInteger(pct) ? pct.toFixed(0) : pct.toFixed(1)}%`;
}

/** 5.54 → "5.5 h"; 31.2 → "31 h"; 130 → "130 h (5.4 days)"; null → "no data". */
export function formatHours(hours: number | null): string {
  if (hours === null || !Number.isFinite(hours)) return 'no data';
  const h = hours < 10 ? Math.round(hours * 10) / 10 : Math.round(hours);
  const text = `${h} h`;
  if (hours >= 72) return `${text} (${(Math.round((hours / 24) * 10) / 10).toString()} days)`;
  return text;
}

/** Pluralises an English count: (1, 'idea') → "1 idea"; (3, 'idea') → "3 ideas". */
export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** A criterion's value in its unit: counts, hours or a percentage. */
export function formatCriterionValue(c: Pick<Criterion, 'id' | 'value'>): string {
  if (c.value === null) return 'no data';
  switch (c.id) {
    case 'R2':
    case 'R3':
      return formatHours(c.value);
    case 'D2':
      return formatPercent(c.value);
    default:
      return String(Math.round(c.value * 10) / 10);
  }
}

/**
 * A target as written by the report ("<= 2", ">= 80%") made readable ("≤ 2", "≥ 80%"). Hour targets get their unit;
 * a rate written as a fraction (">= 0.8") is shown as a percentage.
 */
export function formatTarget(c: Pick<Criterion, 'id' | 'target'>): string {
  const t = c.target.trim().replace(/<=/g, '≤').replace(/>=/g, '≥');
  if ((c.id === 'R2' || c.id === 'R3') && /\d$/.test(t)) return `${t} h`;
  if (c.id === 'D2' && !t.includes('%')) {
    return t.replace(/\d*\.?\d+/, (m) => (Number(m) <= 1 ? formatPercent(Number(m)) : m));
  }
  return t;
}

/**
 * A target in words, for sentences: "≤ 24 h" → "at most 24 h", ">= 80%" → "at least 80%" (the words the core uses in
 * the reasons it writes).
 */
export function formatTargetWords(c: Pick<Criterion, 'id' | 'target'>): string {
  return formatTarget(c).replace(/^≤\s*/, 'at most ').replace(/^≥\s*/, 'at least ');
}

/** A criterion's label without a trailing unit note ("… (hours)"): the value carries its unit. */
export function formatCriterionLabel(label: string): string {
  return label.replace(/\s*\((hours|days|%)\)\s*$/, '');
}

/** Minutes → "just now", "1 minute ago", "3 hours ago", "2 days ago". */
export function formatAge(minutes: number | null): string {
  if (minutes === null || !Number.isFinite(minutes)) return 'never';
  const m = Math.max(0, Math.floor(minutes));
  if (m < 1) return 'just now';
  if (m < 60) return `${plural(m, 'minute')} ago`;
  const h = Math.floor(m / 60);
  if (h < 48) return `${plural(h, 'hour')} ago`;
  return `${plural(Math.floor(h / 24), 'day')} ago`;
}

/** Minutes since an ISO instant, or null when it cannot be read. */
export function minutesSince(iso: string | null, now: number): number | null {
  if (!iso) return null;
  const t = Date.parse(iso);
  return Number.isNaN(t) ? null : Math.max(0, (now - t) / 60000);
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

function parseCalendarDate(date: string): { y: number; m: number; d: number } | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!match) return null;
  return { y: Number(match[1]), m: Number(match[2]), d: Number(match[3]) };
}

/** Days in a month (m is 1..12). */
function daysInMonth(y: number, m: number): number {
  return new Date(Date.UTC(y, m, 0)).getUTCDate();
}

/**
 * Label of a trend point: a month-end is its month ("Jun 2026"), any other day is the day ("15 Jun 2026").
 * `short` drops the century ("Jun 26").
 */
export function formatTrendLabel(date: string, short = false): string {
  const p = parseCalendarDate(date);
  if (!p) return date;
  const month = MONTHS[p.m - 1] ?? '?';
  const year = short ? `’${String(p.y).slice(2)}` : String(p.y);
  if (p.d === daysInMonth(p.y, p.m)) return `${month} ${year}`;
  return `${p.d} ${month} ${year}`;
}

/** A calendar date ("2026-06-30") as "30 Jun 2026". */
export function formatCalendarDate(date: string | null): string {
  if (!date) return '—';
  const p = parseCalendarDate(date);
  if (!p) return date;
  return `${p.d} ${MONTHS[p.m - 1] ?? '?'} ${p.y}`;
}

/** An ISO instant in the viewer's locale and zone, with or without the time; the ISO text when Intl cannot. */
function formatIso(iso: string | null, withTime: boolean, locale?: string, timeZone?: string): string {
  if (!iso) return '—';
  const t = Date.parse(iso);
  if (Number.isNaN(t)) return iso;
  try {
    return new Intl.DateTimeFormat(locale?.replace('_', '-') || 'en-GB', {
      day: 'numeric',
      month: 'short',
      year: 'numeric',
      ...(withTime ? { hour: '2-digit', minute: '2-digit' } : {}),
      timeZone,
    }).format(t);
  } catch {
    const text = new Date(t).toISOString().replace('T', ' ');
    return withTime ? text.slice(0, 16) : text.slice(0, 10);
  }
}

/** An ISO instant as a short local date and time, e.g. "30 Jun 2026, 08:00". */
export function formatInstant(iso: string | null, locale?: string, timeZone?: string): string {
  return formatIso(iso, true, locale, timeZone);
}

/**
 * The number in a target ("<= 24" → 24, ">= 80%" → 0.8, ">= 0.8" → 0.8), or null.
 * Percentages become fractions, so a rate target can be compared with a rate.
 */
export function parseTargetNumber(target: string): number | null {
  const m = /(-?\d*\.?\d+)\s*(%)?/.exec(target);
  if (!m) return null;
  const n = Number(m[1]);
  if (!Number.isFinite(n)) return null;
  return m[2] ? n / 100 : n;
}

/** "<=" and ">=" as "≤" and "≥" (the core writes plain ASCII). */
export function prettyOperators(text: string): string {
  return text.replace(/<=/g, '≤').replace(/>=/g, '≥');
}

/** Capitalises the first letter: hints are written as sentence tails by the core. */
export function sentence(text: string): string {
  return text ? text.charAt(0).toUpperCase() + text.slice(1) : text;
}

/**
 * A criterion's hint without a leading restatement of its value and target ("on-time rate 66.7%, needs 80%: about 2
 * more on-time deliveries" → "about 2 more on-time deliveries"): the UI shows value and target beside it already.
 */
export function hintText(hint: string): string {
  const m = /^([^:,]*\d[^:,]*),\s*needs\s+[^:]+:\s+(.+)$/i.exec(hint.trim());
  return prettyOperators(m?.[2] ?? hint.trim());
}

/** An ISO instant as a local date, e.g. "30 Jun 2026". */
export function formatInstantDate(iso: string | null, locale?: string, timeZone?: string): string {
  return formatIso(iso, false, locale, timeZone);
}

/**
 * Who saved a settings version, for display: "you" for the viewer; an Atlassian account id (which means nothing to a
 * reader) becomes "a project administrator"; anything else (a display name) is shown as is.
 */
export function formatSavedBy(savedBy: string, viewerAccountId?: string): string {
  if (viewerAccountId && savedBy === viewerAccountId) return 'you';
  if (/^[0-9a-f]{24}$/i.test(savedBy) || /^\d+:[0-9a-f-]{20,}$/i.test(savedBy))
    return 'a project administrator';
  return savedBy || 'someone';
}
