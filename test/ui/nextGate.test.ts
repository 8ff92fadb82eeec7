import type { GateView } from '../../src/forge/contract';
import { snapshotView } from '../../src/forge/snapshotView';
import {
  describeCriterion,
  gateBlockers,
  nextGateName,
  nextGateNeeds,
  tidyNeed,
} from '../../static/src/nextGate';
import { evidence, report } from './reportFixtures';

function view(
  r: ReturnType<typeof report> | null,
  nextGate: string[] = [],
): Pick<GateView, 'nextGate' | 'snapshot'> {
  return {
    nextGate,
    snapshot: r
      ? snapshotView({ report: r, trend: [], evidence: evidence(), computedAt: r.computedAt })
      : null,
  };
}

describe('what the next gate needs', () => {
  test("the resolver's words win when it sends them", () => {
    expect(nextGateNeeds(view(report(2), ['2 more on-time deliveries', 'stay <= 2 majors']))).toEqual([
      '2 more on-time deliveries',
      'stay ≤ 2 majors',
    ]);
  });

  test("the resolver's sentences get the criteria list's hint: value and target are not repeated", () => {
    // A hint written before the core worded hints as only what would change them, as an older snapshot holds it.
    const old =
      'On-time rate: 40%, needs >= 80% — on-time rate 40%, needs 80%: about 10 more on-time deliveries';
    // The core's words today.
    const current =
      'On-time rate: 40%, needs at least 80% — about 10 more on-time deliveries (1 overdue still open)';
    expect(nextGateNeeds(view(report(2), [old, current]))).toEqual([
      'On-time rate: 40%, needs at least 80% — about 10 more on-time deliveries',
      'On-time rate: 40%, needs at least 80% — about 10 more on-time deliveries (1 overdue still open)',
    ]);
    expect(tidyNeed('Major incidents in 90 days: 4, needs <= 2 — 2 major incidents too many')).toBe(
      'Major incidents in 90 days: 4, needs at most 2 — 2 major incidents too many',
    );
    // Anything else is left as written.
    expect(tidyNeed('both phases are met as of 2026-06-30 but not yet for the whole sustain period')).toBe(
      'both phases are met as of 2026-06-30 but not yet for the whole sustain period',
    );
  });

  test('phase 1: the failing reliability criteria only', () => {
    const r = report(1);
    expect(gateBlockers(r).map((c) => c.id)).toEqual(['R1', 'R2']);
    expect(nextGateName(r)).toBe('Phase 2 — On-time delivery');
    expect(nextGateNeeds(view(r))).toEqual([
      'Major incidents in 90 days: 4, needs at most 2 — 2 major incidents too many',
      'Median time to restore in 90 days: 32 h, needs at most 24 h — restore incidents faster: the median must fall by 7.5 h',
    ]);
  });

  test('phase 2: the failing delivery criteria, without repeating value and target', () => {
    const r = report(2);
    expect(nextGateName(r)).toBe('Phase 3 — Innovation');
    expect(nextGateNeeds(view(r))).toEqual([
      'On-time rate: 66.7%, needs at least 80% — about 6 more on-time deliveries',
    ]);
  });

  test('phase 3 unlocked: nothing is needed', () => {
    expect(nextGateNeeds(view(report(3)))).toEqual([]);
    expect(nextGateName(report(3))).toBeNull();
  });

  test('both phases met but not sustained yet', () => {
    expect(nextGateNeeds(view(report(3, { innovationUnlocked: false })))).toEqual([
      'keep both phases met for the whole sustain period; innovation then unlocks',
    ]);
  });

  test('no snapshot: nothing to say', () => {
    expect(nextGateNeeds(view(null))).toEqual([]);
  });

  test('a criterion without a hint is described by value and target', () => {
    expect(
      describeCriterion({
        id: 'D1',
        label: 'Deliverables decided in 180 days',
        value: 3,
        target: '>= 5',
        met: false,
      }),
    ).toBe('Deliverables decided in 180 days: 3, needs at least 5');
  });
});
