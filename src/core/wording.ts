/**
 * The one wording module: turns structured criteria, needs, units and dates into words for every surface — the
 * command line, the validator's message, the idea panel, the macro and the page. One vocabulary of units
 * ("160 h (6.7 days)", "66.7%", "9 Jan 2027"); nothing anywhere parses these strings back.
 * Formulas: docs/metrics.md.
 */
import type { Waiver } from './config';
import type { CalendarDate } from './dates';
import {
  PHASE_NAMES,
  type Criterion,
  type CriterionId,
  type Need,
  type PhaseChange,
  type PhaseChangeCause,
  type PhaseNumber,
} from './report';

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/**
 * A calendar date in the product's one format.
 * @example formatCalendarDate('2027-01-09') // '9 Jan 2027'
 */
export function formatCalendarDate(date: CalendarDate): string {
  const [y, m, d] = date.split('-').map(Number);
  return `${d} ${MONTHS[(m ?? 1) - 1]} ${y}`;
}

function round1(n: number): number {
  return Math.round(n * 10) / 10;
}

/**
 * Hours: to 0.1 h below 48 h; from 48 h on, whole hours with days beside them.
 * @example formatHours(160.1) // '160 h (6.7 days)'
 * @example formatHours(5.5) // '5.5 h'
 */
export function formatHours(hours: number): string {
  return hours >= 48 ? `${Math.round(hours)} h (${round1(hours / 24)} days)` : `${round1(hours)} h`;
}

/**
 * A rate from 0 to 1 as a percentage.
 * @example formatRate(0.6667) // '66.7%'
 */
export function formatRate(rate: number): string {
  return `${round1(rate * 100)}%`;
}

/** `n thing` / `n things`. */
export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** A number in a criterion's unit. */
export function formatInUnit(value: number, unit: Criterion['unit']): string {
  if (unit === 'hours') return formatHours(value);
  if (unit === 'rate') return formatRate(value);
  return String(round1(value));
}

/**
 * A criterion's value in its unit; "no data" when there is none.
 * @example formatValue({ unit: 'rate', value: 0.4, … }) // '40%'
 */
export function formatValue(c: Pick<Criterion, 'value' | 'unit' | 'id'>): string {
  if (c.id === 'R0') return c.value === 1 ? 'recorded' : 'none recorded';
  return c.value === null ? 'no data' : formatInUnit(c.value, c.unit);
}

/**
 * The target in words.
 * @example criterionTarget({ op: '<=', limit: 2, unit: 'count', … }) // 'at most 2'
 */
export function criterionTarget(c: Pick<Criterion, 'op' | 'limit' | 'unit' | 'id'>): string {
  if (c.id === 'R0') return 'at least one incident recorded';
  return `${c.op === '<=' ? 'at most' : 'at least'} ${formatInUnit(c.limit, c.unit)}`;
}

/**
 * The limit alone, in the criterion's unit.
 * @example formatLimit({ unit: 'rate', limit: 0.8, … }) // '80%'
 */
export function formatLimit(c: Pick<Criterion, 'limit' | 'unit'>): string {
  return formatInUnit(c.limit, c.unit);
}

/**
 * What would make the criterion hold, in plain words; '' when met (need null). Takes the need, or the criterion
 * (then R3 names its limit); with the waivers, a waived criterion is described by its waiver instead.
 * @example describeNeed({ kind: 'moreOnTime', deliveries: 3, overdueOpen: 1 }) // "3 more on-time deliveries (1 overdue still open)"
 */
