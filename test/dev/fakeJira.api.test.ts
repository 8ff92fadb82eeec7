import { buildDemoSite, DEMO_USERS } from '../../dev/demo-org/demoSite';
import { startFakeJira, type FakeJira } from '../../dev/fake-jira/fakeJira';
import { call } from './http';

const TODAY = '2026-06-30';
const { admin, lead, staff } = DEMO_USERS;

let jira: FakeJira;
beforeEach(async () => {
  jira = await startFakeJira({ site: buildDemoSite({ today: TODAY }) });
});
afterEach(() => jira.close());

describe('authentication', () => {
  test('missing or wrong credentials get 401 with a plain-text body', async () => {
    const none = await call(jira, 'GET', '/rest/api/3/myself');
    expect(none.status).toBe(401);
    expect(none.text).toBe('Client must be authenticated to access this resource.');
    const wrong = await call(jira, 'GET', '/rest/api/3/myself', {
      as: { email: admin.email, token: 'nope' },
    });
    expect(wrong.status).toBe(401);
    const app = await call(jira, 'GET', '/rest/api/3/myself', { headers: { 'x-fake-account-id': 'app' } });
    expect(app.status).toBe(401);
  });

  test('myself describes the caller', async () => {
    const me = await call(jira, 'GET', '/rest/api/3/myself', { as: lead });
    expect(me.status).toBe(200);
    expect(me.body).toMatchObject({
      accountId: lead.accountId,
      displayName: 'Marcus Chen',
      emailAddress: 'lead@northwind.example',
      timeZone: 'America/New_York',
    });
  });

  test("authMode 'header' also accepts X-Fake-Account-Id (as app or as a user)", async () => {
    const h = await startFakeJira({ site: jira.site, authMode: 'header' });
    try {
      const asApp = await call(h, 'GET', '/rest/api/3/myself', { headers: { 'x-fake-account-id': 'app' } });
      expect(asApp.status).toBe(200);
      expect(asApp.body).toMatchObject({ accountId: 'app', accountType: 'app' });
      const asStaff = await call(h, 'GET', '/rest/api/3/project/OPS', {
        headers: { 'x-fake-account-id': staff.accountId },
      });
      expect(asStaff.status).toBe(404);
      const unknown = await call(h, 'GET', '/rest/api/3/myself', {
        headers: { 'x-fake-account-id': 'ghost' },
      });
      expect(unknown.status).toBe(401);
      const basicStillWorks = await call(h, 'GET', '/rest/api/3/myself', { as: admin });
      expect(basicStillWorks.status).toBe(200);
    } finally {
      await h.close();
    }
  });
});

describe('projects', () => {
  test('a project with its style and issue types', async () => {
    const ops = await call(jira, 'GET', '/rest/api/3/project/OPS', { as: admin });
    expect(ops.status).toBe(200);
    expect(ops.body).toMatchObject({
      key: 'OPS',
      name: 'Infrastructure & Operations',
      style: 'classic',
      simplified: false,
    });
    expect(ops.body.projectTypeKey).toBe('service_desk');
    expect(ops.body.issueTypes.map((t: { name: string }) => t.name)).toEqual(
      expect.arrayContaining(['Incident', 'Epic', 'Innovation Idea']),
    );
    expect(ops.body.issueTypes[0]).toEqual(
      expect.objectContaining({ id: expect.any(String), hierarchyLevel: expect.any(Number), subtask: false }),
    );
    const byId = await call(jira, 'GET', `/rest/api/3/project/${ops.body.id}`, { as: admin });
    expect(byId.body.key).toBe('OPS');
    const lab = await call(jira, 'GET', '/rest/api/3/project/lab', { as: admin });
    expect(lab.body).toMatchObject({ key: 'LAB', style: 'next-gen', simplified: true });
  });

  test('404 for an unknown project and for one the caller cannot browse', async () => {
    const missing = await call(jira, 'GET', '/rest/api/3/project/NOPE', { as: admin });
    expect(missing.status).toBe(404);
    expect(missing.body).toEqual({
      errorMessages: ["No project could be found with key 'NOPE'."],
      errors: {},
    });
    const hidden = await call(jira, 'GET', '/rest/api/3/project/OPS', { as: staff });
    expect(hidden.status).toBe(404);
    expect(hidden.body.errorMessages).toEqual(["No project could be found with key 'OPS'."]);
  });

  test('project search pages over the projects the caller can browse', async () => {
    const all = await call(jira, 'GET', '/rest/api/3/project/search?maxResults=2', { as: admin });
    expect(all.body).toMatchObject({ total: 9, isLast: false, startAt: 0, maxResults: 2 });
    expect(all.body.values.map((p: { key: string }) => p.key)).toEqual(['APP', 'DATA']);
    const next = await call(jira, 'GET', '/rest/api/3/project/search?maxResults=2&startAt=2', { as: admin });
    expect(next.body).toMatchObject({ isLast: false });
    expect(next.body.values.map((p: { key: string }) => p.key)).toEqual(['DIG', 'IDEAS']);
    const last = await call(jira, 'GET', '/rest/api/3/project/search?maxResults=2&startAt=8', { as: admin });
    expect(last.body).toMatchObject({ isLast: true });
    const forLead = await call(jira, 'GET', '/rest/api/3/project/search', { as: lead });
    expect(forLead.body.values.map((p: { key: string }) => p.key)).toEqual([
      'APP',
      'DATA',
      'DIG',
      'IDEAS',
      'INFRA',
      'ITSM',
      'OPS',
      'PMO',
    ]);
    const forStaff = await call(jira, 'GET', '/rest/api/3/project/search', { as: staff });
    expect(forStaff.body).toMatchObject({ total: 2, isLast: true });
  });
});

