/**
 * Hand-built SPEC v2 reports (phase 1, 2 and 3 examples) and evidence lists for the UI's pure-logic tests. Every
 * criterion is data (`unit`, `op`, `limit`, `waived`, a typed `need`), and `nextGate` is what the core computes
 * (`nextGateOf`), so the UI is tested on what the server sends.
 */
import type { Waiver } from '../../src/core/config';
import { nextGateOf } from '../../src/core/compute';
import type { Criterion, CriterionId, Need, Report } from '../../src/core/report';
import type { GateSources } from '../../src/core/sources';

export { evidence } from './evidence';

const SPECS: Record<CriterionId, Pick<Criterion, 'label' | 'unit' | 'op' | 'limit'>> = {
  R0: { label: 'Incidents are recorded', unit: 'count', op: '>=', limit: 1 },
  R1: { label: 'Major incidents in 90 days', unit: 'count', op: '<=', limit: 2 },
  R2: { label: 'Median time to restore in 90 days', unit: 'hours', op: '<=', limit: 24 },
  R3: { label: 'Longest-open major incident', unit: 'hours', op: '<=', limit: 24 },
  D1: { label: 'Deliverables decided in 180 days', unit: 'count', op: '>=', limit: 5 },
  D2: { label: 'On-time rate', unit: 'rate', op: '>=', limit: 0.8 },
  D3: { label: 'On-budget rate in 180 days', unit: 'rate', op: '>=', limit: 0.8 },
};

/** A criterion with the report's label, unit, operator and limit; `need` only when unmet. */
export function criterion(
  id: CriterionId,
  value: number | null,
  need: Need | null = null,
  extra: Partial<Criterion> = {},
): Criterion {
  return { id, ...SPECS[id], value, met: need === null, waived: false, need, ...extra };
}

export const SOURCES: GateSources = {
  incidents: {
    projects: ['OPS'],
    types: [{ name: 'Incident', id: '10021' }],
    majorPriorities: [
      { name: 'Highest', id: '1' },
      { name: 'High', id: '2' },
    ],
  },
  deliverables: { projects: ['OPS'], types: [{ name: 'Epic', id: '10000' }] },
  ideas: { projects: ['OPS', 'IDEAS'], types: [{ name: 'Innovation Idea', id: '10042' }] },
  excludedResolutions: [{ name: 'Duplicate', id: '3' }],
};

export const WAIVER_D2: Waiver = {
  criterion: 'D2',
  from: '2026-06-01',
  until: '2026-08-30',
  reason: 'ERP migration freeze',
  approver: 'Dana Ng (CIO)',
};

/** `nextGate` as the core computes it from the phase and the criteria. */
export function withNextGate(r: Report): Report {
  return {
    ...r,
    nextGate: nextGateOf(r.phase, r.innovationUnlocked, r.reliability.criteria, r.delivery.criteria),
  };
}

export function report(phase: 1 | 2 | 3, overrides: Partial<Report> = {}): Report {
  const reliabilityMet = phase >= 2;
  const deliveryMet = phase === 3;
  const base: Report = {
    project: 'OPS',
    gate: { home: 'OPS', name: 'IT Operations' },
    sources: SOURCES,
    asOf: '2026-06-30',
    timeZone: 'UTC',
    computedAt: '2026-06-30T08:00:00.000Z',
    phase,
    phaseName: phase === 1 ? 'Reliable systems' : phase === 2 ? 'On-time delivery' : 'Innovation',
    innovationUnlocked: phase === 3,
    reliability: {
      met: reliabilityMet,
      windowDays: 90,
      incidents: 12,
      majorIncidents: reliabilityMet ? 1 : 4,
      openIncidents: 2,
      restoredInWindow: 10,
      medianRestoreHours: reliabilityMet ? 5.5 : 160.1,
      meanRestoreHours: 7.1,
      longestOpenMajorHours: 0,
      criteria: reliabilityMet
        ? [criterion('R0', 1), criterion('R1', 1), criterion('R2', 5.5), criterion('R3', 0)]
        : [
            criterion('R0', 1),
            criterion('R1', 4, { kind: 'fewerMajorIncidents', excess: 2, clearsOn: '2027-01-09' }),
            criterion('R2', 160.1, { kind: 'fasterRestore', excessHours: 136.1 }),
            criterion('R3', 0),
          ],
    },
    delivery: {
      met: deliveryMet,
      windowDays: 180,
      decided: 9,
      onTime: deliveryMet ? 8 : 6,
      late: 2,
      overdueOpen: 1,
      onTimeRate: deliveryMet ? 0.8889 : 0.6667,
      medianDaysLate: 4,
      noDueDate: 3,
      dueDateBasis: 'committed',
      slipped: 2,
      medianSlipDays: 9,
      criteria: deliveryMet
        ? [criterion('D1', 9), criterion('D2', 0.8889)]
        : [
            criterion('D1', 9),
            criterion('D2', 0.6667, { kind: 'moreOnTime', deliveries: 6, overdueOpen: 1 }),
          ],
    },
    ideas: {
      typeFound: true,
      total: 7,
      waiting: 5,
      inProgress: 1,
      done: 1,
      locked: phase === 3 ? 0 : 5,
    },
    waivers: [],
    phaseChanges: phase === 1 ? [{ date: '2026-03-04', from: 2, to: 1 }] : [],
    timesThrownBack: phase === 1 ? 1 : 0,
    nextGate: { phase: null, blockers: [] },
    warnings: ['3 deliverables have no due date'],
  };
  return withNextGate({ ...base, ...overrides });
}

/** Phase 2 whose unmet on-time rate is waived: delivery counts as met, phase 3 reached, ideas locked (sustain). */
export function waivedReport(): Report {
  const r = report(2);
  return withNextGate({
    ...r,
    phase: 3,
    phaseName: 'Innovation',
    innovationUnlocked: false,
    delivery: {
      ...r.delivery,
      met: true,
      criteria: r.delivery.criteria.map((c) => (c.id === 'D2' ? { ...c, waived: true } : c)),
    },
    waivers: [WAIVER_D2],
  });
}

/** The idea type exists in none of the idea projects: the idea counts are null, not zero. */
export function noIdeaTypeReport(): Report {
  return report(2, {
    ideas: { typeFound: false, total: null, waiting: null, inProgress: null, done: null, locked: null },
  });
}