export function describeNeed(
  needOrCriterion: Need | Pick<Criterion, 'need' | 'limit' | 'unit' | 'id' | 'waived'> | null,
  waivers: readonly Waiver[] = [],
): string {
  if (!needOrCriterion) return '';
  const c = 'kind' in needOrCriterion ? null : needOrCriterion;
  if (c?.waived) {
    const w = waivers.find((x) => x.criterion === c.id);
    if (w) return describeWaiver(w);
  }
  const need = c ? c.need : (needOrCriterion as Need);
  if (!need) return '';
  switch (need.kind) {
    case 'recordIncidents':
      return 'no incident has been recorded: reliability cannot be shown until incidents are recorded in Jira';
    case 'fewerMajorIncidents':
      return (
        `${plural(need.excess, 'major incident')} too many` +
        (need.clearsOn
          ? `; with no new major incident, this holds from ${formatCalendarDate(need.clearsOn)}`
          : '')
      );
    case 'fasterRestore':
      return `restore incidents faster: the median must fall by ${formatHours(need.excessHours)}`;
    case 'resolveOpenMajors': {
      const what = need.count === 1 ? 'the major incident' : `the ${need.count} major incidents`;
      return `resolve ${what} open longer than ${c ? formatHours(c.limit) : 'the restore target'}`;
    }
    case 'moreDecided':
      return `not enough data: ${plural(need.missing, 'more deliverable')} with a due date must be decided`;
    case 'moreOnTime':
      if (need.deliveries === null)
        return 'every decided deliverable must be on time, and some are not: only the window moving on can help';
      return (
        `${plural(need.deliveries, 'more on-time delivery', 'more on-time deliveries')}` +
        (need.overdueOpen > 0 ? ` (${need.overdueOpen} overdue still open)` : '')
      );
    case 'moreOnBudget':
      if (need.deliveries === null)
        return 'every measured deliverable must be on budget, and some are not: only the window moving on can help';
      return `${plural(need.deliveries, 'more deliverable')} on budget`;
  }
}

/**
 * A waiver in words, with its reason, approver and end date.
 * @example describeWaiver(w) // 'waived until 31 Mar 2026 by Dana (CIO): migration freeze'
 */
export function describeWaiver(w: Pick<Waiver, 'until' | 'approver' | 'reason'>): string {
  return `waived until ${formatCalendarDate(w.until)} by ${w.approver}: ${w.reason}`;
}

/**
 * One criterion in one line: label, value, target and what would change it (or the waiver that covers it).
 * @example describeCriterion(d2) // 'On-time rate: 40%, needs at least 80% — 10 more on-time deliveries'
 */
export function describeCriterion(c: Criterion, waivers: readonly Waiver[] = []): string {
  const base = `${c.label}: ${formatValue(c)}, needs ${criterionTarget(c)}`;
  const need = describeNeed(c, waivers);
  return need ? `${base} — ${need}` : base;
}

/** Each criterion's name for people, without its window (tables that list criteria by id never show the id). */
const CRITERION_NAMES: Record<CriterionId, string> = {
  R0: 'Incidents recorded',
  R1: 'Major incidents',
  R2: 'Median restore',
  R3: 'Longest-open major incident',
  D1: 'Deliverables decided',
  D2: 'On-time rate',
  D3: 'On-budget rate',
};

/**
 * A criterion's name for people.
 * @example criterionName('D2') // 'On-time rate'
 */
export function criterionName(id: CriterionId): string {
  return CRITERION_NAMES[id];
}

/**
 * One cause of a step back: the figure that stopped meeting its criterion, with its limit.
 * @example describeCause({ id: 'R1', value: 3, unit: 'count', op: '<=', limit: 2, waiverEnded: false }) // '3 major incidents (limit 2)'
 */
