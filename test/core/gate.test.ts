import { computeReport, computeTrend, trendDates } from '../../src/core/compute';
import { innovationUnlocked, phaseOf, sustainDates } from '../../src/core/gate';
import { config, fact, facts } from '../helpers/facts';

const onTimeEpics = (n: number, resolvedDay: string) =>
  Array.from({ length: n }, () =>
    fact({
      type: 'Epic',
      created: '2026-01-02T09:00:00.000+0000',
      due: '2026-06-30',
      resolved: `${resolvedDay}T10:00:00.000+0000`,
    }),
  );

describe('phase and the innovation gate', () => {
  test('phase: 1 when reliability fails, whatever delivery says', () => {
    expect(phaseOf(false, true)).toBe(1);
    expect(phaseOf(false, false)).toBe(1);
  });
  test('phase: 2 when reliability is met and delivery is not; 3 when both are met', () => {
    expect(phaseOf(true, false)).toBe(2);
    expect(phaseOf(true, true)).toBe(3);
  });

  test('sustain dates: the sustainDays days ending at asOf', () => {
    expect(sustainDates('2026-03-01', 3)).toEqual(['2026-02-27', '2026-02-28', '2026-03-01']);
    expect(sustainDates('2026-03-01', 1)).toEqual(['2026-03-01']);
  });

  test('innovationUnlocked needs both phases met on each sustain day', () => {
    expect(innovationUnlocked('2026-06-30', 3, () => true)).toBe(true);
    expect(innovationUnlocked('2026-06-30', 3, (d) => d !== '2026-06-28')).toBe(false);
    expect(innovationUnlocked('2026-06-30', 1, (d) => d === '2026-06-30')).toBe(true);
  });

  test('with sustainDays = 1, unlocked is simply phase 3', () => {
    const f = facts({ deliverables: onTimeEpics(5, '2026-06-30') });
    const { report } = computeReport(f, config(), { project: 'OPS', asOf: '2026-06-30', now: 0 });
    expect(report).toMatchObject({ phase: 3, phaseName: 'Innovation', innovationUnlocked: true });
  });

  test('sustainDays > 1: met today but not on the previous days keeps innovation locked', () => {
    // The five on-time deliveries all land on asOf, so delivery was not met the day before.
    const f = facts({
      deliverables: onTimeEpics(5, '2026-06-30'),
      ideas: [fact({ type: 'Innovation Idea', created: '2026-06-01T10:00:00.000+0000', category: 'new' })],
    });
    const locked = computeReport(f, config({ sustainDays: 2 }), {
      project: 'OPS',
      asOf: '2026-06-30',
      now: 0,
    }).report;
    expect(locked).toMatchObject({ phase: 3, innovationUnlocked: false });
    expect(locked.ideas.locked).toBe(1);
    expect(locked.warnings.join(' ')).toContain('not yet on each of the last 2 days');
    const f2 = facts({ deliverables: onTimeEpics(5, '2026-06-20') });
    expect(
      computeReport(f2, config({ sustainDays: 5 }), { project: 'OPS', asOf: '2026-06-30', now: 0 }).report
        .innovationUnlocked,
    ).toBe(true);
  });

  test('the report carries the spec fields and a warning for deliverables without a due date', () => {
    const f = facts({ deliverables: [fact({ type: 'Epic', created: '2026-06-01T10:00:00.000+0000' })] });
    const { report } = computeReport(f, config(), {
      project: 'OPS',
      asOf: '2026-06-30',
      now: Date.parse('2026-06-30T08:00:00Z'),
    });
    expect(report).toMatchObject({
      project: 'OPS',
      asOf: '2026-06-30',
      timeZone: 'UTC',
      computedAt: '2026-06-30T08:00:00.000Z',
      phase: 2,
      phaseName: 'On-time delivery',
      innovationUnlocked: false,
    });
    expect(report.warnings).toContain('1 deliverable has no due date');
  });

  test('the trend: 12 month-ends and asOf, computed from the same facts', () => {
    const f = facts({ deliverables: onTimeEpics(5, '2026-06-15') });
    const trend = computeTrend(f, config(), '2026-06-30');
    expect(trend.map((p) => p.asOf)).toEqual(trendDates('2026-06-30'));
    expect(trend).toHaveLength(13);
    expect(trend[11]).toMatchObject({ asOf: '2026-05-31', phase: 2, decided: 0 });
    expect(trend[12]).toMatchObject({ asOf: '2026-06-30', phase: 3, onTimeRate: 1 });
  });
});
