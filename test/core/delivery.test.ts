import {
  computeDelivery,
  decisionDate,
  isOnTime,
  moreOnBudgetNeeded,
  moreOnTimeNeeded,
  type DeliveryResult,
} from '../../src/core/delivery';
import { commitmentDay, committedDueDate, dueDateAt } from '../../src/core/dueDates';
import type { Config } from '../../src/core/config';
import type { IssueFact } from '../../src/core/facts';
import type { Criterion, CriterionId } from '../../src/core/report';
import type { GateSources } from '../../src/core/sources';
import { config, fact, history, namesAsIds, type FactInput } from '../helpers/facts';

const AS_OF = '2026-06-30';
const cfg = config();
const S = namesAsIds(cfg);
const epic = (due: string | null, resolved: string | null, extra: Partial<FactInput> = {}) =>
  fact({ type: 'Epic', created: '2026-01-02T09:00:00.000+0000', due, resolved, ...extra });
const deliver = (issues: IssueFact[], c: Config = cfg, asOf = AS_OF, sources: GateSources = S) =>
  computeDelivery(issues, sources, c, asOf);
const crit = (r: DeliveryResult, id: CriterionId): Criterion | undefined =>
  r.report.criteria.find((c) => c.id === id);
const T = (day: string, time = '10:00') => `${day}T${time}:00.000+0000`;

