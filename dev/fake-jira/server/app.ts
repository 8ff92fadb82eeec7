/**
 * The fake Jira's request pipeline, independent of sockets: control endpoints, latency, injected faults,
 * authentication, routing, cost accounting and serialisation. `startFakeJira` puts it behind node:http; it can also
 * be called in-process.
 */
import type { FakeSite } from '../site';
import { authenticate, unauthorized, type AuthMode } from './auth';
import { catalogueRoutes } from './catalogue';
import { changelogRoutes } from './changelog';
import { configRoutes } from './config';
import { armFaults, consume, faultFromJson, findFault, type ArmedFault, type FaultRule } from './faults';
import { identityRoutes } from './identity';
import { issueRoutes } from './issues';
import { labelRoutes } from './labels';
import { hash32 } from './pageToken';
import { projectRoutes } from './projects';
import { searchRoutes } from './search';
import { workflowRoutes } from './workflow';
import { createStats, recordRequest, resetStats, type FakeStats } from './stats';
import {
  jiraError,
  type FakeRequest,
  type FakeResponse,
  type Route,
  type RouteContext,
  type SearchSettings,
} from './types';

export interface FakeJiraAppOptions {
  site: FakeSite;
  /** 'basic' (default): email + API token only; 'header': also `X-Fake-Account-Id`. */
  authMode?: AuthMode;
  /** Forces search pages to at most this many issues (e.g. 7), to exercise paging. */
  pageCap?: number;
  /** Sometimes returns fewer issues than the page cap even when more exist, as Jira does. */
  shortPages?: boolean;
  faults?: FaultRule[];
  /** Added to every request. */
  latencyMs?: number;
  /** The base URL used in `self` links (the server sets it once it listens). */
  baseUrl?: string;
}

/** What the pipeline decided: an answer, or dropping the connection. */
export type FakeOutcome =
  { kind: 'respond'; status: number; headers: Record<string, string>; body: string } | { kind: 'hangUp' };

export interface FakeJiraApp {
  readonly site: FakeSite;
  readonly stats: FakeStats;
  baseUrl: string;
  handle(req: FakeRequest): Promise<FakeOutcome>;
  /** Replaces the fault rules (and the global latency when given). */
  setFaults(rules: FaultRule[], latencyMs?: number): void;
  resetStats(): void;
}

const ROUTES: Route[] = [
  ...searchRoutes,
  ...projectRoutes,
  ...issueRoutes,
  ...configRoutes,
  ...catalogueRoutes,
  ...changelogRoutes,
  ...identityRoutes,
  ...workflowRoutes,
  ...labelRoutes,
];

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

let instances = 0;

function faultResponse(rule: FaultRule): FakeResponse {
  const status = rule.status!;
  const headers: Record<string, string> = {};
  if (rule.retryAfter !== undefined) headers['retry-after'] = rule.retryAfter;
  if (status === 401) return unauthorized();
  if (status === 429) {
    if (rule.rateLimitReason) headers['ratelimit-reason'] = rule.rateLimitReason;
    headers['x-ratelimit-limit'] = '65000';
    headers['x-ratelimit-remaining'] = '0';
    return { status, headers, json: { errorMessages: ['Rate limit exceeded.'], errors: {} } };
  }
  if (status === 502 || status === 504) {
    const title = status === 502 ? 'Bad Gateway' : 'Gateway Timeout';
    return {
      status,
      headers: { ...headers, 'content-type': 'text/html' },
      text: `<html><body><h1>${status} ${title}</h1></body></html>`,
    };
  }
  if (status === 404 || status === 405) {
    const message = status === 404 ? 'Not Found' : 'Method Not Allowed';
    return { status, headers, json: { errorMessages: [message], errors: {} } };
  }
  if (status === 400 || status === 403) {
    const message = status === 400 ? 'The request is not valid.' : 'You do not have permission to do this.';
    return { status, headers, json: { errorMessages: [message], errors: {} } };
  }
  const message = status === 503 ? 'Service Unavailable' : 'Internal server error';
  return { status, headers, json: { errorMessages: [message], errors: {} } };
}

