/**
 * Site configuration: issue types (list, create), issue type schemes (find a project's, add types to one) and
 * priorities. Creating and changing them needs the global "Administer Jira" permission, as in Jira.
 */
import { addIssueType, canBrowse, type FakeIssueType, type FakeSite, type FakeUser } from '../site';
import { adminRequired } from './auth';
import { issueTypeJson } from './projects';
import {
  jiraError,
  json,
  listParam,
  pageParams,
  type FakeRequest,
  type FakeResponse,
  type Route,
  type RouteContext,
} from './types';

export const NOT_ADMIN_MESSAGE = 'You must have global administrator rights in order to modify issue types.';
export const DUPLICATE_TYPE_MESSAGE = 'An issue type with this name already exists.';

/** The issue types a user sees: all for a Jira admin; otherwise those of the projects they can browse. */
export function visibleIssueTypes(site: FakeSite, user: FakeUser): FakeIssueType[] {
  if (user.jiraAdmin) return site.issueTypes;
  const ids = new Set<string>();
  for (const p of site.projects) {
    if (!canBrowse(user, p.key)) continue;
    if (p.style === 'next-gen')
      site.issueTypes.filter((t) => t.scopeProjectId === p.id).forEach((t) => ids.add(t.id));
    else
      site.issueTypeSchemes
        .find((s) => s.id === p.issueTypeSchemeId)
        ?.issueTypeIds.forEach((id) => ids.add(id));
  }
  return site.issueTypes.filter((t) => ids.has(t.id));
}

function listIssueTypes(_req: FakeRequest, ctx: RouteContext): FakeResponse {
  const types = visibleIssueTypes(ctx.site, ctx.user);
  return json(
    200,
    types.map((t) => issueTypeJson(t, ctx.baseUrl)),
    { objectPoints: types.length },
  );
}

function createIssueType(_req: FakeRequest, ctx: RouteContext): FakeResponse {
  if (!ctx.user.jiraAdmin) return jiraError(403, [NOT_ADMIN_MESSAGE]);
  const body = (ctx.body ?? {}) as {
    name?: unknown;
    description?: unknown;
    hierarchyLevel?: unknown;
    type?: unknown;
  };
  const name = typeof body.name === 'string' ? body.name.trim() : '';
  if (!name) return jiraError(400, [], { name: 'You must specify a valid name for the issue type.' });
  if (name.length > 60) return jiraError(400, [], { name: 'The name must not exceed 60 characters.' });
  const level = body.hierarchyLevel ?? (body.type === 'subtask' ? -1 : 0);
  if (level !== 0 && level !== -1)
    return jiraError(400, [], { hierarchyLevel: 'The hierarchy level must be 0 or -1.' });
  const taken = ctx.site.issueTypes.some(
    (t) => !t.scopeProjectId && t.name.toLowerCase() === name.toLowerCase(),
  );
  if (taken) return jiraError(409, [], { name: DUPLICATE_TYPE_MESSAGE });
  const type = addIssueType(ctx.site, {
    name,
    description: typeof body.description === 'string' ? body.description : '',
    hierarchyLevel: level,
  });
  return json(201, issueTypeJson(type, ctx.baseUrl));
}

function schemesForProjects(req: FakeRequest, ctx: RouteContext): FakeResponse {
  if (!ctx.user.jiraAdmin) return adminRequired();
  const projectIds = listParam(req.query, 'projectId') ?? [];
  if (projectIds.length === 0) return jiraError(400, ["The 'projectId' parameter is required."]);
  const page = pageParams(req.query, 50);
  if ('status' in page) return page;
  const { startAt, maxResults } = page;
  const bySchemes = new Map<string, string[]>();
  for (const id of projectIds) {
    const p = ctx.site.projects.find((x) => x.id === id);
    if (!p?.issueTypeSchemeId) continue;
    bySchemes.set(p.issueTypeSchemeId, [...(bySchemes.get(p.issueTypeSchemeId) ?? []), p.id]);
  }
  const all = [...bySchemes].map(([schemeId, ids]) => {
    const s = ctx.site.issueTypeSchemes.find((x) => x.id === schemeId)!;
    return {
      issueTypeScheme: { id: s.id, name: s.name, description: '', isDefault: s.isDefault },
      projectIds: ids,
    };
  });
  const values = all.slice(startAt, startAt + maxResults);
  return json(
    200,
    { maxResults, startAt, total: all.length, isLast: startAt + values.length >= all.length, values },
    { objectPoints: values.length },
  );
}

