import {
  activeWaivers,
  computeReport,
  computeTrend,
  trendDates,
  type ComputeOptions,
} from '../../src/core/compute';
import type { Config, Waiver } from '../../src/core/config';
import type { GateFacts } from '../../src/core/facts';
import { innovationUnlocked, phaseOf, sustainDates } from '../../src/core/gate';
import type { CriterionId, Report } from '../../src/core/report';
import type { GateSources } from '../../src/core/sources';
import { config, fact, facts, namesAsIds } from '../helpers/facts';

const AS_OF = '2026-06-30';
/** R0 holds: an incident was recorded long ago. */
const recorded = { firstIncidentDay: '2025-01-01' };

const onTimeEpics = (n: number, resolvedDay: string) =>
  Array.from({ length: n }, () =>
    fact({
      type: 'Epic',
      created: '2026-01-02T09:00:00.000+0000',
      due: '2026-06-30',
      resolved: `${resolvedDay}T10:00:00.000+0000`,
    }),
  );

const run = (
  f: GateFacts,
  c: Config = config(),
  options: Partial<ComputeOptions> = {},
  sources: GateSources = namesAsIds(c, options.project ?? 'OPS'),
): Report => computeReport(f, c, sources, { project: 'OPS', asOf: AS_OF, now: 0, ...options }).report;

const criterion = (r: Report, id: CriterionId) =>
  [...r.reliability.criteria, ...r.delivery.criteria].find((c) => c.id === id)!;

