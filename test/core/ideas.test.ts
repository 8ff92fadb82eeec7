import { computeReport } from '../../src/core/compute';
import { computeIdeas, decideIdea, lockReasons } from '../../src/core/ideas';
import { config, fact, facts } from '../helpers/facts';

const idea = (
  category: 'new' | 'indeterminate' | 'done',
  labels: string[] = [],
  resolution: string | null = null,
) => fact({ type: 'Innovation Idea', created: '2026-06-01T10:00:00.000+0000', category, labels, resolution });

const cfg = config();

describe('ideas', () => {
  test('ideas are counted by current status category', () => {
    const r = computeIdeas(
      [idea('new'), idea('new'), idea('indeterminate'), idea('done')],
      cfg,
      false,
    ).report;
    expect(r).toEqual({ total: 4, waiting: 2, inProgress: 1, done: 1, locked: 2 });
  });

  test('ideas use the current status even when created after asOf', () => {
    const late = fact({ type: 'Innovation Idea', created: '2026-09-01T10:00:00.000+0000', category: 'new' });
    const { report } = computeReport(facts({ ideas: [late] }), cfg, {
      project: 'OPS',
      asOf: '2026-06-30',
      now: 0,
    });
    expect(report.ideas.total).toBe(1);
  });

  test('ideas resolved with an excluded resolution are not ideas', () => {
    expect(computeIdeas([idea('done', [], 'Duplicate')], cfg, false).report.total).toBe(0);
  });

  test('bypass labels are never locked', () => {
    const r = computeIdeas(
      [idea('new', ['Security']), idea('new', ['reliability']), idea('new')],
      cfg,
      false,
    ).report;
    expect(r.locked).toBe(1);
  });

  test('locked is 0 when innovation is unlocked', () => {
    expect(computeIdeas([idea('new'), idea('new')], cfg, true).report.locked).toBe(0);
  });

  describe('the one idea decision', () => {
    const lockedReport = computeReport(
      facts({
        incidents: [fact({ key: 'OPS-9', created: '2026-06-01T00:00:00.000+0000', priority: 'Highest' })],
      }),
      cfg,
      { project: 'OPS', asOf: '2026-06-30', now: 0 },
    ).report;
    const known = { kind: 'known' as const, report: lockedReport };

    test('a waiting idea without bypass is locked while innovation is locked, with reasons naming each criterion', () => {
      const d = decideIdea(idea('new'), cfg, known);
      expect(d.locked).toBe(true);
      expect(
        d.reasons.some(
          (r) => r.startsWith('Longest-open major incident (hours)') && r.includes('resolve OPS-9'),
        ),
      ).toBe(true);
      expect(
        d.reasons.some((r) => r.startsWith('Deliverables decided in 180 days: 0, needs at least 5')),
      ).toBe(true);
    });

    test('a non-idea is never locked', () => {
      expect(
        decideIdea(fact({ type: 'Story', created: '2026-06-01T10:00:00.000+0000' }), cfg, known),
      ).toMatchObject({
        locked: false,
        isIdea: false,
        reasons: [],
      });
    });

    test('an idea already in progress or done is not locked', () => {
      expect(decideIdea(idea('indeterminate'), cfg, known).locked).toBe(false);
      expect(decideIdea(idea('done'), cfg, known).locked).toBe(false);
    });

    test('a bypass label lets the idea through and is named', () => {
      expect(decideIdea(idea('new', ['security']), cfg, known)).toMatchObject({
        locked: false,
        bypass: 'security',
      });
    });

    test('an unknown gate fails closed, saying why', () => {
      const d = decideIdea(idea('new'), cfg, { kind: 'unknown', why: 'the gate was never computed' });
      expect(d).toMatchObject({ locked: true, reasons: ['the gate was never computed'] });
    });

    test('unlocked innovation unlocks the idea', () => {
      expect(
        decideIdea(idea('new'), cfg, { kind: 'known', report: { ...lockedReport, innovationUnlocked: true } })
          .locked,
      ).toBe(false);
    });

    test('the on-time reason says how many more on-time deliveries', () => {
      const epics = [
        ...[1, 2].map(() =>
          fact({
            type: 'Epic',
            created: '2026-01-02T09:00:00.000+0000',
            due: '2026-05-10',
            resolved: '2026-05-09T10:00:00.000+0000',
          }),
        ),
        ...[1, 2, 3].map(() =>
          fact({
            type: 'Epic',
            created: '2026-01-02T09:00:00.000+0000',
            due: '2026-05-10',
            resolved: '2026-05-20T10:00:00.000+0000',
          }),
        ),
      ];
      const report = computeReport(facts({ deliverables: epics }), cfg, {
        project: 'OPS',
        asOf: '2026-06-30',
        now: 0,
      }).report;
      expect(lockReasons(report)).toEqual([
        'On-time rate: 40%, needs at least 80% — about 10 more on-time deliveries',
      ]);
    });
  });
});
