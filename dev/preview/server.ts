/**
 * The local preview of the Forge app: every surface of the built Custom UI, served as it is (plus one script tag
 * that loads the preview's bridge), calling the app's REAL resolver function (`handler` of src/forge/resolvers.ts)
 * over HTTP. Behind the resolvers, the real `@forge/api`, `@forge/kvs` and `@forge/events` packages reach the demo
 * Jira (or a real site), an in-memory KVS and an in-process queue through the emulated platform egress (dev/forge-emulator).
 *
 * Routes:
 *   GET  /                         the list of surfaces, viewing-user and theme switches, resolver timings
 *   GET  /<resource>/…             a Custom UI resource of manifest.yml (`main`, `macro-config`), as built
 *   GET  /preview-bridge.js|.css   the bridge (window.__PHASE_GATE_PREVIEW__) and its badge's style
 *   GET  /api/context?surface=…    what view.getContext() answers
 *   POST /api/invoke               { functionKey, payload, surface, as } → { result } from the real resolver
 *   POST /api/macro-config         { macro, config }: view.submit() of the macro config dialog
 *   GET  /new-macro                inserts an unconfigured roadmap macro and opens its config (openOnInsert)
 *   POST /api/schedule             runs the scheduled trigger now
 *   POST /api/events               delivers a Jira issue event (Forge's own trigger payload) to the app's trigger
 *   POST /api/clock                { now: ISO } sets the platform clock (Date.now of the app); { reset: true } back
 *   GET  /api/queue/idle           waits until the queue is idle (tests)
 *   GET  /api/metrics              per-resolver timings; POST /api/metrics/reset
 *   GET  /api/info                 the site, users, projects, ideas and macros of the preview (JSON)
 *   GET  /browse/KEY-1             the demo's issue view (router.open), with the idea panel; /browse/KEY: the project
 */
import { readFile, stat } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, resolve, sep } from 'node:path';
import { performance } from 'node:perf_hooks';
import { onIssueEvent, onRecompute, onSchedule } from '../../src/forge/events';
import { RECOMPUTE_QUEUE } from '../../src/forge/queue';
import { DEMO_GATES } from '../demo-org';
import { handler } from '../../src/forge/resolvers';
import { STORAGE_KEYS, type GateDoc } from '../../src/forge/storage';
import {
  buildContext,
  INSTALL_CONTEXT,
  parseSurface,
  type MacroInstance,
  type SurfaceParams,
} from './context';
import { resetClock, setClock } from './clock';
import { KvsEmulator } from '../forge-emulator/kvs';
import { readManifest, type PreviewManifest } from './manifest';
import { Metrics } from './metrics';
import { renderIndex, renderIssue, renderMessage, type GateSummary, type Viewer } from './pages';
import { installPlatform, jiraFetch, newInvocation, runInvocation } from '../forge-emulator/egress';
import { invokeResolver as callResolver } from '../forge-emulator/resolver';
import { QueueEmulator } from '../forge-emulator/queue';
import { openDemoSite, openRealSite, realSiteFromEnv, type PreviewSite, type PreviewUser } from './site';

export const DEFAULT_PORT = 8080;

export interface PreviewOptions {
  /** 0 picks a free port. Default {@link DEFAULT_PORT}. */
  port?: number;
  /** Default 127.0.0.1. */
  host?: string;
  /** The repository root (manifest.yml, static/build). */
  root?: string;
  /** Reads JIRA_BASE_URL, JIRA_EMAIL, JIRA_API_TOKEN. Default process.env. */
  env?: NodeJS.ProcessEnv;
  /** The demo's today (YYYY-MM-DD); default today in UTC. */
  today?: string;
  /** Keep the KVS in this JSON file across restarts. Default: memory only. */
  kvsFile?: string | null;
  /** Multiplies queue delays (default 0.02). */
  queueDelayScale?: number;
  /** Compute each demo project's gate once at start (as the admin), as the hourly schedule would have. */
  warm?: boolean;
  log?: (line: string) => void;
}

