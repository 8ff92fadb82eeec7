/**
 * The Forge platform boundary, emulated at the lowest level the Forge packages expose: their egress function
 * `globalThis.__forge_fetch__`. The local preview, the benchmark's Forge process (bench/forge/platform.ts) and every
 * Forge test (through test/forge/fakePlatform.ts; see docs/architecture.md) install it. The real `@forge/api`
 * (`asUser()`, `asApp()`, `route`), the real `@forge/kvs` client and the real `@forge/events` `Queue` all send their
 * requests through it, so the app's code and those packages run unchanged; only the far side is the preview's:
 *
 * | request (as `@forge/*` sends it)                          | preview                                           |
 * |-----------------------------------------------------------|---------------------------------------------------|
 * | `{ type: 'fpp', remote: 'jira', provider: 'user' }`       | Jira as the invocation's user (the viewing user)  |
 * | `{ type: 'fpp', remote: 'jira', provider: 'app' }`        | Jira as the app (`app` on the demo site)          |
 * | `{ type: 'kvs' }` `/api/v1/…`                             | the in-memory KVS (kvs.ts)                         |
 * | `{ type: 'fpp', remote: 'stargate' }` `/webhook/queue/…`  | the in-process queue (queue.ts)                    |
 *
 * On the demo site, users are told apart with the fake Jira's `X-Fake-Account-Id` header (its `authMode: 'header'`).
 * On a real site (JIRA_BASE_URL, JIRA_EMAIL, JIRA_API_TOKEN) both `asUser()` and `asApp()` use basic auth with the
 * API token, so every request has the token owner's permissions.
 *
 * Each invocation (resolver call, queue event, schedule) runs in an AsyncLocalStorage scope that carries its principal
 * and counts its KVS reads and writes and its Jira requests.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { performance } from 'node:perf_hooks';
import type { KvsEmulator } from './kvs';

/** One Jira request as it leaves the app: who it acts for, and what `requestJira` was given. */
export interface JiraCall {
  /** The user `asUser()` acts for, or {@link APP_ACCOUNT_ID} for `asApp()`. */
  accountId: string;
  method: string;
  path: string;
  headers: Record<string, string>;
  body: string | undefined;
  signal: AbortSignal | undefined;
}

/**
 * Where Jira requests go: the fake Jira over HTTP (`demo`), a real site with an API token (`site`), or a function in
 * process (`handler`: the Forge tests answer with the fake Jira's pipeline, recording calls and injecting faults).
 */
export type JiraTarget =
  | { kind: 'demo'; baseUrl: string }
  | { kind: 'site'; baseUrl: string; email: string; apiToken: string }
  | { kind: 'handler'; handle: (call: JiraCall) => Promise<Response> };

export interface Invocation {
  kind: 'resolver' | 'consumer' | 'schedule' | 'trigger' | 'preview';
  /** The user `asUser()` acts for; null where there is no user (queue consumers, schedules). */
  accountId: string | null;
  kvsReads: number;
  kvsWrites: number;
  jiraRequests: number;
  /** Time spent waiting for Jira, in ms (requests in parallel overlap). */
  jiraMs: number;
}

/** What `@forge/api` and `@forge/kvs` pass as the first argument of `__forge_fetch__`. */
interface EgressTarget {
  type?: string;
  provider?: string;
  remote?: string;
  accountId?: string;
}

interface EgressInit {
  method?: string;
  headers?: Record<string, string> | Headers | [string, string][];
  body?: string;
  signal?: AbortSignal;
}

export interface PlatformOptions {
  jira: JiraTarget;
  kvs: KvsEmulator;
  /** A queue push (`Queue.push` of `@forge/events`): the request body it sent. */
  onQueuePush: (request: { queueName: string; jobId: string; payload: unknown[] }) => void;
  /** The user of `asUser()` outside an invocation scope (tests that call app functions directly). */
  currentAccount?: () => string | null;
}

const invocations = new AsyncLocalStorage<Invocation>();

/** The account id of the app user on the demo site. */
export const APP_ACCOUNT_ID = 'app';

export function newInvocation(kind: Invocation['kind'], accountId: string | null): Invocation {
  return { kind, accountId, kvsReads: 0, kvsWrites: 0, jiraRequests: 0, jiraMs: 0 };
}

