import { nextGateBlockers, nextGateName, nextGateNeeds } from '../../static/src/nextGate';
import { report, withNextGate } from '../helpers/reports';

describe('what the next gate needs (the report’s nextGate, worded)', () => {
  test('phase 1: the blocking reliability criteria only', () => {
    const r = report(1);
    expect(r.nextGate).toEqual({ phase: 2, blockers: ['R1', 'R2'] });
    expect(nextGateBlockers(r).map((c) => c.id)).toEqual(['R1', 'R2']);
    expect(nextGateName(r)).toBe('Phase 2 — On-time delivery');
    expect(nextGateNeeds(r)).toEqual([
      'Major incidents in 90 days: 4, needs at most 2 — 2 major incidents too many; with no new major incident, this holds from 9 Jan 2027',
      'Median time to restore in 90 days: 160 h (6.7 days), needs at most 24 h — restore incidents faster: the median must fall by 136 h (5.7 days)',
    ]);
  });

  test('phase 2: the blocking delivery criteria', () => {
    const r = report(2);
    expect(nextGateName(r)).toBe('Phase 3 — Innovation');
    expect(nextGateNeeds(r)).toEqual([
      'On-time rate: 66.7%, needs at least 80% — 6 more on-time deliveries (1 overdue still open)',
    ]);
  });

  test('the UI follows the server’s blockers, never its own reading of the criteria', () => {
    const r = { ...report(2), nextGate: { phase: 3 as const, blockers: ['D1' as const] } };
    expect(nextGateBlockers(r).map((c) => c.id)).toEqual(['D1']);
    expect(nextGateNeeds(r)).toEqual(['Deliverables decided in 180 days: 9, needs at least 5']);
  });

  test('phase 3 unlocked: nothing is needed', () => {
    expect(report(3).nextGate).toEqual({ phase: null, blockers: [] });
    expect(nextGateNeeds(report(3))).toEqual([]);
    expect(nextGateName(report(3))).toBeNull();
  });

  test('both phases met but not sustained yet: the sustain period', () => {
    const r = withNextGate(report(3, { innovationUnlocked: false }));
    expect(nextGateName(r)).toBe('Phase 3 — Innovation');
    expect(nextGateNeeds(r)).toEqual([
      'both phases are met as of 30 Jun 2026 but not yet for the whole sustain period',
    ]);
  });
});
