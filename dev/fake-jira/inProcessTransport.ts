/**
 * A `JiraTransport` that calls the fake Jira's pipeline directly, without a socket: for tests and tools that want the
 * fake's full behaviour (auth, faults, stats) at function-call speed.
 */
import type { JiraRequest, JiraResponse, JiraTransport } from '../../src/jira/transport';
import { renderPath } from '../../src/jira/transport';
import type { FakeJiraApp } from './server/app';

export type InProcessIdentity = { email: string; token: string } | { accountId: string };

/**
 * A transport acting as one identity. `{ accountId }` sends `X-Fake-Account-Id`, which the app only accepts in
 * `authMode: 'header'`. A hang-up fault becomes a rejected promise, as with fetch.
 * @example new JiraClient(inProcessTransport(createFakeJiraApp({ site }), DEMO_USERS.admin), options)
 */
export function inProcessTransport(app: FakeJiraApp, as: InProcessIdentity): JiraTransport {
  const headers: Record<string, string> =
    'accountId' in as
      ? { 'x-fake-account-id': as.accountId }
      : { authorization: `Basic ${Buffer.from(`${as.email}:${as.token}`).toString('base64')}` };
  return {
    description: `the fake Jira (in process, as ${'accountId' in as ? as.accountId : as.email})`,
    async send(request: JiraRequest, signal: AbortSignal): Promise<JiraResponse> {
      signal.throwIfAborted();
      const url = new URL(renderPath(request.path), 'http://fake.invalid');
      const outcome = await app.handle({
        method: request.method,
        path: url.pathname,
        query: url.searchParams,
        headers: {
          ...headers,
          ...(request.body !== undefined ? { 'content-type': 'application/json' } : {}),
        },
        body: request.body === undefined ? '' : JSON.stringify(request.body),
      });
      signal.throwIfAborted();
      if (outcome.kind === 'hangUp') throw new TypeError('fetch failed: the fake Jira hung up');
      const lower = Object.fromEntries(Object.entries(outcome.headers).map(([k, v]) => [k.toLowerCase(), v]));
      return {
        status: outcome.status,
        header: (name) => lower[name.toLowerCase()] ?? null,
        text: async () => outcome.body,
      };
    },
  };
}
