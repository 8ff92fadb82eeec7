/**
 * A criterion reads the same on every surface — the project page's criteria list, the next gate (page and macro), the
 * idea panel's reasons and the command line — because every one of them words it with src/core/wording.ts.
 */
import { lockReasons } from '../../src/core/ideas';
import type { Criterion } from '../../src/core/report';
import {
  criterionTarget,
  describeCriterion,
  describeNeed,
  describeWaiver,
  formatValue,
} from '../../src/core/wording';
import { criterionState, criterionView, waivedCriteria, waiverOf } from '../../static/src/criteria';
import { nextGateNeeds } from '../../static/src/nextGate';
import { criterion, report, waivedReport, WAIVER_D2 } from '../helpers/reports';

describe('one wording for a criterion on every surface', () => {
  test('R2 in hours with days beside them: the list, the next gate and the idea panel say the same', () => {
    const r = report(1);
    const r2 = r.reliability.criteria.find((c) => c.id === 'R2') as Criterion;
    const row = criterionView(r2, r.reliability.criteria, r.waivers);
    expect(row.value).toBe('160 h (6.7 days)');
    expect(row.value).toBe(formatValue(r2));
    expect(row.target).toBe('at most 24 h');
    expect(row.target).toBe(criterionTarget(r2));
    expect(row.need).toBe('restore incidents faster: the median must fall by 136 h (5.7 days)');
    expect(row.line).toBe(describeCriterion(r2));
    expect(row.line).toBe(
      'Median time to restore in 90 days: 160 h (6.7 days), needs at most 24 h — ' +
        'restore incidents faster: the median must fall by 136 h (5.7 days)',
    );
    // The next gate (project page and macro) and the idea panel's reasons (the core's lockReasons, sent by getIdea).
    expect(nextGateNeeds(r)).toContain(row.line);
    expect(lockReasons(r)).toContain(row.line);
  });

  test('every blocking criterion: next gate lines = idea panel reasons = criteria rows = the CLI wording', () => {
    for (const r of [report(1), report(2)]) {
      const all = [...r.reliability.criteria, ...r.delivery.criteria];
      const blocking = all.filter((c) => r.nextGate.blockers.includes(c.id));
      expect(blocking.length).toBeGreaterThan(0);
      const rows = blocking.map((c) => criterionView(c, all, r.waivers).line);
      expect(nextGateNeeds(r)).toEqual(rows);
      expect(rows).toEqual(blocking.map((c) => describeCriterion(c, r.waivers)));
      // The idea panel lists every unmet criterion of both phases; the next gate's are among them, word for word.
      for (const line of rows) expect(lockReasons(r)).toContain(line);
    }
  });

  test('a rate reads as a percentage and a date as "9 Jan 2027", never ISO', () => {
    const r = report(1);
    const r1 = r.reliability.criteria.find((c) => c.id === 'R1') as Criterion;
    expect(criterionView(r1, r.reliability.criteria, []).need).toBe(
      '2 major incidents too many; with no new major incident, this holds from 9 Jan 2027',
    );
    const d2 = report(2).delivery.criteria.find((c) => c.id === 'D2') as Criterion;
    expect(criterionView(d2, [d2], [])).toMatchObject({
      value: '66.7%',
      target: 'at least 80%',
      need: '6 more on-time deliveries (1 overdue still open)',
    });
  });
});

describe('waivers', () => {
  test('a waived criterion is visibly waived and shows its reason, approver and end date', () => {
    const r = waivedReport();
    const d2 = r.delivery.criteria.find((c) => c.id === 'D2') as Criterion;
    const row = criterionView(d2, r.delivery.criteria, r.waivers);
    expect(row.state).toBe('waived');
    expect(row.stateText).toBe('Waived');
    expect(row.waiver).toBe('waived until 30 Aug 2026 by Dana Ng (CIO): ERP migration freeze');
    expect(row.waiver).toBe(describeWaiver(WAIVER_D2));
    // What it still lacks is said as well.
    expect(row.need).toBe(describeNeed(d2.need));
    // The one line (used where a sentence stands for the criterion) gives the waiver instead of the need.
    expect(row.line).toBe(
      'On-time rate: 66.7%, needs at least 80% — waived until 30 Aug 2026 by Dana Ng (CIO): ERP migration freeze',
    );
    expect(waiverOf(d2, r.waivers)).toEqual(WAIVER_D2);
  });

  test('the waivers in force, listed by criterion; a waived criterion does not block the next gate', () => {
    const r = waivedReport();
    expect(waivedCriteria(r).map((w) => w.text)).toEqual([
      'On-time rate: waived until 30 Aug 2026 by Dana Ng (CIO): ERP migration freeze',
    ]);
    expect(r.nextGate).toEqual({ phase: 3, blockers: [] });
    expect(nextGateNeeds(r)).toEqual([
      'both phases are met as of 30 Jun 2026 but not yet for the whole sustain period',
    ]);
    // The idea panel's words for the same state.
    expect(lockReasons(r)).toEqual(nextGateNeeds(r));
  });

  test('an unwaived report lists no waiver', () => {
    expect(waivedCriteria(report(2))).toEqual([]);
    const d2 = report(2).delivery.criteria[1] as Criterion;
    expect(criterionView(d2, [d2], []).waiver).toBe('');
  });
});

describe('criterion states', () => {
  test('too few deliverables decided (D1): D1 and the rates are "not enough data", not a failure', () => {
    const few = [
      criterion('D1', 3, { kind: 'moreDecided', missing: 2 }),
      criterion('D2', 0.33, { kind: 'moreOnTime', deliveries: 5, overdueOpen: 0 }),
      criterion('D3', null, { kind: 'moreOnBudget', deliveries: null }),
    ];
    expect(few.map((c) => criterionState(c, few))).toEqual(['insufficient', 'insufficient', 'insufficient']);
  });

  test('no incident recorded (R0) is "not enough data"', () => {
    const r0 = criterion('R0', 0, { kind: 'recordIncidents' });
    expect(criterionState(r0, [r0])).toBe('insufficient');
    expect(criterionView(r0, [r0], []).value).toBe('none recorded');
  });

  test('with enough data, an unmet rate fails; reliability criteria fail or pass', () => {
    const delivery = [
      criterion('D1', 9),
      criterion('D2', 0.6, { kind: 'moreOnTime', deliveries: 10, overdueOpen: 0 }),
    ];
    expect(delivery.map((c) => criterionState(c, delivery))).toEqual(['met', 'unmet']);
    const reliability = [
      criterion('R1', 4, { kind: 'fewerMajorIncidents', excess: 2, clearsOn: null }),
      criterion('R2', 5),
    ];
    expect(reliability.map((c) => criterionState(c, reliability))).toEqual(['unmet', 'met']);
  });
});
