import { computeReport } from '../../src/core/compute';
import type { Config } from '../../src/core/config';
import type { IssueFact, LabelAdder } from '../../src/core/facts';
import { bypassOf, computeIdeas, decideIdea, lockReasons, type IsApprover } from '../../src/core/ideas';
import type { GateSources } from '../../src/core/sources';
import { config, fact, facts, namesAsIds } from '../helpers/facts';

const idea = (
  category: 'new' | 'indeterminate' | 'done' | 'unknown',
  labels: string[] = [],
  extra: {
    resolution?: string | null;
    creatorAccountId?: string | null;
    labelAdders?: LabelAdder[];
    key?: string;
  } = {},
) =>
  fact({
    key: extra.key ?? undefined,
    project: 'IDEAS',
    type: 'Innovation Idea',
    created: '2026-06-01T10:00:00.000+0000',
    category,
    labels,
    resolution: extra.resolution ?? null,
    creatorAccountId: extra.creatorAccountId,
    labelAdders: extra.labelAdders,
  });

const BOSS = 'acc-boss';
const DEV = 'acc-dev';
const cfg = config({ ideaBypassApprovers: [BOSS] });
const S = namesAsIds(cfg);
const ideas = (
  issues: IssueFact[],
  unlocked: boolean,
  c: Config = cfg,
  s: GateSources = S,
  isApprover?: IsApprover,
) => computeIdeas(issues, c, s, unlocked, isApprover).report;
const recorded = { firstIncidentDay: '2025-01-01' };

