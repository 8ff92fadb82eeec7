/**
 * The fake Jira's permissions, categories and site edits as Jira Cloud has them: Administer Projects and Administer
 * Jira do not imply Browse Projects; a project is "viewed" with any of the three; Jira's "No Category" status
 * category; faults for one account; a project key change; a deleted issue; a renamed issue type.
 */
import { SOFTWARE_TYPES, STATUS } from '../../dev/fake-jira/catalogue';
import { createFakeJiraApp, type FakeJiraApp } from '../../dev/fake-jira/fakeJira';
import {
  addIssue,
  addProject,
  addStatus,
  createSite,
  deleteIssue,
  findIssue,
  renameIssueType,
  renameProjectKey,
  type FakeSite,
  type FakeUser,
} from '../../dev/fake-jira/site';
import { addStandardStatuses } from '../../dev/fake-jira/catalogue';

const NOW = Date.parse('2026-06-30T12:00:00Z');

function user(accountId: string, extra: Partial<FakeUser> = {}): FakeUser {
  return {
    accountId,
    email: `${accountId}@x.test`,
    token: '',
    displayName: accountId,
    jiraAdmin: false,
    browse: [],
    administer: [],
    timeZone: 'UTC',
    accountType: 'atlassian',
    ...extra,
  };
}

function site(): FakeSite {
  const s = createSite({ name: 'Permissions', now: NOW });
  s.users.push(
    user('reader', { browse: ['ABC'] }),
    user('padmin', { administer: ['ABC'] }),
    user('jadmin', { jiraAdmin: true }),
    user('app', { browse: '*', administer: '*', accountType: 'app' }),
  );
  addStandardStatuses(s);
  addStatus(s, 'Triage', 'undefined');
  addProject(s, { key: 'ABC', name: 'Alpha', issueTypes: SOFTWARE_TYPES });
  addProject(s, { key: 'XYZ', name: 'Xylo', issueTypes: SOFTWARE_TYPES });
  for (const status of [STATUS.toDo, 'Triage']) {
    addIssue(s, { project: 'ABC', type: 'Task', summary: status, status, created: NOW - 86_400_000 });
  }
  return s;
}

let app: FakeJiraApp;
beforeEach(() => {
  app = createFakeJiraApp({ site: site(), authMode: 'header' });
});

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- answers are inspected loosely
async function call(as: string, method: string, pathAndQuery: string, body?: unknown): Promise<any> {
  const url = new URL(pathAndQuery, 'http://fake.invalid');
  const outcome = await app.handle({
    method,
    path: url.pathname,
    query: url.searchParams,
    headers: { 'x-fake-account-id': as, ...(body ? { 'content-type': 'application/json' } : {}) },
    body: body === undefined ? '' : JSON.stringify(body),
  });
  if (outcome.kind !== 'respond') throw new Error('hung up');
  return { status: outcome.status, body: outcome.body ? JSON.parse(outcome.body) : undefined };
}

const keysOf = (r: { body: { values: { key: string }[] } }) => r.body.values.map((p) => p.key);

describe('administering does not imply browsing (as in Jira)', () => {
  test('a project admin or Jira admin without Browse Projects reads no issue of the project', async () => {
    for (const who of ['padmin', 'jadmin']) {
      expect((await call(who, 'GET', '/rest/api/3/issue/ABC-1')).status).toBe(404);
      const search = await call(who, 'GET', '/rest/api/3/search/jql?jql=project%20%3D%20ABC');
      // The project is not browsable: JQL names a project it cannot see.
      expect(search.status).toBe(400);
      const mine = await call(
        who,
        'GET',
        '/rest/api/3/mypermissions?projectKey=ABC&permissions=BROWSE_PROJECTS,ADMINISTER_PROJECTS',
      );
      expect(mine.status).toBe(200);
      expect(mine.body.permissions.BROWSE_PROJECTS.havePermission).toBe(false);
      expect(mine.body.permissions.ADMINISTER_PROJECTS.havePermission).toBe(true);
    }
    expect((await call('reader', 'GET', '/rest/api/3/issue/ABC-1')).status).toBe(200);
  });

  test('they still view the project itself: GET /project and project/search (action view, the default)', async () => {
    expect((await call('padmin', 'GET', '/rest/api/3/project/ABC')).status).toBe(200);
    expect((await call('padmin', 'GET', '/rest/api/3/project/XYZ')).status).toBe(404);
    expect(keysOf(await call('padmin', 'GET', '/rest/api/3/project/search'))).toEqual(['ABC']);
    expect(keysOf(await call('jadmin', 'GET', '/rest/api/3/project/search?action=view'))).toEqual([
      'ABC',
      'XYZ',
    ]);
    // action=browse: Browse Projects only; action=edit: Administer Projects or Administer Jira.
    expect(keysOf(await call('padmin', 'GET', '/rest/api/3/project/search?action=browse'))).toEqual([]);
    expect(keysOf(await call('jadmin', 'GET', '/rest/api/3/project/search?action=browse'))).toEqual([]);
    expect(keysOf(await call('reader', 'GET', '/rest/api/3/project/search?action=browse'))).toEqual(['ABC']);
    expect(keysOf(await call('reader', 'GET', '/rest/api/3/project/search?action=edit'))).toEqual([]);
    expect(keysOf(await call('padmin', 'GET', '/rest/api/3/project/search?action=edit'))).toEqual(['ABC']);
    expect((await call('reader', 'GET', '/rest/api/3/project/search?action=steal')).status).toBe(400);
  });
});

