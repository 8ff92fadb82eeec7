import {
  deliveryState,
  ideaCount,
  phaseLadder,
  phaseStateLabel,
  reliabilityState,
} from '../../static/src/ladder';
import { criterion, noIdeaTypeReport, report, waivedReport } from '../helpers/reports';

describe('phase ladder', () => {
  test('phase 1: reliability unmet and current; innovation locked', () => {
    const steps = phaseLadder(report(1));
    expect(steps.map((s) => [s.phase, s.state, s.current])).toEqual([
      [1, 'unmet', true],
      [2, 'unmet', false],
      [3, 'unmet', false],
    ]);
    expect(steps[0]?.name).toBe('Reliable systems');
    // Hours in the wording module's unit, as everywhere else.
    expect(steps[0]?.summary).toBe('4 major incidents in 90 days, median restore 160 h (6.7 days)');
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
    r.delivery.criteria = [criterion('D1', 3, { kind: 'moreDecided', missing: 2 }), criterion('D2', 1)];
    expect(deliveryState(r)).toBe('insufficient');
    expect(phaseLadder(r)[1]).toMatchObject({ state: 'insufficient', stateLabel: 'Not enough data' });
  });

  test('reliability with no incident recorded (R0) is "not enough data"', () => {
    const r = report(1);
    r.reliability.criteria = [criterion('R0', 0, { kind: 'recordIncidents' }), criterion('R1', 0)];
    expect(reliabilityState(r)).toBe('insufficient');
  });

  test('a phase met thanks to a waiver says so', () => {
    const r = waivedReport();
    expect(deliveryState(r)).toBe('met');
    expect(phaseStateLabel(r, 2)).toBe('Met with a waiver');
    expect(phaseLadder(r)[1]?.stateLabel).toBe('Met with a waiver');
    expect(phaseStateLabel(r, 1)).toBe('Met');
  });

  test('no decided deliverable is said in words', () => {
    const r = report(1);
    r.delivery.decided = 0;
    r.delivery.onTimeRate = null;
    expect(phaseLadder(r)[1]?.summary).toBe('no deliverable decided in 180 days');
  });

  test('phase 3 reached but not yet sustained: current, still locked', () => {
    const steps = phaseLadder(report(3, { innovationUnlocked: false }));
    expect(steps[2]).toMatchObject({ current: true, state: 'unmet', stateLabel: 'Locked' });
  });
});

describe('ideas when the idea type is not found', () => {
  test('"not found", never 0', () => {
    const r = noIdeaTypeReport();
    expect(phaseLadder(r)[2]?.summary).toBe('idea type not found in the idea projects');
    expect(ideaCount(r.ideas, r.ideas.waiting)).toBe('not found');
    expect(ideaCount(r.ideas, r.ideas.locked)).toBe('not found');
  });

  test('a found type with no ideas is 0', () => {
    const r = report(2, {
      ideas: { typeFound: true, total: 0, waiting: 0, inProgress: 0, done: 0, locked: 0 },
    });
    expect(ideaCount(r.ideas, r.ideas.waiting)).toBe('0');
    expect(phaseLadder(r)[2]?.summary).toBe('0 ideas locked');
  });
});
