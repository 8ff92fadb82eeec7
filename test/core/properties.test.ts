/**
 * Property-based tests of the core (fast-check): invariants that must hold for any data.
 */
import fc from 'fast-check';
import { computeReport } from '../../src/core/compute';
import type { Waiver } from '../../src/core/config';
import { addDays } from '../../src/core/dates';
import { computeDelivery } from '../../src/core/delivery';
import { computeReliability } from '../../src/core/reliability';
import type { IssueFact } from '../../src/core/facts';
import type { Report } from '../../src/core/report';
import { config, fact, facts, history, namesAsIds } from '../helpers/facts';

const AS_OF = '2026-06-30';
const BASE = Date.parse('2025-06-01T00:00:00Z');
const DAY = 86_400_000;
const cfg = config();
const S = namesAsIds(cfg);

const iso = (ms: number) => new Date(ms).toISOString().replace('Z', '+0000');

const epicArb = fc
  .record({
    createdOffset: fc.integer({ min: 0, max: 390 }),
    dueOffset: fc.option(fc.integer({ min: -30, max: 420 }), { nil: null }),
    resolvedAfter: fc.option(fc.integer({ min: 0, max: 200 * 24 }), { nil: null }),
    excluded: fc.boolean(),
    doneWithoutResolution: fc.boolean(),
  })
  .map(({ createdOffset, dueOffset, resolvedAfter, excluded, doneWithoutResolution }) => {
    const created = BASE + createdOffset * DAY + 3_600_000;
    return fact({
      type: 'Epic',
      created: iso(created),
      due: dueOffset === null ? null : addDays('2025-06-01', createdOffset + dueOffset),
      resolved: resolvedAfter === null ? null : iso(created + resolvedAfter * 3_600_000),
      resolution: resolvedAfter === null ? null : excluded ? 'Duplicate' : 'Done',
      doneWithoutResolution: resolvedAfter !== null && !excluded && doneWithoutResolution,
    });
  });

