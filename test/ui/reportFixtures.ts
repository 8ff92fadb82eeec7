/** Hand-built reports (phase 1, 2 and 3 examples) and evidence lists for the UI's pure-logic tests. */
import type { Criterion, Report } from '../../src/core/report';

export { evidence } from '../helpers/evidence';

const c = (
  id: Criterion['id'],
  value: number | null,
  target: string,
  met: boolean,
  hint?: string,
): Criterion => ({
  id,
  label:
    id === 'R1'
      ? 'Major incidents in 90 days'
      : id === 'R2'
        ? 'Median time to restore in 90 days (hours)'
        : id === 'R3'
          ? 'Longest-open major incident (hours)'
          : id === 'D1'
            ? 'Deliverables decided in 180 days'
            : 'On-time rate',
  value,
  target,
  met,
  ...(hint ? { hint } : {}),
});

export function report(phase: 1 | 2 | 3, overrides: Partial<Report> = {}): Report {
  const reliabilityMet = phase >= 2;
  const deliveryMet = phase === 3;
  return {
    project: 'OPS',
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
      medianRestoreHours: reliabilityMet ? 5.5 : 31.5,
      meanRestoreHours: 7.1,
      longestOpenMajorHours: 0,
      criteria: reliabilityMet
        ? [c('R1', 1, '<= 2', true), c('R2', 5.5, '<= 24', true), c('R3', 0, '<= 24', true)]
        : [
            c('R1', 4, '<= 2', false, '2 major incidents too many'),
            c('R2', 31.5, '<= 24', false, 'restore incidents faster: the median must fall by 7.5 h'),
            c('R3', 0, '<= 24', true),
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
      criteria: deliveryMet
        ? [c('D1', 9, '>= 5', true), c('D2', 0.8889, '>= 80%', true)]
        : [
            c('D1', 9, '>= 5', true),
            c(
              'D2',
              0.6667,
              '>= 80%',
              false,
              'on-time rate 66.7%, needs 80%: about 6 more on-time deliveries',
            ),
          ],
    },
    ideas: { total: 7, waiting: 5, inProgress: 1, done: 1, locked: phase === 3 ? 0 : 5 },
    warnings: ['3 deliverables have no due date'],
    ...overrides,
  };
}
