jest.mock('@forge/api', () => require('./fakePlatform').forgeApiModule());
jest.mock('@forge/kvs', () => require('./fakePlatform').forgeKvsModule());
jest.mock('@forge/events', () => require('./fakePlatform').forgeEventsModule());

/*
 * Issue #13: "Every change of an idea's type away from the idea type while it is locked is flagged like a violation
 * (comment + phase-gate-violation label) and counted on the page and in the portfolio."
 */
import { onIssueEvent, onRecompute } from '../../src/forge/events';
import { VIOLATION_LABEL } from '../../src/forge/gate';
import { clearPermissionCache } from '../../src/forge/permissions';
import { clearProjectCache } from '../../src/forge/projects';
import { platform, type FakeIssue } from './fakePlatform';
import {
  enrol,
  invoke,
  issueEvent,
  makeDeliveryMet,
  projectPage,
  seedProject,
  standardGrants,
} from './harness';

beforeEach(() => {
  platform.reset();
  clearPermissionCache();
  clearProjectCache();
});

async function configure(key: string) {
  await enrol(key);
  await invoke('getGate', {}, { account: 'u-viewer', ...projectPage(key) });
}

/** The idea changed to `to` (the event Jira sends for an issue-type change, with the changelog's names). */
function retype(issue: FakeIssue, to: string, extra: Record<string, unknown>[] = []) {
  const from = issue.type;
  issue.type = to;
  const event = issueEvent('avi:jira:updated:issue', issue);
  return onIssueEvent({
    ...event,
    changelog: {
      items: [
        {
          field: 'issuetype',
          fieldId: 'issuetype',
          from: `t-${from}`,
          to: `t-${to}`,
          fromString: from,
          toString: to,
        },
        ...extra,
      ],
    },
  });
}

function move(issue: FakeIssue, to: string) {
  const from = issue.statusId;
  issue.statusId = to;
  return onIssueEvent(issueEvent('avi:jira:updated:issue', issue, { from, to }));
}

const violations = async (key: string) =>
  (await invoke('getGate', {}, { account: 'u-viewer', ...projectPage(key) })).violations;

const portfolioRow = async (key: string) =>
  (
    (await invoke('getPortfolio', {}, { account: 'u-admin' })) as { project: string; violations: unknown }[]
  ).find((r) => r.project === key);

describe('an idea changed away from the idea type while locked', () => {
  let idea: FakeIssue;

  beforeEach(async () => {
    idea = seedProject(platform.jira, 'OPS', { onTime: 2, ideas: 2 }).ideas[0]!;
    standardGrants(platform.jira, 'OPS');
    platform.jira.jiraAdmins.add('u-admin');
    await configure('OPS'); // phase 2: innovation locked
  });

  test('gets one comment and the label phase-gate-violation, and is counted on the page and in the portfolio', async () => {
    expect(await violations('OPS')).toEqual({ movedOutOfToDo: 0, typeChanged: 0 });

    expect((await retype(idea, 'Task')).violation).toBe('flagged');
    expect(idea.labels).toContain(VIOLATION_LABEL);
    expect(platform.jira.comments).toEqual([
      {
        issue: idea.key,
        as: 'app',
        text: expect.stringMatching(
          /changed from Innovation Idea to Task while innovation is locked for OPS/,
        ),
      },
    ]);
    expect(platform.jira.comments[0]!.text).toMatch(/needs at least 5/); // what must be achieved first
    expect(platform.jira.comments[0]!.text).toMatch(/change it back to Innovation Idea/);

    expect(await violations('OPS')).toEqual({ movedOutOfToDo: 0, typeChanged: 1 });
    expect(await portfolioRow('OPS')).toMatchObject({
      violations: { movedOutOfToDo: 0, typeChanged: 1 },
      lastStepBack: null, // never thrown back
    });
  });

  test('never twice for the same issue: changed back and away again, one comment and one count', async () => {
    await retype(idea, 'Task');
    await retype(idea, 'Innovation Idea');
    idea.labels = []; // someone removed the label: the stored claim still says it was flagged
    expect((await retype(idea, 'Task')).violation).toBe('already-flagged');
    expect(platform.jira.comments).toHaveLength(1);
    expect(await violations('OPS')).toEqual({ movedOutOfToDo: 0, typeChanged: 1 });
  });

  test('retyped and moved out of To Do in one edit is still flagged', async () => {
    idea.statusId = '3';
    const status = { field: 'status', fieldId: 'status', from: '1', to: '3' };
    expect((await retype(idea, 'Task', [status])).violation).toBe('flagged');
  });

  test('not flagged: an idea already in progress, a type change between other types, or innovation unlocked', async () => {
    const other = platform.jira.addIssue({ project: 'OPS', type: 'Innovation Idea', statusId: '3' });
    expect((await retype(other, 'Task')).violation).toBe('none'); // in progress: it was not locked

    const task = platform.jira.addIssue({ project: 'OPS', type: 'Task', statusId: '1' });
    expect((await retype(task, 'Epic')).violation).toBe('none'); // not from the idea type

    makeDeliveryMet(platform.jira, 'OPS');
    await onRecompute({ body: { project: 'OPS', reason: 'settings' } }); // a full read sees the new epics
    const unlocked = await invoke('getGate', {}, { account: 'u-viewer', ...projectPage('OPS') });
    expect(unlocked.snapshot.report.innovationUnlocked).toBe(true);
    expect((await retype(idea, 'Task')).violation).toBe('none');

    expect(platform.jira.comments.filter((c) => /changed from/.test(c.text))).toEqual([]);
    expect(idea.labels).not.toContain(VIOLATION_LABEL);
    expect(await violations('OPS')).toEqual({ movedOutOfToDo: 0, typeChanged: 0 });
  });

  test('a comment Jira refuses is neither counted nor claimed: the next change is flagged', async () => {
    const warn = jest.spyOn(console, 'warn').mockImplementation(() => undefined);
    platform.jira.override(
      (c) => c.method === 'POST' && c.path.endsWith('/comment'),
      () => ({ status: 400, body: { errorMessages: ['comments are disabled'] } }),
      1,
    );
    expect((await retype(idea, 'Task')).violation).toBe('failed');
    expect(warn).toHaveBeenCalledWith(expect.stringMatching(/could not check .* for a type change/));
    warn.mockRestore();
    expect(await violations('OPS')).toEqual({ movedOutOfToDo: 0, typeChanged: 0 });
    await retype(idea, 'Innovation Idea');
    expect((await retype(idea, 'Task')).violation).toBe('flagged');
    expect(await violations('OPS')).toEqual({ movedOutOfToDo: 0, typeChanged: 1 });
  });
});

describe('ideas moved out of To Do while locked are counted too', () => {
  test('each flagged move counts once under movedOutOfToDo', async () => {
    const { ideas } = seedProject(platform.jira, 'TEAM', { onTime: 2, ideas: 2, simplified: true });
    standardGrants(platform.jira, 'TEAM');
    await configure('TEAM');
    expect((await move(ideas[0]!, '3')).violation).toBe('flagged');
    expect((await move(ideas[1]!, '3')).violation).toBe('flagged');
    await move(ideas[1]!, '1');
    expect((await move(ideas[1]!, '3')).violation).toBe('already-flagged');
    expect(await violations('TEAM')).toEqual({ movedOutOfToDo: 2, typeChanged: 0 });
  });
});