const waiver = (criterion: Waiver['criterion'], from: string, until: string): Waiver => ({
  criterion,
  from,
  until,
  reason: 'migration freeze',
  approver: 'Dana (CIO)',
});

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
    const report = run(facts({ ...recorded, deliverables: onTimeEpics(5, '2026-06-30') }));
    expect(report).toMatchObject({ phase: 3, phaseName: 'Innovation', innovationUnlocked: true });
    expect(report.nextGate).toEqual({ phase: null, blockers: [] });
  });

  test('sustainDays > 1: met today but not on the previous days keeps innovation locked', () => {
    // The five on-time deliveries all land on asOf, so delivery was not met the day before.
    const f = facts({
      ...recorded,
      deliverables: onTimeEpics(5, '2026-06-30'),
      ideas: [fact({ type: 'Innovation Idea', created: '2026-06-01T10:00:00.000+0000', category: 'new' })],
    });
    const locked = run(f, config({ sustainDays: 2 }));
    expect(locked).toMatchObject({ phase: 3, innovationUnlocked: false });
    expect(locked.ideas.locked).toBe(1);
    expect(locked.warnings.join(' ')).toContain('not yet on each of the last 2 days');
    expect(locked.nextGate).toEqual({ phase: 3, blockers: [] });
    const f2 = facts({ ...recorded, deliverables: onTimeEpics(5, '2026-06-20') });
    expect(run(f2, config({ sustainDays: 5 })).innovationUnlocked).toBe(true);
  });

  test('the report carries the spec fields and a warning for deliverables without a due date', () => {
    const f = facts({
      ...recorded,
      deliverables: [fact({ type: 'Epic', created: '2026-06-01T10:00:00.000+0000' })],
    });
    const c = config();
    const sources = namesAsIds(c, 'OPS');
    const report = run(f, c, { now: Date.parse('2026-06-30T08:00:00Z'), gateName: 'Northwind IT' }, sources);
    expect(report).toMatchObject({
      project: 'OPS',
      gate: { home: 'OPS', name: 'Northwind IT' },
      sources,
      asOf: '2026-06-30',
      timeZone: 'UTC',
      computedAt: '2026-06-30T08:00:00.000Z',
      phase: 2,
      phaseName: 'On-time delivery',
      innovationUnlocked: false,
      waivers: [],
      phaseChanges: [],
      timesThrownBack: 0,
    });
    expect(report.delivery).toMatchObject({ dueDateBasis: 'committed', slipped: 0, medianSlipDays: null });
    expect(report.warnings).toContain('1 deliverable has no due date');
  });

  test('the trend: 12 month-ends and asOf, computed from the same facts', () => {
    const f = facts({ ...recorded, deliverables: onTimeEpics(5, '2026-06-15') });
    const c = config();
    const trend = computeTrend(f, c, namesAsIds(c), AS_OF);
    expect(trend.map((p) => p.asOf)).toEqual(trendDates(AS_OF));
    expect(trend).toHaveLength(13);
    expect(trend[11]).toMatchObject({ asOf: '2026-05-31', phase: 2, decided: 0 });
    expect(trend[12]).toMatchObject({ asOf: '2026-06-30', phase: 3, onTimeRate: 1 });
  });

  describe('R0 in the report', () => {
    test('no incident ever recorded: phase 1 whatever R1–R3 and delivery say, with the reason', () => {
      const c = config();
      const sources = namesAsIds(c, 'ITSM');
      const report = run(
        facts({ deliverables: onTimeEpics(5, '2026-06-20') }),
        c,
        { project: 'ITSM' },
        sources,
      );
      expect(report.phase).toBe(1);
      expect(report.reliability.met).toBe(false);
      expect(criterion(report, 'R0')).toMatchObject({ met: false, need: { kind: 'recordIncidents' } });
      expect(report.delivery.met).toBe(true);
      expect(report.nextGate).toEqual({ phase: 2, blockers: ['R0'] });
      expect(report.warnings).toContain(
        'No incident has ever been recorded in ITSM: reliability cannot be shown',
      );
    });

    test('the incident type exists in none of the incident projects: phase 1, saying so', () => {
      const c = config();
      const base = namesAsIds(c, 'ITSM');
      const sources = { ...base, incidents: { ...base.incidents, types: [] } };
      const report = run(facts({ ...recorded, deliverables: onTimeEpics(5, '2026-06-20') }), c, {}, sources);
      expect(report.phase).toBe(1);
      expect(report.warnings.join(' ')).toContain('No incident type exists in ITSM');
    });

    test('R0 is evaluated on each as-of date: the trend is phase 1 before the first incident', () => {
      const c = config();
      const trend = computeTrend(
        facts({ firstIncidentDay: '2026-03-15', deliverables: onTimeEpics(5, '2026-01-20') }),
        c,
        namesAsIds(c),
        AS_OF,
      );
      expect(trend.find((p) => p.asOf === '2026-02-28')).toMatchObject({ phase: 1, reliabilityMet: false });
      expect(trend.find((p) => p.asOf === '2026-03-31')).toMatchObject({ phase: 3 });
    });

    test('R0 can never be waived, even by a waiver that slipped past the schema', () => {
      const c = {
        ...config(),
        waivers: [{ ...waiver('R1', '2026-06-01', '2026-06-30'), criterion: 'R0' }],
      } as Config;
      const report = run(facts({ deliverables: onTimeEpics(5, '2026-06-20') }), c);
      expect(criterion(report, 'R0')).toMatchObject({ met: false, waived: false });
      expect(report.phase).toBe(1);
    });
  });

  test('Resolved (v2): the report warns with the count of issues Done without a resolution', () => {
    const dwr = (type: string) =>
      fact({
        type,
        created: '2026-06-01T10:00:00.000+0000',
        resolved: '2026-06-02T10:00:00.000+0000',
        doneWithoutResolution: true,
        due: '2026-06-10',
      });
    const report = run(
      facts({ ...recorded, incidents: [dwr('Incident')], deliverables: [dwr('Epic'), dwr('Epic')] }),
    );
    expect(report.warnings).toContain(
      '3 issues are Done without a resolution: the date they moved to Done is used',
    );
    const none = run(facts({ ...recorded, deliverables: onTimeEpics(5, '2026-06-20') }));
    expect(none.warnings.join(' ')).not.toContain('Done without a resolution');
  });

  describe('waivers', () => {
    const oneOnTime = () => facts({ ...recorded, deliverables: onTimeEpics(1, '2026-06-20') });

    test('active only from..until, both days included', () => {
      const w = waiver('D1', '2026-06-10', '2026-06-20');
      expect(activeWaivers([w], '2026-06-09')).toEqual([]);
      expect(activeWaivers([w], '2026-06-10')).toEqual([w]);
      expect(activeWaivers([w], '2026-06-20')).toEqual([w]);
      expect(activeWaivers([w], '2026-06-21')).toEqual([]);
    });

    test('a waived criterion keeps its real value and met, gets waived: true, and counts as met for the phase', () => {
      const report = run(oneOnTime(), config({ waivers: [waiver('D1', '2026-06-01', '2026-06-30')] }));
      expect(criterion(report, 'D1')).toMatchObject({
        value: 1,
        met: false,
        waived: true,
        need: { kind: 'moreDecided', missing: 4 },
      });
      expect(criterion(report, 'D2')).toMatchObject({ met: true, waived: false });
      expect(report.phase).toBe(3);
      expect(report.waivers).toEqual([waiver('D1', '2026-06-01', '2026-06-30')]);
      expect(report.nextGate).toEqual({ phase: null, blockers: [] });
    });

    test('outside its dates a waiver does nothing', () => {
      for (const w of [waiver('D1', '2026-07-01', '2026-07-31'), waiver('D1', '2026-05-01', '2026-06-29')]) {
        const report = run(oneOnTime(), config({ waivers: [w] }));
        expect(criterion(report, 'D1')).toMatchObject({ met: false, waived: false });
        expect(report.phase).toBe(2);
        expect(report.waivers).toEqual([]);
        expect(report.nextGate).toEqual({ phase: 3, blockers: ['D1'] });
      }
    });

    test('a waiver covers its criterion only', () => {
      const late = fact({
        type: 'Epic',
        created: '2026-01-02T09:00:00.000+0000',
        due: '2026-05-01',
        resolved: '2026-05-10T10:00:00.000+0000',
      });
      const report = run(
        facts({ ...recorded, deliverables: [late] }),
        config({ waivers: [waiver('D2', '2026-06-01', '2026-06-30')] }),
      );
      expect(criterion(report, 'D2')).toMatchObject({ met: false, waived: true });
      expect(report.phase).toBe(2);
      expect(report.nextGate.blockers).toEqual(['D1']);
    });
  });

  describe('phase changes', () => {
    const major = (day: string) =>
      fact({
        created: `${day}T08:00:00.000+0000`,
        resolved: `${day}T09:00:00.000+0000`,
        priority: 'Highest',
      });

    test('each day whose phase differs from the day before, and how many of them are steps back', () => {
      const f = facts({
        ...recorded,
        deliverables: onTimeEpics(5, '2026-06-05'),
        incidents: [major('2026-06-12'), major('2026-06-12'), major('2026-06-12')],
      });
      const report = run(f, config(), { phaseChangesFrom: '2026-06-01' });
      expect(report.phaseChanges).toEqual([
        { date: '2026-06-05', from: 2, to: 3, cause: [] },
        {
          date: '2026-06-12',
          from: 3,
          to: 1,
          cause: [{ id: 'R1', value: 3, unit: 'count', op: '<=', limit: 2, waiverEnded: false }],
        },
      ]);
      expect(report.timesThrownBack).toBe(1);
      expect(report.phase).toBe(1);
    });

    test('by default from the first trend date; the phase on each day uses that day as asOf', () => {
      const report = run(facts({ firstIncidentDay: '2025-08-15' }));
      expect(trendDates(AS_OF)[0]).toBe('2025-06-30');
      expect(report.phaseChanges).toEqual([{ date: '2025-08-15', from: 1, to: 2, cause: [] }]);
      expect(report.timesThrownBack).toBe(0);
    });

    test('waivers apply on their own days; sustainDays does not', () => {
      const f = facts({ ...recorded, deliverables: onTimeEpics(1, '2026-06-02') });
      const report = run(f, config({ sustainDays: 5, waivers: [waiver('D1', '2026-06-20', '2026-06-25')] }), {
        phaseChangesFrom: '2026-06-10',
      });
      expect(report.phaseChanges).toEqual([
        { date: '2026-06-20', from: 2, to: 3, cause: [] },
        // The waiver ended: D1 is the cause, with its real value and the fact that its waiver ended.
        {
          date: '2026-06-26',
          from: 3,
          to: 2,
          cause: [{ id: 'D1', value: 1, unit: 'count', op: '>=', limit: 5, waiverEnded: true }],
        },
      ]);
      expect(report.timesThrownBack).toBe(1);
    });

    test('a site that went 1→2→1→2→3: every change, one step back, each step back with its cause', () => {
      // R0 from 06-02 (phase 2); three majors on 06-10 throw it back to 1; they resolve fast, but R1 counts them
      // for 90 days, so a 1-day window is used: they leave the window on 06-11 (phase 2); five on-time epics
      // resolved on 06-20 reach phase 3.
      const f = facts({
        firstIncidentDay: '2026-06-02',
        deliverables: onTimeEpics(5, '2026-06-20'),
        incidents: [major('2026-06-10'), major('2026-06-10'), major('2026-06-10')],
      });
      const report = run(f, config({ reliabilityWindowDays: 1 }), { phaseChangesFrom: '2026-06-01' });
      expect(report.phaseChanges.map((c) => [c.date, c.from, c.to])).toEqual([
        ['2026-06-02', 1, 2],
        ['2026-06-10', 2, 1],
        ['2026-06-11', 1, 2],
        ['2026-06-20', 2, 3],
      ]);
      expect(report.timesThrownBack).toBe(1);
      expect(report.phaseChanges[1]!.cause).toEqual([
        { id: 'R1', value: 3, unit: 'count', op: '<=', limit: 2, waiverEnded: false },
      ]);
      expect(report.phaseChanges.filter((c) => c.to > c.from).every((c) => c.cause!.length === 0)).toBe(true);
      expect(report.phase).toBe(3);
    });

    test('the cause lists only the criteria of the phase lost that stopped counting as met that day', () => {
      // In phase 3, a major incident opened on 06-12 stays open: R3 fails once it is older than 24 h (06-13);
      // R1 (1 major ≤ 2) keeps holding, and the delivery criteria are not the cause of a fall to phase 1.
      const open = fact({ created: '2026-06-12T08:00:00.000+0000', priority: 'Highest' });
      const f = facts({ ...recorded, deliverables: onTimeEpics(5, '2026-06-05'), incidents: [open] });
      const report = run(f, config(), { phaseChangesFrom: '2026-06-01' });
      const back = report.phaseChanges.find((c) => c.to < c.from)!;
      expect(back).toMatchObject({ date: '2026-06-13', from: 3, to: 1 });
      expect(back.cause!.map((c) => c.id)).toEqual(['R3']);
      expect(back.cause![0]!.value).toBeGreaterThan(24);
      expect(back.cause![0]!.limit).toBe(24);
    });
  });

  test('nextGate in phase 2 lists the unmet delivery criteria', () => {
    const report = run(facts({ ...recorded }));
    expect(report.phase).toBe(2);
    expect(report.nextGate).toEqual({ phase: 3, blockers: ['D1', 'D2'] });
  });

  test('nextGate in phase 1 lists the unmet reliability criteria', () => {
    const open = fact({ created: '2026-06-01T00:00:00.000+0000', priority: 'High' });
    const report = run(facts({ incidents: [open] }));
    expect(report.phase).toBe(1);
    expect(report.nextGate).toEqual({ phase: 2, blockers: ['R3'] });
  });
});
