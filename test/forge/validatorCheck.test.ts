/**
 * The admin page's validator check (issue #14): after the set-up, Jira is asked — as the app, the only caller Jira
 * answers — which of the app's validators sit on the idea workflow's published transitions, and the admin reads
 * "in place", "missing" or "could not be checked", never a guess.
 */
import { checkValidator, runSetup, validatorSummary } from '../../src/forge/setup';
import { JiraClient } from '../../src/jira/client';
import { buildDemoSite, DEMO_USERS } from '../../dev/demo-org/demoSite';
import { demoToday } from '../../dev/demo-org/today';
import { createFakeJiraApp } from '../../dev/fake-jira/fakeJira';
import { inProcessTransport, type InProcessIdentity } from '../../dev/fake-jira/inProcessTransport';
import type { FakeSite } from '../../dev/fake-jira/site';

const fast = { retry: { maxAttempts: 1, baseDelayMs: 0, maxDelayMs: 0, totalBudgetMs: 10_000 } };

function clients(site: FakeSite, pageCap?: number) {
  const app = createFakeJiraApp({ site, authMode: 'header', ...(pageCap ? { pageCap } : {}) });
  const as = (who: InProcessIdentity) => new JiraClient(inProcessTransport(app, who), fast);
  return {
    admin: as({ accountId: DEMO_USERS.admin.accountId }),
    asApp: as({ accountId: DEMO_USERS.app.accountId }),
  };
}

describe('validator check', () => {
  test('a workflow carrying the validator is reported with its transitions', async () => {
    const site = buildDemoSite({ today: demoToday() });
    const { asApp } = clients(site);
    const check = await checkValidator(asApp, ['IDEAS: Innovation Idea Workflow']);
    expect(check.status).toBe('on');
    expect(check.workflows).toEqual([
      { name: 'IDEAS: Innovation Idea Workflow', carries: true, transitions: ['Start'] },
    ]);
    expect(check.summary).toMatch(
      /on the idea workflow "IDEAS: Innovation Idea Workflow" \(1 transition: Start\)/,
    );
  });

  test('the set-up of a project whose idea workflow lacks it says "missing" and keeps the steps to add it', async () => {
    const site = buildDemoSite({ today: demoToday() });
    const { admin, asApp } = clients(site);
    const result = await runSetup(admin, 'PMO', 'Innovation Idea', undefined, undefined, asApp);
    expect(result.validatorCheck?.status).toBe('missing');
    expect(result.validatorCheck?.summary).toMatch(
      /Validator missing on the idea workflow "PMO: Innovation Idea Workflow"/,
    );
    expect(result.validatorSteps.join(' ')).toMatch(/PMO: Innovation Idea Workflow/);
  });

  test('the set-up of a project whose workflow carries it says "on"', async () => {
    const site = buildDemoSite({ today: demoToday() });
    const { admin, asApp } = clients(site);
    const result = await runSetup(admin, 'IDEAS', 'Innovation Idea', undefined, undefined, asApp);
    expect(result.validatorCheck?.status).toBe('on');
  });

  test('an idea workflow the admin has not given the validator is "missing"', async () => {
    const site = buildDemoSite({ today: demoToday() });
    site.appValidators = {};
    const { asApp } = clients(site);
    expect((await checkValidator(asApp, ['IDEAS: Innovation Idea Workflow'])).status).toBe('missing');
  });

  test('several workflows: "missing on 1 of 2", paged one workflow at a time', async () => {
    const site = buildDemoSite({ today: demoToday() });
    site.appValidators = { 'A, with a comma': ['Start', 'Accept'] };
    const { asApp } = clients(site, 1);
    const check = await checkValidator(asApp, ['A, with a comma', 'B']);
    expect(check.status).toBe('missing');
    expect(check.workflows.map((w) => [w.name, w.carries, w.transitions])).toEqual([
      ['A, with a comma', true, ['Accept', 'Start']],
      ['B', false, []],
    ]);
    expect(check.summary).toBe('Validator missing on 1 of 2 idea workflows: "B".');
  });

  test('Jira refusing the read (not asked as the app) is "could not be checked", not "missing"', async () => {
    const site = buildDemoSite({ today: demoToday() });
    const { admin } = clients(site);
    const check = await checkValidator(admin, ['IDEAS: Innovation Idea Workflow']);
    expect(check.status).toBe('unknown');
    expect(check.summary).toMatch(/could not check/);
  });

  test('no workflow named, team-managed, or a project not found: no false assurance', async () => {
    const site = buildDemoSite({ today: demoToday() });
    const { admin, asApp } = clients(site);
    expect((await checkValidator(asApp, [])).status).toBe('unknown');
    const lab = await runSetup(admin, 'LAB', 'Innovation Idea', undefined, undefined, asApp);
    expect(lab.validatorCheck?.status).toBe('unknown');
    const missing = await runSetup(admin, 'ZZZ', 'Innovation Idea', undefined, undefined, asApp);
    expect(missing.steps.map((s) => s.outcome)).toEqual(['failed']);
    expect(missing.validatorSteps).toEqual([]);
    expect(missing.validatorCheck).toBeNull();
  });

  test('the summary for every workflow in place', () => {
    expect(
      validatorSummary([
        { name: 'A', carries: true, transitions: ['Start'] },
        { name: 'B', carries: true, transitions: ['Begin', 'Start'] },
      ]),
    ).toBe(
      'The validator is on all 2 idea workflows: "A" (1 transition: Start); "B" (2 transitions: Begin, Start).',
    );
  });
});
