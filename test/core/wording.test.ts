import type { Waiver } from '../../src/core/config';
import type { Criterion, Need, PhaseChangeCause } from '../../src/core/report';
import {
  criterionTarget,
  describeCriterion,
  describeNeed,
  describeCause,
  describePhaseChange,
  describeViolations,
  describeWaiver,
  formatCalendarDate,
  formatHours,
  formatLimit,
  formatRate,
  formatValue,
} from '../../src/core/wording';

const criterion = (over: Partial<Criterion>): Criterion => ({
  id: 'D2',
  label: 'On-time rate',
  value: 0.4,
  unit: 'rate',
  op: '>=',
  limit: 0.8,
  met: false,
  waived: false,
  need: { kind: 'moreOnTime', deliveries: 10, overdueOpen: 0 },
  ...over,
});

const waiver: Waiver = {
  criterion: 'D2',
  from: '2026-06-01',
  until: '2026-08-31',
  reason: 'migration freeze',
  approver: 'Dana (CIO)',
};

describe('the wording module', () => {
  test('calendar dates: day, short month, year', () => {
    expect(formatCalendarDate('2027-01-09')).toBe('9 Jan 2027');
    expect(formatCalendarDate('2026-12-31')).toBe('31 Dec 2026');
  });

  test('hours: 0.1 h below 48 h; whole hours with days beside them from 48 h', () => {
    expect(formatHours(160.1)).toBe('160 h (6.7 days)');
    expect(formatHours(5.5)).toBe('5.5 h');
    expect(formatHours(5.54)).toBe('5.5 h');
    expect(formatHours(47.9)).toBe('47.9 h');
    expect(formatHours(48)).toBe('48 h (2 days)');
  });

  test('rates as percentages to 0.1 %', () => {
    expect(formatRate(0.6667)).toBe('66.7%');
    expect(formatRate(0.8)).toBe('80%');
    expect(formatRate(1)).toBe('100%');
    expect(formatRate(0)).toBe('0%');
  });

  test('values and limits in their unit; no data when there is no value', () => {
    expect(formatValue(criterion({}))).toBe('40%');
    expect(formatValue(criterion({ value: null }))).toBe('no data');
    expect(formatValue(criterion({ id: 'R2', unit: 'hours', value: 160.1 }))).toBe('160 h (6.7 days)');
    expect(formatValue(criterion({ id: 'R1', unit: 'count', value: 4 }))).toBe('4');
    expect(formatLimit(criterion({}))).toBe('80%');
    expect(criterionTarget(criterion({}))).toBe('at least 80%');
    expect(criterionTarget(criterion({ id: 'R1', unit: 'count', op: '<=', limit: 2 }))).toBe('at most 2');
    expect(criterionTarget(criterion({ id: 'R2', unit: 'hours', op: '<=', limit: 24 }))).toBe('at most 24 h');
  });

  describe('describeNeed, for each kind', () => {
    const cases: [Need, string[]][] = [
      [{ kind: 'recordIncidents' }, ['no incident has been recorded']],
      [
        { kind: 'fewerMajorIncidents', excess: 2, clearsOn: '2027-01-09' },
        ['2 major incidents too many', '9 Jan 2027'],
      ],
      [{ kind: 'fewerMajorIncidents', excess: 1, clearsOn: null }, ['1 major incident too many']],
      [{ kind: 'fasterRestore', excessHours: 6.5 }, ['6.5 h']],
      [{ kind: 'resolveOpenMajors', count: 3 }, ['resolve', '3 major incidents']],
      [{ kind: 'resolveOpenMajors', count: 1 }, ['resolve the major incident']],
      [{ kind: 'moreDecided', missing: 3 }, ['not enough data', '3 more deliverables']],
      [{ kind: 'moreOnTime', deliveries: 2, overdueOpen: 1 }, ['2 more on-time deliveries', '1 overdue']],
      [{ kind: 'moreOnTime', deliveries: 1, overdueOpen: 0 }, ['1 more on-time delivery']],
      [
        { kind: 'moreOnTime', deliveries: null, overdueOpen: 0 },
        ['every decided deliverable must be on time'],
      ],
      [{ kind: 'moreOnBudget', deliveries: 3 }, ['3 more deliverables on budget']],
      [{ kind: 'moreOnBudget', deliveries: null }, ['on budget']],
    ];
    test.each(cases)('%j', (need, parts) => {
      const words = describeNeed(need);
      for (const p of parts) expect(words).toContain(p);
    });

    test('no need (met): no words', () => {
      expect(describeNeed(null)).toBe('');
      expect(describeNeed(criterion({ met: true, need: null }))).toBe('');
    });

    test('the overdue count is left out when none is open', () => {
      expect(describeNeed({ kind: 'moreOnTime', deliveries: 2, overdueOpen: 0 })).not.toContain('overdue');
    });

    test('given the criterion, R3 names its limit in hours', () => {
      const r3 = criterion({
        id: 'R3',
        unit: 'hours',
        op: '<=',
        limit: 24,
        value: 720,
        need: { kind: 'resolveOpenMajors', count: 1 },
      });
      expect(describeNeed(r3)).toContain('24 h');
    });

    test('a waived criterion is described by its waiver: reason, approver and end date', () => {
      const words = describeNeed(criterion({ waived: true }), [waiver]);
      expect(words).toBe(describeWaiver(waiver));
      for (const p of ['migration freeze', 'Dana (CIO)', '31 Aug 2026']) expect(words).toContain(p);
    });
  });

  test('a criterion in one line: label, value, target and what would change it', () => {
    expect(describeCriterion(criterion({}))).toBe(
      'On-time rate: 40%, needs at least 80% — 10 more on-time deliveries',
    );
    expect(describeCriterion(criterion({ met: true, value: 0.9, need: null }))).toBe(
      'On-time rate: 90%, needs at least 80%',
    );
  });

  test('phase changes: a step back is "thrown back", a step up "reached"', () => {
    expect(describePhaseChange({ date: '2026-03-04', from: 2, to: 1 })).toBe(
      'thrown back to phase 1 (Reliable systems) on 4 Mar 2026',
    );
    expect(describePhaseChange({ date: '2026-03-05', from: 1, to: 2 })).toContain('reached phase 2');
  });

  test('a step back says what did it: each cause with its value and limit, in the units of the criteria', () => {
    const cause = (over: Partial<PhaseChangeCause> & Pick<PhaseChangeCause, 'id'>): PhaseChangeCause => ({
      value: 3,
      unit: 'count',
      op: '<=',
      limit: 2,
      waiverEnded: false,
      ...over,
    });
    expect(describePhaseChange({ date: '2026-03-04', from: 2, to: 1, cause: [cause({ id: 'R1' })] })).toBe(
      'thrown back to phase 1 (Reliable systems) on 4 Mar 2026: 3 major incidents (limit 2)',
    );
    expect(
      describePhaseChange({
        date: '2026-03-04',
        from: 3,
        to: 2,
        cause: [
          cause({ id: 'D1', value: 4, op: '>=', limit: 5 }),
          cause({ id: 'D2', value: 0.5, unit: 'rate', op: '>=', limit: 0.8, waiverEnded: true }),
        ],
      }),
    ).toBe(
      'thrown back to phase 2 (On-time delivery) on 4 Mar 2026: 4 decided deliverables (needs at least 5); ' +
        'on-time rate 50% (needs at least 80%), its waiver ended',
    );
    expect(describeCause(cause({ id: 'R1', value: 1 }))).toBe('1 major incident (limit 2)');
    expect(describeCause(cause({ id: 'R2', value: 30, unit: 'hours', limit: 24 }))).toBe(
      'median restore time 30 h (limit 24 h)',
    );
    expect(describeCause(cause({ id: 'R3', value: 160.1, unit: 'hours', limit: 24 }))).toBe(
      'a major incident open 160 h (6.7 days) (limit 24 h)',
    );
    expect(describeCause(cause({ id: 'R0', value: 0, op: '>=', limit: 1 }))).toBe('no incident recorded');
    expect(describeCause(cause({ id: 'D2', value: null, unit: 'rate', op: '>=', limit: 0.8 }))).toBe(
      'on-time rate no data (needs at least 80%)',
    );
    expect(describeCause(cause({ id: 'D3', value: 0.25, unit: 'rate', op: '>=', limit: 0.8 }))).toBe(
      'on-budget rate 25% (needs at least 80%)',
    );
    // A step up names no cause, and a change stored before causes existed reads as before.
    expect(describePhaseChange({ date: '2026-03-05', from: 1, to: 2, cause: [cause({ id: 'R1' })] })).toBe(
      'reached phase 2 (On-time delivery) on 5 Mar 2026',
    );
  });
});

describe('violations (issue #13)', () => {
  test('counted in words, each kind named; none says so', () => {
    expect(describeViolations({ movedOutOfToDo: 2, typeChanged: 1 })).toBe(
      '2 ideas moved while locked, 1 changed away from the idea type',
    );
    expect(describeViolations({ movedOutOfToDo: 1, typeChanged: 0 })).toBe('1 idea moved while locked');
    expect(describeViolations({ movedOutOfToDo: 0, typeChanged: 3 })).toBe(
      '3 ideas changed away from the idea type',
    );
    expect(describeViolations({ movedOutOfToDo: 0, typeChanged: 0 })).toMatch(/^no idea was moved/);
  });
});
