import { buildDemoSite, DEMO_USERS } from '../../dev/demo-org/demoSite';
import { startFakeJira, type FakeJira } from '../../dev/fake-jira/fakeJira';
import { generateLargeProject } from '../../dev/bench-data/generate';
import { searchJql } from '../../dev/fake-jira/jql';
import { call } from './http';

const TODAY = '2026-06-30';
const admin = DEMO_USERS.admin;
const JQL = 'project = OPS AND issuetype in (Incident, Epic) ORDER BY created ASC';

/** Follows `nextPageToken` until `isLast`, keeping every page. */
async function allPages(jira: FakeJira, jql: string, extra: Record<string, string> = {}) {
  const pages: {
    issues: { id: string; key: string; fields: Record<string, unknown> }[];
    isLast: boolean;
    nextPageToken?: string;
  }[] = [];
  let token: string | undefined;
  for (let guard = 0; guard < 1000; guard++) {
    const q = new URLSearchParams({ jql, ...extra });
    if (token) q.set('nextPageToken', token);
    const r = await call(jira, 'GET', `/rest/api/3/search/jql?${q}`, { as: admin });
    expect(r.status).toBe(200);
    pages.push(r.body);
    if (r.body.isLast) return pages;
    token = r.body.nextPageToken;
  }
  throw new Error('no last page');
}

