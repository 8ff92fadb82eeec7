/**
 * Issue search as Jira Cloud's enhanced search (`/rest/api/3/search/jql`): token paging with no `total`, `isLast`,
 * an opaque `nextPageToken` omitted on the last page, `fields` defaulting to `id`, pages capped at 100 issues when real
 * fields are requested (5000 for id/key only) — and the removed `/rest/api/3/search` answering 410.
 */
import { compileJql, parseJql, jqlStructure, UNBOUNDED_MESSAGE } from '../jql';
import type { FakeIssue, FakeSite, FakeUser } from '../site';
import { issueJson, selectFields } from './issueView';
import { decodePageToken, encodePageToken, hash32 } from './pageToken';
import {
  jiraError,
  json,
  listParam,
  type FakeRequest,
  type FakeResponse,
  type Route,
  type RouteContext,
} from './types';

export const REMOVED_SEARCH_MESSAGE =
  'The requested API has been removed. Please migrate to the /rest/api/3/search/jql API. A full migration guideline is available at https://developer.atlassian.com/changelog/#CHANGE-2046';

export const BAD_TOKEN_MESSAGE = 'The provided nextPageToken is invalid or has expired.';

const CACHE_LIMIT = 32;

interface SearchParams {
  jql: string;
  nextPageToken: string | null;
  maxResults: unknown;
  fields: string[] | null;
}

function paramsOf(req: FakeRequest, ctx: RouteContext): SearchParams | FakeResponse {
  if (req.method === 'GET') {
    return {
      jql: req.query.get('jql') ?? '',
      nextPageToken: req.query.get('nextPageToken'),
      maxResults: req.query.get('maxResults'),
      fields: listParam(req.query, 'fields'),
    };
  }
  const body = (ctx.body ?? {}) as Record<string, unknown>;
  if (typeof body !== 'object' || Array.isArray(body))
    return jiraError(400, ['The request body must be a JSON object.']);
  const fields = body.fields;
  if (fields !== undefined && !(Array.isArray(fields) && fields.every((f) => typeof f === 'string'))) {
    return jiraError(400, ["The 'fields' property must be an array of strings."]);
  }
  if (body.jql !== undefined && typeof body.jql !== 'string')
    return jiraError(400, ["The 'jql' property must be a string."]);
  if (body.nextPageToken != null && typeof body.nextPageToken !== 'string') {
    return jiraError(400, [BAD_TOKEN_MESSAGE]);
  }
  return {
    jql: (body.jql as string | undefined) ?? '',
    nextPageToken: (body.nextPageToken as string | null | undefined) ?? null,
    maxResults: body.maxResults ?? null,
    fields:
      fields === undefined ? null : (fields as string[]).flatMap((f) => f.split(',')).map((f) => f.trim()),
  };
}

function maxResultsOf(value: unknown): number | null {
  if (value === null || value === undefined || value === '') return 50;
  const n = typeof value === 'number' ? value : /^\s*-?\d+\s*$/.test(String(value)) ? Number(value) : NaN;
  if (!Number.isInteger(n) || n < 0) return null;
  return Math.max(1, n);
}

/** The ordered ids a query matches for a user, cached until the site changes. */
function resultIds(site: FakeSite, user: FakeUser, jql: string, ctx: RouteContext): string[] | FakeResponse {
  const cacheKey = `${user.accountId}\n${jql}`;
  const hit = ctx.search.cache.get(cacheKey);
  if (hit && hit.version === site.version) return hit.ids;
  const compiled = compileJql(site, jql, { user });
  if (!compiled.ok) return json(400, compiled.error);
  const issues: FakeIssue[] = site.issues.filter(compiled.matches).sort(compiled.compare);
  const ids = issues.map((i) => i.id);
  ctx.search.cache.delete(cacheKey);
  ctx.search.cache.set(cacheKey, { version: site.version, ids });
  while (ctx.search.cache.size > CACHE_LIMIT) ctx.search.cache.delete(ctx.search.cache.keys().next().value!);
  return ids;
}

/** How many issues the page at `offset` holds. */
function pageSize(cap: number, offset: number, jql: string, ctx: RouteContext): number {
  if (!ctx.search.shortPages || cap < 3) return cap;
  const h = hash32(`${offset}:${jql}`, ctx.search.secret);
  return h % 3 === 0 ? cap - 1 - (h % Math.floor(cap / 3)) : cap;
}

