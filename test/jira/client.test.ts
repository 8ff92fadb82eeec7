import { route } from '@forge/api';
import { JiraClient } from '../../src/jira/client';
import { JiraError } from '../../src/jira/errors';
import { parseRetryAfter } from '../../src/jira/retry';
import {
  renderPath,
  type JiraRequest,
  type JiraResponse,
  type JiraTransport,
} from '../../src/jira/transport';

type Reply = { status: number; body?: unknown; headers?: Record<string, string> } | Error;

/** A transport that answers from a script and records what was asked. */
function scripted(replies: Reply[]) {
  const requests: JiraRequest[] = [];
  const transport: JiraTransport = {
    description: 'https://test.atlassian.net',
    async send(req: JiraRequest): Promise<JiraResponse> {
      requests.push(req);
      const reply = replies.shift();
      if (!reply) throw new Error('no scripted reply left');
      if (reply instanceof Error) throw reply;
      const headers = Object.fromEntries(
        Object.entries(reply.headers ?? {}).map(([k, v]) => [k.toLowerCase(), v]),
      );
      const text =
        typeof reply.body === 'string'
          ? reply.body
          : reply.body === undefined
            ? ''
            : JSON.stringify(reply.body);
      return {
        status: reply.status,
        header: (n) => headers[n.toLowerCase()] ?? null,
        text: async () => text,
      };
    },
  };
  return { transport, requests };
}

function client(replies: Reply[], waits: number[] = [], retry = {}) {
  const s = scripted(replies);
  let clock = 1_000_000;
  const c = new JiraClient(s.transport, {
    sleep: async (ms) => {
      waits.push(ms);
      clock += ms;
    },
    now: () => clock,
    random: () => 0.5,
    retry,
  });
  return { c, ...s };
}

const page = (keys: string[], next?: string) => ({
  issues: keys.map((k) => ({
    id: k.replace(/\D/g, ''),
    key: k,
    fields: { created: '2026-01-01T00:00:00.000+0000' },
  })),
  isLast: next === undefined,
  ...(next ? { nextPageToken: next } : {}),
});

/** The error a promise rejects with; fails the test if it resolves. */
async function failure(p: Promise<unknown>): Promise<JiraError> {
  return p.then(
    () => {
      throw new Error('expected a failure');
    },
    (e: JiraError) => e,
  );
}

