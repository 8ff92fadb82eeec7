/**
 * Differential test: the real `phase-gate report` command, reading a seeded random site from the fake Jira Cloud
 * (7-issue pages, short pages, token paging), against the independent oracle written from SPEC section 3.
 *
 * Each seed builds one site with one project per configuration variant; each project's data is laid out around its
 * own asOf, zone and windows. Any difference fails with the seed, the project, the figure and both values.
 */
import { startFakeJira, type FaultRule } from '../../dev/fake-jira/fakeJira';
import { differential } from './harness';
import { buildRandomSite } from './random';
import { jiraUserZoneFor, plansFor, VARIANTS } from './variants';

const SEEDS = Array.from({ length: 40 }, (_, i) => i + 1);

/**
 * Some seeds are served with Jira Cloud's hiccups: a search page served twice (the previous page's issues again), a
 * 503 and a 429 with `Retry-After: 0`. The figures must not change.
 */
function faultsFor(seed: number): FaultRule[] {
  const rules: FaultRule[] = [];
  if (seed % 3 === 0) rules.push({ match: '/rest/api/3/search/jql', duplicatePage: true, times: 4 });
  if (seed % 5 === 0)
    rules.push(
      { match: '/rest/api/3/search/jql', status: 503, times: 1 },
      { match: '/rest/api/3/search/jql', status: 429, retryAfter: '0', times: 1 },
    );
  return rules;
}

const coverage = {
  reports: 0,
  phase: { 1: 0, 2: 0, 3: 0 } as Record<number, number>,
  unlocked: 0,
  sustainHeldBack: 0,
  lockedIdeas: 0,
  openMajors: 0,
  late: 0,
  overdueOpen: 0,
  noDueDate: 0,
  restoredNone: 0,
};

describe('report figures = SPEC oracle, on random sites served like Jira Cloud', () => {
  test.each(SEEDS)('seed %i', async (seed) => {
    const plans = plansFor(seed);
    const site = buildRandomSite(seed, plans, jiraUserZoneFor(seed));
    const jira = await startFakeJira({ site, pageCap: 7, shortPages: true, faults: faultsFor(seed) });
    try {
      const results = await Promise.all(
        plans.map(async (plan, i) => {
          const tzVia = (['both', 'flag', 'config'] as const)[(seed + i) % 3];
          const { diffs, oracle } = await differential(jira.url, site, { ...plan, tzVia });
          return { plan, variant: VARIANTS[i]!.name, diffs, oracle };
        }),
      );
      const failures: string[] = [];
      for (const { plan, variant, diffs, oracle } of results) {
        coverage.reports++;
        coverage.phase[oracle.phase]!++;
        if (oracle.innovationUnlocked) coverage.unlocked++;
        if (oracle.phase === 3 && !oracle.innovationUnlocked) coverage.sustainHeldBack++;
        if (oracle.ideas.locked > 0) coverage.lockedIdeas++;
        if (oracle.reliability.longestOpenMajorHours > 0) coverage.openMajors++;
        if (oracle.delivery.late > 0) coverage.late++;
        if (oracle.delivery.overdueOpen > 0) coverage.overdueOpen++;
        if (oracle.delivery.noDueDate > 0) coverage.noDueDate++;
        if (oracle.reliability.restoredInWindow === 0) coverage.restoredNone++;
        if (diffs.length > 0)
          failures.push(
            `seed ${seed} ${plan.key} (${variant}) asOf ${plan.asOf}:\n  ${diffs.join('\n  ')}\n  oracle evidence: ` +
              JSON.stringify({ r: oracle.reliability.evidence, d: oracle.delivery.evidence }),
          );
      }
      expect(failures).toEqual([]);
    } finally {
      await jira.close();
    }
  });

  test('the random sites reached every interesting state', () => {
    expect(coverage.reports).toBe(SEEDS.length * VARIANTS.length);
    expect(coverage.phase[1]).toBeGreaterThan(10);
    expect(coverage.phase[2]).toBeGreaterThan(10);
    expect(coverage.phase[3]).toBeGreaterThan(10);
    expect(coverage.unlocked).toBeGreaterThan(5);
    expect(coverage.sustainHeldBack).toBeGreaterThan(0);
    expect(coverage.lockedIdeas).toBeGreaterThan(10);
    expect(coverage.openMajors).toBeGreaterThan(10);
    expect(coverage.late).toBeGreaterThan(10);
    expect(coverage.overdueOpen).toBeGreaterThan(10);
    expect(coverage.noDueDate).toBeGreaterThan(10);
  });
});