export function describeCause(c: PhaseChangeCause): string {
  const limit =
    c.op === '<='
      ? `limit ${formatInUnit(c.limit, c.unit)}`
      : `needs at least ${formatInUnit(c.limit, c.unit)}`;
  const v = c.value;
  let figure: string;
  switch (c.id) {
    case 'R0':
      return 'no incident recorded';
    case 'R1':
      figure = v === null ? 'major incidents: no data' : plural(v, 'major incident');
      break;
    case 'R2':
      figure = `median restore time ${v === null ? 'no data' : formatHours(v)}`;
      break;
    case 'R3':
      figure = `a major incident open ${v === null ? 'no data' : formatHours(v)}`;
      break;
    case 'D1':
      figure = v === null ? 'decided deliverables: no data' : plural(v, 'decided deliverable');
      break;
    case 'D2':
      figure = `on-time rate ${v === null ? 'no data' : formatRate(v)}`;
      break;
    case 'D3':
      figure = `on-budget rate ${v === null ? 'no data' : formatRate(v)}`;
      break;
  }
  return `${figure} (${limit})${c.waiverEnded ? ', its waiver ended' : ''}`;
}

/**
 * A step of the road travelled; a step back says what did it.
 * @example describePhaseChange({ date: '2026-03-04', from: 2, to: 1 }) // 'thrown back to phase 1 (Reliable systems) on 4 Mar 2026'
 * @example describePhaseChange({ date: '2026-03-04', from: 2, to: 1, cause: [r1] }) // 'thrown back to phase 1 (Reliable systems) on 4 Mar 2026: 3 major incidents (limit 2)'
 */
export function describePhaseChange(change: PhaseChange): string {
  const back = change.to < change.from;
  const verb = back ? 'thrown back to' : 'reached';
  const base = `${verb} phase ${change.to} (${PHASE_NAMES[change.to as PhaseNumber]}) on ${formatCalendarDate(change.date)}`;
  const cause = back ? (change.cause ?? []) : [];
  return cause.length > 0 ? `${base}: ${cause.map(describeCause).join('; ')}` : base;
}

/**
 * Issue #13: ideas flagged for getting around the gate while it was locked, counted once per issue and kind.
 * @example describeViolations({ movedOutOfToDo: 2, typeChanged: 1 }) // '2 ideas moved while locked, 1 changed away from the idea type'
 */
export function describeViolations(v: { movedOutOfToDo: number; typeChanged: number }): string {
  const parts: string[] = [];
  if (v.movedOutOfToDo > 0) parts.push(`${plural(v.movedOutOfToDo, 'idea')} moved while locked`);
  if (v.typeChanged > 0)
    parts.push(
      `${v.movedOutOfToDo > 0 ? v.typeChanged : plural(v.typeChanged, 'idea')} changed away from the idea type`,
    );
  return parts.length
    ? parts.join(', ')
    : 'no idea was moved or changed away from the idea type while locked';
}

const dateTimeFormatters = new Map<string, Intl.DateTimeFormat>();

/**
 * An instant as a date and time in a zone, in the product's one format (never ISO in prose).
 * @example formatDateTime(Date.parse('2026-12-02T04:17:00Z'), 'UTC') // '2 Dec 2026, 04:17 UTC'
 */
export function formatDateTime(instant: number, timeZone: string): string {
  let f = dateTimeFormatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-GB', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
      timeZoneName: 'short',
    });
    dateTimeFormatters.set(timeZone, f);
  }
  const parts = f.formatToParts(instant);
  const get = (t: string) => parts.find((p) => p.type === t)?.value ?? '';
  const day = `${get('year')}-${get('month')}-${get('day')}`;
  return `${formatCalendarDate(day)}, ${get('hour')}:${get('minute')} ${get('timeZoneName')}`;
}

/**
 * Issue #12: scheduled work on a gate waits for the Jira points budget — the page's and the portfolio's one sentence
 * (the time in {@link formatDateTime}'s format).
 * @example deferralNotice(Date.parse('2026-12-03T15:00:00Z'), 'UTC')
 * // 'Update deferred: Jira points budget — the next try is at 3 Dec 2026, 15:00 UTC'
 */
export function deferralNotice(nextTryAt: number, timeZone: string): string {
  return `Update deferred: Jira points budget — the next try is at ${formatDateTime(nextTryAt, timeZone)}`;
}