describe('issues, labels and comments', () => {
  test('an issue with selected fields, or 404', async () => {
    const issue = await call(jira, 'GET', '/rest/api/3/issue/PMO-1?fields=summary,labels', { as: admin });
    expect(issue.status).toBe(200);
    expect(Object.keys(issue.body.fields)).toEqual(['summary', 'labels']);
    const full = await call(jira, 'GET', '/rest/api/3/issue/PMO-1', { as: admin });
    expect(full.body.fields).toHaveProperty('statuscategorychangedate');
    const missing = await call(jira, 'GET', '/rest/api/3/issue/PMO-99999', { as: admin });
    expect(missing.status).toBe(404);
    expect(missing.body).toEqual({
      errorMessages: ['Issue does not exist or you do not have permission to see it.'],
      errors: {},
    });
    const hidden = await call(jira, 'GET', '/rest/api/3/issue/PMO-1', { as: staff });
    expect(hidden.status).toBe(404);
  });

  test('labels can be added idempotently, set, and are searchable afterwards', async () => {
    const add = { update: { labels: [{ add: 'phase-gate-locked' }] } };
    expect((await call(jira, 'PUT', '/rest/api/3/issue/DIG-3', { as: admin, body: add })).status).toBe(204);
    expect((await call(jira, 'PUT', '/rest/api/3/issue/DIG-3', { as: admin, body: add })).status).toBe(204);
    const after = await call(jira, 'GET', '/rest/api/3/issue/DIG-3?fields=labels', { as: admin });
    expect(after.body.fields.labels.filter((l: string) => l === 'phase-gate-locked')).toHaveLength(1);
    const found = await call(
      jira,
      'GET',
      `/rest/api/3/search/jql?jql=${encodeURIComponent('labels = phase-gate-locked')}`,
      {
        as: admin,
      },
    );
    expect(found.body.issues.map((i: { key: string }) => i.key)).toEqual(['DIG-3']);
    expect(
      (
        await call(jira, 'PUT', '/rest/api/3/issue/DIG-3', {
          as: admin,
          body: { fields: { labels: ['a', 'b'] } },
        })
      ).status,
    ).toBe(204);
    expect(
      (await call(jira, 'GET', '/rest/api/3/issue/DIG-3?fields=labels', { as: admin })).body.fields.labels,
    ).toEqual(['a', 'b']);
    const bad = await call(jira, 'PUT', '/rest/api/3/issue/DIG-3', {
      as: admin,
      body: { fields: { labels: ['two words'] } },
    });
    expect(bad.status).toBe(400);
    const unknown = await call(jira, 'PUT', '/rest/api/3/issue/DIG-3', {
      as: admin,
      body: { fields: { customfield_1: 1 } },
    });
    expect(unknown.status).toBe(400);
    expect(unknown.body.errors.customfield_1).toMatch(/cannot be set/);
  });

  test('comments are added (ADF) and listed', async () => {
    const doc = {
      type: 'doc',
      version: 1,
      content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Locked by Phase Gate' }] }],
    };
    const added = await call(jira, 'POST', '/rest/api/3/issue/OPS-5/comment', {
      as: admin,
      body: { body: doc },
    });
    expect(added.status).toBe(201);
    expect(added.body.id).toEqual(expect.any(String));
    const list = await call(jira, 'GET', '/rest/api/3/issue/OPS-5/comment', { as: admin });
    expect(list.body).toMatchObject({ total: 1, isLast: true, startAt: 0 });
    expect(list.body.comments[0].body).toEqual(doc);
    expect(list.body.comments[0].author.accountId).toBe(admin.accountId);
    const empty = await call(jira, 'POST', '/rest/api/3/issue/OPS-5/comment', {
      as: admin,
      body: { body: 'plain' },
    });
    expect(empty.status).toBe(400);
  });
});