/** Runs `fn` as one platform invocation. */
export function runInvocation<T>(invocation: Invocation, fn: () => Promise<T>): Promise<T> {
  return invocations.run(invocation, fn);
}

export function currentInvocation(): Invocation | undefined {
  return invocations.getStore();
}

function json(status: number, body?: unknown): Response {
  const empty = status === 204 || body === undefined;
  return new Response(empty ? null : JSON.stringify(body), {
    status,
    headers: empty ? {} : { 'content-type': 'application/json' },
  });
}

function plainHeaders(headers: EgressInit['headers']): Record<string, string> {
  if (!headers) return {};
  if (headers instanceof Headers) {
    const out: Record<string, string> = {};
    headers.forEach((value, key) => {
      out[key] = value;
    });
    return out;
  }
  if (Array.isArray(headers)) return Object.fromEntries(headers);
  return { ...headers };
}

/** Authentication headers for a Jira request as `accountId` (or the app). */
export function jiraAuth(target: JiraTarget, accountId: string): Record<string, string> {
  if (target.kind === 'handler') return {};
  if (target.kind === 'site') {
    return {
      authorization: `Basic ${Buffer.from(`${target.email}:${target.apiToken}`).toString('base64')}`,
    };
  }
  return { 'x-fake-account-id': accountId };
}

/** One Jira request as `accountId`, outside any invocation accounting (the preview's own pages use it). */
export function jiraFetch(
  target: JiraTarget,
  accountId: string,
  path: string,
  init: EgressInit = {},
): Promise<Response> {
  const headers = {
    accept: 'application/json',
    ...plainHeaders(init.headers),
    ...jiraAuth(target, accountId),
  };
  if (target.kind === 'handler') {
    return target.handle({
      accountId,
      method: init.method ?? 'GET',
      path,
      headers,
      body: init.body,
      signal: init.signal,
    });
  }
  return fetch(`${target.baseUrl}${path}`, {
    method: init.method ?? 'GET',
    headers,
    ...(init.body !== undefined ? { body: init.body } : {}),
    ...(init.signal ? { signal: init.signal } : {}),
  });
}

async function egress(options: PlatformOptions, target: EgressTarget, path: string, init: EgressInit = {}) {
  const invocation = invocations.getStore();
  if (target.type === 'kvs') {
    const answer = options.kvs.handle(path, init.body, (op) => {
      if (!invocation) return;
      if (op === 'read') invocation.kvsReads++;
      else invocation.kvsWrites++;
    });
    return json(answer.status, answer.body);
  }
  if (target.type === 'fpp' && target.remote === 'jira') {
    let accountId: string;
    if (target.provider === 'user') {
      const user = target.accountId ?? invocation?.accountId ?? options.currentAccount?.();
      if (!user) {
        throw new Error(
          'asUser() was called where there is no user (a queue consumer, a schedule or a trigger): use asApp()',
        );
      }
      accountId = user;
    } else {
      accountId = APP_ACCOUNT_ID;
    }
    const started = performance.now();
    try {
      return await jiraFetch(options.jira, accountId, path, init);
    } finally {
      if (invocation) {
        invocation.jiraRequests++;
        invocation.jiraMs += performance.now() - started;
      }
    }
  }
  if (target.type === 'fpp' && target.remote === 'stargate' && path.startsWith('/webhook/queue/publish/')) {
    const request = JSON.parse(init.body ?? '{}') as { queueName: string; jobId: string; payload: unknown[] };
    options.onQueuePush(request);
    return json(201, {});
  }
  return json(501, {
    message: `the Forge preview does not emulate ${target.type}/${target.remote ?? ''} ${path}`,
  });
}

interface ForgeGlobals {
  __forge_fetch__?: (target: EgressTarget, path: string, init?: EgressInit) => Promise<Response>;
  __forge_runtime__?: unknown;
}

/**
 * Installs the emulated egress. Call before the first Forge request; safe to call again (the last call wins).
 * `@forge/kvs` reads `__forge_runtime__` once when loaded: it must not name a KVS host, so it is left unset.
 */
export function installPlatform(options: PlatformOptions): () => void {
  const g = globalThis as ForgeGlobals;
  const previous = g.__forge_fetch__;
  g.__forge_fetch__ = (target, path, init) => egress(options, target, path, init);
  return () => {
    g.__forge_fetch__ = previous;
  };
}