export interface PreviewServer {
  url: string;
  port: number;
  site: PreviewSite;
  kvs: KvsEmulator;
  queue: QueueEmulator;
  metrics: Metrics;
  /** Settles when the start-up warm-up (if any) is over. */
  warmed: Promise<void>;
  close(): Promise<void>;
}

/** The port is taken: the message says which and what to do. */
export class PortInUseError extends Error {
  constructor(readonly port: number) {
    super(
      `port ${port} is already in use: stop what uses it, or choose another port (PORT=${port + 1} npm start)`,
    );
    this.name = 'PortInUseError';
  }
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
};

/** Forge's kind of policy for Custom UI: nothing external, no inline script or style element. */
const CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "frame-src 'self'",
  "frame-ancestors 'self'",
  "object-src 'none'",
  "base-uri 'self'",
].join('; ');

const MAX_BODY = 256 * 1024;
const BRIDGE_TAG = '<script src="/preview-bridge.js"></script>';

class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((ok, fail) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > MAX_BODY) {
        fail(new HttpError(413, 'the request body is too large'));
        req.destroy();
      } else chunks.push(c);
    });
    req.on('end', () => ok(Buffer.concat(chunks).toString('utf8')));
    req.on('error', fail);
  });
}

async function readJsonBody(req: IncomingMessage): Promise<Record<string, unknown>> {
  const text = await readBody(req);
  try {
    const body = JSON.parse(text || '{}') as unknown;
    if (typeof body !== 'object' || body === null || Array.isArray(body)) throw new Error('not an object');
    return body as Record<string, unknown>;
  } catch {
    throw new HttpError(400, 'the request body must be a JSON object');
  }
}

function send(
  res: ServerResponse,
  status: number,
  type: string,
  body: string | Buffer,
  extra: Record<string, string> = {},
) {
  res.writeHead(status, {
    'content-type': type,
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
    'content-security-policy': CSP,
    ...extra,
  });
  res.end(body);
}

function sendJson(res: ServerResponse, status: number, body: unknown) {
  send(res, status, 'application/json; charset=utf-8', JSON.stringify(body));
}

/** Adds the bridge's script tag before the first module script of a built index.html. */
export function injectBridge(html: string): string {
  const at = html.indexOf('<script type="module"');
  if (at < 0) throw new Error('the built index.html has no module script to put the preview bridge before');
  return `${html.slice(0, at)}${BRIDGE_TAG}\n    ${html.slice(at)}`;
}

function gateSummary(doc: GateDoc | undefined): GateSummary | undefined {
  if (!doc) return undefined;
  const report = doc.snapshot?.report;
  return {
    phase: report?.phase ?? null,
    phaseName: report?.phaseName ?? null,
    innovationUnlocked: report?.innovationUnlocked ?? null,
    computedAt: doc.snapshot?.computedAt ?? null,
    lastError: doc.lastError?.message ?? null,
    bypassLabels: doc.config?.ideaBypassLabels ?? [],
    gateName: doc.config?.name ?? null,
    ideaProjects: doc.config?.ideaProjects ?? [],
  };
}

