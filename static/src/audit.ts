/**
 * Issue #13, the audit trail: what the gate enforced each day, as rows of a table and as CSV (RFC 4180), both built
 * in the browser from `getAudit`'s JSON. Columns: docs/metrics.md "The audit trail".
 */
import type { CriterionId } from '../../src/core/report';
import type { AuditDay } from '../../src/forge/contract';
import { wordsFor, type Words } from '../../src/core/wording';

/** The default of the functions that take the viewer's words: English. */
const ENGLISH = wordsFor('en-US');

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

function waiverText(w: NonNullable<AuditDay['waivers']>[number], words: Words): string {
  return words.translator.t('admin.audit.waiver', {
    criterion: words.criterionName(w.criterion),
    date: words.formatCalendarDate(w.until),
    approver: w.approver,
    reason: w.reason,
  });
}

function settingsText(v: AuditDay['settingsVersion'], words: Words): string {
  const { t } = words.translator;
  if (v === undefined || v === null) return t('admin.audit.notRecorded');
  return v === 0 ? t('admin.audit.defaults') : t('admin.audit.version', { n: v });
}

/** "Major incidents, On-time rate (On-time rate waived)": names, never the criteria's ids. */
function notMetText(day: AuditDay, words: Words): string {
  const { t } = words.translator;
  if (!day.unmet) return DASH;
  if (day.unmet.length === 0) return t('admin.audit.none');
  const waived = (day.waived ?? []).filter((id) => day.unmet!.includes(id));
  const names = (ids: readonly CriterionId[]) => ids.map((id) => words.criterionName(id)).join(', ');
  return waived.length
    ? t('admin.audit.waived', { names: names(day.unmet), waived: names(waived) })
    : names(day.unmet);
}

/**
 * The table row of one day.
 * @example auditRow(day, 'UTC').phase // 'Phase 2'
 */
export function auditRow(day: AuditDay, timeZone: string, words: Words = ENGLISH): AuditRow {
  const { t } = words.translator;
  const noData = t('wording.noData');
  const none = t('admin.audit.none');
  return {
    day: day.day,
    date: words.formatCalendarDate(day.day),
    phase: t('admin.audit.phase', { n: day.phase }),
    ideas: day.unlocked ? t('admin.audit.unlocked') : t('admin.audit.lockedWaiting', { n: day.lockedIdeas }),
    majorIncidents: String(day.majorIncidents),
    medianRestore: day.medianRestoreHours === null ? noData : words.formatHours(day.medianRestoreHours),
    onTimeRate: day.onTimeRate === null ? noData : words.formatRate(day.onTimeRate),
    decided: String(day.decided),
    notMet: notMetText(day, words),
    waivers: day.waivers
      ? day.waivers.length
        ? day.waivers.map((w) => waiverText(w, words)).join('; ')
        : none
      : DASH,
    settings: settingsText(day.settingsVersion, words),
    changes:
      (day.changes ?? [])
        .map((c) => {
          const at = Number.isFinite(Date.parse(c.at))
            ? words.formatDateTime(Date.parse(c.at), timeZone)
            : c.at;
          return c.change === 'unlocked'
            ? t('admin.audit.changeUnlocked', { at })
            : t('admin.audit.changeRelocked', { at });
        })
        .join('; ') || none,
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
      // The CSV is a data file: fixed English columns and values, like the command line's JSON (docs/metrics.md).
      d.waivers
        ?.map((w) => `${w.criterion} ${w.from}..${w.until} approved by ${w.approver}: ${w.reason}`) // i18n-ignore: CSV data
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
