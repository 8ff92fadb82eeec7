/**
 * An in-process fake of Jira Cloud's REST API v3 on node:http, for tests, the command line's demo mode and the
 * local Forge preview. It serves a `FakeSite` (see `site.ts`) on 127.0.0.1 and behaves like Jira Cloud for the
 * endpoints the app uses: enhanced JQL search with token paging, projects, issues, comments, permissions, issue types
 * and schemes, priorities — with Jira's status codes and error bodies, basic auth, cost accounting and injectable
 * faults (429 with Retry-After, 5xx, hang-ups, truncated JSON, slow answers, repeated pages).
 *
 * @example
 *   const jira = await startFakeJira({ site: buildDemoSite({ today: '2026-06-30' }), pageCap: 7 });
 *   // … point a client at jira.url with DEMO_USERS.admin.email / DEMO_USERS.admin.token …
 *   await jira.close();
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { FakeSite } from './site';
import { createFakeJiraApp, type FakeJiraApp, type FakeJiraAppOptions } from './server/app';
import type { FaultRule } from './server/faults';
import type { FakeStats } from './server/stats';

export type { AuthMode } from './server/auth';
export type { FaultRule } from './server/faults';
export type { FakeStats, RequestLogEntry } from './server/stats';
export { createFakeJiraApp, type FakeJiraApp, type FakeJiraAppOptions, type FakeOutcome } from './server/app';

export interface FakeJiraOptions extends Omit<FakeJiraAppOptions, 'baseUrl'> {
  /** 0 (default) picks a free port. */
  port?: number;
  /** Default 127.0.0.1. */
  host?: string;
}

export interface FakeJira {
  /** `http://127.0.0.1:PORT`, without a trailing slash. */
  readonly url: string;
  readonly site: FakeSite;
  /** Live counters; also served (uncounted) on `GET /__fake/stats`. */
  readonly stats: FakeStats;
  /** Replaces the fault rules (and the global latency when given). */
  setFaults(rules: FaultRule[], latencyMs?: number): void;
  resetStats(): void;
  /** Stops listening and drops open connections. */
  close(): Promise<void>;
}

const MAX_BODY = 10 * 1024 * 1024;

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > MAX_BODY) {
        reject(new Error('request body too large'));
        req.destroy();
      } else chunks.push(c);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

async function serve(app: FakeJiraApp, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://fake.invalid');
  const headers: Record<string, string | undefined> = {};
  for (const [k, v] of Object.entries(req.headers))
    headers[k.toLowerCase()] = Array.isArray(v) ? v.join(', ') : v;
  const body = await readBody(req);
  const outcome = await app.handle({
    method: (req.method ?? 'GET').toUpperCase(),
    path: url.pathname,
    query: url.searchParams,
    headers,
    body,
  });
  if (outcome.kind === 'hangUp') {
    req.socket.destroy();
    return;
  }
  res.writeHead(outcome.status, { ...outcome.headers, 'content-length': Buffer.byteLength(outcome.body) });
  res.end(outcome.body);
}

/** Starts the fake Jira on 127.0.0.1 and resolves once it listens. */
export async function startFakeJira(options: FakeJiraOptions): Promise<FakeJira> {
  const app = createFakeJiraApp(options);
  const server = createServer((req, res) => {
    serve(app, req, res).catch(() => {
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'application/json' });
      res.end('{"errorMessages":["Internal server error"],"errors":{}}');
    });
  });
  server.keepAliveTimeout = 1000;
  const host = options.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const url = `http://${host}:${port}`;
  app.baseUrl = url;
  return {
    url,
    site: app.site,
    stats: app.stats,
    setFaults: (rules, latencyMs) => app.setFaults(rules, latencyMs),
    resetStats: () => app.resetStats(),
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
