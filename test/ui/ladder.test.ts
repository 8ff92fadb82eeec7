import type { Criterion } from '../../src/core/report';
import { criterionState, deliveryState, phaseLadder } from '../../static/src/ladder';
import { report } from './reportFixtures';

describe('phase ladder', () => {
  test('phase 1: reliability unmet and current; innovation locked', () => {
    const steps = phaseLadder(report(1));
    expect(steps.map((s) => [s.phase, s.state, s.current])).toEqual([
      [1, 'unmet', true],
      [2, 'unmet', false],
      [3, 'unmet', false],
    ]);
    expect(steps[0]?.name).toBe('Reliable systems');
    expect(steps[2]?.stateLabel).toBe('Locked');
    expect(steps[2]?.summary).toBe('5 ideas locked');
  });

  test('phase 2: reliability met, delivery current and unmet', () => {
    const steps = phaseLadder(report(2));
    expect(steps.map((s) => s.state)).toEqual(['met', 'unmet', 'unmet']);
    expect(steps.filter((s) => s.current).map((s) => s.phase)).toEqual([2]);
    expect(steps[1]?.summary).toBe('6 of 9 on time (66.7%)');
  });

  test('phase 3: everything met and innovation unlocked', () => {
    const steps = phaseLadder(report(3));
    expect(steps.map((s) => s.state)).toEqual(['met', 'met', 'met']);
    expect(steps[2]).toMatchObject({ current: true, stateLabel: 'Unlocked' });
  });

  test('delivery with D1 unmet is "not enough data", never a plain failure', () => {
    const r = report(2);
    r.delivery.criteria = [
      { id: 'D1', label: 'Deliverables decided in 180 days', value: 3, target: '>= 5', met: false },
      { id: 'D2', label: 'On-time rate', value: 1, target: '>= 80%', met: true },
    ];
    expect(deliveryState(r)).toBe('insufficient');
    expect(phaseLadder(r)[1]).toMatchObject({ state: 'insufficient', stateLabel: 'Not enough data' });
  });

  test('no decided deliverable is said in words', () => {
    const r = report(1);
    r.delivery.decided = 0;
    r.delivery.onTimeRate = null;
    expect(phaseLadder(r)[1]?.summary).toBe('no deliverable decided in 180 days');
  });

  test('phase 3 reached but not yet sustained: current, still locked', () => {
    const r = report(3, { innovationUnlocked: false });
    const steps = phaseLadder(r);
    expect(steps[2]).toMatchObject({ current: true, state: 'unmet', stateLabel: 'Locked' });
  });
});

describe('criterion states', () => {
  const crit = (id: Criterion['id'], value: number | null, met: boolean): Criterion => ({
    id,
    label: id,
    value,
    target: '>= 5',
    met,
  });

  test('with too few deliverables decided (D1 unmet), the on-time rate is "not enough data", not a failure', () => {
    const delivery = [crit('D1', 0, false), crit('D2', null, false)];
    expect(delivery.map((c) => criterionState(c, delivery))).toEqual(['insufficient', 'insufficient']);
    const few = [crit('D1', 3, false), crit('D2', 0.33, false)];
    expect(few.map((c) => criterionState(c, few))).toEqual(['insufficient', 'insufficient']);
  });

  test('with enough data, an unmet on-time rate fails; reliability criteria fail or pass', () => {
    const delivery = [crit('D1', 9, true), crit('D2', 0.6, false)];
    expect(delivery.map((c) => criterionState(c, delivery))).toEqual(['met', 'unmet']);
    const reliability = [crit('R1', 4, false), crit('R2', 5, true)];
    expect(reliability.map((c) => criterionState(c, reliability))).toEqual(['unmet', 'met']);
  });
});
