/**
 * Projects: `GET /project/{projectIdOrKey}` and the paginated `GET /project/search`, both limited to the projects
 * the caller can view — Browse Projects, Administer Projects or Administer Jira (a hidden project is "not found", as
 * in Jira); `project/search?action=browse` lists only those they can browse, `action=edit` those they administer.
 */
import {
  canAdminister,
  canBrowse,
  canView,
  findProject,
  findUser,
  projectIssueTypes,
  type FakeIssueType,
  type FakeProject,
  type FakeSite,
} from '../site';
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

/** Jira's 404 for a project that does not exist or cannot be browsed. */
export function projectNotFound(keyOrId: string): FakeResponse {
  return jiraError(404, [`No project could be found with key '${keyOrId}'.`]);
}

/** Jira's issue type JSON. */
export function issueTypeJson(type: FakeIssueType, baseUrl: string): Record<string, unknown> {
  return {
    self: `${baseUrl}/rest/api/3/issuetype/${type.id}`,
    id: type.id,
    description: type.description,
    iconUrl: `${baseUrl}/images/icons/issuetypes/generic.svg`,
    name: type.name,
    untranslatedName: type.untranslatedName ?? type.name,
    subtask: type.subtask,
    hierarchyLevel: type.hierarchyLevel,
    ...(type.scopeProjectId
      ? { entityId: `fake-${type.id}`, scope: { type: 'PROJECT', project: { id: type.scopeProjectId } } }
      : {}),
  };
}

function projectSummary(project: FakeProject, baseUrl: string): Record<string, unknown> {
  return {
    expand: 'description,lead,issueTypes,url,projectKeys,permissions,insight',
    self: `${baseUrl}/rest/api/3/project/${project.id}`,
    id: project.id,
    key: project.key,
    name: project.name,
    projectTypeKey: project.projectTypeKey,
    simplified: project.style === 'next-gen',
    style: project.style,
    isPrivate: false,
    properties: {},
  };
}

function projectDetail(site: FakeSite, project: FakeProject, baseUrl: string): Record<string, unknown> {
  const lead = findUser(site, project.leadAccountId);
  return {
    ...projectSummary(project, baseUrl),
    description: '',
    lead: lead ? { accountId: lead.accountId, displayName: lead.displayName, active: true } : undefined,
    components: project.components.map((c) => ({ ...c, self: `${baseUrl}/rest/api/3/component/${c.id}` })),
    issueTypes: projectIssueTypes(site, project).map((t) => issueTypeJson(t, baseUrl)),
    assigneeType: 'UNASSIGNED',
    versions: [],
    roles: {},
  };
}

/** The project a path names, if the caller can view it (browse it, or administer it or Jira). */
export function visibleProject(ctx: RouteContext, keyOrId: string): FakeProject | undefined {
  const project = findProject(ctx.site, keyOrId);
  return project && canView(ctx.user, project.key) ? project : undefined;
}

const ACTIONS: Record<string, (user: RouteContext['user'], key: string) => boolean> = {
  view: canView,
  browse: canBrowse,
  edit: canAdminister,
};

function getProject(_req: FakeRequest, ctx: RouteContext): FakeResponse {
  const keyOrId = ctx.params[0]!;
  const project = visibleProject(ctx, keyOrId);
  if (!project) return projectNotFound(keyOrId);
  return json(200, projectDetail(ctx.site, project, ctx.baseUrl), { objectPoints: 1 });
}

function searchProjects(req: FakeRequest, ctx: RouteContext): FakeResponse {
  const page = pageParams(req.query, 50);
  if ('status' in page) return page;
  const { startAt, maxResults } = page;
  const size = Math.min(maxResults, 100);
  const query = req.query.get('query')?.toLowerCase() ?? '';
  const keys = listParam(req.query, 'keys')?.map((k) => k.toUpperCase());
  const action = (req.query.get('action') ?? 'view').toLowerCase();
  const allowed = ACTIONS[action];
  if (!allowed) return jiraError(400, [`The value '${action}' is invalid for 'action'.`]);
  const all = ctx.site.projects
    .filter((p) => allowed(ctx.user, p.key))
    .filter((p) => !keys || keys.includes(p.key))
    .filter((p) => !query || p.key.toLowerCase().includes(query) || p.name.toLowerCase().includes(query))
    .sort((a, b) => a.key.localeCompare(b.key));
  const values = all.slice(startAt, startAt + size);
  const isLast = startAt + size >= all.length;
  const body: Record<string, unknown> = {
    self: `${ctx.baseUrl}/rest/api/3/project/search?startAt=${startAt}&maxResults=${size}`,
    maxResults: size,
    startAt,
    total: all.length,
    isLast,
    values: values.map((p) => projectSummary(p, ctx.baseUrl)),
  };
  if (!isLast)
    body.nextPage = `${ctx.baseUrl}/rest/api/3/project/search?startAt=${startAt + size}&maxResults=${size}`;
  return json(200, body, { objectPoints: values.length });
}

export const projectRoutes: Route[] = [
  {
    method: 'GET',
    pattern: /^\/rest\/api\/3\/project\/search$/,
    endpoint: 'GET /rest/api/3/project/search',
    handle: searchProjects,
  },
  {
    method: 'GET',
    pattern: /^\/rest\/api\/3\/project\/([^/]+)$/,
    endpoint: 'GET /rest/api/3/project/{projectIdOrKey}',
    handle: getProject,
  },
];