describe('permissions', () => {
  const check = async (who: { email: string; token: string }, query: string) =>
    call(jira, 'GET', `/rest/api/3/mypermissions?${query}`, { as: who });
  const have = (body: { permissions: Record<string, { havePermission: boolean }> }) =>
    Object.fromEntries(Object.entries(body.permissions).map(([k, v]) => [k, v.havePermission]));
  const WANTED = 'permissions=BROWSE_PROJECTS,ADMINISTER_PROJECTS,ADMINISTER';

  test('by user and project', async () => {
    expect(have((await check(lead, `projectKey=PMO&${WANTED}`)).body)).toEqual({
      BROWSE_PROJECTS: true,
      ADMINISTER_PROJECTS: true,
      ADMINISTER: false,
    });
    expect(have((await check(lead, `projectKey=OPS&${WANTED}`)).body)).toEqual({
      BROWSE_PROJECTS: true,
      ADMINISTER_PROJECTS: false,
      ADMINISTER: false,
    });
    expect(have((await check(admin, `projectKey=LAB&${WANTED}`)).body)).toEqual({
      BROWSE_PROJECTS: true,
      ADMINISTER_PROJECTS: true,
      ADMINISTER: true,
    });
    expect(have((await check(staff, `projectKey=DIG&${WANTED}`)).body)).toEqual({
      BROWSE_PROJECTS: true,
      ADMINISTER_PROJECTS: false,
      ADMINISTER: false,
    });
    const entry = (await check(lead, `projectKey=PMO&${WANTED}`)).body.permissions.ADMINISTER_PROJECTS;
    expect(entry).toMatchObject({
      id: '23',
      key: 'ADMINISTER_PROJECTS',
      name: 'Administer Projects',
      type: 'PROJECT',
    });
  });

  test('a hidden project is 404; a missing permissions parameter is 400; no context means "in any project"', async () => {
    expect((await check(staff, `projectKey=OPS&${WANTED}`)).status).toBe(404);
    const missing = await check(lead, 'projectKey=PMO');
    expect(missing.status).toBe(400);
    expect(missing.body.errorMessages).toEqual(["The 'permissions' query parameter is required."]);
    expect(have((await check(lead, WANTED)).body).ADMINISTER_PROJECTS).toBe(true);
    expect(have((await check(staff, WANTED)).body).ADMINISTER_PROJECTS).toBe(false);
    expect(have((await check(staff, `issueKey=DIG-1&${WANTED}`)).body).BROWSE_PROJECTS).toBe(true);
  });

  test('the app account administers every project and is a Jira admin (atlassian-addons-admin)', async () => {
    const h = await startFakeJira({ site: jira.site, authMode: 'header' });
    try {
      const r = await call(h, 'GET', `/rest/api/3/mypermissions?projectKey=OPS&${WANTED}`, {
        headers: { 'x-fake-account-id': 'app' },
      });
      expect(have(r.body)).toEqual({ BROWSE_PROJECTS: true, ADMINISTER_PROJECTS: true, ADMINISTER: true });
    } finally {
      await h.close();
    }
  });
});