describe("Jira's No Category", () => {
  test('a status of no category is served with the category key "undefined", never as To Do', async () => {
    const issue = await call('reader', 'GET', '/rest/api/3/issue/ABC-2');
    expect(issue.body.fields.status).toMatchObject({
      name: 'Triage',
      statusCategory: { id: 1, key: 'undefined', name: 'No Category' },
    });
    const status = await call('reader', 'GET', `/rest/api/3/status/${issue.body.fields.status.id}`);
    expect(status.body.statusCategory.key).toBe('undefined');
    const toDo = await call(
      'reader',
      'GET',
      '/rest/api/3/search/jql?jql=project%20%3D%20ABC%20AND%20statusCategory%20%3D%20%22To%20Do%22&fields=summary',
    );
    expect(toDo.body.issues.map((i: { key: string }) => i.key)).toEqual(['ABC-1']);
  });
});

describe('faults for one account', () => {
  test('a rule with an account fails only that account’s requests; 400 and 403 carry Jira’s error body', async () => {
    app.setFaults([
      { status: 400, account: 'app' },
      { status: 403, account: 'padmin', times: 1 },
    ]);
    const asApp = await call('app', 'GET', '/rest/api/3/project/ABC');
    expect(asApp.status).toBe(400);
    expect(asApp.body.errorMessages).toHaveLength(1);
    expect((await call('reader', 'GET', '/rest/api/3/project/ABC')).status).toBe(200);
    const forbidden = await call('padmin', 'GET', '/rest/api/3/project/ABC');
    expect(forbidden.status).toBe(403);
    expect(forbidden.body.errorMessages).toHaveLength(1);
    expect((await call('padmin', 'GET', '/rest/api/3/project/ABC')).status).toBe(200);
  });
});

describe('site edits', () => {
  test('a project key change keeps the id, re-keys the issues (old keys still resolve) and moves permissions', async () => {
    const id = (await call('reader', 'GET', '/rest/api/3/project/ABC')).body.id;
    renameProjectKey(
      app.site,
      app.site.projects.find((p) => p.key === 'ABC')!,
      'ABD',
    );
    const renamed = await call('reader', 'GET', `/rest/api/3/project/${id}`);
    expect(renamed.body).toMatchObject({ id, key: 'ABD' });
    const old = await call('reader', 'GET', '/rest/api/3/issue/ABC-1');
    expect(old.status).toBe(200);
    expect(old.body).toMatchObject({ key: 'ABD-1', fields: { project: { key: 'ABD', id } } });
    const search = await call(
      'reader',
      'GET',
      '/rest/api/3/search/jql?jql=project%20%3D%20ABD&fields=summary',
    );
    expect(search.body.issues.map((i: { key: string }) => i.key).sort()).toEqual(['ABD-1', 'ABD-2']);
  });

  test('a deleted issue is gone for reads and searches', async () => {
    deleteIssue(app.site, findIssue(app.site, 'ABC-1')!);
    expect((await call('reader', 'GET', '/rest/api/3/issue/ABC-1')).status).toBe(404);
    const search = await call(
      'reader',
      'GET',
      '/rest/api/3/search/jql?jql=project%20%3D%20ABC&fields=summary',
    );
    expect(search.body.issues.map((i: { key: string }) => i.key)).toEqual(['ABC-2']);
  });

  test('a renamed issue type shows its new name on every issue of the type', async () => {
    const task = app.site.issueTypes.find((t) => t.name === 'Task')!;
    renameIssueType(app.site, task, 'Aufgabe');
    const issue = await call('reader', 'GET', '/rest/api/3/issue/ABC-1');
    expect(issue.body.fields.issuetype).toMatchObject({ id: task.id, name: 'Aufgabe' });
    const search = await call(
      'reader',
      'GET',
      '/rest/api/3/search/jql?jql=issuetype%20%3D%20Aufgabe&fields=summary',
    );
    expect(search.body.issues).toHaveLength(2);
  });
});