function addTypesToScheme(_req: FakeRequest, ctx: RouteContext): FakeResponse {
  if (!ctx.user.jiraAdmin) return adminRequired();
  const scheme = ctx.site.issueTypeSchemes.find((s) => s.id === ctx.params[0]);
  if (!scheme) return jiraError(404, [`The issue type scheme '${ctx.params[0]}' does not exist.`]);
  const body = (ctx.body ?? {}) as { issueTypeIds?: unknown };
  const ids = body.issueTypeIds;
  if (!Array.isArray(ids) || ids.length === 0 || !ids.every((x) => typeof x === 'string')) {
    return jiraError(400, [], { issueTypeIds: 'You must provide a list of issue type ids.' });
  }
  for (const id of ids as string[]) {
    const type = ctx.site.issueTypes.find((t) => t.id === id);
    if (!type || type.scopeProjectId)
      return jiraError(404, [`The issue type with ID '${id}' does not exist.`]);
    if (scheme.issueTypeIds.includes(id)) {
      return jiraError(400, [`The issue type with ID '${id}' is already in the issue type scheme.`]);
    }
  }
  scheme.issueTypeIds.push(...(ids as string[]));
  ctx.site.version++;
  return { status: 204 };
}

function schemeMapping(req: FakeRequest, ctx: RouteContext): FakeResponse {
  if (!ctx.user.jiraAdmin) return adminRequired();
  const wanted = listParam(req.query, 'issueTypeSchemeId') ?? [];
  const page = pageParams(req.query, 50);
  if ('status' in page) return page;
  const { startAt, maxResults } = page;
  const all = ctx.site.issueTypeSchemes
    .filter((s) => wanted.length === 0 || wanted.includes(s.id))
    .flatMap((s) => s.issueTypeIds.map((issueTypeId) => ({ issueTypeSchemeId: s.id, issueTypeId })));
  const values = all.slice(startAt, startAt + Math.min(maxResults, 50));
  return json(
    200,
    {
      maxResults: Math.min(maxResults, 50),
      startAt,
      total: all.length,
      isLast: startAt + values.length >= all.length,
      values,
    },
    { objectPoints: values.length },
  );
}

export const configRoutes: Route[] = [
  {
    method: 'GET',
    pattern: /^\/rest\/api\/3\/issuetype$/,
    endpoint: 'GET /rest/api/3/issuetype',
    handle: listIssueTypes,
  },
  {
    method: 'POST',
    pattern: /^\/rest\/api\/3\/issuetype$/,
    endpoint: 'POST /rest/api/3/issuetype',
    write: true,
    handle: createIssueType,
  },
  {
    method: 'GET',
    pattern: /^\/rest\/api\/3\/issuetypescheme\/project$/,
    endpoint: 'GET /rest/api/3/issuetypescheme/project',
    handle: schemesForProjects,
  },
  {
    method: 'GET',
    pattern: /^\/rest\/api\/3\/issuetypescheme\/mapping$/,
    endpoint: 'GET /rest/api/3/issuetypescheme/mapping',
    handle: schemeMapping,
  },
  {
    method: 'PUT',
    pattern: /^\/rest\/api\/3\/issuetypescheme\/([^/]+)\/issuetype$/,
    endpoint: 'PUT /rest/api/3/issuetypescheme/{issueTypeSchemeId}/issuetype',
    write: true,
    handle: addTypesToScheme,
  },
];
