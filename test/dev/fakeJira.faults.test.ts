import { buildDemoSite, DEMO_USERS } from '../../dev/demo-org/demoSite';
import { createFakeJiraApp, startFakeJira, type FakeJira } from '../../dev/fake-jira/fakeJira';
import { call } from './http';

const admin = DEMO_USERS.admin;
const site = buildDemoSite({ today: '2026-06-30' });

let jira: FakeJira;
beforeEach(async () => {
  jira = await startFakeJira({ site, pageCap: 5 });
});
afterEach(() => jira.close());

describe('injected faults', () => {
  test('429 with Retry-After twice, then OK', async () => {
    jira.setFaults([
      {
        match: 'GET /rest/api/3/project/',
        status: 429,
        retryAfter: '2',
        rateLimitReason: 'jira-burst-based',
        times: 2,
      },
    ]);
    const statuses: number[] = [];
    for (let i = 0; i < 3; i++) {
      const r = await call(jira, 'GET', '/rest/api/3/project/OPS', { as: admin });
      statuses.push(r.status);
      if (r.status === 429) {
        expect(r.headers.get('retry-after')).toBe('2');
        expect(r.headers.get('ratelimit-reason')).toBe('jira-burst-based');
      }
    }
    expect(statuses).toEqual([429, 429, 200]);
    // Unmatched requests are untouched.
    jira.setFaults([{ match: /myself/, status: 503, retryAfter: 'Wed, 01 Jul 2026 12:00:00 GMT' }]);
    expect((await call(jira, 'GET', '/rest/api/3/project/OPS', { as: admin })).status).toBe(200);
    const unavailable = await call(jira, 'GET', '/rest/api/3/myself', { as: admin });
    expect(unavailable.status).toBe(503);
    expect(unavailable.headers.get('retry-after')).toBe('Wed, 01 Jul 2026 12:00:00 GMT');
  });

  test('a gateway 502 answers HTML; faults come before authentication', async () => {
    jira.setFaults([{ status: 502, times: 1 }]);
    const r = await call(jira, 'GET', '/rest/api/3/myself');
    expect(r.status).toBe(502);
    expect(r.headers.get('content-type')).toMatch(/text\/html/);
    expect((await call(jira, 'GET', '/rest/api/3/myself')).status).toBe(401);
  });

  test('malformed JSON: 200 with a truncated body', async () => {
    jira.setFaults([{ match: 'search/jql', malformedJson: true, times: 1 }]);
    const r = await call(jira, 'GET', '/rest/api/3/search/jql?jql=project%3DOPS&fields=summary', {
      as: admin,
    });
    expect(r.status).toBe(200);
    expect(() => JSON.parse(r.text)).toThrow();
    const ok = await call(jira, 'GET', '/rest/api/3/search/jql?jql=project%3DOPS&fields=summary', {
      as: admin,
    });
    expect(ok.body.issues).toHaveLength(5);
  });

  test('hang-up: the socket is destroyed without an answer', async () => {
    jira.setFaults([{ match: 'myself', hangUp: true, times: 1 }]);
    await expect(call(jira, 'GET', '/rest/api/3/myself', { as: admin })).rejects.toThrow();
    expect((await call(jira, 'GET', '/rest/api/3/myself', { as: admin })).status).toBe(200);
  });

  test('delays: per rule and global latency', async () => {
    jira.setFaults([{ match: 'myself', delayMs: 120, times: 1 }]);
    let t = performance.now();
    expect((await call(jira, 'GET', '/rest/api/3/myself', { as: admin })).status).toBe(200);
    expect(performance.now() - t).toBeGreaterThanOrEqual(100);
    jira.setFaults([], 60);
    t = performance.now();
    await call(jira, 'GET', '/rest/api/3/myself', { as: admin });
    expect(performance.now() - t).toBeGreaterThanOrEqual(50);
  });

  test('duplicate page: the previous page comes again, then paging carries on', async () => {
    jira.setFaults([{ match: 'search/jql', duplicatePage: true, times: 1 }]);
    const jql = encodeURIComponent('project = PMO AND issuetype = Epic ORDER BY key');
    const keys: string[][] = [];
    let token = '';
    for (let i = 0; i < 50; i++) {
      const r = await call(
        jira,
        'GET',
        `/rest/api/3/search/jql?jql=${jql}${token ? `&nextPageToken=${token}` : ''}`,
        {
          as: admin,
        },
      );
      keys.push(r.body.issues.map((x: { key: string }) => x.key));
      if (r.body.isLast) break;
      token = r.body.nextPageToken;
    }
    expect(keys[1]).toEqual(keys[0]);
    const unique = [...new Set(keys.flat())];
    const epics = site.issues.filter(
      (i) => i.fields.project.key === 'PMO' && i.fields.issuetype.name === 'Epic',
    );
    expect(unique).toHaveLength(epics.length);
    expect(keys.flat()).toHaveLength(epics.length + 5);
  });

  test('faults can be set at start and over HTTP', async () => {
    const f = await startFakeJira({ site, faults: [{ status: 500, times: 1 }] });
    try {
      expect((await call(f, 'GET', '/rest/api/3/myself', { as: admin })).status).toBe(500);
      expect((await call(f, 'GET', '/rest/api/3/myself', { as: admin })).status).toBe(200);
      await fetch(`${f.url}/__fake/faults`, {
        method: 'POST',
        body: JSON.stringify({ rules: [{ matchRegex: 'project/(OPS|PMO)$', status: 504 }] }),
      });
      expect((await call(f, 'GET', '/rest/api/3/project/PMO', { as: admin })).status).toBe(504);
      expect((await call(f, 'GET', '/rest/api/3/project/DIG', { as: admin })).status).toBe(200);
      expect(f.stats.log.map((e) => e.status)).toEqual([500, 200, 504, 200]);
    } finally {
      await f.close();
    }
  });
});