/** Starts the preview: the Jira site, the emulated platform, then the HTTP server. */
export async function startPreview(options: PreviewOptions = {}): Promise<PreviewServer> {
  const log = options.log ?? ((line: string) => console.log(line));
  const root = options.root ?? resolve(__dirname, '..', '..');
  const manifest: PreviewManifest = readManifest(root);
  const resourceDirs = new Map<string, string>();
  for (const [key, path] of Object.entries(manifest.resources)) resourceDirs.set(key, resolve(root, path));
  const mainKey = 'main';
  const macroConfigKey = manifest.macroConfigResource ?? mainKey;
  for (const key of new Set([mainKey, macroConfigKey])) {
    const dir = resourceDirs.get(key);
    if (!dir) throw new Error(`manifest.yml has no resource "${key}"`);
    try {
      await stat(join(dir, 'index.html'));
    } catch {
      throw new Error(
        `the Custom UI is not built (${join(dir, 'index.html')} is missing): run npx vite build --config static/vite.config.ts`,
      );
    }
  }

  const real = realSiteFromEnv(options.env ?? process.env);
  const site = real
    ? await openRealSite(real)
    : await openDemoSite(options.today ? { today: options.today } : {});
  const kvs = new KvsEmulator(options.kvsFile ?? null);
  const metrics = new Metrics();
  const queue = new QueueEmulator({
    consumers: {
      [RECOMPUTE_QUEUE]: (event) => runInvocation(newInvocation('consumer', null), () => onRecompute(event)),
    },
    delayScale: options.queueDelayScale ?? 0.02,
    log,
  });
  const uninstall = installPlatform({ jira: site.jira, kvs, onQueuePush: (request) => queue.push(request) });

  const macros = new Map<string, MacroInstance>();
  for (const p of site.projects)
    macros.set(`roadmap-${p.key}`, { id: `roadmap-${p.key}`, config: { project: p.key } });
  let macroSeq = 0;

  const users = new Map(site.users.map((u) => [u.role, u]));
  const defaultUser = site.users[0]!;
  const userOf = (role: unknown, strict: boolean): PreviewUser => {
    if (role === undefined || role === null || role === '') return defaultUser;
    const user = typeof role === 'string' ? users.get(role) : undefined;
    if (!user) {
      if (strict)
        throw new HttpError(
          400,
          `unknown viewing user ${String(role)}: one of ${[...users.keys()].join(', ')}`,
        );
      return defaultUser;
    }
    return user;
  };
  const viewerOf = (q: URLSearchParams): Viewer => ({
    user: userOf(q.get('as'), false),
    theme: q.get('theme') === 'dark' ? 'dark' : 'light',
  });
  const deps = { manifest, site, macros };

  /** Calls the real resolver function as the platform does, timed and logged. */
  async function invokeResolver(
    functionKey: string,
    payload: unknown,
    surface: SurfaceParams,
    user: PreviewUser,
    source: 'page' | 'warm-up' = 'page',
  ) {
    const context = { ...buildContext(surface, user, deps), accountType: 'licensed' };
    const invocation = newInvocation('resolver', user.accountId);
    const started = performance.now();
    let result: unknown;
    let failure: unknown = null;
    try {
      result = await callResolver(
        handler,
        { functionKey, payload, context, accountId: user.accountId, installContext: INSTALL_CONTEXT },
        invocation,
      );
    } catch (err) {
      failure = err;
    }
    const ms = performance.now() - started;
    const resolverError = (result as { error?: { code?: string } } | null)?.error?.code;
    const target = surface.project ?? surface.issue ?? (surface.macro ? `macro ${surface.macro}` : '');
    // The preview's own start-up calls are logged, not counted: the timings are the pages'.
    const record = source === 'page' ? metrics : new Metrics();
    const rec = record.record(functionKey, ms, invocation, {
      user: user.role,
      project: target || null,
      ok: failure === null && !resolverError,
    });
    const outcome = failure
      ? `threw ${failure instanceof Error ? failure.message : String(failure)}`
      : resolverError
        ? `error ${resolverError}`
        : 'ok';
    log(
      `[${source === 'page' ? 'resolver' : 'warm-up'}] ${functionKey} ${target || '-'} as ${user.role}: ${outcome} in ${rec.ms.toFixed(1)} ms ` +
        `(KVS ${rec.kvsReads} read${rec.kvsReads === 1 ? '' : 's'}, ${rec.kvsWrites} write${rec.kvsWrites === 1 ? '' : 's'}; ` +
        `Jira ${rec.jiraRequests} request${rec.jiraRequests === 1 ? '' : 's'}, ${rec.jiraMs.toFixed(1)} ms)`,
    );
    if (failure) throw failure;
    return result;
  }

  async function serveResource(res: ServerResponse, key: string, rest: string) {
    const dir = resourceDirs.get(key)!;
    const rel = decodeURIComponent(rest || 'index.html');
    const file = resolve(dir, rel.endsWith('/') ? `${rel}index.html` : rel);
    if (file !== dir && !file.startsWith(dir + sep)) throw new HttpError(404, 'not found');
    let body: Buffer;
    try {
      body = await readFile(file);
    } catch {
      throw new HttpError(404, `not found: /${key}/${rest}`);
    }
    if (file.endsWith('index.html')) {
      send(res, 200, TYPES['.html']!, injectBridge(body.toString('utf8')));
      return;
    }
    send(res, 200, TYPES[extname(file)] ?? 'application/octet-stream', body);
  }

  async function route(req: IncomingMessage, res: ServerResponse) {
    const url = new URL(req.url ?? '/', 'http://preview.invalid');
    const path = url.pathname;
    const method = req.method ?? 'GET';
    const q = url.searchParams;

    if (method === 'GET' && path === '/') {
      const gates = new Map<string, GateSummary>();
      for (const p of site.projects) {
        // Gate documents are keyed by project id (a key rename keeps them); documents of version 1 by key.
        const doc = kvs.peek<GateDoc>(STORAGE_KEYS.gate(p.id)) ?? kvs.peek<GateDoc>(STORAGE_KEYS.gate(p.key));
        const g = gateSummary(doc);
        if (g) gates.set(p.key, g);
      }
      send(
        res,
        200,
        TYPES['.html']!,
        renderIndex({
          site,
          viewer: viewerOf(q),
          gates,
          macros: [...macros.values()],
          metrics: metrics.summary(),
          queue: queue.stats,
          resources: { main: `/${mainKey}/`, macroConfig: `/${macroConfigKey}/` },
        }),
      );
      return;
    }
    if (
      method === 'GET' &&
      (path === '/preview-bridge.js' || path === '/preview-bridge.css' || path === '/preview.css')
    ) {
      const file = join(__dirname, 'public', path.slice(1));
      send(res, 200, TYPES[extname(file)]!, await readFile(file));
      return;
    }
    const resource = /^\/([\w-]+)\/(.*)$/.exec(path);
    if (method === 'GET' && resource && resourceDirs.has(resource[1]!)) {
      await serveResource(res, resource[1]!, resource[2]!);
      return;
    }
    if (method === 'GET' && (path === `/${mainKey}` || path === `/${macroConfigKey}`)) {
      res.writeHead(301, { location: `${path}/${url.search}` });
      res.end();
      return;
    }
    if (method === 'GET' && path === '/api/context') {
      const surface = parseSurface(q);
      if (!surface)
        throw new HttpError(400, 'name a surface: ?surface=project|settings|admin|idea|macro|macro-config');
      sendJson(res, 200, buildContext(surface, userOf(q.get('as'), true), deps));
      return;
    }
    if (method === 'POST' && path === '/api/invoke') {
      const body = await readJsonBody(req);
      const functionKey = body.functionKey;
      if (typeof functionKey !== 'string' || !/^[\w-]{1,100}$/.test(functionKey)) {
        throw new HttpError(400, 'functionKey must name a resolver');
      }
      const surface = parseSurface((body.surface ?? {}) as Record<string, unknown>);
      if (!surface)
        throw new HttpError(
          400,
          'surface must name a surface (project, settings, admin, idea, macro, macro-config)',
        );
      const user = userOf(body.as, true);
      try {
        const result = await invokeResolver(functionKey, body.payload, surface, user);
        sendJson(res, 200, { result: result ?? null });
      } catch (err) {
        // What Forge's invoke() does when the function throws: the promise rejects.
        sendJson(res, 500, {
          message: `the ${functionKey} function failed: ${err instanceof Error ? err.message : String(err)}`,
        });
      }
      return;
    }
    if (method === 'POST' && path === '/api/macro-config') {
      const body = await readJsonBody(req);
      const id = body.macro;
      if (typeof id !== 'string' || !/^[\w.:-]{1,100}$/.test(id))
        throw new HttpError(400, 'macro must name a macro instance');
      const config = body.config;
      if (typeof config !== 'object' || config === null || Array.isArray(config)) {
        throw new HttpError(400, 'view.submit needs { config: { … } }');
      }
      if (JSON.stringify(config).length > 16 * 1024)
        throw new HttpError(413, 'the macro config is too large');
      macros.set(id, { id, config: config as Record<string, unknown> });
      log(`[macro] ${id} configured: ${JSON.stringify(config)}`);
      sendJson(res, 200, { macro: id, config });
      return;
    }
    if (method === 'GET' && path === '/new-macro') {
      const id = `macro-${++macroSeq}`;
      macros.set(id, { id, config: null });
      const next = new URLSearchParams(q);
      next.set('surface', 'macro-config');
      next.set('macro', id);
      res.writeHead(303, { location: `/${macroConfigKey}/?${next.toString()}` });
      res.end();
      return;
    }
    if (method === 'POST' && path === '/api/schedule') {
      const outcome = await runInvocation(newInvocation('schedule', null), () => onSchedule());
      log(`[schedule] queued ${outcome.queued} recompute${outcome.queued === 1 ? '' : 's'}`);
      if ((req.headers.accept ?? '').includes('text/html')) {
        const back = new URLSearchParams(q);
        res.writeHead(303, { location: `/?${back.toString()}` });
        res.end();
      } else sendJson(res, 200, outcome);
      return;
    }
    if (method === 'POST' && path === '/api/events') {
      const event = await readJsonBody(req);
      if (event === null || typeof event !== 'object' || Array.isArray(event))
        throw new HttpError(400, 'the body must be a Forge event payload (a JSON object with eventType)');
      const eventType = (event as { eventType?: unknown }).eventType;
      if (typeof eventType !== 'string' || !eventType.startsWith('avi:jira:'))
        throw new HttpError(400, 'eventType must name a Jira event, such as avi:jira:updated:issue');
      const outcome = await runInvocation(newInvocation('trigger', null), () => onIssueEvent(event));
      log(`[event] ${eventType}: ${JSON.stringify(outcome)}`);
      sendJson(res, 200, { outcome });
      return;
    }
    if (method === 'POST' && path === '/api/clock') {
      const body = (await readJsonBody(req)) as { now?: unknown; reset?: unknown } | null;
      if (body?.reset === true) {
        resetClock();
        sendJson(res, 200, { now: new Date(Date.now()).toISOString() });
        return;
      }
      const at = typeof body?.now === 'string' ? Date.parse(body.now) : NaN;
      if (!Number.isFinite(at) || !/^\d{4}-\d{2}-\d{2}T/.test(String(body?.now)))
        throw new HttpError(400, 'now must be an ISO 8601 instant, e.g. {"now": "2026-07-01T09:00:00Z"}');
      const now = setClock(at);
      if (site.setNow) site.setNow(now);
      sendJson(res, 200, { now: new Date(now).toISOString() });
      return;
    }
    if (method === 'GET' && path === '/api/queue/idle') {
      const timeout = Math.min(60_000, Math.max(0, Number(q.get('timeout') ?? 30_000) || 0));
      sendJson(res, 200, { idle: await queue.whenIdle(timeout), stats: queue.stats });
      return;
    }
    if (method === 'GET' && path === '/api/metrics') {
      sendJson(res, 200, {
        resolvers: metrics.summary(),
        recent: metrics.recent(),
        queue: queue.stats,
        kvs: kvs.totals,
      });
      return;
    }
    if (method === 'POST' && path === '/api/metrics/reset') {
      metrics.reset();
      sendJson(res, 200, { reset: true });
      return;
    }
    if (method === 'GET' && path === '/api/info') {
      sendJson(res, 200, {
        mode: site.mode,
        site: site.description,
        today: site.today,
        users: site.users,
        projects: site.projects,
        ideas: site.ideas,
        macros: [...macros.values()],
        resources: { main: `/${mainKey}/`, macroConfig: `/${macroConfigKey}/` },
      });
      return;
    }
    const browseProject = /^\/browse\/([A-Z][A-Z0-9_]*)$/.exec(path);
    if (method === 'GET' && browseProject) {
      // Jira's /browse/KEY opens the project: here, its phase-gate page.
      if (site.mode === 'site') {
        res.writeHead(302, { location: `${site.siteUrl}/browse/${browseProject[1]}` });
        res.end();
        return;
      }
      const next = new URLSearchParams(q);
      next.set('surface', 'project');
      next.set('project', browseProject[1]!);
      res.writeHead(303, { location: `/${mainKey}/?${next.toString()}` });
      res.end();
      return;
    }
    const browse = /^\/browse\/([A-Z][A-Z0-9_]*-\d+)$/.exec(path);
    if (method === 'GET' && browse) {
      const key = browse[1]!;
      if (site.mode === 'site') {
        res.writeHead(302, { location: `${site.siteUrl}/browse/${key}` });
        res.end();
        return;
      }
      const viewer = viewerOf(q);
      const answer = await jiraFetch(
        site.jira,
        viewer.user.accountId,
        `/rest/api/3/issue/${key}?fields=summary,issuetype,status,priority,resolution,created,resolutiondate,duedate,labels,project`,
      );
      const issue = answer.ok ? ((await answer.json()) as { fields: Record<string, unknown> }) : null;
      send(
        res,
        answer.ok ? 200 : answer.status,
        TYPES['.html']!,
        renderIssue({
          key,
          viewer,
          issue,
          refusal: issue
            ? null
            : `Jira answered ${answer.status}: ${viewer.user.displayName} cannot see ${key}, or it does not exist.`,
          ideaType: 'Innovation Idea',
          mainResource: `/${mainKey}/`,
        }),
      );
      return;
    }
    if (method === 'GET' && path === '/favicon.ico') {
      res.writeHead(204);
      res.end();
      return;
    }
    throw new HttpError(404, `nothing at ${method} ${path}`);
  }

  const server: Server = createServer((req, res) => {
    route(req, res).catch((err: unknown) => {
      const status = err instanceof HttpError ? err.status : 500;
      const message = err instanceof Error ? err.message : String(err);
      if (status === 500)
        log(
          `[preview] ${req.method} ${req.url} failed: ${err instanceof Error ? (err.stack ?? message) : message}`,
        );
      if (res.headersSent) {
        res.end();
        return;
      }
      const wantsHtml =
        (req.headers.accept ?? '').includes('text/html') && !(req.url ?? '').startsWith('/api/');
      if (wantsHtml) {
        const viewer: Viewer = { user: defaultUser, theme: 'light' };
        send(
          res,
          status,
          TYPES['.html']!,
          renderMessage(status === 404 ? 'Not found' : 'Preview error', message, viewer),
        );
      } else sendJson(res, status, { message });
    });
  });
  server.keepAliveTimeout = 2000;

  const host = options.host ?? '127.0.0.1';
  const wanted = options.port ?? DEFAULT_PORT;
  try {
    await new Promise<void>((ok, fail) => {
      server.once('error', fail);
      server.listen(wanted, host, () => {
        server.off('error', fail);
        ok();
      });
    });
  } catch (err) {
    uninstall();
    await site.close();
    if ((err as NodeJS.ErrnoException).code === 'EADDRINUSE') throw new PortInUseError(wanted);
    throw err;
  }
  const port = (server.address() as AddressInfo).port;
  const url = `http://localhost:${port}`;

  const warmed = (async () => {
    if (!options.warm || site.mode !== 'demo') return;
    const admin = site.users[0]!;
    // The demo's gates are enrolled as a real admin enrols them: by saving their settings (the organisation gate
    // "Northwind IT" first). A kept KVS (--persist) keeps what was saved before.
    for (const gate of DEMO_GATES) {
      const project = site.projects.find((p) => p.key === gate.home);
      if (!project || kvs.peek(STORAGE_KEYS.settings(project.id)) !== undefined) continue;
      try {
        await invokeResolver(
          'saveSettings',
          { config: gate.config },
          { surface: 'settings', project: gate.home },
          admin,
          'warm-up',
        );
      } catch {
        // logged by invokeResolver; the settings page can save it
      }
    }
    for (const p of site.projects) {
      try {
        await invokeResolver('getGate', {}, { surface: 'project', project: p.key }, admin, 'warm-up');
      } catch {
        // logged by invokeResolver; the page will try again
      }
    }
  })();

  return {
    url,
    port,
    site,
    kvs,
    queue,
    metrics,
    warmed,
    async close() {
      await new Promise<void>((ok) => {
        server.close(() => ok());
        server.closeAllConnections();
      });
      await warmed.catch(() => undefined);
      await queue.close();
      kvs.flush();
      uninstall();
      await site.close();
    },
  };
}