describe('ideas', () => {
  test('ideas are counted by current status category', () => {
    expect(ideas([idea('new'), idea('new'), idea('indeterminate'), idea('done')], false)).toEqual({
      typeFound: true,
      total: 4,
      waiting: 2,
      inProgress: 1,
      done: 1,
      locked: 2,
    });
  });

  test('ideas use the current status even when created after asOf', () => {
    const late = fact({ type: 'Innovation Idea', created: '2026-09-01T10:00:00.000+0000', category: 'new' });
    const { report } = computeReport(facts({ ideas: [late] }), cfg, S, {
      project: 'OPS',
      asOf: '2026-06-30',
      now: 0,
    });
    expect(report.ideas.total).toBe(1);
  });

  test('ideas resolved with an excluded resolution are not ideas', () => {
    expect(ideas([idea('done', [], { resolution: 'Duplicate' })], false).total).toBe(0);
  });

  test('ideas are matched by type id', () => {
    const s: GateSources = {
      ...S,
      ideas: { projects: ['IDEAS'], types: [{ name: 'Innovation Idea', id: '10050' }] },
    };
    const translated = { ...idea('new'), type: 'Idée', typeId: '10050' };
    expect(ideas([translated, idea('new')], false, cfg, s).total).toBe(1);
  });

  test('the idea type exists in none of the idea projects: counts are null, not zero, and the report says so', () => {
    const s: GateSources = { ...S, ideas: { projects: ['IDEAS'], types: [] } };
    expect(ideas([idea('new')], false, cfg, s)).toEqual({
      typeFound: false,
      total: null,
      waiting: null,
      inProgress: null,
      done: null,
      locked: null,
    });
    const { report } = computeReport(facts({}), cfg, s, { project: 'OPS', asOf: '2026-06-30', now: 0 });
    expect(report.warnings.join(' ')).toContain('exists in none of the idea projects (IDEAS)');
  });

  test('bypass labels put there by an approver are never locked', () => {
    const r = ideas(
      [
        idea('new', ['Security'], { creatorAccountId: BOSS }),
        idea('new', ['reliability'], { creatorAccountId: BOSS }),
        idea('new', [], { creatorAccountId: BOSS }),
      ],
      false,
    );
    expect(r.locked).toBe(1);
  });

  test('locked is 0 when innovation is unlocked', () => {
    expect(ideas([idea('new'), idea('new')], true).locked).toBe(0);
  });

  describe('bypass approvers (v2)', () => {
    test('a bypass label added by someone who is not an approver is ignored, naming who added it', () => {
      const i = idea('new', ['security'], {
        creatorAccountId: BOSS,
        labelAdders: [
          {
            label: 'security',
            accountId: DEV,
            displayName: 'Dev Dan',
            at: Date.parse('2026-06-02T10:00:00Z'),
          },
        ],
      });
      expect(bypassOf(i, cfg)).toEqual({
        bypass: null,
        addedBy: null,
        ignored: { label: 'security', addedBy: 'Dev Dan' },
      });
      expect(ideas([i], false).locked).toBe(1);
    });

    test('a bypass label added by an approver counts', () => {
      const i = idea('new', ['security'], {
        creatorAccountId: DEV,
        labelAdders: [
          { label: 'security', accountId: BOSS, displayName: 'Boss', at: Date.parse('2026-06-02T10:00:00Z') },
        ],
      });
      expect(bypassOf(i, cfg)).toMatchObject({ bypass: 'security', ignored: null });
      expect(ideas([i], false).locked).toBe(0);
    });

    test('an idea created with the label by an approver counts; created with it by anyone else does not', () => {
      expect(bypassOf(idea('new', ['security'], { creatorAccountId: BOSS }), cfg).bypass).toBe('security');
      const atCreation: LabelAdder[] = [{ label: 'security', accountId: BOSS, at: null }];
      expect(bypassOf(idea('new', ['security'], { labelAdders: atCreation }), cfg).bypass).toBe('security');
      expect(bypassOf(idea('new', ['security'], { creatorAccountId: DEV }), cfg)).toMatchObject({
        bypass: null,
        ignored: { label: 'security', addedBy: DEV },
      });
    });

    test('an unknown adder cannot approve', () => {
      expect(bypassOf(idea('new', ['security']), cfg)).toMatchObject({
        bypass: null,
        ignored: { label: 'security', addedBy: null },
      });
    });

    test("none listed: the administrators of the idea's project approve", () => {
      const open = config();
      const admins: IsApprover = (account, project) => account === BOSS && project === 'IDEAS';
      const i = idea('new', ['security'], { creatorAccountId: BOSS });
      expect(bypassOf(i, open, admins).bypass).toBe('security');
      expect(bypassOf({ ...i, project: 'OTHER' }, open, admins).bypass).toBeNull();
      // Default: nobody approves.
      expect(bypassOf(i, open).bypass).toBeNull();
      // Listed approvers replace the project administrators.
      expect(bypassOf(i, config({ ideaBypassApprovers: ['someone-else'] }), admins).bypass).toBeNull();
    });
  });

  describe('the one idea decision', () => {
    const c = config({ ideaBypassApprovers: [BOSS] });
    const lockedReport = computeReport(
      facts({
        incidents: [fact({ key: 'OPS-9', created: '2026-06-01T00:00:00.000+0000', priority: 'Highest' })],
      }),
      c,
      namesAsIds(c),
      { project: 'OPS', asOf: '2026-06-30', now: 0 },
    ).report;
    const known = { kind: 'known' as const, report: lockedReport };

    test('a waiting idea without bypass is locked while innovation is locked, with reasons naming each criterion', () => {
      const d = decideIdea(idea('new'), c, S, known);
      expect(d.locked).toBe(true);
      expect(
        d.reasons.some(
          (r) =>
            r.startsWith('Longest-open major incident: 720 h (30 days), needs at most 24 h') &&
            r.includes('resolve'),
        ),
      ).toBe(true);
      expect(
        d.reasons.some((r) => r.startsWith('Deliverables decided in 180 days: 0, needs at least 5')),
      ).toBe(true);
    });

    test('an idea in an unknown status category counts as waiting', () => {
      expect(decideIdea(idea('unknown'), c, S, known).locked).toBe(true);
    });

    test('a non-idea is never locked', () => {
      expect(
        decideIdea(fact({ type: 'Story', created: '2026-06-01T10:00:00.000+0000' }), c, S, known),
      ).toMatchObject({
        locked: false,
        isIdea: false,
        reasons: ['not an idea'],
      });
    });

    test('an idea already in progress or done is not locked', () => {
      expect(decideIdea(idea('indeterminate'), c, S, known).locked).toBe(false);
      expect(decideIdea(idea('done'), c, S, known).locked).toBe(false);
    });

    test('an approved bypass label lets the idea through and is named', () => {
      expect(decideIdea(idea('new', ['security'], { creatorAccountId: BOSS }), c, S, known)).toMatchObject({
        locked: false,
        bypass: 'security',
        ignoredBypass: null,
      });
    });

    test('an ignored bypass label keeps the idea locked, and the decision says who added it', () => {
      const i = idea('new', ['security'], {
        labelAdders: [{ label: 'security', accountId: DEV, displayName: 'Dev Dan', at: 1 }],
      });
      const d = decideIdea(i, c, S, known);
      expect(d).toMatchObject({
        locked: true,
        bypass: null,
        ignoredBypass: { label: 'security', addedBy: 'Dev Dan' },
      });
      expect(d.reasons).toContain(
        'the security label was added by Dev Dan, who cannot approve a bypass: it is ignored',
      );
    });

    test('an unknown gate fails closed, saying why', () => {
      const d = decideIdea(idea('new'), c, S, { kind: 'unknown', why: 'the gate was never computed' });
      expect(d).toMatchObject({ locked: true, reasons: ['the gate was never computed'] });
    });

    test('unlocked innovation unlocks the idea', () => {
      expect(
        decideIdea(idea('new'), c, S, {
          kind: 'known',
          report: { ...lockedReport, innovationUnlocked: true },
        }).locked,
      ).toBe(false);
    });

    test('the on-time reason says how many more on-time deliveries', () => {
      const epic = (resolved: string) =>
        fact({ type: 'Epic', created: '2026-01-02T09:00:00.000+0000', due: '2026-05-10', resolved });
      const epics = [
        ...[1, 2].map(() => epic('2026-05-09T10:00:00.000+0000')),
        ...[1, 2, 3].map(() => epic('2026-05-20T10:00:00.000+0000')),
      ];
      const report = computeReport(facts({ ...recorded, deliverables: epics }), c, S, {
        project: 'OPS',
        asOf: '2026-06-30',
        now: 0,
      }).report;
      expect(lockReasons(report)).toEqual([
        'On-time rate: 40%, needs at least 80% — 10 more on-time deliveries',
      ]);
    });

    test('a waived criterion does not lock an idea', () => {
      const report = computeReport(
        facts({ ...recorded }),
        config({
          waivers: [
            { criterion: 'D1', from: '2026-06-01', until: '2026-06-30', reason: 'r', approver: 'a' },
            { criterion: 'D2', from: '2026-06-01', until: '2026-06-30', reason: 'r', approver: 'a' },
          ],
        }),
        S,
        { project: 'OPS', asOf: '2026-06-30', now: 0 },
      ).report;
      expect(report.innovationUnlocked).toBe(true);
      expect(decideIdea(idea('new'), c, S, { kind: 'known', report }).locked).toBe(false);
      expect(lockReasons({ ...report, innovationUnlocked: false })).toEqual([
        'both phases are met as of 30 Jun 2026 but not yet for the whole sustain period',
      ]);
    });
  });
});
