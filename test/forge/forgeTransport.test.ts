// The real @forge/api over the Forge emulator's egress (dev/forge-emulator); Jira is a function that records calls.
import { installPlatform, type JiraCall } from '../../dev/forge-emulator/egress';
import { KvsEmulator } from '../../dev/forge-emulator/kvs';

import { JiraClient } from '../../src/jira/client';
import { JiraError } from '../../src/jira/errors';
import { createForgeTransport, ForgeConsentError, toRoute } from '../../src/jira/forgeTransport';
import { route } from '@forge/api';

type Answer = { status: number; headers?: Record<string, string>; body?: unknown };
const jira = {
  calls: [] as (Omit<JiraCall, 'body'> & { body: unknown })[],
  answer: null as null | ((call: JiraCall) => Answer | Promise<Answer>),
};
installPlatform({
  jira: {
    kind: 'handler',
    handle: async (call) => {
      jira.calls.push({ ...call, body: call.body === undefined ? undefined : JSON.parse(call.body) });
      const reply: Answer = jira.answer
        ? await jira.answer(call)
        : call.path === '/rest/api/3/jql/parse'
          ? {
              status: 200,
              body: { queries: JSON.parse(call.body!).queries.map((query: string) => ({ query })) },
            }
          : { status: 200, body: {} };
      return new Response(reply.body === undefined ? null : JSON.stringify(reply.body), {
        status: reply.status,
        headers: reply.headers,
      });
    },
  },
  kvs: new KvsEmulator(),
  onQueuePush: () => {},
  currentAccount: () => 'u1',
});

beforeEach(() => {
  jira.calls = [];
  jira.answer = null;
});

const signal = () => new AbortController().signal;

describe('Forge transport', () => {
  test("hands the path to @forge/api's real route: query values encoded, path parameters checked", async () => {
    expect(toRoute(route`/rest/api/3/search/jql?jql=${'project = "A B"'}&fields=${'a,b'}`).value).toBe(
      '/rest/api/3/search/jql?jql=project%20%3D%20%22A%20B%22&fields=a%2Cb',
    );
    expect(
      toRoute(
        route`/rest/api/3/project/search?${new URLSearchParams([
          ['keys', 'A'],
          ['keys', 'B'],
        ])}`,
      ).value,
    ).toBe('/rest/api/3/project/search?keys=A&keys=B');
    expect(toRoute(route`/rest/api/3/issue/${'OPS-1'}/comment`).value).toBe(
      '/rest/api/3/issue/OPS-1/comment',
    );
    for (const bad of ['a/b', '..', '%2e%2e', 'x?y', 'x#y']) {
      expect(() => toRoute(route`/rest/api/3/issue/${bad}`)).toThrow(/Disallowing path manipulation/);
    }
  });

  test('sends JSON with its method and headers, as the user or as the app', async () => {
    const user = createForgeTransport('user');
    const res = await user.send(
      { method: 'POST', path: route`/rest/api/3/jql/parse`, body: { queries: ['a = 1'] } },
      signal(),
    );
    expect(res.status).toBe(200);
    expect(JSON.parse(await res.text()).queries[0].query).toBe('a = 1');
    expect(jira.calls[0]).toMatchObject({
      accountId: 'u1',
      method: 'POST',
      path: '/rest/api/3/jql/parse',
      body: { queries: ['a = 1'] },
      headers: { Accept: 'application/json', 'Content-Type': 'application/json' },
    });
    await createForgeTransport('app').send(
      { method: 'GET', path: route`/rest/api/3/status/${'1'}` },
      signal(),
    );
    expect(jira.calls[1]).toMatchObject({
      accountId: 'app',
      method: 'GET',
      headers: { Accept: 'application/json' },
    });
    expect(jira.calls[1]!.headers).not.toHaveProperty('Content-Type');
  });

  test('answers headers case-insensitively', async () => {
    jira.answer = () => ({ status: 429, headers: { 'Retry-After': '3' }, body: {} });
    const res = await createForgeTransport('app').send({ method: 'GET', path: route`/x` }, signal());
    expect(res.header('retry-after')).toBe('3');
  });

  test('honours the abort signal even if requestJira does not', async () => {
    jira.answer = () => new Promise(() => undefined); // never answers
    const controller = new AbortController();
    const pending = createForgeTransport('app').send({ method: 'GET', path: route`/x` }, controller.signal);
    controller.abort();
    await expect(pending).rejects.toThrow('aborted');
    expect(jira.calls[0]!.signal).toBe(controller.signal);
  });

  test("the client's timeout becomes a timeout error", async () => {
    jira.answer = () => new Promise(() => undefined);
    const client = new JiraClient(createForgeTransport('app'), {
      retry: { maxAttempts: 1, requestTimeoutMs: 20 },
    });
    await expect(client.request('GET', route`/rest/api/3/myself`)).rejects.toMatchObject({
      kind: 'timeout',
    });
  });

  test('a spent deadline stops requests before and during the call', async () => {
    const now = Date.now();
    const spent = createForgeTransport('app', { deadline: now - 1 });
    await expect(spent.send({ method: 'GET', path: route`/x` }, signal())).rejects.toBeInstanceOf(JiraError);
    expect(jira.calls).toHaveLength(0);
    jira.answer = () => new Promise(() => undefined);
    const soon = createForgeTransport('app', { deadline: Date.now() + 30 });
    await expect(soon.send({ method: 'GET', path: route`/x` }, signal())).rejects.toMatchObject({
      kind: 'timeout',
    });
  });

  test('a 401 says who Jira refused, in Forge terms (no API token to check here)', async () => {
    jira.answer = () => ({ status: 401, body: { errorMessages: ['Unauthorized'] } });
    const asUser = await new JiraClient(createForgeTransport('user'))
      .request('GET', route`/rest/api/3/mypermissions`)
      .catch((e: unknown) => e);
    expect(asUser).toMatchObject({ kind: 'auth', status: 401, mode: 'user' });
    expect((asUser as Error).message).toMatch(/no access to Jira/);
    expect((asUser as Error).message).not.toMatch(/JIRA_API_TOKEN/);
    const asApp = await new JiraClient(createForgeTransport('app'))
      .request('GET', route`/rest/api/3/status/${'1'}`)
      .catch((e: unknown) => e);
    expect(asApp).toMatchObject({ kind: 'auth', status: 401, mode: 'app' });
    expect((asApp as Error).message).toMatch(/Phase Gate app/);
    expect((asApp as Error).message).not.toMatch(/JIRA_API_TOKEN/);
  });

  test("Forge's consent error is carried through the client untouched", async () => {
    const { NeedsAuthenticationError } = jest.requireActual('@forge/api');
    const consent = new NeedsAuthenticationError('Authentication Required', 'atlassian-token-service-key');
    jira.answer = () => {
      throw consent;
    };
    const client = new JiraClient(createForgeTransport('user'));
    const err = await client.request('GET', route`/rest/api/3/myself`).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ForgeConsentError);
    expect((err as ForgeConsentError).original).toBe(consent);
    expect(jira.calls).toHaveLength(1); // not retried
  });
});