/** Epics whose due date is pushed out (later) after they start: a changelog to replay. */
const slippingEpicArb = fc
  .record({
    createdOffset: fc.integer({ min: 0, max: 300 }),
    due: fc.integer({ min: 5, max: 200 }),
    startAfter: fc.integer({ min: 0, max: 60 }),
    pushes: fc.array(
      fc.record({ after: fc.integer({ min: 0, max: 200 }), by: fc.integer({ min: 1, max: 60 }) }),
      {
        maxLength: 3,
      },
    ),
    resolvedAfter: fc.option(fc.integer({ min: 1, max: 300 }), { nil: null }),
  })
  .map(({ createdOffset, due, startAfter, pushes, resolvedAfter }) => {
    const created = BASE + createdOffset * DAY + 3_600_000;
    const createdDay = addDays('2025-06-01', createdOffset);
    let current = addDays(createdDay, due);
    const dueChanges: [string, string | null, string | null][] = [];
    let t = created + startAfter * DAY + 7_200_000;
    for (const p of pushes) {
      t += p.after * DAY + 60_000;
      const next = addDays(current, p.by);
      dueChanges.push([iso(t), current, next]);
      current = next;
    }
    return fact({
      type: 'Epic',
      created: iso(created),
      due: current,
      history: history(dueChanges, [[iso(created + startAfter * DAY + 3_600_000), 'new', 'indeterminate']]),
      // Initial due date at creation: the first change's `from` (or `due` when never pushed).
      resolved: resolvedAfter === null ? null : iso(created + resolvedAfter * DAY),
      category: resolvedAfter === null ? 'indeterminate' : 'done',
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
        const r = computeDelivery(epics, S, config({ graceDays: grace }), AS_OF).report;
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
          const before = computeDelivery(epics, S, cfg, AS_OF).report;
          const day = addDays(AS_OF, -daysAgo);
          const extra = fact({
            type: 'Epic',
            created: '2025-01-01T00:00:00.000+0000',
            due: day,
            resolved: `${day}T10:00:00.000+0000`,
          });
          const after = computeDelivery([...epics, extra], S, cfg, AS_OF).report;
          expect(after.decided).toBe(before.decided + 1);
          expect(after.onTimeRate!).toBeGreaterThanOrEqual(before.onTimeRate ?? 0);
        },
      ),
    );
  });

  test('due dates only pushed out: the committed basis never counts more on time than the current one; slipped ≤ decided', () => {
    fc.assert(
      fc.property(fc.array(slippingEpicArb, { maxLength: 30 }), (epics) => {
        const committed = computeDelivery(epics, S, cfg, AS_OF).report;
        const current = computeDelivery(epics, S, config({ dueDateBasis: 'current' }), AS_OF).report;
        const committedOnTime = computeDelivery(epics, S, cfg, AS_OF).evidence.onTime;
        const currentOnTime = computeDelivery(epics, S, config({ dueDateBasis: 'current' }), AS_OF).evidence
          .onTime;
        for (const k of committedOnTime) expect(currentOnTime).toContain(k);
        expect(committed.slipped).toBeLessThanOrEqual(committed.decided);
        if (committed.slipped === 0) expect(committed.medianSlipDays).toBeNull();
        else expect(committed.medianSlipDays).toBeGreaterThan(0);
        expect(current.onTime + current.late + current.overdueOpen).toBe(current.decided);
      }),
      { numRuns: 50 },
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
          const at = (asOf: string) => ({ project: 'X', asOf, now: 0, phaseChangesFrom: addDays(asOf, -20) });
          const a = computeReport(facts({ incidents, deliverables: epics }), cfg, S, at(AS_OF));
          const b = computeReport(
            facts({
              incidents: incidents.map((i) => shift(i, days)),
              deliverables: epics.map((e) => shift(e, days)),
            }),
            cfg,
            S,
            at(addDays(AS_OF, days)),
          );
          // Needs and phase changes name dates, which shift with the data; every figure must not.
          const figures = (r: Report) => ({
            ...r,
            asOf: AS_OF,
            phaseChanges: r.phaseChanges.map(({ from, to }) => ({ from, to })),
            reliability: {
              ...r.reliability,
              criteria: r.reliability.criteria.map((c) =>
                c.need?.kind === 'fewerMajorIncidents' ? { ...c, need: { ...c.need, clearsOn: null } } : c,
              ),
            },
          });
          expect(figures(b.report)).toEqual(figures(a.report));
          expect(b.report.phaseChanges.map((c) => addDays(c.date, -days))).toEqual(
            a.report.phaseChanges.map((c) => c.date),
          );
        },
      ),
      { numRuns: 60 },
    );
  });

  test('reliability figures are consistent: major ≤ incidents, open ≤ incidents, median between min and max', () => {
    fc.assert(
      fc.property(fc.array(incidentArb, { maxLength: 60 }), (incidents) => {
        const r = computeReliability(incidents, S, cfg, AS_OF).report;
        expect(r.majorIncidents).toBeLessThanOrEqual(r.incidents);
        expect(r.openIncidents).toBeLessThanOrEqual(r.incidents);
        expect(r.longestOpenMajorHours).toBeGreaterThanOrEqual(0);
        if (r.restoredInWindow === 0) expect(r.medianRestoreHours).toBeNull();
        else expect(r.medianRestoreHours).toBeGreaterThanOrEqual(0);
        expect(r.met).toBe(r.criteria.every((c) => c.met));
        for (const c of r.criteria) expect(c.need === null).toBe(c.met);
      }),
    );
  });

  test('waivers on every waivable criterion: phase 3 exactly when R0 holds; every real met is unchanged', () => {
    const all: Waiver[] = (['R1', 'R2', 'R3', 'D1', 'D2'] as const).map((criterion) => ({
      criterion,
      from: '2026-06-01',
      until: AS_OF,
      reason: 'r',
      approver: 'a',
    }));
    fc.assert(
      fc.property(
        fc.array(incidentArb, { maxLength: 20 }),
        fc.array(epicArb, { maxLength: 20 }),
        fc.boolean(),
        (incidents, epics, firstKnown) => {
          const f = facts({
            incidents,
            deliverables: epics,
            ...(firstKnown ? {} : { firstIncidentDay: null }),
          });
          const options = { project: 'X', asOf: AS_OF, now: 0, phaseChangesFrom: AS_OF };
          const plain = computeReport(f, cfg, S, options).report;
          const waived = computeReport(f, config({ waivers: all }), S, options).report;
          const r0 = waived.reliability.criteria.find((c) => c.id === 'R0')!;
          expect(waived.phase).toBe(r0.met ? 3 : 1);
          const realMet = (r: Report) =>
            [...r.reliability.criteria, ...r.delivery.criteria].map((c) => [c.id, c.met]);
          expect(realMet(waived)).toEqual(realMet(plain));
        },
      ),
      { numRuns: 60 },
    );
  });
});