describe('Jira client', () => {
  test('search follows nextPageToken until isLast, whatever the page size', async () => {
    const { c, requests } = client([
      { status: 200, body: page(['A-1', 'A-2'], 'tok1') },
      { status: 200, body: page(['A-3'], 'tok2') },
      { status: 200, body: page(['A-4']) },
    ]);
    const seen: string[] = [];
    const n = await c.search('project = A', ['created'], (p) => seen.push(...p.map((i) => i.key)));
    expect(n).toBe(4);
    expect(seen).toEqual(['A-1', 'A-2', 'A-3', 'A-4']);
    const urls = requests.map((r) => new URL(renderPath(r.path), 'http://x'));
    expect(urls.map((u) => u.pathname)).toEqual(Array(3).fill('/rest/api/3/search/jql'));
    expect(requests.map((r) => r.method)).toEqual(['GET', 'GET', 'GET']);
    expect(Object.fromEntries(urls[1]!.searchParams)).toEqual({
      jql: 'project = A',
      fields: 'created',
      maxResults: '100',
      nextPageToken: 'tok1',
    });
    expect(urls[0]!.searchParams.has('nextPageToken')).toBe(false);
  });

  test('search falls back to POST when the GET form is refused (404/405), for every later page too', async () => {
    const { c, requests } = client([
      { status: 405, body: 'Method Not Allowed' },
      { status: 200, body: page(['A-1'], 't1') },
      { status: 200, body: page(['A-2']) },
    ]);
    const seen: string[] = [];
    await c.search('project = A', ['created'], (p) => seen.push(...p.map((i) => i.key)));
    expect(seen).toEqual(['A-1', 'A-2']);
    expect(requests.map((r) => r.method)).toEqual(['GET', 'POST', 'POST']);
    expect(requests[2]!.body).toMatchObject({ jql: 'project = A', nextPageToken: 't1' });
  });

  test('issues without an id (or with a numeric one) are keyed by what they have', async () => {
    const { c } = client([
      {
        status: 200,
        body: {
          issues: [{ key: 'A-1', fields: {} }, { id: 7, key: 'A-7', fields: {} }, { key: 'A-1' }],
          isLast: true,
        },
      },
    ]);
    const seen: string[] = [];
    await c.search('project = A', [], (p) => seen.push(...p.map((i) => `${i.id}/${i.key}`)));
    expect(seen).toEqual(['A-1/A-1', '7/A-7']);
  });

  test('a very long JQL is sent in a POST body', async () => {
    const { c, requests } = client([{ status: 200, body: page(['A-1']) }]);
    const jql = `project = A AND summary ~ "${'x'.repeat(7000)}"`;
    await c.search(jql, ['created'], () => {});
    expect(requests[0]!.method).toBe('POST');
    expect(requests[0]!.body).toMatchObject({ jql, fields: ['created'], maxResults: 100 });
  });

  test('issues repeated across pages are passed once', async () => {
    const { c } = client([
      { status: 200, body: page(['A-1', 'A-2'], 't') },
      { status: 200, body: page(['A-2', 'A-3']) },
    ]);
    const seen: string[] = [];
    await c.search('project = A', [], (p) => seen.push(...p.map((i) => i.key)));
    expect(seen).toEqual(['A-1', 'A-2', 'A-3']);
  });

  test('a page served twice is tolerated; a search that keeps repeating is stopped instead of looping', async () => {
    const twice = client([
      { status: 200, body: page(['A-1'], 't1') },
      { status: 200, body: page(['A-1'], 't1') },
      { status: 200, body: page(['A-2']) },
    ]);
    const seen: string[] = [];
    await twice.c.search('project = A', [], (p) => seen.push(...p.map((i) => i.key)));
    expect(seen).toEqual(['A-1', 'A-2']);
    const forever = client(Array(10).fill({ status: 200, body: page(['A-1'], 't') }));
    await expect(forever.c.search('project = A', [], () => {})).rejects.toThrow(
      'kept repeating the same search page',
    );
  });

  test('429 with Retry-After in seconds waits that long, then succeeds', async () => {
    const waits: number[] = [];
    const { c } = client(
      [
        { status: 429, headers: { 'Retry-After': '3' } },
        { status: 429, headers: { 'Retry-After': '1' } },
        { status: 200, body: { ok: 1 } },
      ],
      waits,
    );
    await expect(c.request('GET', route`/rest/api/3/myself`)).resolves.toEqual({ ok: 1 });
    expect(waits).toEqual([3000, 1000]);
  });

  test('Retry-After as an HTTP date', () => {
    expect(parseRetryAfter('Wed, 21 Oct 2026 07:28:00 GMT', Date.parse('2026-10-21T07:27:00Z'))).toBe(60_000);
    expect(parseRetryAfter('soon', 0)).toBeNull();
  });

  test('5xx is retried with exponential backoff and jitter, bounded in attempts', async () => {
    const waits: number[] = [];
    const { c, requests } = client(Array(5).fill({ status: 503, body: 'busy' }), waits);
    const err = await failure(c.request('GET', route`/rest/api/3/myself`));
    expect(err).toBeInstanceOf(JiraError);
    expect(err.kind).toBe('server');
    expect(requests).toHaveLength(5);
    expect(waits).toEqual([1000, 2000, 4000, 8000]);
  });

  test('retries are bounded in total time too', async () => {
    const waits: number[] = [];
    const { c, requests } = client(
      [
        { status: 429, headers: { 'Retry-After': '50' } },
        { status: 429, headers: { 'Retry-After': '50' } },
        { status: 200 },
      ],
      waits,
      { totalBudgetMs: 60_000 },
    );
    const err = await failure(c.request('GET', route`/rest/api/3/myself`));
    expect(err.kind).toBe('rate-limited');
    expect(requests).toHaveLength(2);
  });

  test('no retry waits past the deadline, and a quota pause longer than the time left fails at once', async () => {
    const waits: number[] = [];
    let clock = 1_000_000;
    const s = scripted([
      { status: 503, headers: { 'Retry-After': '4' } },
      { status: 503, headers: { 'Retry-After': '4' } },
      { status: 200, body: {} },
      { status: 429, headers: { 'Retry-After': '30', 'RateLimit-Reason': 'jira-quota-global-based' } },
    ]);
    const c = new JiraClient(s.transport, {
      sleep: async (ms) => {
        waits.push(ms);
        clock += ms;
      },
      now: () => clock,
      random: () => 0.5,
      deadline: clock + 6000, // a 4 s wait fits once, not twice
    });
    const err = await failure(c.request('GET', route`/rest/api/3/myself`));
    expect(err.kind).toBe('server');
    expect(s.requests).toHaveLength(2);
    expect(waits).toEqual([4000]);
    await c.request('GET', route`/rest/api/3/myself`); // answered
    // A quota-type 429 asking for 30 s: not waited for; the next request is refused before Jira is asked.
    expect((await failure(c.request('GET', route`/rest/api/3/myself`))).kind).toBe('rate-limited');
    const before = s.requests.length;
    const paused = await failure(c.request('GET', route`/rest/api/3/myself`));
    expect(paused.kind).toBe('rate-limited');
    expect(s.requests).toHaveLength(before);
    expect(waits).toEqual([4000]);
  });

  test('a quota-type 429 pauses every request until the reset', async () => {
    const waits: number[] = [];
    const { c } = client(
      [
        { status: 429, headers: { 'Retry-After': '20', 'RateLimit-Reason': 'jira-quota-global-based' } },
        { status: 200, body: {} },
      ],
      waits,
    );
    await c.request('GET', route`/rest/api/3/myself`);
    expect(waits).toEqual([20_000]);
  });

  test('401 is not retried and names the credentials', async () => {
    const { c, requests } = client([
      { status: 401, body: 'Client must be authenticated to access this resource.' },
    ]);
    const err = await failure(c.request('GET', route`/rest/api/3/myself`));
    expect(err.kind).toBe('auth');
    expect(err.message).toContain('check JIRA_EMAIL and JIRA_API_TOKEN');
    expect(requests).toHaveLength(1);
  });

  test("400 carries Jira's error messages and is not retried", async () => {
    const { c, requests } = client([
      {
        status: 400,
        body: {
          errorMessages: ["Field 'bogus' does not exist or you do not have permission to view it."],
          errors: {},
        },
      },
    ]);
    const err = await failure(c.search('bogus = 1', [], () => {}));
    expect(err.kind).toBe('bad-request');
    expect(err.message).toContain("Field 'bogus' does not exist");
    expect(requests).toHaveLength(1);
  });

  test('a 200 that is not JSON is an error, not a guess', async () => {
    const { c } = client([{ status: 200, body: '{"issues": [' }]);
    await expect(c.search('project = A', [], () => {})).rejects.toThrow('not JSON');
  });

  test('an answer in the wrong shape is an error naming the field', async () => {
    const { c } = client([{ status: 200, body: { issues: [{ id: '1' }] } }]);
    await expect(c.search('project = A', [], () => {})).rejects.toThrow(/expected shape \(issues\.0\.key/);
  });

  test('connection errors are retried, then reported as unreachable', async () => {
    const refused = Object.assign(new Error('fetch failed'), { cause: { code: 'ECONNREFUSED' } });
    const { c } = client([refused, refused, refused, refused, refused]);
    const err = await failure(c.request('GET', route`/rest/api/3/myself`));
    expect(err.kind).toBe('network');
    expect(err.message).toContain('ECONNREFUSED');
  });

  test('writes are not retried', async () => {
    const { c, requests } = client([{ status: 503 }, { status: 201 }]);
    await expect(
      c.request('POST', route`/rest/api/3/issue/${'A-1'}/comment`, { body: {} }),
    ).rejects.toThrow();
    expect(requests).toHaveLength(1);
  });

  test('a request that hangs times out', async () => {
    const transport: JiraTransport = {
      description: 'x',
      send: (_req, signal) =>
        new Promise((_resolve, reject) =>
          signal.addEventListener('abort', () => reject(new Error('aborted'))),
        ),
    };
    const c = new JiraClient(transport, { retry: { requestTimeoutMs: 20, maxAttempts: 1 } });
    await expect(c.request('GET', route`/x`)).rejects.toMatchObject({ kind: 'timeout' });
  });

  test('paths are encoded like Forge route: path parts checked, query values encoded', () => {
    expect(renderPath(route`/rest/api/3/project/${'OPS'}?jql=${'a = "b c"'}`)).toBe(
      '/rest/api/3/project/OPS?jql=a%20%3D%20%22b%20c%22',
    );
    expect(() => renderPath(route`/rest/api/3/issue/${'../admin'}`)).toThrow('path manipulation');
    expect(() => renderPath(route`/rest/api/3/issue/${'a/b'}`)).toThrow('path manipulation');
  });
});