describe('enhanced JQL search', () => {
  let jira: FakeJira;
  beforeAll(async () => {
    jira = await startFakeJira({ site: buildDemoSite({ today: TODAY }), pageCap: 7 });
  });
  afterAll(() => jira.close());

  test('pages of at most 7 until isLast, with no total and no token on the last page', async () => {
    const pages = await allPages(jira, JQL, { fields: 'summary,created', maxResults: '50' });
    const expected = searchJql(jira.site, JQL);
    if (!expected.ok) throw new Error('bad JQL');
    expect(pages.length).toBe(Math.ceil(expected.issues.length / 7));
    expect(pages.flatMap((p) => p.issues.map((i) => i.key))).toEqual(expected.issues.map((i) => i.key));
    for (const page of pages) {
      expect(page.issues.length).toBeLessThanOrEqual(7);
      expect(page).not.toHaveProperty('total');
      expect(page).not.toHaveProperty('startAt');
    }
    const last = pages[pages.length - 1]!;
    expect(last.isLast).toBe(true);
    expect(last).not.toHaveProperty('nextPageToken');
    expect(pages[0]!.nextPageToken).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(pages[0]!.issues[0]!.fields).toEqual({
      summary: expect.any(String),
      created: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}[+-]\d{4}$/),
    });
  });

  test('POST takes the same parameters in a body', async () => {
    const first = await call(jira, 'POST', '/rest/api/3/search/jql', {
      as: admin,
      body: { jql: JQL, fields: ['priority', 'status'], maxResults: 3 },
    });
    expect(first.status).toBe(200);
    expect(first.body.issues).toHaveLength(3);
    const second = await call(jira, 'POST', '/rest/api/3/search/jql', {
      as: admin,
      body: { jql: JQL, fields: ['priority'], maxResults: 3, nextPageToken: first.body.nextPageToken },
    });
    expect(second.status).toBe(200);
    expect(second.body.issues[0].key).not.toBe(first.body.issues[0].key);
    expect(Object.keys(second.body.issues[0].fields)).toEqual(['priority']);
  });

  test('fields default to id only; *all, *navigable and -field', async () => {
    const jql = encodeURIComponent('key = OPS-1');
    const bare = await call(jira, 'GET', `/rest/api/3/search/jql?jql=${jql}`, { as: admin });
    expect(bare.body.issues[0]).toEqual({
      expand: '',
      id: expect.any(String),
      key: 'OPS-1',
      self: `${jira.url}/rest/api/3/issue/${bare.body.issues[0].id}`,
      fields: {},
    });
    const all = await call(jira, 'GET', `/rest/api/3/search/jql?jql=${jql}&fields=*all,-description`, {
      as: admin,
    });
    expect(Object.keys(all.body.issues[0].fields)).toEqual(
      expect.arrayContaining([
        'summary',
        'issuetype',
        'status',
        'resolutiondate',
        'duedate',
        'labels',
        'comment',
      ]),
    );
    expect(all.body.issues[0].fields).not.toHaveProperty('description');
    const nav = await call(jira, 'GET', `/rest/api/3/search/jql?jql=${jql}&fields=*navigable`, { as: admin });
    expect(nav.body.issues[0].fields).not.toHaveProperty('comment');
    expect(nav.body.issues[0].fields.status.statusCategory.key).toBe('done');
  });

  test('a token from another query, or garbage, is refused with 400', async () => {
    const first = await call(
      jira,
      'GET',
      `/rest/api/3/search/jql?jql=${encodeURIComponent(JQL)}&maxResults=2`,
      { as: admin },
    );
    const token = first.body.nextPageToken as string;
    const other = await call(
      jira,
      'GET',
      `/rest/api/3/search/jql?jql=${encodeURIComponent('project = PMO')}&nextPageToken=${token}`,
      { as: admin },
    );
    expect(other.status).toBe(400);
    expect(other.body.errorMessages[0]).toMatch(/nextPageToken is invalid/);
    const garbage = await call(
      jira,
      'GET',
      `/rest/api/3/search/jql?jql=${encodeURIComponent(JQL)}&nextPageToken=abc`,
      {
        as: admin,
      },
    );
    expect(garbage.status).toBe(400);
    const tampered = token.slice(0, -2) + (token.endsWith('AA') ? 'BB' : 'AA');
    const bad = await call(
      jira,
      'GET',
      `/rest/api/3/search/jql?jql=${encodeURIComponent(JQL)}&nextPageToken=${tampered}`,
      {
        as: admin,
      },
    );
    expect(bad.status).toBe(400);
  });

  test('JQL errors and unbounded queries come back as Jira 400s', async () => {
    const unbounded = await call(
      jira,
      'GET',
      `/rest/api/3/search/jql?jql=${encodeURIComponent('order by key desc')}`,
      {
        as: admin,
      },
    );
    expect(unbounded.status).toBe(400);
    expect(unbounded.body).toEqual({
      errorMessages: [
        'Unbounded JQL queries are not allowed here. Please add a search restriction to your query.',
      ],
      warningMessages: [],
    });
    const badValue = await call(
      jira,
      'GET',
      `/rest/api/3/search/jql?jql=${encodeURIComponent('issuetype = Foo')}`,
      {
        as: admin,
      },
    );
    expect(badValue.body.errorMessages).toEqual([
      "The value 'Foo' does not exist for the field 'issuetype'.",
    ]);
    const syntax = await call(
      jira,
      'GET',
      `/rest/api/3/search/jql?jql=${encodeURIComponent('project = OPS AND')}`,
      {
        as: admin,
      },
    );
    expect(syntax.status).toBe(400);
    expect(syntax.body.errorMessages[0]).toMatch(/^Error in the JQL Query: /);
    const maxResults = await call(jira, 'GET', `/rest/api/3/search/jql?jql=project%3DOPS&maxResults=lots`, {
      as: admin,
    });
    expect(maxResults.status).toBe(400);
  });

  test('the old /search answers 410 Gone', async () => {
    for (const method of ['GET', 'POST']) {
      const r = await call(jira, method, '/rest/api/3/search?jql=project%3DOPS', {
        as: admin,
        body: method === 'POST' ? { jql: 'project = OPS' } : undefined,
      });
      expect(r.status).toBe(410);
      expect(r.body).toEqual({
        errorMessages: [
          'The requested API has been removed. Please migrate to the /rest/api/3/search/jql API. A full migration guideline is available at https://developer.atlassian.com/changelog/#CHANGE-2046',
        ],
        errors: {},
      });
    }
  });

  test('results are limited to what the caller can browse', async () => {
    const staff = DEMO_USERS.staff;
    const r = await call(
      jira,
      'GET',
      `/rest/api/3/search/jql?jql=${encodeURIComponent('issuetype = Incident')}&maxResults=5000`,
      {
        as: staff,
        headers: {},
      },
    );
    expect(r.status).toBe(200);
    const projects = new Set((r.body.issues as { key: string }[]).map((i) => i.key.split('-')[0]));
    expect([...projects]).toEqual(['DIG']);
    const hidden = await call(
      jira,
      'GET',
      `/rest/api/3/search/jql?jql=${encodeURIComponent('project = OPS')}`,
      { as: staff },
    );
    expect(hidden.status).toBe(400);
    expect(hidden.body.errorMessages).toEqual(["The value 'OPS' does not exist for the field 'project'."]);
  });

  test('approximate count and JQL parse', async () => {
    const count = await call(jira, 'POST', '/rest/api/3/search/approximate-count', {
      as: admin,
      body: { jql: 'project = DIG' },
    });
    expect(count.body.count).toBe(jira.site.issues.filter((i) => i.fields.project.key === 'DIG').length);
    const parsed = await call(jira, 'POST', '/rest/api/3/jql/parse?validation=strict', {
      as: admin,
      body: {
        queries: ['project = OPS AND labels != x', 'issuetype = Foo', 'project = ', 'order by created'],
      },
    });
    expect(parsed.status).toBe(200);
    const [ok, badValue, syntax, orderOnly] = parsed.body.queries;
    expect(ok.structure.where.operator).toBe('and');
    expect(ok).not.toHaveProperty('errors');
    expect(badValue.errors).toEqual(["The value 'Foo' does not exist for the field 'issuetype'."]);
    expect(syntax.errors[0]).toMatch(/^Error in the JQL Query/);
    expect(orderOnly.structure.orderBy.fields[0].field.name).toBe('created');
    const none = await call(jira, 'POST', '/rest/api/3/jql/parse?validation=none', {
      as: admin,
      body: { queries: ['issuetype = Foo'] },
    });
    expect(none.body.queries[0].errors).toBeUndefined();
  });
});