describe('phase 2 — on-time delivery', () => {
  test('on time: resolved by the end of the due date (as a calendar date)', () => {
    expect(isOnTime(epic('2026-05-01', T('2026-05-01', '23:59')), '2026-05-01', 0, AS_OF)).toBe(true);
    expect(isOnTime(epic('2026-05-01', T('2026-05-02', '00:00')), '2026-05-01', 0, AS_OF)).toBe(false);
  });

  test('grace days extend the due date', () => {
    expect(isOnTime(epic('2026-05-01', T('2026-05-03')), '2026-05-01', 2, AS_OF)).toBe(true);
    expect(isOnTime(epic('2026-05-01', T('2026-05-04')), '2026-05-01', 2, AS_OF)).toBe(false);
  });

  test('the resolution date is taken in the configured zone', () => {
    // 2026-05-02T01:00+0000 is still 2026-05-01 in New York.
    const f = fact(
      { type: 'Epic', created: T('2026-01-02'), due: '2026-05-01', resolved: T('2026-05-02', '01:00') },
      'America/New_York',
    );
    expect(isOnTime(f, '2026-05-01', 0, AS_OF)).toBe(true);
  });

  test('decision date: resolution when on time, otherwise due + grace + 1', () => {
    expect(decisionDate(epic('2026-05-10', T('2026-05-01')), '2026-05-10', 0, AS_OF)).toBe('2026-05-01');
    expect(decisionDate(epic('2026-05-10', T('2026-06-01')), '2026-05-10', 0, AS_OF)).toBe('2026-05-11');
    expect(decisionDate(epic('2026-05-10', null), '2026-05-10', 3, AS_OF)).toBe('2026-05-14');
    expect(decisionDate(epic(null, null), null, 0, AS_OF)).toBeNull();
  });

  test('a resolution after asOf counts as not yet resolved: overdue and open', () => {
    expect(deliver([epic('2026-06-01', T('2026-07-05'))]).report).toMatchObject({
      decided: 1,
      onTime: 0,
      late: 0,
      overdueOpen: 1,
    });
  });

  test('not yet due and open: not decided', () => {
    expect(deliver([epic('2026-06-30', null), epic('2026-08-01', null)]).report).toMatchObject({
      decided: 0,
      onTimeRate: null,
    });
  });

  test('due on asOf − 1 and open: decided on asOf, overdue', () => {
    expect(deliver([epic('2026-06-29', null)]).report.overdueOpen).toBe(1);
  });

  test('decided counts decision dates in the window: onTime + late + overdueOpen', () => {
    const r = deliver([
      epic('2026-05-10', T('2026-05-09')), // on time
      epic('2026-05-10', T('2026-05-14')), // late by 4
      epic('2026-05-10', T('2026-05-12')), // late by 2
      epic('2026-06-10', null), // overdue open
      epic('2025-11-01', T('2025-11-01')), // on time, decided before the window
      epic('2026-01-01', T('2026-02-01')), // late, decided 2026-01-02 = asOf − 179: in the window
    ]).report;
    expect(r).toMatchObject({ decided: 5, onTime: 1, late: 3, overdueOpen: 1, onTimeRate: 0.2 });
    expect(r.medianDaysLate).toBe(4);
  });

  test('the delivery window edge: decision on asOf − 180 is out, asOf − 179 is in', () => {
    const r = deliver([epic('2026-12-01', T('2026-01-01')), epic('2026-12-01', T('2026-01-02'))]).report;
    expect(r.decided).toBe(1);
  });

  test('median days late: even count averages the middle two', () => {
    expect(
      deliver([epic('2026-05-10', T('2026-05-11')), epic('2026-05-10', T('2026-05-14'))]).report
        .medianDaysLate,
    ).toBe(2.5);
  });

  test('median days late counts from the due date, not from the grace date', () => {
    expect(deliver([epic('2026-05-10', T('2026-05-15'))], config({ graceDays: 2 })).report).toMatchObject({
      late: 1,
      medianDaysLate: 5,
    });
  });

  test('no due date: unresolved at asOf or resolved in the window, never in the rate', () => {
    const r = deliver([
      epic(null, null),
      epic(null, T('2026-06-01')),
      epic(null, T('2025-06-01')),
      epic(null, T('2026-07-10')),
    ]).report;
    expect(r).toMatchObject({ noDueDate: 3, decided: 0 });
  });

  test('excluded resolutions and deliverables created after asOf are ignored', () => {
    const r = deliver([
      epic('2026-05-10', T('2026-05-20'), { resolution: 'Duplicate' }),
      epic('2026-05-10', T('2026-05-20'), { resolution: 'Cannot Reproduce' }),
      fact({ type: 'Epic', created: T('2026-07-01'), due: '2026-06-01' }),
    ]).report;
    expect(r.decided).toBe(0);
    expect(r.noDueDate).toBe(0);
  });

  test('deliverables: matched by type id (a translated name with the epic id counts; "Epic" with another id does not)', () => {
    const site: GateSources = {
      ...S,
      deliverables: { projects: ['APP'], types: [{ name: 'Epic', id: '10000' }] },
    };
    const r = deliver(
      [
        epic('2026-05-10', T('2026-05-09'), { type: 'Épopée', typeId: '10000' }),
        epic('2026-05-10', T('2026-05-09'), { typeId: '10099' }),
      ],
      cfg,
      AS_OF,
      site,
    ).report;
    expect(r.decided).toBe(1);
  });

  test('Resolved (v2): an epic Done without a resolution is delivered on the day it moved to Done, and never excluded', () => {
    const r = deliver([
      epic('2026-05-10', T('2026-05-09'), { doneWithoutResolution: true }),
      epic('2026-05-10', T('2026-05-12'), { doneWithoutResolution: true }),
    ]).report;
    expect(r).toMatchObject({ decided: 2, onTime: 1, late: 1, overdueOpen: 0, medianDaysLate: 2 });
  });

  test('D1: fewer decided than minDecided is "not enough data", never a pass; need: how many more', () => {
    const r = deliver([epic('2026-05-10', T('2026-05-09'))]);
    expect(r.report.onTimeRate).toBe(1);
    expect(r.report.met).toBe(false);
    expect(crit(r, 'D1')).toEqual({
      id: 'D1',
      label: 'Deliverables decided in 180 days',
      value: 1,
      unit: 'count',
      op: '>=',
      limit: 5,
      met: false,
      waived: false,
      need: { kind: 'moreDecided', missing: 4 },
    });
    expect(crit(r, 'D2')).toMatchObject({ met: true, need: null });
  });

  test('D2: the on-time rate must reach minOnTimeRate; need: the smallest k more on-time deliveries, and overdue open', () => {
    const issues = [
      ...[1, 2].map(() => epic('2026-05-10', T('2026-05-09'))),
      ...[1, 2, 3].map(() => epic('2026-05-10', T('2026-05-20'))),
    ];
    const r = deliver(issues);
    expect(r.report).toMatchObject({ decided: 5, onTimeRate: 0.4, met: false });
    expect(crit(r, 'D2')).toMatchObject({
      value: 0.4,
      unit: 'rate',
      op: '>=',
      limit: 0.8,
      met: false,
      need: { kind: 'moreOnTime', deliveries: 10, overdueOpen: 0 },
    });
    expect(deliver(issues, config({ minOnTimeRate: 0.4 })).report.met).toBe(true);
    const withOverdue = deliver([...issues, epic('2026-06-01', null)]);
    expect(crit(withOverdue, 'D2')!.need).toEqual({ kind: 'moreOnTime', deliveries: 14, overdueOpen: 1 });
  });

  test('more on-time deliveries needed: the smallest k ≥ 0 with (onTime + k) / (decided + k) ≥ rate', () => {
    expect(moreOnTimeNeeded(2, 5, 0.8)).toBe(10);
    expect(moreOnTimeNeeded(2, 6, 0.8)).toBe(14); // 16 / 20
    expect(moreOnTimeNeeded(4, 5, 0.8)).toBe(0);
    expect(moreOnTimeNeeded(3, 5, 0.5)).toBe(0);
    expect(moreOnTimeNeeded(1, 3, 0.7)).toBe(4); // 5 / 7 = 0.714; 4 / 6 = 0.667
    expect(moreOnTimeNeeded(3, 4, 1)).toBeNull();
    // Brute force over small cases.
    for (let total = 1; total <= 12; total++)
      for (let good = 0; good <= total; good++)
        for (const rate of [0.5, 0.6, 0.75, 0.8, 0.9]) {
          let k = 0;
          while ((good + k) / (total + k) < rate) k++;
          expect([good, total, rate, moreOnTimeNeeded(good, total, rate)]).toEqual([good, total, rate, k]);
        }
  });

  describe('the due date that counts (committed by default)', () => {
    const committedEpic = (h: ReturnType<typeof history>, extra: Partial<FactInput> = {}) =>
      fact({ type: 'Epic', created: T('2026-01-05'), history: h, ...extra });

    test('commitment day: the first day it entered In Progress; the due date it held at the end of that day', () => {
      const f = committedEpic(
        history(
          [
            [T('2026-03-01'), null, '2026-05-01'],
            [T('2026-03-05', '15:00'), '2026-05-01', '2026-05-10'], // same day as the start: counts
            [T('2026-04-20'), '2026-05-10', '2026-06-15'], // pushed out after commitment
          ],
          [
            [T('2026-03-05', '09:00'), 'new', 'indeterminate'],
            [T('2026-03-20'), 'indeterminate', 'new'],
            [T('2026-03-25'), 'new', 'indeterminate'],
          ],
        ),
      );
      expect(commitmentDay(f, AS_OF, 'UTC')).toBe('2026-03-05');
      expect(committedDueDate(f, AS_OF, 'UTC')).toBe('2026-05-10');
      expect(dueDateAt(f, AS_OF, 'UTC')).toBe('2026-06-15');
    });

    test('pushing a due date out does not turn a late delivery into an on-time one; slippage is reported', () => {
      const f = committedEpic(
        history(
          [
            [T('2026-03-01'), null, '2026-05-10'],
            [T('2026-04-20'), '2026-05-10', '2026-06-15'],
          ],
          [
            [T('2026-03-05'), 'new', 'indeterminate'],
            [T('2026-05-20'), 'indeterminate', 'done'],
          ],
        ),
        { resolved: T('2026-05-20') },
      );
      const committed = deliver([f]);
      expect(committed.report).toMatchObject({
        dueDateBasis: 'committed',
        decided: 1,
        onTime: 0,
        late: 1,
        medianDaysLate: 10,
        slipped: 1,
        medianSlipDays: 36,
      });
      expect(committed.evidence.slipped).toEqual([f.key]);
      const current = deliver([f], config({ dueDateBasis: 'current' })).report;
      expect(current).toMatchObject({ dueDateBasis: 'current', decided: 1, onTime: 1, late: 0 });
    });

    test('no due date when it entered In Progress: the first due date set after that day', () => {
      const f = committedEpic(
        history(
          [
            [T('2026-03-10'), null, '2026-05-01'],
            [T('2026-04-01'), '2026-05-01', '2026-06-01'],
          ],
          [[T('2026-03-05'), 'new', 'indeterminate']],
        ),
      );
      expect(committedDueDate(f, AS_OF, 'UTC')).toBe('2026-05-01');
    });

    test('never in progress: the first due date it ever had — its value at creation, or the first one set', () => {
      const atCreation = committedEpic(history([[T('2026-03-01'), '2026-04-01', '2026-05-01']]));
      expect(atCreation.dueDate).toBe('2026-05-01');
      expect(committedDueDate(atCreation, AS_OF, 'UTC')).toBe('2026-04-01');
      const firstSet = committedEpic(
        history([
          [T('2026-03-01'), null, '2026-04-15'],
          [T('2026-04-10'), '2026-04-15', '2026-05-15'],
        ]),
      );
      expect(committedDueDate(firstSet, AS_OF, 'UTC')).toBe('2026-04-15');
      // No changelog of the due date: the due date it has (it had it at creation).
      expect(committedDueDate(committedEpic(history(), { due: '2026-04-30' }), AS_OF, 'UTC')).toBe(
        '2026-04-30',
      );
    });

    test('created in progress: the created day is the commitment day', () => {
      const f = committedEpic(
        history(
          [[T('2026-02-01'), '2026-03-01', '2026-04-01']],
          [[T('2026-03-10'), 'indeterminate', 'done']],
        ),
      );
      expect(commitmentDay(f, AS_OF, 'UTC')).toBe('2026-01-05');
      expect(committedDueDate(f, AS_OF, 'UTC')).toBe('2026-03-01');
    });

    test('only changes up to the end of asOf count', () => {
      // Entered In Progress only after asOf: not committed yet, so the first due date ever counts.
      const f = committedEpic(
        history([[T('2026-05-20'), '2026-05-01', '2026-06-01']], [[T('2026-07-05'), 'new', 'indeterminate']]),
      );
      expect(commitmentDay(f, AS_OF, 'UTC')).toBeNull();
      expect(committedDueDate(f, AS_OF, 'UTC')).toBe('2026-05-01');
      expect(commitmentDay(f, '2026-07-05', 'UTC')).toBe('2026-07-05');
      expect(committedDueDate(f, '2026-07-05', 'UTC')).toBe('2026-06-01');
      // A due date set only after asOf: no due date as of asOf (the noDueDate rule).
      const later = committedEpic(history([[T('2026-07-02'), null, '2026-07-20']]));
      expect(committedDueDate(later, AS_OF, 'UTC')).toBeNull();
      expect(dueDateAt(later, AS_OF, 'UTC')).toBeNull();
      expect(deliver([later]).report.noDueDate).toBe(1);
      // A push-out after asOf is not slippage as of asOf.
      const pushedLater = committedEpic(
        history(
          [
            [T('2026-03-01'), null, '2026-05-10'],
            [T('2026-07-02'), '2026-05-10', '2026-08-01'],
          ],
          [[T('2026-03-05'), 'new', 'indeterminate']],
        ),
      );
      expect(deliver([pushedLater]).report).toMatchObject({
        overdueOpen: 1,
        slipped: 0,
        medianSlipDays: null,
      });
    });

    test('the commitment day is a calendar day in the configured zone', () => {
      // Started 2026-03-05T22:30Z (23:30 in Paris); the due date moved at 23:30Z — still the 5th in UTC, the 6th in Paris.
      const h = history(
        [
          [T('2026-03-01'), null, '2026-05-01'],
          [T('2026-03-05', '23:30'), '2026-05-01', '2026-05-20'],
        ],
        [[T('2026-03-05', '22:30'), 'new', 'indeterminate']],
      );
      const f = fact({ type: 'Epic', created: T('2026-01-05'), history: h }, 'Europe/Paris');
      expect(commitmentDay(f, AS_OF, 'Europe/Paris')).toBe('2026-03-05');
      expect(committedDueDate(f, AS_OF, 'Europe/Paris')).toBe('2026-05-01');
      expect(commitmentDay(f, AS_OF, 'UTC')).toBe('2026-03-05');
      expect(committedDueDate(f, AS_OF, 'UTC')).toBe('2026-05-20');
    });

    test('slipped counts decided deliverables only; medianSlipDays is the median of (due at asOf − committed)', () => {
      const slip = (to: string, resolved: string | null) =>
        committedEpic(
          history(
            [
              [T('2026-03-01'), null, '2026-05-01'],
              [T('2026-04-01'), '2026-05-01', to],
            ],
            [[T('2026-03-02'), 'new', 'indeterminate']],
          ),
          { resolved },
        );
      const r = deliver([
        slip('2026-05-05', T('2026-05-03')), // 4 days; late against 05-01
        slip('2026-05-11', null), // 10 days; overdue open against 05-01
        slip('2026-05-21', T('2026-05-02')), // 20 days
        epic('2026-05-10', T('2026-05-09')), // no history: never slipped
      ]).report;
      expect(r).toMatchObject({ decided: 4, slipped: 3, medianSlipDays: 10 });
      // A committed due date still ahead: not decided, so not counted as slipped.
      const ahead = committedEpic(
        history(
          [
            [T('2026-03-01'), null, '2026-07-10'],
            [T('2026-04-01'), '2026-07-10', '2026-08-10'],
          ],
          [[T('2026-03-02'), 'new', 'indeterminate']],
        ),
      );
      expect(deliver([ahead]).report).toMatchObject({ decided: 0, slipped: 0, medianSlipDays: null });
    });
  });

  describe('D3 on budget (budgetCheck)', () => {
    const H = 3600;
    const spent = (
      estimate: number | null,
      timeSpent: number | null,
      resolved: string | null = T('2026-05-09'),
    ) => epic('2026-05-10', resolved, { originalEstimateSeconds: estimate, timeSpentSeconds: timeSpent });
    const budget = config({ budgetCheck: true });

    test('budgetCheck off (the default): no D3 and no budget figures', () => {
      const r = deliver([spent(10 * H, 100 * H)]);
      expect(crit(r, 'D3')).toBeUndefined();
      expect(r.report.budgetMeasured).toBeUndefined();
      expect(r.report.onBudgetRate).toBeUndefined();
    });

    test('measured: resolved in the window with an original estimate > 0; on budget: spent ≤ estimate × (1 + tolerance)', () => {
      const r = deliver(
        [
          spent(10 * H, 11 * H), // exactly 10 % over: on budget
          spent(10 * H, 11 * H + 1), // over
          spent(10 * H, null), // null time spent = 0: on budget
          spent(0, 5 * H), // no estimate: not measured
          spent(null, 5 * H), // no estimate: not measured
          spent(10 * H, 1 * H, null), // unresolved: not measured
          spent(10 * H, 1 * H, T('2025-12-01')), // resolved before the window: not measured
          spent(10 * H, 1 * H, T('2026-07-01')), // resolved after asOf: not measured
        ],
        budget,
      );
      expect(r.report).toMatchObject({ budgetMeasured: 3, onBudget: 2, onBudgetRate: 2 / 3 });
      expect(r.evidence.overBudget).toHaveLength(1);
      expect(crit(r, 'D3')).toMatchObject({
        id: 'D3',
        unit: 'rate',
        op: '>=',
        limit: 0.8,
        value: 2 / 3,
        met: false,
      });
    });

    test('the tolerance is configurable', () => {
      const r = deliver([spent(10 * H, 11 * H)], config({ budgetCheck: true, budgetTolerance: 0 }));
      expect(r.report).toMatchObject({ budgetMeasured: 1, onBudget: 0 });
    });

    test('a deliverable without a due date is still measured for budget', () => {
      const r = deliver(
        [epic(null, T('2026-05-09'), { originalEstimateSeconds: H, timeSpentSeconds: H })],
        budget,
      );
      expect(r.report).toMatchObject({ budgetMeasured: 1, onBudget: 1, noDueDate: 1 });
    });

    test('D3 met when budgetMeasured ≥ minDecided and onBudgetRate ≥ minOnBudgetRate; fewer measured is not met', () => {
      const five = Array.from({ length: 5 }, () => spent(10 * H, 9 * H));
      const met = deliver(five, budget);
      expect(crit(met, 'D3')).toMatchObject({ value: 1, met: true, need: null });
      expect(met.report.met).toBe(true);
      const four = deliver(five.slice(1), budget);
      expect(crit(four, 'D3')).toMatchObject({
        value: 1,
        met: false,
        need: { kind: 'moreOnBudget', deliveries: 1 },
      });
      expect(four.report.met).toBe(false);
      const rateLow = deliver(
        [...five, spent(H, 9 * H), spent(H, 9 * H)],
        config({ budgetCheck: true, minOnBudgetRate: 0.9 }),
      );
      // 5 / 7 < 0.9: (5 + k) / (7 + k) ≥ 0.9 → k = 13
      expect(crit(rateLow, 'D3')).toMatchObject({
        met: false,
        need: { kind: 'moreOnBudget', deliveries: 13 },
      });
    });

    test('D3 need: the smallest k on-budget deliveries that meets both the rate and minDecided', () => {
      expect(moreOnBudgetNeeded(3, 5, 0.8, 5)).toBe(5); // 8 / 10
      expect(moreOnBudgetNeeded(2, 2, 0.8, 5)).toBe(3); // rate met, 3 more measured needed
      expect(moreOnBudgetNeeded(1, 2, 0.8, 5)).toBe(3); // 4 / 5
      expect(moreOnBudgetNeeded(0, 0, 0.8, 5)).toBe(5);
      expect(moreOnBudgetNeeded(3, 4, 1, 5)).toBeNull();
    });
  });
});
