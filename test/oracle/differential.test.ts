/**
 * Differential test: the real `phase-gate report` command, reading a seeded random site from the fake Jira Cloud
 * (7-issue pages, short pages, token paging), against the independent oracle written from SPEC v2 (§3.0, §3, §5).
 *
 * Each seed builds one site (default, Jira Service Management or translated) with one gate per configuration
 * variant; each gate's data is laid out around its own asOf, zone and windows, over one or several projects. The
 * oracle's readings are `DEFAULT_READINGS` (see oracle.ts). Any difference fails with the seed, the gate, the figure
 * and both values.
 */
import { startFakeJira, type FaultRule } from '../../dev/fake-jira/fakeJira';
import { differential } from './harness';
import { buildRandomSite, flavourFor } from './random';
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
  flavour: { default: 0, jsm: 0, translated: 0 } as Record<string, number>,
  unlocked: 0,
  sustainHeldBack: 0,
  lockedIdeas: 0,
  openMajors: 0,
  late: 0,
  overdueOpen: 0,
  noDueDate: 0,
  restoredNone: 0,
  slipped: 0,
  doneWithoutResolution: 0,
  waived: 0,
  waiverDecides: 0,
  budgetMeasured: 0,
  phaseChanges: 0,
  thrownBack: 0,
  r1Unmet: 0,
};

describe('report figures = SPEC v2 oracle, on random sites served like Jira Cloud', () => {
  test.each(SEEDS)('seed %i', async (seed) => {
    const plans = plansFor(seed);
    const flavour = flavourFor(seed);
    const site = buildRandomSite(seed, plans, jiraUserZoneFor(seed), flavour);
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
        coverage.flavour[flavour]!++;
        coverage.phase[oracle.phase]!++;
        const r = oracle.reliability;
        const d = oracle.delivery;
        if (oracle.innovationUnlocked) coverage.unlocked++;
        if (oracle.phase === 3 && !oracle.innovationUnlocked) coverage.sustainHeldBack++;
        if ((oracle.ideas.locked ?? 0) > 0) coverage.lockedIdeas++;
        if (r.longestOpenMajorHours > 0) coverage.openMajors++;
        if (d.late > 0) coverage.late++;
        if (d.overdueOpen > 0) coverage.overdueOpen++;
        if (d.noDueDate > 0) coverage.noDueDate++;
        if (r.restoredInWindow === 0) coverage.restoredNone++;
        if (d.slipped > 0) coverage.slipped++;
        if (oracle.doneWithoutResolution > 0) coverage.doneWithoutResolution++;
        const criteria = [...r.criteria, ...d.criteria];
        if (criteria.some((c) => c.waived)) coverage.waived++;
        if (criteria.some((c) => c.waived && !c.met)) coverage.waiverDecides++;
        if ((d.budgetMeasured ?? 0) > 0) coverage.budgetMeasured++;
        if (oracle.phaseChanges.length > 0) coverage.phaseChanges++;
        if (oracle.timesThrownBack > 0) coverage.thrownBack++;
        if (r.criteria.some((c) => c.id === 'R1' && !c.met)) coverage.r1Unmet++;
        if (diffs.length > 0)
          failures.push(
            `seed ${seed} (${flavour}) ${plan.key} (${variant}) asOf ${plan.asOf}:\n  ${diffs.join('\n  ')}\n` +
              `  oracle evidence: ${JSON.stringify({ r: r.evidence, d: { ...d.evidence, dueDates: undefined } })}`,
          );
      }
      expect(failures).toEqual([]);
    } finally {
      await jira.close();
    }
  });

  test('the random sites reached every interesting state', () => {
    expect(coverage.reports).toBe(SEEDS.length * VARIANTS.length);
    expect(coverage.flavour.jsm).toBeGreaterThan(0);
    expect(coverage.flavour.translated).toBeGreaterThan(0);
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
    expect(coverage.slipped).toBeGreaterThan(10);
    expect(coverage.doneWithoutResolution).toBeGreaterThan(10);
    expect(coverage.waived).toBeGreaterThan(5);
    expect(coverage.waiverDecides).toBeGreaterThan(0);
    expect(coverage.budgetMeasured).toBeGreaterThan(10);
    expect(coverage.phaseChanges).toBeGreaterThan(10);
    expect(coverage.thrownBack).toBeGreaterThan(5);
    expect(coverage.r1Unmet).toBeGreaterThan(10);
  });
});