describe('issue types and schemes', () => {
  test('creating a type twice fails the second time; only Jira admins may create', async () => {
    const body = { name: 'Moonshot', description: 'Big bets', hierarchyLevel: 0 };
    const first = await call(jira, 'POST', '/rest/api/3/issuetype', { as: admin, body });
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({ name: 'Moonshot', hierarchyLevel: 0, subtask: false });
    const second = await call(jira, 'POST', '/rest/api/3/issuetype', {
      as: admin,
      body: { ...body, name: 'moonshot' },
    });
    expect(second.status).toBe(409);
    expect(second.body).toEqual({
      errorMessages: [],
      errors: { name: 'An issue type with this name already exists.' },
    });
    const notAdmin = await call(jira, 'POST', '/rest/api/3/issuetype', { as: lead, body: { name: 'Other' } });
    expect(notAdmin.status).toBe(403);
    const exists = await call(jira, 'POST', '/rest/api/3/issuetype', {
      as: admin,
      body: { name: 'Innovation Idea' },
    });
    expect(exists.status).toBe(409);
  });

  test('a new type joins a project through its scheme, once', async () => {
    const created = await call(jira, 'POST', '/rest/api/3/issuetype', {
      as: admin,
      body: { name: 'Moonshot' },
    });
    const ops = await call(jira, 'GET', '/rest/api/3/project/OPS', { as: admin });
    const schemes = await call(jira, 'GET', `/rest/api/3/issuetypescheme/project?projectId=${ops.body.id}`, {
      as: admin,
    });
    expect(schemes.status).toBe(200);
    expect(schemes.body).toMatchObject({ isLast: true, total: 1 });
    const scheme = schemes.body.values[0];
    expect(scheme.projectIds).toEqual([ops.body.id]);
    expect(scheme.issueTypeScheme).toMatchObject({ id: expect.any(String), isDefault: false });
    const path = `/rest/api/3/issuetypescheme/${scheme.issueTypeScheme.id}/issuetype`;
    const put = await call(jira, 'PUT', path, { as: admin, body: { issueTypeIds: [created.body.id] } });
    expect(put.status).toBe(204);
    const again = await call(jira, 'PUT', path, { as: admin, body: { issueTypeIds: [created.body.id] } });
    expect(again.status).toBe(400);
    const after = await call(jira, 'GET', '/rest/api/3/project/OPS', { as: admin });
    expect(after.body.issueTypes.map((t: { name: string }) => t.name)).toContain('Moonshot');
    const asLead = await call(jira, 'PUT', path, { as: lead, body: { issueTypeIds: [created.body.id] } });
    expect(asLead.status).toBe(403);
  });

  test('visible issue types and priorities', async () => {
    const forStaff = await call(jira, 'GET', '/rest/api/3/issuetype', { as: staff });
    const names = forStaff.body.map((t: { name: string }) => t.name);
    expect(names).toEqual(expect.arrayContaining(['Epic', 'Story', 'Incident', 'Innovation Idea']));
    expect(names).not.toContain('Service Request');
    const priorities = await call(jira, 'GET', '/rest/api/3/priority/search', { as: staff });
    expect(priorities.body.isLast).toBe(true);
    // The demo site speaks like a JSM site: P1–P5, highest first.
    expect(priorities.body.values.map((p: { name: string }) => p.name)).toEqual([
      'P1',
      'P2',
      'P3',
      'P4',
      'P5',
    ]);
  });
});

