/**
 * The fake Jira Cloud as the emulator's in-process Jira target: each `requestJira` of the real `@forge/api` goes
 * through the fake's whole pipeline (auth by account header, JQL, faults, stats) without a socket. A hang-up fault
 * rejects, as `fetch` does.
 */
import type { FakeJiraApp } from '../fake-jira/fakeJira';
import type { JiraTarget } from './egress';

/**
 * @param app the fake Jira app (read on every request, so a test may replace it between cases)
 * @example installPlatform({ jira: fakeJiraTarget(() => app), kvs: new KvsEmulator(), onQueuePush: () => {} })
 */
export function fakeJiraTarget(app: () => FakeJiraApp): Extract<JiraTarget, { kind: 'handler' }> {
  return {
    kind: 'handler',
    async handle(call) {
      call.signal?.throwIfAborted();
      const url = new URL(call.path, 'http://fake.invalid');
      const outcome = await app().handle({
        method: call.method,
        path: url.pathname,
        query: url.searchParams,
        headers: {
          ...Object.fromEntries(Object.entries(call.headers).map(([k, v]) => [k.toLowerCase(), v])),
          'x-fake-account-id': call.accountId,
        },
        body: call.body ?? '',
      });
      call.signal?.throwIfAborted();
      if (outcome.kind === 'hangUp') throw new TypeError('fetch failed: the fake Jira hung up');
      const empty = outcome.status === 204 || outcome.status === 304;
      return new Response(empty ? null : outcome.body, { status: outcome.status, headers: outcome.headers });
    },
  };
}