describe('in-process use', () => {
  test('the same pipeline answers without a socket', async () => {
    const app = createFakeJiraApp({ site, authMode: 'header' });
    const outcome = await app.handle({
      method: 'GET',
      path: '/rest/api/3/project/DIG',
      query: new URLSearchParams(),
      headers: { 'x-fake-account-id': 'app' },
      body: '',
    });
    expect(outcome.kind).toBe('respond');
    if (outcome.kind === 'respond') {
      expect(outcome.status).toBe(200);
      expect(JSON.parse(outcome.body).key).toBe('DIG');
    }
    expect(app.stats.requests).toBe(1);
  });
});

describe('in-process transport', () => {
  test('sends requests through the pipeline with basic auth or an account header', async () => {
    const { inProcessTransport } = await import('../../dev/fake-jira/inProcessTransport');
    const { route } = await import('@forge/api');
    const app = createFakeJiraApp({ site, authMode: 'header' });
    const asAdmin = inProcessTransport(app, admin);
    const signal = new AbortController().signal;
    const r = await asAdmin.send(
      { method: 'GET', path: route`/rest/api/3/search/jql?jql=${'key = DIG-1'}&fields=${'summary'}` },
      signal,
    );
    expect(r.status).toBe(200);
    expect(r.header('Content-Type')).toMatch(/json/);
    expect(JSON.parse(await r.text()).issues[0].key).toBe('DIG-1');
    const asApp = inProcessTransport(app, { accountId: 'app' });
    const p = await asApp.send(
      {
        method: 'PUT',
        path: route`/rest/api/3/issue/${'DIG-1'}`,
        body: { update: { labels: [{ add: 'x' }] } },
      },
      signal,
    );
    expect(p.status).toBe(204);
    app.setFaults([{ hangUp: true, times: 1 }]);
    await expect(asApp.send({ method: 'GET', path: route`/rest/api/3/myself` }, signal)).rejects.toThrow(
      /hung up/,
    );
  });
});
