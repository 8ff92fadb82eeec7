/**
 * The site's catalogue as Jira Cloud's REST v3 serves it: a project's issue types (`GET /issuetype/project`),
 * priorities (`GET /priority/search` paged in the site's order, and the deprecated full list `GET /priority`),
 * resolutions (`GET /resolution/search`, `GET /resolution`) and statuses (`GET /statuses/search`, which needs
 * "Administer projects" somewhere or "Administer Jira", and the full list `GET /status` that every user may read).
 */
import {
  canAdminister,
  CATEGORIES,
  projectIssueTypes,
  type CategoryKey,
  type FakeNamed,
  type FakeStatus,
} from '../site';
import { issueTypeJson, projectNotFound, visibleProject } from './projects';
import {
  jiraError,
  json,
  listParam,
  pageBean,
  pageParams,
  type FakeRequest,
  type FakeResponse,
  type Route,
  type RouteContext,
} from './types';

function issueTypesForProject(req: FakeRequest, ctx: RouteContext): FakeResponse {
  const projectId = req.query.get('projectId');
  if (!projectId || !/^\d+$/.test(projectId))
    return jiraError(400, ["The 'projectId' query parameter is required and must be a project id."]);
  const project = visibleProject(ctx, projectId);
  if (!project || project.id !== projectId) return projectNotFound(projectId);
  const level = req.query.get('level');
  const types = projectIssueTypes(ctx.site, project).filter(
    (t) => level === null || String(t.hierarchyLevel) === level,
  );
  return json(
    200,
    types.map((t) => issueTypeJson(t, ctx.baseUrl)),
    { objectPoints: types.length },
  );
}

const PRIORITY_COLOURS = ['#d04437', '#f15C75', '#f79232', '#707070', '#999999'];
/** Jira's default priority is Medium, id 3. */
const DEFAULT_PRIORITY_ID = '3';

function priorityJson(ctx: RouteContext, p: FakeNamed): Record<string, unknown> {
  const i = ctx.site.priorities.indexOf(p);
  return {
    self: `${ctx.baseUrl}/rest/api/3/priority/${p.id}`,
    statusColor: PRIORITY_COLOURS[i] ?? '#999999',
    description: p.description ?? '',
    iconUrl: `${ctx.baseUrl}/images/icons/priorities/${(p.untranslatedName ?? p.name).toLowerCase()}.svg`,
    name: p.name,
    ...(p.untranslatedName ? { untranslatedName: p.untranslatedName } : {}),
    id: p.id,
    isDefault: p.id === DEFAULT_PRIORITY_ID,
  };
}

function searchPriorities(req: FakeRequest, ctx: RouteContext): FakeResponse {
  const page = pageParams(req.query, 50);
  if ('status' in page) return page;
  const ids = listParam(req.query, 'id');
  const name = req.query.get('priorityName')?.toLowerCase();
  const onlyDefault = req.query.get('onlyDefault') === 'true';
  const all = ctx.site.priorities
    .filter((p) => !ids || ids.includes(p.id))
    .filter((p) => !name || p.name.toLowerCase().includes(name))
    .filter((p) => !onlyDefault || p.id === DEFAULT_PRIORITY_ID);
  return pageBean(req, ctx, '/rest/api/3/priority/search', all, page, (p) => priorityJson(ctx, p));
}

function listPriorities(_req: FakeRequest, ctx: RouteContext): FakeResponse {
  const all = ctx.site.priorities;
  return json(
    200,
    all.map((p) => priorityJson(ctx, p)),
    { objectPoints: all.length },
  );
}

function resolutionJson(ctx: RouteContext, r: FakeNamed, withDefault: boolean): Record<string, unknown> {
  return {
    self: `${ctx.baseUrl}/rest/api/3/resolution/${r.id}`,
    id: r.id,
    description: r.description ?? '',
    name: r.name,
    ...(r.untranslatedName ? { untranslatedName: r.untranslatedName } : {}),
    ...(withDefault ? { isDefault: false } : {}),
  };
}

function searchResolutions(req: FakeRequest, ctx: RouteContext): FakeResponse {
  const page = pageParams(req.query, 50);
  if ('status' in page) return page;
  const ids = listParam(req.query, 'id');
  // The fake has no default resolution: onlyDefault=true finds none.
  const onlyDefault = req.query.get('onlyDefault') === 'true';
  const all = ctx.site.resolutions.filter((r) => (!ids || ids.includes(r.id)) && !onlyDefault);
  return pageBean(req, ctx, '/rest/api/3/resolution/search', all, page, (r) => resolutionJson(ctx, r, true));
}

