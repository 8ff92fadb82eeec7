/**
 * `@forge/api` with the platform boundary faked: `asApp()` / `asUser()` `.requestJira(route, init)` go to a
 * `JiraTransport` (the fake Jira over HTTP in the benchmark, in process in tests) acting as the app or as the
 * invocation's user; everything else — `route` above all, with Forge's own path rules — is the real module.
 */
import type { HttpMethod, JiraTransport, Route } from '../../src/jira/transport';

interface RequestInit {
  method?: string;
  body?: string;
  signal?: AbortSignal;
}

/**
 * The module's exports: the real ones, with `asApp` and `asUser` replaced.
 * @param transportFor a transport acting as `accountId` ('app' for the app).
 * @param currentAccount the invocation's user, for `asUser()`.
 */
export function fakeForgeApi(
  actual: Record<string, unknown> & { default?: object },
  transportFor: (accountId: string) => JiraTransport,
  currentAccount: () => string | null,
) {
  const requester = (who: () => string) => ({
    requestJira: async (route: { value: string }, init: RequestInit = {}) => {
      const res = await transportFor(who()).send(
        {
          method: (init.method ?? 'GET') as HttpMethod,
          path: route as Route,
          body: init.body === undefined ? undefined : JSON.parse(init.body),
        },
        init.signal ?? new AbortController().signal,
      );
      return {
        status: res.status,
        ok: res.status >= 200 && res.status < 300,
        headers: { get: (name: string) => res.header(name) },
        text: () => res.text(),
        json: async () => JSON.parse(await res.text()) as unknown,
      };
    },
  });
  const asApp = () => requester(() => 'app');
  const asUser = () =>
    requester(() => {
      const account = currentAccount();
      if (!account) throw new Error('asUser() outside a user invocation');
      return account;
    });
  return { ...actual, __esModule: true, asApp, asUser, default: { ...actual.default, asApp, asUser } };
}
