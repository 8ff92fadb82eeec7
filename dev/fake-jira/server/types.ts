/**
 * The shapes shared by the fake Jira's request handling: a parsed request, a response with its cost, and a route.
 */
import type { FakeSite, FakeUser } from '../site';

export interface FakeRequest {
  method: string;
  /** The path without the query string, e.g. `/rest/api/3/project/OPS`. */
  path: string;
  query: URLSearchParams;
  /** Lower-cased header names. */
  headers: Record<string, string | undefined>;
  /** The raw request body ('' when none). */
  body: string;
}

export interface FakeResponse {
  status: number;
  headers?: Record<string, string>;
  /** A JSON body (serialised by the server) … */
  json?: unknown;
  /** … or a text body. */
  text?: string;
  /** Points for the objects returned (on top of the 1-point base): 1 per issue/project/…, 2 per permission. */
  objectPoints?: number;
  /** Issues in the body, for `stats.issuesReturned`. */
  issues?: number;
}

/** What a route handler can see beyond the request. */
export interface RouteContext {
  site: FakeSite;
  user: FakeUser;
  /** The server's base URL, for `self` links. */
  baseUrl: string;
  /** Path parameters captured by the route pattern (already URI-decoded). */
  params: string[];
  /** The parsed JSON body; undefined when there is none. */
  body: unknown;
  /** Search settings and per-server state. */
  search: SearchSettings;
  /** Consumes a `duplicatePage` fault if one is armed for this request; true when the handler must apply it. */
  takeDuplicatePage: () => boolean;
}

export interface SearchSettings {
  /** Forces every page to at most this many issues. */
  pageCap?: number;
  /** Sometimes returns fewer issues than the cap even when more exist. */
  shortPages: boolean;
  /** Secret that makes page tokens opaque and scoped to this server. */
  secret: number;
  /** Cached result lists by user and JQL. */
  cache: Map<string, { version: number; ids: string[] }>;
}

export interface Route {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  /** Matched against the whole path; capture groups become `params`. */
  pattern: RegExp;
  /** A stable name for stats, e.g. `GET /rest/api/3/project/{projectIdOrKey}`. */
  endpoint: string;
  /** A write costs 1 flat point instead of per-object points. */
  write?: boolean;
  handle(req: FakeRequest, ctx: RouteContext): FakeResponse;
}

/** A JSON response. */
export function json(
  status: number,
  body: unknown,
  extra: Omit<FakeResponse, 'status' | 'json'> = {},
): FakeResponse {
  return { status, json: body, ...extra };
}

/** Jira's error body: `{"errorMessages":[…],"errors":{…}}`. */
export function jiraError(
  status: number,
  messages: string[],
  errors: Record<string, string> = {},
): FakeResponse {
  return { status, json: { errorMessages: messages, errors } };
}

/** An integer query parameter, or the default; null when present but not a whole number ≥ `min`. */
export function intParam(query: URLSearchParams, name: string, fallback: number, min = 0): number | null {
  const raw = query.get(name);
  if (raw === null || raw === '') return fallback;
  if (!/^-?\d+$/.test(raw.trim())) return null;
  const n = Number(raw);
  return n < min ? null : n;
}

/**
 * `startAt` (default 0) and `maxResults` (default `maxResultsDefault`, at least 1) of a paginated list, or Jira's 400
 * when either is present but not such a whole number.
 */
export function pageParams(
  query: URLSearchParams,
  maxResultsDefault: number,
): { startAt: number; maxResults: number } | FakeResponse {
  const startAt = intParam(query, 'startAt', 0);
  const maxResults = intParam(query, 'maxResults', maxResultsDefault, 1);
  if (startAt === null || maxResults === null)
    return jiraError(400, ['startAt and maxResults must be whole numbers.']);
  return { startAt, maxResults };
}

/**
 * A page bean (`self`, `nextPage`, `maxResults`, `startAt`, `total`, `isLast`, `values`) over a list, as Jira's
 * offset-paged endpoints answer; `toJson` renders each value (default: as it is).
 */
export function pageBean<T>(
  req: FakeRequest,
  ctx: RouteContext,
  path: string,
  all: readonly T[],
  page: { startAt: number; maxResults: number },
  toJson: (x: T) => unknown = (x) => x,
): FakeResponse {
  const { startAt, maxResults } = page;
  const values = all.slice(startAt, startAt + maxResults);
  const isLast = startAt + values.length >= all.length;
  const query = (at: number) => {
    const q = new URLSearchParams(req.query);
    q.set('startAt', String(at));
    q.set('maxResults', String(maxResults));
    return `${ctx.baseUrl}${path}?${q.toString()}`;
  };
  const body: Record<string, unknown> = {
    self: query(startAt),
    maxResults,
    startAt,
    total: all.length,
    isLast,
    values: values.map(toJson),
  };
  if (!isLast) body.nextPage = query(startAt + maxResults);
  return json(200, body, { objectPoints: values.length });
}

/** Every value of a parameter that may be repeated or comma-separated (`fields=a,b&fields=c`). */
export function listParam(query: URLSearchParams, name: string): string[] | null {
  const all = query.getAll(name);
  if (all.length === 0) return null;
  return all
    .flatMap((v) => v.split(','))
    .map((v) => v.trim())
    .filter(Boolean);
}
