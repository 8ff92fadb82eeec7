/**
 * Organisation gates (issue #11, SPEC §3.0): one gate whose home is ITSM reads incidents in ITSM, deliverables in
 * APP1 and APP2 and ideas in IDEAS. Who may see and change it, and which gate governs an idea.
 */
import { onIssueEvent } from '../../src/forge/events';
import { clearPermissionCache } from '../../src/forge/permissions';
import { clearProjectCache } from '../../src/forge/projects';
import { clearStatusCache, handler as validator } from '../../src/forge/validator';
import { platform, type FakeIssue } from './fakePlatform';
import { invoke, issueEvent, issuePanel, macro, projectPage, seedProject } from './harness';

const ORG = { name: 'Northwind IT', deliveryProjects: ['APP1', 'APP2'], ideaProjects: ['IDEAS'] };

function seedOrganisation() {
  seedProject(platform.jira, 'ITSM', { onTime: 0 });
  seedProject(platform.jira, 'APP1', { onTime: 1 });
  seedProject(platform.jira, 'APP2', { onTime: 1 });
  // IDEAS on its own would be unlocked (5 on-time epics): only the organisation gate keeps its ideas locked.
  return seedProject(platform.jira, 'IDEAS', { onTime: 5, ideas: 2 });
}

/** u-admin administers ITSM and browses every source; u-viewer browses all; u-partial all but APP2. */
function grantOrganisation() {
  for (const p of ['ITSM', 'APP1', 'APP2', 'IDEAS']) {
    platform.jira.grant('u-admin', p, { browse: true, administerProject: p !== 'APP2' });
    platform.jira.grant('u-viewer', p, { browse: true });
    if (p !== 'APP2') platform.jira.grant('u-partial', p, { browse: true, administerProject: p === 'ITSM' });
  }
}

async function saveOrg(config: Record<string, unknown> = ORG, account = 'u-admin', home = 'ITSM') {
  return invoke('saveSettings', { config }, { account, ...projectPage(home) });
}

let ideas: FakeIssue[];

beforeEach(() => {
  platform.reset();
  clearPermissionCache();
  clearProjectCache();
  clearStatusCache();
  ideas = seedOrganisation().ideas;
  grantOrganisation();
});

const transition = (key: string, from: string, to: string) => ({
  issue: { key },
  transition: { from: { id: from }, to: { id: to } },
  configuration: {},
});

describe('who may see an organisation gate (issue #11)', () => {
  test('a viewer missing Browse on one source gets nothing, and is told which projects', async () => {
    expect((await saveOrg()).ok).toBe(true);
    const full = await invoke('getGate', {}, { account: 'u-viewer', ...projectPage('ITSM') });
    expect(full.snapshot.report.sources.deliverables.projects).toEqual(['APP1', 'APP2']);
    const keys = [...platform.jira.issues.keys()];

    const calls: [string, unknown, Record<string, unknown>][] = [
      ['getGate', {}, projectPage('ITSM')],
      ['refresh', {}, projectPage('ITSM')],
      ['getEvidence', { list: 'onTime' }, projectPage('ITSM')],
      ['getGate', {}, macro('ITSM')],
    ];
    for (const [name, payload, context] of calls) {
      const answer = await invoke(name, payload, { account: 'u-partial', ...context });
      expect({ name, answer }).toEqual({
        name,
        answer: { error: { code: 'forbidden', message: 'you need access to APP2 to see this gate' } },
      });
      const text = JSON.stringify(answer);
      for (const k of keys) expect(text).not.toContain(k);
    }
    // Missing two: both named.
    platform.jira.grant('u-partial', 'APP1', { browse: false });
    clearPermissionCache();
    expect(
      (await invoke('getGate', {}, { account: 'u-partial', ...projectPage('ITSM') })).error.message,
    ).toBe('you need access to APP1, APP2 to see this gate');
    // The portfolio (Jira admins only) leaves the gate out for them, and lists it for a viewer of every source.
    platform.jira.jiraAdmins.add('u-partial');
    platform.jira.jiraAdmins.add('u-viewer');
    clearPermissionCache();
    expect(JSON.stringify(await invoke('getPortfolio', {}, { account: 'u-partial' }))).not.toContain('ITSM');
    expect(
      (await invoke('getPortfolio', {}, { account: 'u-viewer' })).map((r: { project: string }) => r.project),
    ).toContain('ITSM');
  });

  test('a view checks Browse alone on each other source: 7 points for the home, 3 for each of the three others', async () => {
    expect((await saveOrg()).ok).toBe(true);
    await invoke('getGate', {}, { account: 'u-admin', ...projectPage('ITSM') }); // computed once
    clearPermissionCache();
    platform.jira.app.resetStats();
    const view = await invoke('getGate', {}, { account: 'u-viewer', ...projectPage('ITSM') });
    expect(view.snapshot).toBeDefined();
    const asked = platform.jira.app.stats.log.filter((l) => l.path.startsWith('/rest/api/3/mypermissions'));
    expect(asked.map((l) => l.points).sort()).toEqual([3, 3, 3, 7]);
    expect(platform.jira.app.stats.points).toBe(7 + 3 * 3);
    // Within a minute the answers are reused: no permission is asked again.
    platform.jira.app.resetStats();
    await invoke('getGate', {}, { account: 'u-viewer', ...projectPage('ITSM') });
    expect(platform.jira.app.stats.points).toBe(0);
  });

  test('nothing is computed for a viewer who may not see the gate', async () => {
    expect((await saveOrg()).ok).toBe(true);
    const searches = platform.jira.count('GET', /search\/jql$/, 'app');
    const answer = await invoke('getGate', {}, { account: 'u-partial', ...projectPage('ITSM') });
    expect(answer.error.code).toBe('forbidden');
    expect(platform.jira.count('GET', /search\/jql$/, 'app')).toBe(searches);
  });

  test('saving needs Administer on the home and Browse on every source', async () => {
    const refused = await saveOrg(ORG, 'u-partial');
    expect(refused).toEqual({
      error: { code: 'forbidden', message: 'you need access to APP2 to save this gate' },
    });
    expect(platform.pushed).toEqual([]);
    // Browsing every source is not enough without administering the home.
    expect((await saveOrg(ORG, 'u-viewer')).error.message).toMatch(/only administrators of project ITSM/);
    expect((await saveOrg(ORG, 'u-admin')).ok).toBe(true);
  });
});