describe('page sizes', () => {
  let jira: FakeJira;
  beforeAll(async () => {
    const site = generateLargeProject({ key: 'BIG', issues: 6000, years: 2, today: TODAY, seed: 7 });
    jira = await startFakeJira({ site });
  });
  afterAll(() => jira.close());

  test('at most 100 issues with real fields, 5000 with id/key only, 50 by default', async () => {
    const jql = encodeURIComponent('project = BIG');
    const withFields = await call(
      jira,
      'GET',
      `/rest/api/3/search/jql?jql=${jql}&fields=summary&maxResults=1000`,
      { as: admin },
    );
    expect(withFields.body.issues).toHaveLength(100);
    const idsOnly = await call(
      jira,
      'GET',
      `/rest/api/3/search/jql?jql=${jql}&fields=id,key&maxResults=9000`,
      { as: admin },
    );
    expect(idsOnly.body.issues).toHaveLength(5000);
    expect(idsOnly.body.isLast).toBe(false);
    const defaults = await call(jira, 'GET', `/rest/api/3/search/jql?jql=${jql}`, { as: admin });
    expect(defaults.body.issues).toHaveLength(50);
  });

  test('shortPages returns fewer than the cap sometimes, but paging still reaches every issue', async () => {
    const short = await startFakeJira({ site: jira.site, shortPages: true, pageCap: 30 });
    try {
      const jql = 'project = BIG AND issuetype = Incident';
      const expected = searchJql(short.site, jql);
      if (!expected.ok) throw new Error('bad JQL');
      const pages = await allPages(short, jql, { fields: 'created' });
      const sizes = pages.slice(0, -1).map((p) => p.issues.length);
      expect(sizes.some((n) => n < 30)).toBe(true);
      expect(pages.flatMap((p) => p.issues.map((i) => i.id))).toEqual(expected.issues.map((i) => i.id));
    } finally {
      await short.close();
    }
  });
});
