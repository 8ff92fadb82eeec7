/**
 * Property-based tests of the core (fast-check): invariants that must hold for any data.
 */
import fc from 'fast-check';
import { computeReport } from '../../src/core/compute';
import { addDays } from '../../src/core/dates';
import { computeDelivery } from '../../src/core/delivery';
import { computeReliability } from '../../src/core/reliability';
import type { IssueFact } from '../../src/core/facts';
import { config, fact, facts } from '../helpers/facts';

const AS_OF = '2026-06-30';
const BASE = Date.parse('2025-06-01T00:00:00Z');
const DAY = 86_400_000;
const cfg = config();

const iso = (ms: number) => new Date(ms).toISOString().replace('Z', '+0000');

const epicArb = fc
  .record({
    createdOffset: fc.integer({ min: 0, max: 390 }),
    dueOffset: fc.option(fc.integer({ min: -30, max: 420 }), { nil: null }),
    resolvedAfter: fc.option(fc.integer({ min: 0, max: 200 * 24 }), { nil: null }),
    excluded: fc.boolean(),
  })
  .map(({ createdOffset, dueOffset, resolvedAfter, excluded }) => {
    const created = BASE + createdOffset * DAY + 3_600_000;
    return fact({
      type: 'Epic',
      created: iso(created),
      due: dueOffset === null ? null : addDays('2025-06-01', createdOffset + dueOffset),
      resolved: resolvedAfter === null ? null : iso(created + resolvedAfter * 3_600_000),
      resolution: resolvedAfter === null ? null : excluded ? 'Duplicate' : 'Done',
    });
  });

const incidentArb = fc
  .record({
    createdOffset: fc.integer({ min: 0, max: 395 }),
    hours: fc.option(fc.integer({ min: 0, max: 2000 }), { nil: null }),
    priority: fc.constantFrom('Highest', 'High', 'Medium', 'Low', null),
  })
  .map(({ createdOffset, hours, priority }) => {
    const created = BASE + createdOffset * DAY + 7_200_000;
    return fact({
      created: iso(created),
      resolved: hours === null ? null : iso(created + hours * 3_600_000),
      priority,
    });
  });

describe('core properties', () => {
  test('onTime + late + overdueOpen = decided, and the on-time rate stays within [0, 1]', () => {
    fc.assert(
      fc.property(fc.array(epicArb, { maxLength: 60 }), fc.integer({ min: 0, max: 10 }), (epics, grace) => {
        const r = computeDelivery(epics, config({ graceDays: grace }), AS_OF).report;
        expect(r.onTime + r.late + r.overdueOpen).toBe(r.decided);
        if (r.decided === 0) expect(r.onTimeRate).toBeNull();
        else {
          expect(r.onTimeRate).toBeGreaterThanOrEqual(0);
          expect(r.onTimeRate).toBeLessThanOrEqual(1);
        }
      }),
    );
  });

  test('adding an on-time delivery never lowers the on-time rate', () => {
    fc.assert(
      fc.property(
        fc.array(epicArb, { maxLength: 40 }),
        fc.integer({ min: 1, max: 170 }),
        (epics, daysAgo) => {
          const before = computeDelivery(epics, cfg, AS_OF).report;
          const day = addDays(AS_OF, -daysAgo);
          const extra = fact({
            type: 'Epic',
            created: '2025-01-01T00:00:00.000+0000',
            due: day,
            resolved: `${day}T10:00:00.000+0000`,
          });
          const after = computeDelivery([...epics, extra], cfg, AS_OF).report;
          expect(after.decided).toBe(before.decided + 1);
          expect(after.onTimeRate!).toBeGreaterThanOrEqual(before.onTimeRate ?? 0);
        },
      ),
    );
  });

  test('shifting every timestamp, due date and asOf by whole days changes nothing else', () => {
    const shift = (f: IssueFact, days: number): IssueFact => ({
      ...f,
      created: f.created + days * DAY,
      createdDay: addDays(f.createdDay, days),
      resolved: f.resolved === null ? null : f.resolved + days * DAY,
      resolvedDay: f.resolvedDay === null ? null : addDays(f.resolvedDay, days),
      dueDate: f.dueDate === null ? null : addDays(f.dueDate, days),
    });
    fc.assert(
      fc.property(
        fc.array(incidentArb, { maxLength: 30 }),
        fc.array(epicArb, { maxLength: 30 }),
        fc.integer({ min: -400, max: 400 }),
        (incidents, epics, days) => {
          const a = computeReport(facts({ incidents, deliverables: epics }), cfg, {
            project: 'X',
            asOf: AS_OF,
            now: 0,
          });
          const b = computeReport(
            facts({
              incidents: incidents.map((i) => shift(i, days)),
              deliverables: epics.map((e) => shift(e, days)),
            }),
            cfg,
            { project: 'X', asOf: addDays(AS_OF, days), now: 0 },
          );
          // Hints may name a date ("drops to 2 after …"), which shifts with the data; every figure must not.
          const figures = (r: typeof a.report) => ({
            ...r,
            asOf: AS_OF,
            reliability: {
              ...r.reliability,
              criteria: r.reliability.criteria.map(({ hint: _h, ...c }) => c),
            },
          });
          expect(figures(b.report)).toEqual(figures(a.report));
        },
      ),
    );
  });

  test('reliability figures are consistent: major ≤ incidents, open ≤ incidents, median between min and max', () => {
    fc.assert(
      fc.property(fc.array(incidentArb, { maxLength: 60 }), (incidents) => {
        const r = computeReliability(incidents, cfg, AS_OF).report;
        expect(r.majorIncidents).toBeLessThanOrEqual(r.incidents);
        expect(r.openIncidents).toBeLessThanOrEqual(r.incidents);
        expect(r.longestOpenMajorHours).toBeGreaterThanOrEqual(0);
        if (r.restoredInWindow === 0) expect(r.medianRestoreHours).toBeNull();
        else expect(r.medianRestoreHours).toBeGreaterThanOrEqual(0);
        expect(r.met).toBe(r.criteria.every((c) => c.met));
      }),
    );
  });
});