function searchJql(req: FakeRequest, ctx: RouteContext): FakeResponse {
  const params = paramsOf(req, ctx);
  if ('status' in params) return params;
  const jql = params.jql.trim();
  if (jql === '') return json(400, { errorMessages: [UNBOUNDED_MESSAGE], warningMessages: [] });
  const maxResults = maxResultsOf(params.maxResults);
  if (maxResults === null)
    return jiraError(400, [`The value '${String(params.maxResults)}' is invalid for 'maxResults'.`]);

  let offset = 0;
  let previous = 0;
  if (params.nextPageToken) {
    const pos = decodePageToken(params.nextPageToken, jql, ctx.search.secret);
    if (!pos) return json(400, { errorMessages: [BAD_TOKEN_MESSAGE], warningMessages: [] });
    ({ offset, previous } = pos);
  }
  const ids = resultIds(ctx.site, ctx.user, jql, ctx);
  if (!Array.isArray(ids)) return ids;

  const fields = selectFields(params.fields, ['id']);
  let cap = Math.min(maxResults, fields.length > 0 ? 100 : 5000);
  if (ctx.search.pageCap !== undefined) cap = Math.min(cap, ctx.search.pageCap);

  let start = offset;
  let end = Math.min(ids.length, offset + pageSize(cap, offset, jql, ctx));
  let next = end;
  if (offset > 0 && ctx.takeDuplicatePage()) {
    // Jira sometimes serves a page twice: the previous page's issues again, and a token for this page.
    start = previous;
    end = offset;
    next = offset;
  }
  const page = ids.slice(start, end).map((id) => ctx.site.byId.get(id)!);
  const isLast = next >= ids.length;
  const body: Record<string, unknown> = {
    issues: page.map((i) => issueJson(ctx.site, i, fields, ctx.baseUrl)),
    isLast,
  };
  if (!isLast)
    body.nextPageToken = encodePageToken({ offset: next, previous: start }, jql, ctx.search.secret);
  return json(200, body, { objectPoints: page.length, issues: page.length });
}

function approximateCount(_req: FakeRequest, ctx: RouteContext): FakeResponse {
  const body = (ctx.body ?? {}) as { jql?: unknown };
  const jql = typeof body.jql === 'string' ? body.jql.trim() : '';
  if (jql === '') return json(400, { errorMessages: [UNBOUNDED_MESSAGE], warningMessages: [] });
  const ids = resultIds(ctx.site, ctx.user, jql, ctx);
  if (!Array.isArray(ids)) return ids;
  return json(200, { count: ids.length });
}

function parseQueries(req: FakeRequest, ctx: RouteContext): FakeResponse {
  const validation = (req.query.get('validation') ?? 'strict').toLowerCase();
  if (!['strict', 'warn', 'none'].includes(validation)) {
    return jiraError(400, [`The value '${validation}' is invalid for 'validation'.`]);
  }
  const body = (ctx.body ?? {}) as { queries?: unknown };
  if (!Array.isArray(body.queries) || !body.queries.every((q) => typeof q === 'string')) {
    return jiraError(400, ["The 'queries' property must be a list of JQL strings."]);
  }
  const queries = (body.queries as string[]).map((query) => {
    const parsed = parseJql(query);
    if (!parsed.ok) return { query, errors: parsed.error.errorMessages };
    const structure = jqlStructure(parsed.query);
    if (validation !== 'none') {
      const compiled = compileJql(ctx.site, query, { user: ctx.user, requireBound: false });
      if (!compiled.ok) {
        return validation === 'strict'
          ? { query, errors: compiled.error.errorMessages }
          : { query, structure, warnings: compiled.error.errorMessages };
      }
    }
    return { query, structure };
  });
  return json(200, { queries });
}

function removed(): FakeResponse {
  return jiraError(410, [REMOVED_SEARCH_MESSAGE]);
}

export const searchRoutes: Route[] = [
  {
    method: 'GET',
    pattern: /^\/rest\/api\/3\/search\/jql$/,
    endpoint: 'GET /rest/api/3/search/jql',
    handle: searchJql,
  },
  {
    method: 'POST',
    pattern: /^\/rest\/api\/3\/search\/jql$/,
    endpoint: 'POST /rest/api/3/search/jql',
    handle: searchJql,
  },
  {
    method: 'POST',
    pattern: /^\/rest\/api\/3\/search\/approximate-count$/,
    endpoint: 'POST /rest/api/3/search/approximate-count',
    handle: approximateCount,
  },
  {
    method: 'POST',
    pattern: /^\/rest\/api\/3\/jql\/parse$/,
    endpoint: 'POST /rest/api/3/jql/parse',
    handle: parseQueries,
  },
  {
    method: 'GET',
    pattern: /^\/rest\/api\/[23]\/search$/,
    endpoint: 'GET /rest/api/3/search',
    handle: removed,
  },
  {
    method: 'POST',
    pattern: /^\/rest\/api\/[23]\/search$/,
    endpoint: 'POST /rest/api/3/search',
    handle: removed,
  },
];
