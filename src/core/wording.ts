/**
 * The one wording module: turns structured criteria, needs, units and dates into words for every surface — the
 * command line, the validator's message, the idea panel, the macro and the page. One vocabulary of units
 * ("160 h (6.7 days)", "66.7%", "9 Jan 2027"); nothing anywhere parses these strings back.
 * Every word comes from the message catalogue (src/core/i18n, namespace `wording`) in the viewer's language:
 * `wordsFor('de-DE')` words in German; the functions exported one by one word in English (the command line's).
 * Formulas: docs/metrics.md.
 */
import type { Waiver } from './config';
import type { CalendarDate } from './dates';
import { createTranslator, type Key, type Translator } from './i18n';
import type { Criterion, CriterionId, Need, PhaseChange, PhaseChangeCause, PhaseNumber } from './report';

/** The wording of one language; see the single functions below for what each says (their examples are English). */
export interface Words {
  readonly translator: Translator;
  formatCalendarDate(date: CalendarDate): string;
  formatHours(hours: number): string;
  formatRate(rate: number): string;
  formatInUnit(value: number, unit: Criterion['unit']): string;
  formatValue(c: Pick<Criterion, 'value' | 'unit' | 'id'>): string;
  criterionTarget(c: Pick<Criterion, 'op' | 'limit' | 'unit' | 'id'>): string;
  formatLimit(c: Pick<Criterion, 'limit' | 'unit'>): string;
  describeNeed(
    needOrCriterion: Need | Pick<Criterion, 'need' | 'limit' | 'unit' | 'id' | 'waived'> | null,
    waivers?: readonly Waiver[],
  ): string;
  describeWaiver(w: Pick<Waiver, 'until' | 'approver' | 'reason'>): string;
  describeCriterion(c: Criterion, waivers?: readonly Waiver[], windows?: CriterionWindows): string;
  criterionName(id: CriterionId): string;
  criterionLabel(id: CriterionId, windows: CriterionWindows): string;
  phaseName(phase: PhaseNumber): string;
  describeCause(c: PhaseChangeCause): string;
  describePhaseChange(change: PhaseChange): string;
  describeViolations(v: { movedOutOfToDo: number; typeChanged: number }): string;
  formatDateTime(instant: number, timeZone: string): string;
  deferralNotice(nextTryAt: number, timeZone: string): string;
}

/** The windows a criterion's label names ("Major incidents in 90 days"): the report's reliability and delivery windows. */
export interface CriterionWindows {
  reliability: number;
  delivery: number;
}

const words = new Map<string, Words>();

