import type { Evidence } from '../../src/core/report';

/** Evidence lists: empty but for `overrides`. */
export function evidence(overrides: Partial<Evidence> = {}): Evidence {
  return {
    majorIncidents: [],
    openIncidents: [],
    openMajorIncidents: [],
    staleMajorIncidents: [],
    late: [],
    overdueOpen: [],
    onTime: [],
    noDueDate: [],
    slipped: [],
    onBudget: [],
    overBudget: [],
    lockedIdeas: [],
    ...overrides,
  };
}
