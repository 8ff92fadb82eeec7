/**
 * Issue #13, the audit trail: what the gate enforced each day, as rows of a table and as CSV (RFC 4180), both built
 * in the browser from `getAudit`'s JSON. Columns: docs/metrics.md "The audit trail".
 */
import type { CriterionId } from '../../src/core/report';
import type { AuditDay } from '../../src/forge/contract';
import {
  criterionName,
  formatCalendarDate,
  formatDateTime,
  formatHours,
  formatRate,
} from '../../src/core/wording';

/** The table's cells for one day, in the product's units ("—" where the day has no such figure). */
export interface AuditRow {
  day: string;
  date: string;
  phase: string;
  ideas: string;
  majorIncidents: string;
  medianRestore: string;
  onTimeRate: string;
  decided: string;
  notMet: string;
  waivers: string;
  settings: string;
  changes: string;
}

const DASH = '—';

function waiverText(w: NonNullable<AuditDay['waivers']>[number]): string {
  return `${criterionName(w.criterion)} until ${formatCalendarDate(w.until)} by ${w.approver}: ${w.reason}`;
}

function settingsText(v: AuditDay['settingsVersion']): string {
  if (v === undefined || v === null) return 'not recorded';
  return v === 0 ? 'defaults' : `version ${v}`;
}

/** "Major incidents, On-time rate (On-time rate waived)": names, never the criteria's ids. */
function notMetText(day: AuditDay): string {
  if (!day.unmet) return DASH;
  if (day.unmet.length === 0) return 'none';
  const waived = (day.waived ?? []).filter((id) => day.unmet!.includes(id));
  const names = (ids: readonly CriterionId[]) => ids.map(criterionName).join(', ');
  return names(day.unmet) + (waived.length ? ` (${names(waived)} waived)` : '');
}

/**
 * The table row of one day.
 * @example auditRow(day, 'UTC').phase // 'Phase 2'
 */
export function auditRow(day: AuditDay, timeZone: string): AuditRow {
  return {
    day: day.day,
    date: formatCalendarDate(day.day),
    phase: `Phase ${day.phase}`,
    ideas: day.unlocked ? 'unlocked' : `locked (${day.lockedIdeas} waiting)`,
    majorIncidents: String(day.majorIncidents),
    medianRestore: day.medianRestoreHours === null ? 'no data' : formatHours(day.medianRestoreHours),
    onTimeRate: day.onTimeRate === null ? 'no data' : formatRate(day.onTimeRate),
    decided: String(day.decided),
    notMet: notMetText(day),
    waivers: day.waivers ? (day.waivers.length ? day.waivers.map(waiverText).join('; ') : 'none') : DASH,
    settings: settingsText(day.settingsVersion),
    changes:
      (day.changes ?? [])
        .map(
          (c) =>
            `${c.change} ${Number.isFinite(Date.parse(c.at)) ? formatDateTime(Date.parse(c.at), timeZone) : c.at}`,
        )
        .join('; ') || 'none',
  };
}

/** The CSV's columns: a header and the value of one day (numbers unrounded, as in the JSON). */
const COLUMNS: [string, (d: AuditDay) => string | number | boolean | null | undefined][] = [
  ['day', (d) => d.day],
  ['computed_at', (d) => d.at],
  ['phase', (d) => d.phase],
  ['innovation', (d) => (d.unlocked ? 'unlocked' : 'locked')],
  ['reliability_met', (d) => d.reliabilityMet],
  ['delivery_met', (d) => d.deliveryMet],
  ['major_incidents', (d) => d.majorIncidents],
  ['median_restore_hours', (d) => d.medianRestoreHours],
  ['longest_open_major_hours', (d) => d.longestOpenMajorHours],
  ['on_time_rate', (d) => d.onTimeRate],
  ['decided', (d) => d.decided],
  ['on_budget_rate', (d) => d.onBudgetRate],
  ['locked_ideas', (d) => d.lockedIdeas],
  ['not_met', (d) => d.unmet?.join(' ')],
  ['waived', (d) => d.waived?.join(' ')],
  [
    'waivers',
    (d) =>
      d.waivers
        ?.map((w) => `${w.criterion} ${w.from}..${w.until} approved by ${w.approver}: ${w.reason}`)
        .join('; '),
  ],
  ['settings_version', (d) => d.settingsVersion],
  ['changes', (d) => (d.changes ?? []).map((c) => `${c.change} ${c.at}`).join('; ')],
];

/**
 * One CSV field (RFC 4180): quoted when it holds a comma, a double quote, CR or LF, with quotes doubled. Text that a
 * spreadsheet would run as a formula (it starts with =, +, -, @, tab or CR) is prefixed with an apostrophe.
 */
export function csvField(value: string | number | boolean | null | undefined): string {
  if (value === null || value === undefined) return '';
  if (typeof value !== 'string') return String(value);
  // Character tests, not regular expressions: the UI reads no text with them (test/ui/noSentenceParsing.test.ts).
  const safe = value !== '' && '=+-@\t\r'.includes(value.charAt(0)) ? `'${value}` : value;
  const quote = ['"', ',', '\r', '\n'].some((c) => safe.includes(c));
  return quote ? `"${safe.split('"').join('""')}"` : safe;
}

/**
 * The audit trail as CSV: a header row, then one row per day in the order given, lines ended by CRLF (RFC 4180).
 * @example auditCsv([]) // 'day,computed_at,phase,…\r\n'
 */
export function auditCsv(days: readonly AuditDay[]): string {
  const lines = [COLUMNS.map(([h]) => h).join(',')];
  for (const d of days) lines.push(COLUMNS.map(([, f]) => csvField(f(d))).join(','));
  return lines.map((l) => `${l}\r\n`).join('');
}

/** The CSV's file name: `phase-gate-audit-OPS-2026-06-30.csv` (the newest day). */
export function auditFileName(project: string, days: readonly AuditDay[]): string {
  return `phase-gate-audit-${project}${days[0] ? `-${days[0].day}` : ''}.csv`;
}