describe('which gate governs an idea (SPEC §3.0)', () => {
  test('the validator and the idea panel decide an idea of the ideas project with the organisation gate', async () => {
    // IDEAS's own gate: unlocked, so before the organisation gate lists IDEAS its ideas may move.
    expect(
      (await invoke('getGate', {}, { account: 'u-viewer', ...projectPage('IDEAS') })).snapshot.report.phase,
    ).toBe(3);
    expect(await validator(transition(ideas[0]!.key, '1', '3'))).toEqual({ result: true });

    expect((await saveOrg()).ok).toBe(true);
    const org = await invoke('getGate', {}, { account: 'u-viewer', ...projectPage('ITSM') });
    expect(org.snapshot.report.innovationUnlocked).toBe(false);
    const blocked = await validator(transition(ideas[0]!.key, '1', '3'));
    expect(blocked.result).toBe(false);
    expect(blocked.errorMessage).toMatch(/innovation is locked for ITSM\..*needs at least 5/);

    const panel = await invoke('getIdea', {}, { account: 'u-viewer', ...issuePanel(ideas[0]!.key, 'IDEAS') });
    expect(panel).toMatchObject({
      project: 'IDEAS',
      gate: { home: 'ITSM', name: 'Northwind IT' },
      isIdea: true,
      locked: true,
      phase: 2,
    });
    expect(panel.reasons.join(' ')).toMatch(/needs at least 5/);
  });

  test('before the organisation gate is computed, its ideas stay locked (fail closed), whatever their own gate says', async () => {
    await invoke('getGate', {}, { account: 'u-viewer', ...projectPage('IDEAS') });
    expect((await saveOrg()).ok).toBe(true); // saved, not computed yet (the recompute is queued)
    const blocked = await validator(transition(ideas[0]!.key, '1', '3'));
    expect(blocked.result).toBe(false);
    expect(blocked.errorMessage).toMatch(/phase gate of ITSM has never been computed/);
  });

  test('a second gate listing an idea project already claimed is refused, naming the other gate', async () => {
    expect((await saveOrg()).ok).toBe(true);
    const second = await saveOrg({ ideaProjects: ['IDEAS'] }, 'u-admin', 'APP1');
    expect(second).toEqual({
      ok: false,
      errors: [
        {
          path: 'ideaProjects',
          message: expect.stringMatching(
            /^IDEAS is already governed by the gate "Northwind IT" \(home ITSM\)/,
          ),
        },
      ],
    });
    expect(platform.pushed.filter((p) => p.body.project === 'APP1')).toEqual([]);
    // In German (the context's locale), the same refusal in German, the other gate named the same way.
    const german = await invoke(
      'saveSettings',
      { config: { ideaProjects: ['IDEAS'] } },
      { account: 'u-admin', ...projectPage('APP1'), locale: 'de-DE' },
    );
    expect(german.errors).toEqual([
      {
        path: 'ideaProjects',
        message: expect.stringMatching(
          /^IDEAS wird bereits vom Gate „Northwind IT“ \(Heimatprojekt ITSM\) gesteuert: Zwei Gates dürfen nicht/,
        ),
      },
    ]);
    // The organisation gate may save again (it holds the claim); once it lets IDEAS go, another gate may list it.
    expect((await saveOrg({ ...ORG, graceDays: 2 })).ok).toBe(true);
    expect((await saveOrg({ deliveryProjects: ['APP1', 'APP2'] })).ok).toBe(true);
    expect((await saveOrg({ ideaProjects: ['IDEAS'] }, 'u-admin', 'APP1')).ok).toBe(true);
  });

  test('an event on a source project that is not a home queues a recompute of every gate that reads it', async () => {
    expect((await saveOrg()).ok).toBe(true);
    await invoke('getGate', {}, { account: 'u-viewer', ...projectPage('ITSM') });
    const epic = [...platform.jira.issues.values()].find((i) => i.project === 'APP2' && i.type === 'Epic')!;
    platform.pushed = [];
    const outcome = await onIssueEvent(issueEvent('avi:jira:updated:issue', epic));
    expect(outcome).toMatchObject({ recompute: 'queued', homes: ['ITSM'] });
    expect(platform.pushed.map((p) => p.body)).toEqual([{ project: 'ITSM', reason: 'issue-event' }]);
  });

  test('an idea of the ideas project moved while the organisation gate is locked is flagged by that gate', async () => {
    expect((await saveOrg()).ok).toBe(true);
    await invoke('getGate', {}, { account: 'u-viewer', ...projectPage('ITSM') });
    const idea = ideas[1]!;
    idea.statusId = '3';
    const outcome = await onIssueEvent(issueEvent('avi:jira:updated:issue', idea, { from: '1', to: '3' }));
    expect(outcome.violation).toBe('flagged');
    expect(platform.jira.comments).toEqual([
      { issue: idea.key, as: 'app', text: expect.stringMatching(/locked for ITSM/) },
    ]);
  });
});
