/**
 * The Forge transport: Jira requests through `@forge/api`, as the current user or as the app.
 *
 * The request's path is handed to the real `route` tag of `@forge/api` as template parts, so Forge's own rules apply
 * (a path interpolation containing `/`, `\`, `?`, `#` or `..` is refused; query values are percent-encoded).
 */
import api, { route, type Route } from '@forge/api';
import { JiraError } from './errors';
import type { JiraRequest, JiraResponse, JiraTransport } from './transport';

export type ForgeMode = 'user' | 'app';

export interface ForgeTransportOptions {
  /**
   * An instant (epoch ms) after which no request is started and requests in flight are abandoned: a resolver has 25 s
   * in all, so a synchronous computation must give up in time to answer.
   */
  deadline?: number;
  /** Test seam. */
  now?: () => number;
}

/**
 * Raised when a request as the user needs the user's consent first. Forge shows its consent prompt only when the
 * platform's own `NeedsAuthenticationError` reaches the end of the resolver, so callers rethrow `original`.
 */
export class ForgeConsentError extends JiraError {
  constructor(readonly original: Error) {
    super('auth', 'Phase Gate needs your consent to read Jira on your behalf');
    this.name = 'ForgeConsentError';
  }
}

/**
 * Jira refused the request's authorisation (401). There is no token to check in Forge: as the user, they most likely
 * have no access to Jira on this site (a Confluence user viewing the macro); as the app, its access was removed.
 */
export class ForgeAuthError extends JiraError {
  constructor(readonly mode: ForgeMode) {
    super(
      'auth',
      mode === 'user'
        ? 'Jira did not accept the request made as you (401): your account may have no access to Jira on this site'
        : 'Jira did not accept the Phase Gate app (401): a Jira administrator may need to restore its access',
      401,
    );
    this.name = 'ForgeAuthError';
  }
}

/** A legacy path object: the parts of a tagged template and its values. */
interface TemplateParts {
  readonly strings: readonly string[];
  readonly values: readonly unknown[];
}

type RouteParameter = Parameters<typeof route>[1];

/**
 * The `Route` to hand to `requestJira`. A request's path already is one (see `endpoints.ts`); a legacy
 * `{ strings, values }` object is turned into one with the real `route` tag, so Forge's rules still apply.
 */
export function toRoute(path: Route | TemplateParts): Route {
  if (!('strings' in path)) return path;
  const parts = [...path.strings];
  const strings = Object.assign(parts, { raw: [...path.strings] }) as unknown as TemplateStringsArray;
  const values = path.values.map((v): RouteParameter => {
    if (v instanceof URLSearchParams || typeof v === 'number' || typeof v === 'string') return v;
    return String(v);
  });
  return route(strings, ...values);
}

function isNeedsAuthentication(err: unknown): err is Error {
  const e = err as { name?: string; constructor?: { name?: string }; serviceKey?: unknown } | null;
  return (
    !!e &&
    (e.name === 'NeedsAuthenticationError' ||
      e.constructor?.name === 'NeedsAuthenticationError' ||
      (typeof e.serviceKey === 'string' && /authentication/i.test(String((err as Error).message))))
  );
}

/**
 * A `JiraTransport` over `api.asUser()` or `api.asApp()`.
 * @example new JiraClient(createForgeTransport('app'))
 */
export function createForgeTransport(mode: ForgeMode, options: ForgeTransportOptions = {}): JiraTransport {
  const now = options.now ?? Date.now;
  return {
    description: mode === 'user' ? 'Jira (as the current user)' : 'Jira (as the Phase Gate app)',
    async send(request: JiraRequest, signal: AbortSignal): Promise<JiraResponse> {
      const remaining = options.deadline === undefined ? Infinity : options.deadline - now();
      if (remaining <= 0) {
        throw new JiraError('timeout', 'the time available to answer is spent; Jira was not asked');
      }
      const headers: Record<string, string> = { Accept: 'application/json' };
      const init: { method: string; headers: Record<string, string>; body?: string; signal: AbortSignal } = {
        method: request.method,
        headers,
        signal,
      };
      if (request.body !== undefined) {
        init.body = JSON.stringify(request.body);
        headers['Content-Type'] = 'application/json';
      }
      const target = toRoute(request.path);
      const requester = mode === 'user' ? api.asUser() : api.asApp();

      // requestJira takes a signal, but the runtime may not honour it: race the answer against the signal and the
      // deadline so a caller's timeout always wins.
      let timer: ReturnType<typeof setTimeout> | undefined;
      let onAbort: (() => void) | undefined;
      const stop = new Promise<never>((_, reject) => {
        onAbort = () => reject(new Error('aborted'));
        if (signal.aborted) onAbort();
        else signal.addEventListener('abort', onAbort, { once: true });
        if (Number.isFinite(remaining)) {
          timer = setTimeout(
            () =>
              reject(new JiraError('timeout', 'the time available to answer ran out while Jira was asked')),
            remaining,
          );
        }
      });
      try {
        const res = await Promise.race([requester.requestJira(target, init), stop]);
        if (res.status === 401) throw new ForgeAuthError(mode);
        return {
          status: res.status,
          header: (name: string) => res.headers.get(name),
          text: () => res.text(),
        };
      } catch (err) {
        if (isNeedsAuthentication(err)) throw new ForgeConsentError(err);
        throw err;
      } finally {
        if (timer) clearTimeout(timer);
        if (onAbort) signal.removeEventListener('abort', onAbort);
      }
    },
  };
}