/** The wording in a locale's language (German for `de-*`, English otherwise). */
export function wordsFor(locale: string | null | undefined): Words {
  const tr = createTranslator(locale);
  const cached = words.get(tr.locale);
  if (cached) return cached;
  const { t, plural, number } = tr;
  const months = t('wording.months').split(',');
  const dateTimeFormatters = new Map<string, Intl.DateTimeFormat>();

  const formatCalendarDate = (date: CalendarDate): string => {
    const [y, m, d] = date.split('-').map(Number);
    return t('wording.calendarDate', { day: d ?? 1, month: months[(m ?? 1) - 1] ?? '', year: y ?? '' });
  };
  const formatHours = (hours: number): string =>
    hours >= 48
      ? t('wording.hoursWithDays', { hours: number(hours, 0), days: number(hours / 24) })
      : t('wording.hoursShort', { hours: number(hours) });
  const formatRate = (rate: number): string => t('wording.percent', { n: number(rate * 100) });
  const formatInUnit = (value: number, unit: Criterion['unit']): string =>
    unit === 'hours' ? formatHours(value) : unit === 'rate' ? formatRate(value) : number(value);
  const formatValue = (c: Pick<Criterion, 'value' | 'unit' | 'id'>): string => {
    if (c.id === 'R0') return c.value === 1 ? t('wording.recorded') : t('wording.noneRecorded');
    return c.value === null ? t('wording.noData') : formatInUnit(c.value, c.unit);
  };
  const criterionTarget = (c: Pick<Criterion, 'op' | 'limit' | 'unit' | 'id'>): string => {
    if (c.id === 'R0') return t('wording.atLeastOneIncident');
    return t(c.op === '<=' ? 'wording.atMost' : 'wording.atLeast', { limit: formatInUnit(c.limit, c.unit) });
  };
  const describeWaiver = (w: Pick<Waiver, 'until' | 'approver' | 'reason'>): string =>
    t('wording.waiver', { date: formatCalendarDate(w.until), approver: w.approver, reason: w.reason });

  const describeNeed: Words['describeNeed'] = (needOrCriterion, waivers = []) => {
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
        return t('wording.needRecordIncidents');
      case 'fewerMajorIncidents':
        return need.clearsOn
          ? plural('wording.needFewerMajorsClears', need.excess, { date: formatCalendarDate(need.clearsOn) })
          : plural('wording.needFewerMajors', need.excess);
      case 'fasterRestore':
        return t('wording.needFasterRestore', { hours: formatHours(need.excessHours) });
      case 'resolveOpenMajors':
        return plural('wording.needResolveOpenMajors', need.count, {
          limit: c ? formatHours(c.limit) : t('wording.theRestoreTarget'),
        });
      case 'moreDecided':
        return plural('wording.needMoreDecided', need.missing);
      case 'moreOnTime':
        if (need.deliveries === null) return t('wording.needOnTimeImpossible');
        return need.overdueOpen > 0
          ? plural('wording.needMoreOnTimeOverdue', need.deliveries, { overdue: number(need.overdueOpen) })
          : plural('wording.needMoreOnTime', need.deliveries);
      case 'moreOnBudget':
        if (need.deliveries === null) return t('wording.needOnBudgetImpossible');
        return plural('wording.needMoreOnBudget', need.deliveries);
    }
  };

  const criterionName = (id: CriterionId): string => t(`wording.name${id}` as Key);
  const criterionLabel = (id: CriterionId, windows: CriterionWindows): string =>
    t(`wording.label${id}` as Key, { days: id.startsWith('R') ? windows.reliability : windows.delivery });
  const phaseName = (phase: PhaseNumber): string => t(`wording.phase${phase}` as Key);

  const describeCriterion: Words['describeCriterion'] = (c, waivers = [], windows) => {
    const params = {
      label: windows ? criterionLabel(c.id, windows) : c.label,
      value: formatValue(c),
      target: criterionTarget(c),
    };
    const need = describeNeed(c, waivers);
    return need ? t('wording.criterionWithNeed', { ...params, need }) : t('wording.criterion', params);
  };

  const describeCause = (c: PhaseChangeCause): string => {
    const limit = t(c.op === '<=' ? 'wording.causeLimit' : 'wording.causeNeedsAtLeast', {
      limit: formatInUnit(c.limit, c.unit),
    });
    const v = c.value;
    const noData = t('wording.noData');
    let figure: string;
    switch (c.id) {
      case 'R0':
        return t('wording.causeR0');
      case 'R1':
        figure = v === null ? t('wording.causeR1NoData') : plural('wording.causeR1', v);
        break;
      case 'R2':
        figure = t('wording.causeR2', { value: v === null ? noData : formatHours(v) });
        break;
      case 'R3':
        figure = t('wording.causeR3', { value: v === null ? noData : formatHours(v) });
        break;
      case 'D1':
        figure = v === null ? t('wording.causeD1NoData') : plural('wording.causeD1', v);
        break;
      case 'D2':
        figure = t('wording.causeD2', { value: v === null ? noData : formatRate(v) });
        break;
      case 'D3':
        figure = t('wording.causeD3', { value: v === null ? noData : formatRate(v) });
        break;
    }
    return t(c.waiverEnded ? 'wording.causeWaiverEnded' : 'wording.cause', { figure, limit });
  };

  const describePhaseChange = (change: PhaseChange): string => {
    const back = change.to < change.from;
    const base = t(back ? 'wording.phaseThrownBack' : 'wording.phaseReached', {
      phase: change.to,
      name: phaseName(change.to),
      date: formatCalendarDate(change.date),
    });
    const cause = back ? (change.cause ?? []) : [];
    return cause.length > 0
      ? t('wording.phaseChangeCause', { change: base, causes: cause.map(describeCause).join('; ') })
      : base;
  };

  const describeViolations = (v: { movedOutOfToDo: number; typeChanged: number }): string => {
    const parts: string[] = [];
    if (v.movedOutOfToDo > 0) parts.push(plural('wording.violationsMoved', v.movedOutOfToDo));
    if (v.typeChanged > 0)
      parts.push(
        v.movedOutOfToDo > 0
          ? t('wording.violationsTypeChangedAfterMoved', { n: number(v.typeChanged) })
          : plural('wording.violationsTypeChanged', v.typeChanged),
      );
    return parts.length ? parts.join(', ') : t('wording.violationsNone');
  };

  const formatDateTime = (instant: number, timeZone: string): string => {
    let f = dateTimeFormatters.get(timeZone);
    if (!f) {
      f = new Intl.DateTimeFormat(tr.language === 'de' ? 'de-DE' : 'en-GB', {
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
    const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
    return t('wording.dateTime', {
      date: formatCalendarDate(`${get('year')}-${get('month')}-${get('day')}`),
      time: `${get('hour')}:${get('minute')}`,
      zone: get('timeZoneName'),
    });
  };

  const result: Words = {
    translator: tr,
    formatCalendarDate,
    formatHours,
    formatRate,
    formatInUnit,
    formatValue,
    criterionTarget,
    formatLimit: (c) => formatInUnit(c.limit, c.unit),
    describeNeed,
    describeWaiver,
    describeCriterion,
    criterionName,
    criterionLabel,
    phaseName,
    describeCause,
    describePhaseChange,
    describeViolations,
    formatDateTime,
    deferralNotice: (nextTryAt, timeZone) =>
      t('wording.deferral', { time: formatDateTime(nextTryAt, timeZone) }),
  };
  words.set(tr.locale, result);
  return result;
}

const english = wordsFor('en-US');

/**
 * A calendar date in the product's one format.
 * @example formatCalendarDate('2027-01-09') // '9 Jan 2027' (German: '9. Jan. 2027')
 */
export const formatCalendarDate = english.formatCalendarDate;

/**
 * Hours: to 0.1 h below 48 h; from 48 h on, whole hours with days beside them.
 * @example formatHours(160.1) // '160 h (6.7 days)'
 * @example formatHours(5.5) // '5.5 h'
 */
export const formatHours = english.formatHours;

/**
 * A rate from 0 to 1 as a percentage.
 * @example formatRate(0.6667) // '66.7%'
 */
export const formatRate = english.formatRate;

/** `n thing` / `n things` — English only (the command line); surfaces use the catalogue's plurals. */
export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** A number in a criterion's unit. */
export const formatInUnit = english.formatInUnit;

/**
 * A criterion's value in its unit; "no data" when there is none.
 * @example formatValue({ unit: 'rate', value: 0.4, … }) // '40%'
 */
export const formatValue = english.formatValue;

/**
 * The target in words.
 * @example criterionTarget({ op: '<=', limit: 2, unit: 'count', … }) // 'at most 2'
 */
export const criterionTarget = english.criterionTarget;

/**
 * The limit alone, in the criterion's unit.
 * @example formatLimit({ unit: 'rate', limit: 0.8, … }) // '80%'
 */
export const formatLimit = english.formatLimit;

/**
 * What would make the criterion hold, in plain words; '' when met (need null). Takes the need, or the criterion
 * (then R3 names its limit); with the waivers, a waived criterion is described by its waiver instead.
 * @example describeNeed({ kind: 'moreOnTime', deliveries: 3, overdueOpen: 1 }) // "3 more on-time deliveries (1 overdue still open)"
 */
export const describeNeed = english.describeNeed;

/**
 * A waiver in words, with its reason, approver and end date.
 * @example describeWaiver(w) // 'waived until 31 Mar 2026 by Dana (CIO): migration freeze'
 */
export const describeWaiver = english.describeWaiver;

/**
 * One criterion in one line: label, value, target and what would change it (or the waiver that covers it).
 * With the report's windows the label is worded too (otherwise the criterion's own English label is used).
 * @example describeCriterion(d2) // 'On-time rate: 40%, needs at least 80% — 10 more on-time deliveries'
 */
export const describeCriterion = english.describeCriterion;

/**
 * A criterion's name for people (tables that list criteria by id never show the id).
 * @example criterionName('D2') // 'On-time rate'
 */
export const criterionName = english.criterionName;

/**
 * A criterion's label with its window.
 * @example criterionLabel('R1', { reliability: 90, delivery: 90 }) // 'Major incidents in 90 days'
 */
export const criterionLabel = english.criterionLabel;

/**
 * One cause of a step back: the figure that stopped meeting its criterion, with its limit.
 * @example describeCause({ id: 'R1', value: 3, unit: 'count', op: '<=', limit: 2, waiverEnded: false }) // '3 major incidents (limit 2)'
 */
export const describeCause = english.describeCause;

/**
 * A step of the road travelled; a step back says what did it.
 * @example describePhaseChange({ date: '2026-03-04', from: 2, to: 1 }) // 'reached …' / 'thrown back to phase 1 (Reliable systems) on 4 Mar 2026'
 * @example describePhaseChange({ date: '2026-03-04', from: 2, to: 1, cause: [r1] }) // 'thrown back to phase 1 (Reliable systems) on 4 Mar 2026: 3 major incidents (limit 2)'
 */
export const describePhaseChange = english.describePhaseChange;

/**
 * Issue #13: ideas flagged for getting around the gate while it was locked, counted once per issue and kind.
 * @example describeViolations({ movedOutOfToDo: 2, typeChanged: 1 }) // '2 ideas moved while locked, 1 changed away from the idea type'
 */
export const describeViolations = english.describeViolations;

/**
 * An instant as a date and time in a zone, in the product's one format (never ISO in prose).
 * @example formatDateTime(Date.parse('2026-12-02T04:17:00Z'), 'UTC') // '2 Dec 2026, 04:17 UTC'
 */
export const formatDateTime = english.formatDateTime;

/**
 * Issue #12: scheduled work on a gate waits for the Jira points budget — the page's and the portfolio's one sentence
 * (the time in {@link formatDateTime}'s format).
 * @example deferralNotice(Date.parse('2026-12-03T15:00:00Z'), 'UTC')
 * // 'Update deferred: Jira points budget — the next try is at 3 Dec 2026, 15:00 UTC'
 */
export const deferralNotice = english.deferralNotice;
