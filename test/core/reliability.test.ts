import { computeReliability } from '../../src/core/reliability';
import { config, fact } from '../helpers/facts';

const AS_OF = '2026-06-30';
const cfg = config();

describe('phase 1 — reliable systems', () => {
  test('incidents: issues of the incident types only', () => {
    const r = computeReliability(
      [
        fact({ created: '2026-06-01T10:00:00.000+0000' }),
        fact({ type: 'Bug', created: '2026-06-01T10:00:00.000+0000' }),
      ],
      cfg,
      AS_OF,
    ).report;
    expect(r.incidents).toBe(1);
  });

  test('incident types, priorities and labels match case-insensitively', () => {
    const r = computeReliability(
      [fact({ type: 'incident', priority: 'HIGH', created: '2026-06-01T10:00:00.000+0000' })],
      cfg,
      AS_OF,
    ).report;
    expect(r.majorIncidents).toBe(1);
  });

  test('window edges: created asOf − 90 is out, asOf − 89 and asOf are in', () => {
    const r = computeReliability(
      [
        fact({ created: '2026-04-01T12:00:00.000+0000' }),
        fact({ created: '2026-04-02T00:00:00.000+0000' }),
        fact({ created: '2026-06-30T23:59:59.000+0000' }),
      ],
      cfg,
      AS_OF,
    ).report;
    expect(r.incidents).toBe(2);
  });

  test('issues created after asOf do not exist', () => {
    const r = computeReliability(
      [fact({ created: '2026-07-01T00:00:00.000+0000', priority: 'Highest' })],
      cfg,
      AS_OF,
    ).report;
    expect(r).toMatchObject({ incidents: 0, majorIncidents: 0, longestOpenMajorHours: 0 });
  });

  test('a +hhmm offset decides the calendar date of creation', () => {
    // 2026-07-01T01:00+0200 is 2026-06-30T23:00Z: inside the window in UTC.
    const r = computeReliability([fact({ created: '2026-07-01T01:00:00.000+0200' })], cfg, AS_OF).report;
    expect(r.incidents).toBe(1);
  });

  test('a non-UTC time zone moves an incident across the window edge', () => {
    const f = { created: '2026-06-30T23:30:00.000+0000' };
    expect(computeReliability([fact(f, 'UTC')], cfg, AS_OF).report.incidents).toBe(1);
    const paris = config({ timeZone: 'Europe/Paris' });
    expect(computeReliability([fact(f, 'Europe/Paris')], paris, AS_OF).report.incidents).toBe(0);
  });

  test('exemption labels remove an incident everywhere', () => {
    const r = computeReliability(
      [
        fact({ created: '2026-06-01T10:00:00.000+0000', priority: 'High', labels: ['external-cause'] }),
        fact({ created: '2026-06-01T10:00:00.000+0000', priority: 'High', labels: ['Not-An-Incident'] }),
      ],
      cfg,
      AS_OF,
    ).report;
    expect(r).toMatchObject({ incidents: 0, majorIncidents: 0, longestOpenMajorHours: 0 });
  });

  test('excluded resolutions remove an incident everywhere', () => {
    const r = computeReliability(
      [
        fact({
          created: '2026-06-01T10:00:00.000+0000',
          resolved: '2026-06-03T10:00:00.000+0000',
          resolution: "won't do",
          priority: 'High',
        }),
      ],
      cfg,
      AS_OF,
    ).report;
    expect(r).toMatchObject({ incidents: 0, restoredInWindow: 0, medianRestoreHours: null });
  });

  test('major incidents: priority in majorPriorities; a null priority is not major', () => {
    const r = computeReliability(
      [
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
      ],
      cfg,
      AS_OF,
    );
    expect(r.report.majorIncidents).toBe(1);
    expect(r.report.criteria[0]).toMatchObject({ id: 'R1', value: 1, target: '<= 2', met: true });
  });

  test('open incidents: created in the window and not resolved at asOf (a later resolution counts as open)', () => {
    const r = computeReliability(
      [
        fact({ created: '2026-06-01T10:00:00.000+0000' }),
        fact({ created: '2026-06-01T10:00:00.000+0000', resolved: '2026-07-02T10:00:00.000+0000' }),
        fact({ created: '2026-06-01T10:00:00.000+0000', resolved: '2026-06-02T10:00:00.000+0000' }),
        fact({ created: '2026-01-01T10:00:00.000+0000' }),
      ],
      cfg,
      AS_OF,
    ).report;
    expect(r.openIncidents).toBe(2);
  });

  test('restored in window: resolved in the window whenever created; median and mean of restore hours', () => {
    const r = computeReliability(
      [
        fact({ created: '2026-01-01T00:00:00.000+0000', resolved: '2026-04-10T00:00:00.000+0000' }), // old, restored in window
        fact({ created: '2026-06-01T00:00:00.000+0000', resolved: '2026-06-01T02:00:00.000+0000' }), // 2 h
        fact({ created: '2026-06-01T00:00:00.000+0000', resolved: '2026-06-01T04:00:00.000+0000' }), // 4 h
        fact({ created: '2026-03-01T00:00:00.000+0000', resolved: '2026-03-02T00:00:00.000+0000' }), // out of window
        fact({ created: '2026-06-29T00:00:00.000+0000', resolved: '2026-07-01T00:00:00.000+0000' }), // after asOf
      ],
      cfg,
      AS_OF,
    ).report;
    expect(r.restoredInWindow).toBe(3);
    expect(r.medianRestoreHours).toBe(4);
    expect(r.meanRestoreHours).toBeCloseTo((2376 + 2 + 4) / 3, 10);
  });

  test('median of an even count is the mean of the two middle values', () => {
    const r = computeReliability(
      [
        fact({ created: '2026-06-01T00:00:00.000+0000', resolved: '2026-06-01T01:00:00.000+0000' }),
        fact({ created: '2026-06-01T00:00:00.000+0000', resolved: '2026-06-01T02:00:00.000+0000' }),
        fact({ created: '2026-06-01T00:00:00.000+0000', resolved: '2026-06-01T05:00:00.000+0000' }),
        fact({ created: '2026-06-01T00:00:00.000+0000', resolved: '2026-06-01T10:00:00.000+0000' }),
      ],
      cfg,
      AS_OF,
    ).report;
    expect(r.medianRestoreHours).toBe(3.5);
    expect(r.meanRestoreHours).toBe(4.5);
  });

  test('restore hours use the instants, whatever their offsets', () => {
    const r = computeReliability(
      [fact({ created: '2026-06-01T10:00:00.000+0530', resolved: '2026-06-01T10:00:00.000+0000' })],
      cfg,
      AS_OF,
    ).report;
    expect(r.medianRestoreHours).toBe(5.5);
  });

  test('no incidents: nothing restored, median null, reliability met', () => {
    const r = computeReliability([], cfg, AS_OF).report;
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
    const r = computeReliability(
      [
        fact({ key: 'OPS-1', created: '2026-01-01T00:00:00.000+0000', priority: 'High' }),
        fact({ key: 'OPS-2', created: '2026-06-30T12:00:00.000+0000', priority: 'Highest' }),
        fact({ key: 'OPS-3', created: '2025-01-01T00:00:00.000+0000', priority: 'Low' }),
      ],
      cfg,
      AS_OF,
    );
    const expected = (Date.parse('2026-07-01T00:00:00Z') - Date.parse('2026-01-01T00:00:00Z')) / 3600_000;
    expect(r.report.longestOpenMajorHours).toBe(expected);
    expect(r.report.criteria[2]).toMatchObject({ id: 'R3', met: false });
    expect(r.report.criteria[2]!.hint).toBe('resolve OPS-1');
    expect(r.evidence.openMajorIncidents).toEqual(['OPS-1', 'OPS-2']);
  });

  test('longest open major: the end of asOf follows the configured zone', () => {
    const tz = 'America/New_York';
    const r = computeReliability(
      [fact({ created: '2026-06-30T12:00:00.000-0400', priority: 'High' }, tz)],
      config({ timeZone: tz }),
      AS_OF,
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
    const r = computeReliability(majors, cfg, AS_OF).report;
    expect(r.met).toBe(false);
    expect(r.criteria[0]).toMatchObject({ id: 'R1', value: 3, met: false });
    expect(r.criteria[0]!.hint).toContain('1 major incident too many');
  });

  test('R2: a median restore above the target fails; R2 passes when nothing was restored', () => {
    const slow = [
      fact({ created: '2026-06-01T00:00:00.000+0000', resolved: '2026-06-03T00:00:00.000+0000' }),
    ];
    expect(computeReliability(slow, cfg, AS_OF).report.criteria[1]).toMatchObject({
      id: 'R2',
      value: 48,
      met: false,
    });
    expect(computeReliability(slow, config({ maxMedianRestoreHours: 48 }), AS_OF).report.met).toBe(true);
  });
});
