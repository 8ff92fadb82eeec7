import { addDays } from '../../src/core/dates';
import { isExcluded, resolvedInstant } from '../../src/core/facts';
import { computeReliability, type ReliabilityResult } from '../../src/core/reliability';
import type { Criterion, CriterionId } from '../../src/core/report';
import type { GateSources } from '../../src/core/sources';
import { config, fact, namesAsIds } from '../helpers/facts';

const AS_OF = '2026-06-30';
const cfg = config();
const S = namesAsIds(cfg);
/** Reliability with R0 satisfied by an incident recorded long ago, unless `first` says otherwise. */
const rel = (
  incidents: Parameters<typeof computeReliability>[0],
  c = cfg,
  asOf = AS_OF,
  sources: GateSources = S,
  first: string | null = '2020-01-01',
): ReliabilityResult => computeReliability(incidents, sources, c, asOf, first);
const crit = (r: ReliabilityResult, id: CriterionId): Criterion =>
  r.report.criteria.find((c) => c.id === id)!;

describe('phase 1 — reliable systems', () => {
  test('incidents: issues of the incident types only', () => {
    const r = rel([
      fact({ created: '2026-06-01T10:00:00.000+0000' }),
      fact({ type: '[System] Incident', created: '2026-06-01T10:00:00.000+0000' }),
      fact({ type: 'Bug', created: '2026-06-01T10:00:00.000+0000' }),
    ]).report;
    expect(r.incidents).toBe(2);
  });

  describe('names are matched to ids (SPEC §3.0)', () => {
    const site: GateSources = {
      ...S,
      incidents: {
        projects: ['ITSM'],
        types: [{ name: 'Incident', id: '10021' }],
        majorPriorities: [
          { name: 'Highest', id: '1' },
          { name: 'High', id: '2' },
        ],
      },
      excludedResolutions: [{ name: 'Duplicate', id: '3' }],
    };
    const at = '2026-06-01T10:00:00.000+0000';

    test('a translated type name with the configured id counts; the same name with another id does not', () => {
      const r = rel(
        [
          fact({ key: 'ITSM-1', type: 'Vorfall', typeId: '10021', created: at }),
          fact({ key: 'ITSM-2', type: 'Incident', typeId: '99', created: at }),
        ],
        cfg,
        AS_OF,
        site,
      ).report;
      expect(r.incidents).toBe(1);
    });

    test('a translated priority with a major id is major; "High" with another id is not', () => {
      const r = rel(
        [
          fact({ typeId: '10021', priority: 'Hoch', priorityId: '2', created: at }),
          fact({ typeId: '10021', priority: 'High', priorityId: '7', created: at }),
        ],
        cfg,
        AS_OF,
        site,
      );
      expect(r.report).toMatchObject({ incidents: 2, majorIncidents: 1 });
    });

    test('an excluded resolution matches by id, whatever its name', () => {
      const done = '2026-06-02T10:00:00.000+0000';
      const r = rel(
        [
          fact({ typeId: '10021', resolved: done, resolution: 'Doublon', resolutionId: '3', created: at }),
          fact({ typeId: '10021', resolved: done, resolution: 'Duplicate', resolutionId: '77', created: at }),
        ],
        cfg,
        AS_OF,
        site,
      ).report;
      expect(r).toMatchObject({ incidents: 1, restoredInWindow: 1 });
    });
  });

  test('window edges: created asOf − 90 is out, asOf − 89 and asOf are in', () => {
    const r = rel([
      fact({ created: '2026-04-01T12:00:00.000+0000' }),
      fact({ created: '2026-04-02T00:00:00.000+0000' }),
      fact({ created: '2026-06-30T23:59:59.000+0000' }),
    ]).report;
    expect(r.incidents).toBe(2);
  });

  test('issues created after asOf do not exist', () => {
    const r = rel([fact({ created: '2026-07-01T00:00:00.000+0000', priority: 'Highest' })]).report;
    expect(r).toMatchObject({ incidents: 0, majorIncidents: 0, longestOpenMajorHours: 0 });
  });

  test('a +hhmm offset decides the calendar date of creation', () => {
    // 2026-07-01T01:00+0200 is 2026-06-30T23:00Z: inside the window in UTC.
    expect(rel([fact({ created: '2026-07-01T01:00:00.000+0200' })]).report.incidents).toBe(1);
  });

  test('a non-UTC time zone moves an incident across the window edge', () => {
    const f = { created: '2026-06-30T23:30:00.000+0000' };
    expect(rel([fact(f, 'UTC')]).report.incidents).toBe(1);
    const paris = config({ timeZone: 'Europe/Paris' });
    expect(rel([fact(f, 'Europe/Paris')], paris).report.incidents).toBe(0);
  });

  test('exemption labels remove an incident everywhere (labels by name, case-insensitively)', () => {
    const r = rel([
      fact({ created: '2026-06-01T10:00:00.000+0000', priority: 'High', labels: ['external-cause'] }),
      fact({ created: '2026-06-01T10:00:00.000+0000', priority: 'High', labels: ['Not-An-Incident'] }),
    ]).report;
    expect(r).toMatchObject({ incidents: 0, majorIncidents: 0, longestOpenMajorHours: 0 });
  });

  test('excluded resolutions remove an incident everywhere', () => {
    const r = rel([
      fact({
        created: '2026-06-01T10:00:00.000+0000',
        resolved: '2026-06-03T10:00:00.000+0000',
        resolution: "Won't Do",
        priority: 'High',
      }),
    ]).report;
    expect(r).toMatchObject({ incidents: 0, restoredInWindow: 0, medianRestoreHours: null });
  });

  test('major incidents: priority in majorPriorities; a null priority is not major', () => {
    const r = rel([
      fact({
        created: '2026-06-01T10:00:00.000+0000',
        priority: 'Highest',
        resolved: '2026-06-01T12:00:00.000+0000',
      }),
      fact({
        created: '2026-06-01T10:00:00.000+0000',
        priority: null,
        resolved: '2026-06-01T12:00:00.000+0000',
      }),
    ]);
    expect(r.report.majorIncidents).toBe(1);
    expect(crit(r, 'R1')).toEqual({
      id: 'R1',
      label: 'Major incidents in 90 days',
      value: 1,
      unit: 'count',
      op: '<=',
      limit: 2,
      met: true,
      waived: false,
      need: null,
    });
  });

  test('open incidents: created in the window and not resolved at asOf (a later resolution counts as open)', () => {
    const r = rel([
      fact({ created: '2026-06-01T10:00:00.000+0000' }),
      fact({ created: '2026-06-01T10:00:00.000+0000', resolved: '2026-07-02T10:00:00.000+0000' }),
      fact({ created: '2026-06-01T10:00:00.000+0000', resolved: '2026-06-02T10:00:00.000+0000' }),
      fact({ created: '2026-01-01T10:00:00.000+0000' }),
    ]).report;
    expect(r.openIncidents).toBe(2);
  });

  test('restored in window: resolved in the window whenever created; median and mean of restore hours', () => {
    const r = rel([
      fact({ created: '2026-01-01T00:00:00.000+0000', resolved: '2026-04-10T00:00:00.000+0000' }), // old, restored in window
      fact({ created: '2026-06-01T00:00:00.000+0000', resolved: '2026-06-01T02:00:00.000+0000' }), // 2 h
      fact({ created: '2026-06-01T00:00:00.000+0000', resolved: '2026-06-01T04:00:00.000+0000' }), // 4 h
      fact({ created: '2026-03-01T00:00:00.000+0000', resolved: '2026-03-02T00:00:00.000+0000' }), // out of window
      fact({ created: '2026-06-29T00:00:00.000+0000', resolved: '2026-07-01T00:00:00.000+0000' }), // after asOf
    ]).report;
    expect(r.restoredInWindow).toBe(3);
    expect(r.medianRestoreHours).toBe(4);
    expect(r.meanRestoreHours).toBeCloseTo((2376 + 2 + 4) / 3, 10);
  });

  test('median of an even count is the mean of the two middle values', () => {
    const r = rel(
      [1, 2, 5, 10].map((h) =>
        fact({
          created: '2026-06-01T00:00:00.000+0000',
          resolved: `2026-06-01T${String(h).padStart(2, '0')}:00:00.000+0000`,
        }),
      ),
    ).report;
    expect(r.medianRestoreHours).toBe(3.5);
    expect(r.meanRestoreHours).toBe(4.5);
  });

  test('restore hours use the instants, whatever their offsets', () => {
    const r = rel([
      fact({ created: '2026-06-01T10:00:00.000+0530', resolved: '2026-06-01T10:00:00.000+0000' }),
    ]).report;
    expect(r.medianRestoreHours).toBe(5.5);
  });

  test('no incident in the window (but some recorded before): nothing restored, median null, reliability met', () => {
    const r = rel([]).report;
    expect(r).toMatchObject({
      met: true,
      incidents: 0,
      restoredInWindow: 0,
      medianRestoreHours: null,
      meanRestoreHours: null,
      longestOpenMajorHours: 0,
    });
  });

  test('longest open major: from creation to the end of asOf in the zone, created any time', () => {
    const r = rel([
      fact({ key: 'OPS-1', created: '2026-01-01T00:00:00.000+0000', priority: 'High' }),
      fact({ key: 'OPS-2', created: '2026-06-30T12:00:00.000+0000', priority: 'Highest' }),
      fact({ key: 'OPS-3', created: '2025-01-01T00:00:00.000+0000', priority: 'Low' }),
    ]);
    const expected = (Date.parse('2026-07-01T00:00:00Z') - Date.parse('2026-01-01T00:00:00Z')) / 3600_000;
    expect(r.report.longestOpenMajorHours).toBe(expected);
    expect(crit(r, 'R3')).toMatchObject({
      id: 'R3',
      value: expected,
      unit: 'hours',
      op: '<=',
      limit: 24,
      met: false,
      need: { kind: 'resolveOpenMajors', count: 1 },
    });
    expect(r.evidence.openMajorIncidents).toEqual(['OPS-1', 'OPS-2']);
    expect(r.evidence.staleMajorIncidents).toEqual(['OPS-1']);
  });

  test('longest open major: the end of asOf follows the configured zone', () => {
    const tz = 'America/New_York';
    const r = rel(
      [fact({ created: '2026-06-30T12:00:00.000-0400', priority: 'High' }, tz)],
      config({ timeZone: tz }),
    ).report;
    expect(r.longestOpenMajorHours).toBe(12);
  });

  test('R1: more major incidents than allowed fails, with how many too many', () => {
    const majors = [1, 2, 3].map((d) =>
      fact({
        created: `2026-06-0${d}T00:00:00.000+0000`,
        resolved: `2026-06-0${d}T01:00:00.000+0000`,
        priority: 'High',
      }),
    );
    const r = rel(majors);
    expect(r.report.met).toBe(false);
    expect(crit(r, 'R1')).toMatchObject({
      value: 3,
      met: false,
      need: { kind: 'fewerMajorIncidents', excess: 1, clearsOn: '2026-08-30' },
    });
  });

  test('R1 clearsOn: the created day of the excess-th oldest major in the window + windowDays', () => {
    const major = (day: string) =>
      fact({
        created: `${day}T08:00:00.000+0000`,
        resolved: `${day}T09:00:00.000+0000`,
        priority: 'Highest',
      });
    const majors = [
      major('2026-01-15'), // before the window: not among the oldest in it
      major('2026-06-20'),
      major('2026-06-05'),
      major('2026-06-10'),
      major('2026-06-01'),
    ];
    const r1 = crit(rel(majors), 'R1');
    expect(r1.need).toEqual({ kind: 'fewerMajorIncidents', excess: 2, clearsOn: addDays('2026-06-05', 90) });
    // It is the first as-of date on which R1 holds with no new major incident.
    expect(crit(rel(majors, cfg, '2026-09-03'), 'R1').met).toBe(true);
    expect(crit(rel(majors, cfg, '2026-09-02'), 'R1').met).toBe(false);
    expect(addDays('2026-06-05', 90)).toBe('2026-09-03');
  });

  test('R2: a median restore above the target fails with the excess hours; R2 passes when nothing was restored', () => {
    const slow = [
      fact({ created: '2026-06-01T00:00:00.000+0000', resolved: '2026-06-03T06:00:00.000+0000' }),
    ];
    expect(crit(rel(slow), 'R2')).toMatchObject({
      value: 54,
      unit: 'hours',
      op: '<=',
      limit: 24,
      met: false,
      need: { kind: 'fasterRestore', excessHours: 30 },
    });
    expect(rel(slow, config({ maxMedianRestoreHours: 54 })).report.met).toBe(true);
    expect(crit(rel([fact({ created: '2026-06-01T00:00:00.000+0000' })]), 'R2')).toMatchObject({
      value: null,
      met: true,
      need: null,
    });
  });

  test('R3 need: how many open majors are older than the limit, their keys oldest first as evidence', () => {
    const r = rel([
      fact({ key: 'OPS-5', created: '2026-06-20T00:00:00.000+0000', priority: 'High' }),
      fact({ key: 'OPS-4', created: '2026-06-10T00:00:00.000+0000', priority: 'Highest' }),
      fact({ key: 'OPS-6', created: '2026-06-30T06:00:00.000+0000', priority: 'High' }), // 18 h: not stale
      fact({ key: 'OPS-7', created: '2026-06-01T00:00:00.000+0000', priority: 'Medium' }), // not major
    ]);
    expect(crit(r, 'R3').need).toEqual({ kind: 'resolveOpenMajors', count: 2 });
    expect(r.evidence.staleMajorIncidents).toEqual(['OPS-4', 'OPS-5']);
  });

  describe('R0 "incidents are recorded" (unknown is never a pass)', () => {
    const r0 = (r: ReliabilityResult) => crit(r, 'R0');

    test('no incident ever recorded: R0 not met, need recordIncidents, so reliability is not met', () => {
      const r = rel([], cfg, AS_OF, S, null);
      expect(r0(r)).toEqual({
        id: 'R0',
        label: 'Incidents are recorded',
        value: 0,
        unit: 'count',
        op: '>=',
        limit: 1,
        met: false,
        waived: false,
        need: { kind: 'recordIncidents' },
      });
      expect(r.report.met).toBe(false);
      // R1–R3 alone would pass.
      expect(r.report.criteria.filter((c) => c.id !== 'R0').every((c) => c.met)).toBe(true);
    });

    test('an incident recorded long before the window satisfies R0 (value 1)', () => {
      expect(r0(rel([], cfg, AS_OF, S, '2024-03-01'))).toMatchObject({ value: 1, met: true, need: null });
    });

    test('an incident recorded only after asOf does not', () => {
      expect(r0(rel([], cfg, AS_OF, S, '2026-07-01')).met).toBe(false);
      expect(r0(rel([fact({ created: '2026-07-01T10:00:00.000+0000' })], cfg, AS_OF, S, null)).met).toBe(
        false,
      );
    });

    test('an incident among the facts counts even without the first-incident search', () => {
      expect(r0(rel([fact({ created: '2026-06-01T10:00:00.000+0000' })], cfg, AS_OF, S, null)).met).toBe(
        true,
      );
    });

    test('an exempt or excluded issue is not a recorded incident', () => {
      const r = rel(
        [
          fact({ created: '2026-06-01T10:00:00.000+0000', labels: ['external-cause'] }),
          fact({
            created: '2026-06-01T10:00:00.000+0000',
            resolved: '2026-06-02T10:00:00.000+0000',
            resolution: 'Duplicate',
          }),
        ],
        cfg,
        AS_OF,
        S,
        null,
      );
      expect(r0(r).met).toBe(false);
    });

    test('no incident type exists in the incident projects: R0 not met, even with incidents recorded', () => {
      const none: GateSources = { ...S, incidents: { ...S.incidents, types: [] } };
      const r = rel([fact({ created: '2026-06-01T10:00:00.000+0000' })], cfg, AS_OF, none, '2024-01-01');
      expect(r0(r)).toMatchObject({ met: false, need: { kind: 'recordIncidents' } });
      expect(r.report.met).toBe(false);
    });
  });

  describe('Resolved (v2): Done without a resolution', () => {
    test('an incident Done without a resolution is restored at the date it moved to Done', () => {
      const r = rel([
        fact({
          created: '2026-06-01T00:00:00.000+0000',
          resolved: '2026-06-01T06:00:00.000+0000',
          doneWithoutResolution: true,
        }),
      ]).report;
      expect(r).toMatchObject({ openIncidents: 0, restoredInWindow: 1, medianRestoreHours: 6 });
    });

    test('resolvedInstant: resolutiondate when there is a resolution; else statuscategorychangedate when done', () => {
      expect(
        resolvedInstant({
          resolutionDate: 10,
          hasResolution: true,
          statusCategory: 'done',
          statusCategoryChanged: 5,
        }),
      ).toEqual({ at: 10, doneWithoutResolution: false });
      expect(
        resolvedInstant({
          resolutionDate: null,
          hasResolution: false,
          statusCategory: 'done',
          statusCategoryChanged: 5,
        }),
      ).toEqual({ at: 5, doneWithoutResolution: true });
      // Not done and no resolution: unresolved.
      expect(
        resolvedInstant({
          resolutionDate: null,
          hasResolution: false,
          statusCategory: 'indeterminate',
          statusCategoryChanged: 5,
        }),
      ).toEqual({ at: null, doneWithoutResolution: false });
      // A resolution without a resolution date: unresolved (the date to Done is not used for it).
      expect(
        resolvedInstant({
          resolutionDate: null,
          hasResolution: true,
          statusCategory: 'done',
          statusCategoryChanged: 5,
        }),
      ).toEqual({ at: null, doneWithoutResolution: false });
    });

    test('excluded resolutions apply only to issues that have a resolution', () => {
      const excluded = (id: string | null | undefined) => id === 'Duplicate';
      expect(isExcluded({ resolution: 'Duplicate', resolutionId: 'Duplicate' }, excluded)).toBe(true);
      expect(isExcluded({ resolution: null, resolutionId: null }, excluded)).toBe(false);
    });
  });
});