function serialise(res: FakeResponse, malformed: boolean): FakeOutcome {
  const headers: Record<string, string> = { ...res.headers };
  let body = '';
  if (res.json !== undefined) {
    body = JSON.stringify(res.json);
    headers['content-type'] ??= 'application/json;charset=UTF-8';
  } else if (res.text !== undefined) {
    body = res.text;
    headers['content-type'] ??= 'text/plain;charset=UTF-8';
  }
  if (malformed) {
    return {
      kind: 'respond',
      status: 200,
      headers: { 'content-type': 'application/json;charset=UTF-8' },
      body: body.slice(0, Math.max(1, Math.floor(body.length / 2))),
    };
  }
  return { kind: 'respond', status: res.status, headers, body };
}

/** Creates the pipeline around a site. */
export function createFakeJiraApp(options: FakeJiraAppOptions): FakeJiraApp {
  const { site } = options;
  const stats = createStats();
  let faults: ArmedFault[] = armFaults(options.faults ?? []);
  let latencyMs = options.latencyMs ?? 0;
  const search: SearchSettings = {
    pageCap: options.pageCap,
    shortPages: options.shortPages ?? false,
    secret: hash32(`${site.name}#${++instances}`),
    cache: new Map(),
  };

  const app: FakeJiraApp = {
    site,
    stats,
    baseUrl: options.baseUrl ?? 'http://127.0.0.1',
    setFaults(rules, latency) {
      faults = armFaults(rules);
      if (latency !== undefined) latencyMs = latency;
    },
    resetStats: () => resetStats(stats),
    async handle(req) {
      if (req.path.startsWith('/__fake/')) return control(req);
      const search_ = req.query.toString();
      const target = `${req.method} ${req.path}${search_ ? `?${search_}` : ''}`;
      const route = ROUTES.find((r) => r.method === req.method && r.pattern.test(req.path));
      const endpoint = route?.endpoint ?? `${req.method} (unknown)`;
      const record = (status: number, points: number, issues = 0) =>
        recordRequest(stats, {
          method: req.method,
          path: target.slice(req.method.length + 1),
          status,
          points,
          endpoint,
          issues,
        });

      if (latencyMs > 0) await sleep(latencyMs);
      const caller = authenticate(site, req.headers, options.authMode ?? 'basic');
      const fault = findFault(faults, target, caller?.accountId);
      let duplicate: ArmedFault | undefined;
      let malformed = false;
      if (fault) {
        const { rule } = fault;
        if (rule.duplicatePage) duplicate = fault;
        else consume(fault);
        if (rule.delayMs) await sleep(rule.delayMs);
        if (rule.hangUp && !rule.duplicatePage) {
          record(0, 1);
          return { kind: 'hangUp' };
        }
        if (rule.status && !rule.duplicatePage) {
          const res = faultResponse(rule);
          record(res.status, 1);
          return serialise(res, false);
        }
        malformed = !!rule.malformedJson && !rule.duplicatePage;
      }

      const res = localized(
        site.locale,
        await dispatch(req, route, () => {
          if (!duplicate || duplicate.remaining <= 0) return false;
          consume(duplicate);
          return true;
        }),
      );
      const ok = res.status >= 200 && res.status < 300;
      const points = 1 + (route?.write && ok ? 1 : ok ? (res.objectPoints ?? 0) : 0);
      record(malformed ? 200 : res.status, points, ok ? (res.issues ?? 0) : 0);
      return serialise(res, malformed);
    },
  };

  /**
   * Jira answers in the API user's language: on a site whose locale is 'de' every error text is German, so no test
   * can pass by reading English error texts (the app must never parse them).
   */
  function localized(locale: string | undefined, res: FakeResponse): FakeResponse {
    if (locale !== 'de' || res.status < 400) return res;
    const body = res.json as { errorMessages?: unknown; errors?: Record<string, unknown> } | undefined;
    if (!body || typeof body !== 'object') return res;
    const de = (m: unknown) => (typeof m === 'string' ? germanError(m) : m);
    return {
      ...res,
      json: {
        ...body,
        ...(Array.isArray(body.errorMessages) ? { errorMessages: body.errorMessages.map(de) } : {}),
        ...(body.errors
          ? { errors: Object.fromEntries(Object.entries(body.errors).map(([k, v]) => [k, de(v)])) }
          : {}),
      },
    };
  }

  async function dispatch(
    req: FakeRequest,
    route: Route | undefined,
    takeDuplicatePage: () => boolean,
  ): Promise<FakeResponse> {
    const user = authenticate(site, req.headers, options.authMode ?? 'basic');
    if (!user) return unauthorized();
    if (!route) {
      const other = ROUTES.some((r) => r.pattern.test(req.path));
      return other
        ? jiraError(405, [`Method ${req.method} is not allowed for ${req.path}.`])
        : jiraError(404, [`No resource found for ${req.method} ${req.path}.`]);
    }
    let body: unknown;
    if (req.body.trim() !== '') {
      try {
        body = JSON.parse(req.body);
      } catch {
        return jiraError(400, ['The request body is not valid JSON.']);
      }
    }
    let params: string[];
    try {
      params = route.pattern
        .exec(req.path)!
        .slice(1)
        .map((p) => decodeURIComponent(p));
    } catch {
      return jiraError(404, [`No resource found for ${req.method} ${req.path}.`]);
    }
    const ctx: RouteContext = { site, user, baseUrl: app.baseUrl, params, body, search, takeDuplicatePage };
    try {
      return route.handle(req, ctx);
    } catch (e) {
      return jiraError(500, [`Internal server error: ${(e as Error).message}`]);
    }
  }

  function control(req: FakeRequest): FakeOutcome {
    const ok = (body: unknown): FakeOutcome => serialise({ status: 200, json: body }, false);
    if (req.method === 'GET' && req.path === '/__fake/stats') return ok(stats);
    if (req.method === 'POST' && req.path === '/__fake/reset') {
      resetStats(stats);
      return ok({ ok: true });
    }
    if (req.method === 'POST' && req.path === '/__fake/faults') {
      try {
        const body = JSON.parse(req.body || '{}') as { rules?: unknown[]; latencyMs?: number };
        app.setFaults((body.rules ?? []).map(faultFromJson), body.latencyMs);
        return ok({ ok: true });
      } catch {
        return serialise(jiraError(400, ['The request body is not valid JSON.']), false);
      }
    }
    return serialise(jiraError(404, [`No resource found for ${req.method} ${req.path}.`]), false);
  }

  return app;
}

const GERMAN: [RegExp, string][] = [
  [
    /^The value '(.+)' does not exist for the field '(.+)'\.$/,
    "Der Wert '$1' existiert nicht für das Feld '$2'.",
  ],
  [
    /^Field '(.+)' does not exist or you do not have permission to view it\.$/,
    "Das Feld '$1' existiert nicht, oder Sie haben keine Berechtigung, es anzuzeigen.",
  ],
  [/^No project could be found with key '(.+)'\.$/, "Es wurde kein Projekt mit dem Schlüssel '$1' gefunden."],
  [
    /^Issue (.+) does not exist or you do not have permission to see it\.$/,
    'Der Vorgang $1 existiert nicht, oder Sie haben keine Berechtigung, ihn anzuzeigen.',
  ],
];

/** A German rendering of a fake Jira error text (known phrases translated, others marked). */
export function germanError(message: string): string {
  for (const [pattern, replacement] of GERMAN)
    if (pattern.test(message)) return message.replace(pattern, replacement);
  return `Fehler: ${message}`;
}