describe('more endpoints the app reads', () => {
  test('bulk fetch of issues by key or id', async () => {
    const r = await call(jira, 'POST', '/rest/api/3/issue/bulkfetch', {
      as: admin,
      body: { issueIdsOrKeys: ['OPS-1', 'PMO-2', 'NOPE-1'], fields: ['summary', 'duedate'] },
    });
    expect(r.status).toBe(200);
    expect(r.body.issues.map((i: { key: string }) => i.key)).toEqual(['OPS-1', 'PMO-2']);
    expect(Object.keys(r.body.issues[0].fields)).toEqual(['summary', 'duedate']);
    // As Jira documents it: an issue that does not exist or cannot be seen is left out, not an issueError.
    expect(r.body.issueErrors).toEqual([]);
  });

  test('a status by id or name, with its category', async () => {
    const byName = await call(jira, 'GET', '/rest/api/3/status/Evaluating', { as: staff });
    expect(byName.body).toMatchObject({
      name: 'Evaluating',
      statusCategory: { key: 'indeterminate', id: 4 },
    });
    const byId = await call(jira, 'GET', `/rest/api/3/status/${byName.body.id}`, { as: staff });
    expect(byId.body.name).toBe('Evaluating');
    expect((await call(jira, 'GET', '/rest/api/3/status/99999', { as: staff })).status).toBe(404);
  });

  test('scheme mappings and workflow schemes (admins only)', async () => {
    const ops = await call(jira, 'GET', '/rest/api/3/project/OPS', { as: admin });
    const schemes = await call(jira, 'GET', `/rest/api/3/issuetypescheme/project?projectId=${ops.body.id}`, {
      as: admin,
    });
    const schemeId = schemes.body.values[0].issueTypeScheme.id;
    const mapping = await call(
      jira,
      'GET',
      `/rest/api/3/issuetypescheme/mapping?issueTypeSchemeId=${schemeId}`,
      { as: admin },
    );
    const idea = ops.body.issueTypes.find((t: { name: string }) => t.name === 'Innovation Idea');
    expect(mapping.body.values).toContainEqual({ issueTypeSchemeId: schemeId, issueTypeId: idea.id });
    expect(mapping.body.isLast).toBe(true);
    const ws = await call(jira, 'GET', `/rest/api/3/workflowscheme/project?projectId=${ops.body.id}`, {
      as: admin,
    });
    expect(ws.body.values[0].projectIds).toEqual([ops.body.id]);
    expect(ws.body.values[0].workflowScheme.issueTypeMappings[idea.id]).toBe('OPS: Innovation Idea Workflow');
    expect(
      (await call(jira, 'GET', `/rest/api/3/workflowscheme/project?projectId=${ops.body.id}`, { as: lead }))
        .status,
    ).toBe(403);
  });
});

describe('everything else', () => {
  test('unknown paths are 404 and wrong methods 405, in Jira shape', async () => {
    const r = await call(jira, 'GET', '/rest/api/3/dashboard', { as: admin });
    expect(r.status).toBe(404);
    expect(r.body.errorMessages[0]).toMatch(/No resource found/);
    const m = await call(jira, 'DELETE', '/rest/api/3/project/OPS', { as: admin });
    expect(m.status).toBe(405);
  });
});

describe('cost accounting', () => {
  test('requests, points, issues and endpoints are counted; /__fake/stats is not', async () => {
    jira.resetStats();
    await call(jira, 'GET', '/rest/api/3/project/OPS', { as: admin }); // 1 + 1
    await call(
      jira,
      'GET',
      `/rest/api/3/search/jql?jql=${encodeURIComponent('project = PMO')}&maxResults=10`,
      { as: admin },
    ); // 1 + 10
    await call(
      jira,
      'GET',
      '/rest/api/3/mypermissions?projectKey=PMO&permissions=BROWSE_PROJECTS,ADMINISTER',
      { as: lead },
    ); // 1 + 2·2
    await call(jira, 'PUT', '/rest/api/3/issue/PMO-1', {
      as: admin,
      body: { update: { labels: [{ add: 'x' }] } },
    }); // 1 + 1
    await call(jira, 'GET', '/rest/api/3/project/NOPE', { as: admin }); // 1
    await call(jira, 'GET', '/rest/api/3/myself'); // 401: 1
    const { stats } = jira;
    expect(stats.requests).toBe(6);
    expect(stats.points).toBe(2 + 11 + 5 + 2 + 1 + 1);
    expect(stats.issuesReturned).toBe(10);
    expect(stats.byEndpoint).toEqual({
      'GET /rest/api/3/project/{projectIdOrKey}': 2,
      'GET /rest/api/3/search/jql': 1,
      'GET /rest/api/3/mypermissions': 1,
      'PUT /rest/api/3/issue/{issueIdOrKey}': 1,
      'GET /rest/api/3/myself': 1,
    });
    expect(stats.log.map((e) => [e.method, e.status])).toEqual([
      ['GET', 200],
      ['GET', 200],
      ['GET', 200],
      ['PUT', 204],
      ['GET', 404],
      ['GET', 401],
    ]);
    expect(stats.log[0]!.path).toBe('/rest/api/3/project/OPS');
    const served = await fetch(`${jira.url}/__fake/stats`).then((r) => r.json());
    expect(served.requests).toBe(6);
    expect(jira.stats.requests).toBe(6);
    jira.resetStats();
    expect(jira.stats).toMatchObject({ requests: 0, points: 0, issuesReturned: 0, log: [] });
  });
});