function listResolutions(_req: FakeRequest, ctx: RouteContext): FakeResponse {
  const all = ctx.site.resolutions;
  return json(
    200,
    all.map((r) => resolutionJson(ctx, r, false)),
    { objectPoints: all.length },
  );
}

/** The category names `GET /statuses/search` uses. */
export const CATEGORY_ENUM: Record<CategoryKey, 'TODO' | 'IN_PROGRESS' | 'DONE' | 'UNDEFINED'> = {
  new: 'TODO',
  indeterminate: 'IN_PROGRESS',
  done: 'DONE',
  undefined: 'UNDEFINED',
};

/** The status JSON of `GET /status` and `GET /status/{idOrName}` (statusCategory as an object). */
export function statusDetailJson(ctx: RouteContext, status: FakeStatus): Record<string, unknown> {
  const category = CATEGORIES[status.category];
  return {
    self: `${ctx.baseUrl}/rest/api/3/status/${status.id}`,
    description: '',
    iconUrl: `${ctx.baseUrl}/images/icons/statuses/generic.png`,
    name: status.name,
    untranslatedName: status.name,
    id: status.id,
    statusCategory: { self: `${ctx.baseUrl}/rest/api/3/statuscategory/${category.id}`, ...category },
  };
}

export const STATUS_SEARCH_FORBIDDEN =
  "You don't have permission to view statuses. You need the Administer projects or Administer Jira permission.";

function searchStatuses(req: FakeRequest, ctx: RouteContext): FakeResponse {
  const { site, user } = ctx;
  const projectId = req.query.get('projectId');
  const mayAdminister = user.jiraAdmin || site.projects.some((p) => canAdminister(user, p.key));
  if (!mayAdminister) return jiraError(403, [STATUS_SEARCH_FORBIDDEN]);
  if (projectId !== null) {
    const project = site.projects.find((p) => p.id === projectId);
    if (!project || !canAdminister(user, project.key)) return jiraError(403, [STATUS_SEARCH_FORBIDDEN]);
  }
  const page = pageParams(req.query, 200);
  if ('status' in page) return page;
  const category = req.query.get('statusCategory');
  if (category !== null && !['TODO', 'IN_PROGRESS', 'DONE'].includes(category))
    return jiraError(400, [`The status category '${category}' is invalid. Use TODO, IN_PROGRESS or DONE.`]);
  const text = req.query.get('searchString')?.toLowerCase();
  // The fake's statuses are all global; a project-scoped query finds them only with includeGlobalStatuses.
  const globals = projectId === null || req.query.get('includeGlobalStatuses') === 'true';
  const all = site.statuses
    .filter(() => globals)
    .filter((s) => !category || CATEGORY_ENUM[s.category] === category)
    .filter((s) => !text || s.name.toLowerCase().includes(text));
  return pageBean(req, ctx, '/rest/api/3/statuses/search', all, page, (s) => ({
    id: s.id,
    name: s.name,
    statusCategory: CATEGORY_ENUM[s.category],
    scope: { type: 'GLOBAL' },
    description: '',
  }));
}

function listStatuses(_req: FakeRequest, ctx: RouteContext): FakeResponse {
  const all = ctx.site.statuses;
  return json(
    200,
    all.map((s) => statusDetailJson(ctx, s)),
    { objectPoints: all.length },
  );
}

export const catalogueRoutes: Route[] = [
  {
    method: 'GET',
    pattern: /^\/rest\/api\/3\/issuetype\/project$/,
    endpoint: 'GET /rest/api/3/issuetype/project',
    handle: issueTypesForProject,
  },
  {
    method: 'GET',
    pattern: /^\/rest\/api\/3\/priority\/search$/,
    endpoint: 'GET /rest/api/3/priority/search',
    handle: searchPriorities,
  },
  {
    method: 'GET',
    pattern: /^\/rest\/api\/3\/priority$/,
    endpoint: 'GET /rest/api/3/priority',
    handle: listPriorities,
  },
  {
    method: 'GET',
    pattern: /^\/rest\/api\/3\/resolution\/search$/,
    endpoint: 'GET /rest/api/3/resolution/search',
    handle: searchResolutions,
  },
  {
    method: 'GET',
    pattern: /^\/rest\/api\/3\/resolution$/,
    endpoint: 'GET /rest/api/3/resolution',
    handle: listResolutions,
  },
  {
    method: 'GET',
    pattern: /^\/rest\/api\/3\/statuses\/search$/,
    endpoint: 'GET /rest/api/3/statuses/search',
    handle: searchStatuses,
  },
  {
    method: 'GET',
    pattern: /^\/rest\/api\/3\/status$/,
    endpoint: 'GET /rest/api/3/status',
    handle: listStatuses,
  },
];
