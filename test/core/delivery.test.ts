import { computeDelivery, decisionDate, isOnTime, moreOnTimeNeeded } from '../../src/core/delivery';
import { config, fact } from '../helpers/facts';

const AS_OF = '2026-06-30';
const cfg = config();
const epic = (due: string | null, resolved: string | null, extra: Record<string, unknown> = {}) =>
  fact({ type: 'Epic', created: '2026-01-02T09:00:00.000+0000', due, resolved, ...extra });

describe('phase 2 — on-time delivery', () => {
  test('on time: resolved by the end of the due date (as a calendar date)', () => {
    expect(isOnTime(epic('2026-05-01', '2026-05-01T23:59:00.000+0000'), 0, AS_OF)).toBe(true);
    expect(isOnTime(epic('2026-05-01', '2026-05-02T00:00:00.000+0000'), 0, AS_OF)).toBe(false);
  });

  test('grace days extend the due date', () => {
    expect(isOnTime(epic('2026-05-01', '2026-05-03T10:00:00.000+0000'), 2, AS_OF)).toBe(true);
    expect(isOnTime(epic('2026-05-01', '2026-05-04T10:00:00.000+0000'), 2, AS_OF)).toBe(false);
  });

  test('the resolution date is taken in the configured zone', () => {
    // 2026-05-02T01:00+0000 is still 2026-05-01 in New York.
    const tz = 'America/New_York';
    expect(
      isOnTime(
        fact(
          {
            type: 'Epic',
            created: '2026-01-02T09:00:00.000+0000',
            due: '2026-05-01',
            resolved: '2026-05-02T01:00:00.000+0000',
          },
          tz,
        ),
        0,
        AS_OF,
      ),
    ).toBe(true);
  });

  test('decision date: resolution when on time, otherwise due + grace + 1', () => {
    expect(decisionDate(epic('2026-05-10', '2026-05-01T10:00:00.000+0000'), 0, AS_OF)).toBe('2026-05-01');
    expect(decisionDate(epic('2026-05-10', '2026-06-01T10:00:00.000+0000'), 0, AS_OF)).toBe('2026-05-11');
    expect(decisionDate(epic('2026-05-10', null), 3, AS_OF)).toBe('2026-05-14');
    expect(decisionDate(epic(null, null), 0, AS_OF)).toBeNull();
  });

  test('a resolution after asOf counts as not yet resolved: overdue and open', () => {
    const r = computeDelivery([epic('2026-06-01', '2026-07-05T10:00:00.000+0000')], cfg, AS_OF).report;
    expect(r).toMatchObject({ decided: 1, onTime: 0, late: 0, overdueOpen: 1 });
  });

  test('not yet due and open: not decided', () => {
    const r = computeDelivery([epic('2026-06-30', null), epic('2026-08-01', null)], cfg, AS_OF).report;
    expect(r).toMatchObject({ decided: 0, onTimeRate: null });
  });

  test('due on asOf − 1 and open: decided on asOf, overdue', () => {
    expect(computeDelivery([epic('2026-06-29', null)], cfg, AS_OF).report.overdueOpen).toBe(1);
  });

  test('decided counts decision dates in the window: onTime + late + overdueOpen', () => {
    const issues = [
      epic('2026-05-10', '2026-05-09T10:00:00.000+0000'), // on time
      epic('2026-05-10', '2026-05-14T10:00:00.000+0000'), // late by 4
      epic('2026-05-10', '2026-05-12T10:00:00.000+0000'), // late by 2
      epic('2026-06-10', null), // overdue open
      epic('2025-11-01', '2025-11-01T10:00:00.000+0000'), // on time, decided before the window
      epic('2026-01-01', '2026-02-01T10:00:00.000+0000'), // late, decided 2026-01-02 = asOf − 179: in the window
    ];
    const r = computeDelivery(issues, cfg, AS_OF).report;
    expect(r).toMatchObject({ decided: 5, onTime: 1, late: 3, overdueOpen: 1, onTimeRate: 0.2 });
    expect(r.medianDaysLate).toBe(4);
  });

  test('the delivery window edge: decision on asOf − 180 is out, asOf − 179 is in', () => {
    const r = computeDelivery(
      [
        epic('2026-12-01', '2026-01-01T10:00:00.000+0000'),
        epic('2026-12-01', '2026-01-02T10:00:00.000+0000'),
      ],
      cfg,
      AS_OF,
    ).report;
    expect(r.decided).toBe(1);
  });

  test('median days late: even count averages the middle two', () => {
    const r = computeDelivery(
      [
        epic('2026-05-10', '2026-05-11T10:00:00.000+0000'),
        epic('2026-05-10', '2026-05-14T10:00:00.000+0000'),
      ],
      cfg,
      AS_OF,
    ).report;
    expect(r.medianDaysLate).toBe(2.5);
  });

  test('median days late counts from the due date, not from the grace date', () => {
    const r = computeDelivery(
      [epic('2026-05-10', '2026-05-15T10:00:00.000+0000')],
      config({ graceDays: 2 }),
      AS_OF,
    ).report;
    expect(r).toMatchObject({ late: 1, medianDaysLate: 5 });
  });

  test('no due date: unresolved at asOf or resolved in the window, never in the rate', () => {
    const r = computeDelivery(
      [
        epic(null, null),
        epic(null, '2026-06-01T10:00:00.000+0000'),
        epic(null, '2025-06-01T10:00:00.000+0000'),
        epic(null, '2026-07-10T10:00:00.000+0000'),
      ],
      cfg,
      AS_OF,
    ).report;
    expect(r).toMatchObject({ noDueDate: 3, decided: 0 });
  });

  test('excluded resolutions and deliverables created after asOf are ignored', () => {
    const r = computeDelivery(
      [
        epic('2026-05-10', '2026-05-20T10:00:00.000+0000', { resolution: 'Duplicate' }),
        epic('2026-05-10', '2026-05-20T10:00:00.000+0000', { resolution: 'CANNOT REPRODUCE' }),
        fact({ type: 'Epic', created: '2026-07-01T09:00:00.000+0000', due: '2026-06-01' }),
      ],
      cfg,
      AS_OF,
    ).report;
    expect(r.decided).toBe(0);
    expect(r.noDueDate).toBe(0);
  });

  test('D1: fewer decided than minDecided is "not enough data", never a pass', () => {
    const r = computeDelivery([epic('2026-05-10', '2026-05-09T10:00:00.000+0000')], cfg, AS_OF).report;
    expect(r.onTimeRate).toBe(1);
    expect(r.met).toBe(false);
    expect(r.criteria[0]).toMatchObject({ id: 'D1', value: 1, target: '>= 5', met: false });
    expect(r.criteria[0]!.hint).toContain('not enough data');
  });

  test('D2: the on-time rate must reach minOnTimeRate; the hint says how many more on-time deliveries', () => {
    const issues = [
      ...[1, 2].map(() => epic('2026-05-10', '2026-05-09T10:00:00.000+0000')),
      ...[1, 2, 3].map(() => epic('2026-05-10', '2026-05-20T10:00:00.000+0000')),
    ];
    const r = computeDelivery(issues, cfg, AS_OF).report;
    expect(r).toMatchObject({ decided: 5, onTimeRate: 0.4, met: false });
    expect(r.criteria[1]!.hint).toBe('about 10 more on-time deliveries');
    const ok = computeDelivery(issues, config({ minOnTimeRate: 0.4 }), AS_OF).report;
    expect(ok.met).toBe(true);
  });

  test('more on-time deliveries needed', () => {
    expect(moreOnTimeNeeded(2, 5, 0.8)).toBe(10);
    expect(moreOnTimeNeeded(4, 5, 0.8)).toBe(0);
    expect(moreOnTimeNeeded(3, 5, 0.5)).toBe(0);
    expect(moreOnTimeNeeded(3, 4, 1)).toBeNull();
  });
});
