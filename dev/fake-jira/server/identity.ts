/**
 * Who the caller is and what they may do: `GET /myself`, `GET /mypermissions` (with a project or issue context),
 * and `GET /serverInfo`.
 */
import { canAdminister, canBrowse, findUser, type FakeUser } from '../site';
import { ISSUE_NOT_FOUND, visibleIssue } from './issues';
import { projectNotFound, visibleProject } from './projects';
import {
  jiraError,
  json,
  listParam,
  type FakeRequest,
  type FakeResponse,
  type Route,
  type RouteContext,
} from './types';

interface PermissionDef {
  id: string;
  name: string;
  type: 'PROJECT' | 'GLOBAL';
  description: string;
  /** Whether the user holds it in a project (project permissions) or at all (global ones). */
  holds: (user: FakeUser, projectKey: string | null, allKeys: string[]) => boolean;
}

const inProject =
  (test: (user: FakeUser, key: string) => boolean) => (user: FakeUser, key: string | null, all: string[]) =>
    key === null ? all.some((k) => test(user, k)) : test(user, key);

const PERMISSIONS: Record<string, PermissionDef> = {
  ADMINISTER: {
    id: '0',
    name: 'Administer Jira',
    type: 'GLOBAL',
    description:
      'Create and administer projects, issue types, fields, workflows, and schemes for all projects.',
    holds: (u) => u.jiraAdmin,
  },
  SYSTEM_ADMIN: {
    id: '44',
    name: 'Administer Jira',
    type: 'GLOBAL',
    description: 'Ability to perform all administration functions.',
    holds: (u) => u.jiraAdmin,
  },
  USER_PICKER: {
    id: '27',
    name: 'Browse users and groups',
    type: 'GLOBAL',
    description: 'View and select users or groups from the user picker.',
    holds: () => true,
  },
  BROWSE_PROJECTS: {
    id: '10',
    name: 'Browse Projects',
    type: 'PROJECT',
    description: 'Ability to browse projects and the issues within them.',
    holds: inProject(canBrowse),
  },
  ADMINISTER_PROJECTS: {
    id: '23',
    name: 'Administer Projects',
    type: 'PROJECT',
    description: 'Ability to administer a project in Jira.',
    holds: inProject(canAdminister),
  },
  CREATE_ISSUES: {
    id: '11',
    name: 'Create Issues',
    type: 'PROJECT',
    description: 'Ability to create issues.',
    holds: inProject(canBrowse),
  },
  EDIT_ISSUES: {
    id: '12',
    name: 'Edit Issues',
    type: 'PROJECT',
    description: 'Ability to edit issues.',
    holds: inProject(canBrowse),
  },
  ADD_COMMENTS: {
    id: '15',
    name: 'Add Comments',
    type: 'PROJECT',
    description: 'Ability to comment on issues.',
    holds: inProject(canBrowse),
  },
  TRANSITION_ISSUES: {
    id: '46',
    name: 'Transition Issues',
    type: 'PROJECT',
    description: 'Ability to transition issues.',
    holds: inProject(canBrowse),
  },
  RESOLVE_ISSUES: {
    id: '14',
    name: 'Resolve Issues',
    type: 'PROJECT',
    description: 'Ability to resolve and reopen issues.',
    holds: inProject(canBrowse),
  },
};

function myself(_req: FakeRequest, ctx: RouteContext): FakeResponse {
  const u = ctx.user;
  return json(
    200,
    {
      self: `${ctx.baseUrl}/rest/api/3/user?accountId=${encodeURIComponent(u.accountId)}`,
      accountId: u.accountId,
      accountType: u.accountType,
      ...(u.accountType === 'atlassian' ? { emailAddress: u.email } : {}),
      displayName: u.displayName,
      active: true,
      timeZone: u.timeZone,
      locale: 'en_US',
    },
    { objectPoints: 2 },
  );
}

function myPermissions(req: FakeRequest, ctx: RouteContext): FakeResponse {
  const keys = listParam(req.query, 'permissions');
  if (!keys || keys.length === 0) return jiraError(400, ["The 'permissions' query parameter is required."]);
  const unknown = keys.find((k) => !PERMISSIONS[k]);
  if (unknown) return jiraError(400, [`Unrecognized permission keys: ${unknown}`]);

  let projectKey: string | null = null;
  const projectRef = req.query.get('projectKey') ?? req.query.get('projectId');
  const issueRef = req.query.get('issueKey') ?? req.query.get('issueId');
  if (projectRef) {
    const p = visibleProject(ctx, projectRef);
    if (!p) return projectNotFound(projectRef);
    projectKey = p.key;
  } else if (issueRef) {
    const issue = visibleIssue(ctx, issueRef);
    if (!issue) return jiraError(404, [ISSUE_NOT_FOUND]);
    projectKey = issue.fields.project.key;
  }
  const allKeys = ctx.site.projects.map((p) => p.key);
  const permissions: Record<string, unknown> = {};
  for (const key of new Set(keys)) {
    const def = PERMISSIONS[key]!;
    permissions[key] = {
      id: def.id,
      key,
      name: def.name,
      type: def.type,
      description: def.description,
      havePermission: def.holds(ctx.user, projectKey, allKeys),
    };
  }
  return json(200, { permissions }, { objectPoints: 2 * Object.keys(permissions).length });
}

function serverInfo(_req: FakeRequest, ctx: RouteContext): FakeResponse {
  return json(200, {
    baseUrl: ctx.baseUrl,
    displayUrl: ctx.baseUrl,
    version: '1001.0.0-SNAPSHOT',
    deploymentType: 'Cloud',
    serverTitle: ctx.site.name,
    serverTime: new Date(ctx.site.now).toISOString().replace('Z', '+0000'),
  });
}

export const PERMISSION_CHECK_FORBIDDEN = 'You must have global administrator rights to check permissions.';

/**
 * `POST /permissions/check` (bulk permissions): which global permissions a user holds, and in which of the given
 * projects (ids, numbers) or issues each project permission holds. Jira admins only; `accountId` defaults to the
 * caller. Project ids that do not exist are left out of the answer.
 */
function checkPermissions(_req: FakeRequest, ctx: RouteContext): FakeResponse {
  if (!ctx.user.jiraAdmin) return jiraError(403, [PERMISSION_CHECK_FORBIDDEN]);
  const body = ctx.body as
    | {
        accountId?: unknown;
        globalPermissions?: unknown;
        projectPermissions?: { permissions?: unknown; projects?: unknown; issues?: unknown }[];
      }
    | undefined;
  if (!body || typeof body !== 'object') return jiraError(400, ['The request body must be a JSON object.']);
  const isList = (x: unknown) => x === undefined || Array.isArray(x);
  if (!isList(body.globalPermissions) || !isList(body.projectPermissions))
    return jiraError(400, ['globalPermissions and projectPermissions must be lists.']);
  let user: FakeUser = ctx.user;
  if (body.accountId !== undefined) {
    const found = typeof body.accountId === 'string' ? findUser(ctx.site, body.accountId) : undefined;
    if (!found)
      return jiraError(400, [], { accountId: `The user '${String(body.accountId)}' does not exist.` });
    user = found;
  }
  const allKeys = ctx.site.projects.map((p) => p.key);
  const unknown: string[] = [];
  const def = (key: unknown) => {
    const d = typeof key === 'string' ? PERMISSIONS[key] : undefined;
    if (!d) unknown.push(String(key));
    return d;
  };
  const globalPermissions = ((body.globalPermissions ?? []) as unknown[]).filter((k) => {
    const d = def(k);
    return d?.type === 'GLOBAL' && d.holds(user, null, allKeys);
  }) as string[];
  const projectPermissions: { permission: string; projects: number[]; issues: number[] }[] = [];
  for (const group of body.projectPermissions ?? []) {
    const perms = Array.isArray(group?.permissions) ? group.permissions : [];
    const projects = Array.isArray(group?.projects) ? group.projects.map(Number) : [];
    const issues = Array.isArray(group?.issues) ? group.issues.map(Number) : [];
    for (const key of perms) {
      const d = def(key);
      if (!d || d.type !== 'PROJECT') continue;
      projectPermissions.push({
        permission: key as string,
        projects: projects.filter((id) => {
          const p = ctx.site.projects.find((x) => x.id === String(id));
          return !!p && d.holds(user, p.key, allKeys);
        }),
        issues: issues.filter((id) => {
          const issue = ctx.site.byId.get(String(id));
          return !!issue && d.holds(user, issue.fields.project.key, allKeys);
        }),
      });
    }
  }
  if (unknown.length > 0) return jiraError(400, [`Unrecognized permission keys: ${unknown.join(', ')}`]);
  return json(
    200,
    { globalPermissions, projectPermissions },
    { objectPoints: 2 * (globalPermissions.length + projectPermissions.length) },
  );
}

/** The project roles the fake knows: administrators and members, derived from the users' permissions. */
const ROLES = [
  {
    id: '10002',
    name: 'Administrators',
    description: 'A project role that represents administrators in a project',
    holds: (u: FakeUser, key: string) => u.administer === '*' || u.administer.includes(key),
  },
  {
    id: '10003',
    name: 'Member',
    description: 'A project role that represents members in a project',
    holds: (u: FakeUser, key: string) =>
      (u.browse === '*' || u.browse.includes(key)) && !(u.administer === '*' || u.administer.includes(key)),
  },
] as const;

export const ROLES_FORBIDDEN = 'You cannot view the roles of this project.';

function projectRoles(_req: FakeRequest, ctx: RouteContext): FakeResponse {
  const ref = ctx.params[0]!;
  const project = visibleProject(ctx, ref);
  if (!project) return projectNotFound(ref);
  if (!canAdminister(ctx.user, project.key)) return jiraError(403, [ROLES_FORBIDDEN]);
  const out: Record<string, string> = {};
  for (const r of ROLES) out[r.name] = `${ctx.baseUrl}/rest/api/3/project/${project.id}/role/${r.id}`;
  return json(200, out, { objectPoints: ROLES.length });
}

function projectRole(_req: FakeRequest, ctx: RouteContext): FakeResponse {
  const [ref, roleId] = ctx.params as [string, string];
  const project = visibleProject(ctx, ref);
  if (!project) return projectNotFound(ref);
  if (!canAdminister(ctx.user, project.key)) return jiraError(403, [ROLES_FORBIDDEN]);
  const role = ROLES.find((r) => r.id === roleId);
  if (!role) return jiraError(404, [`The project role with id '${roleId}' does not exist.`]);
  const actors = ctx.site.users
    .filter((u) => role.holds(u, project.key))
    .map((u, i) => ({
      id: 20000 + i,
      displayName: u.displayName,
      type: 'atlassian-user-role-actor',
      actorUser: { accountId: u.accountId },
    }));
  return json(
    200,
    {
      self: `${ctx.baseUrl}/rest/api/3/project/${project.id}/role/${role.id}`,
      name: role.name,
      id: Number(role.id),
      description: role.description,
      actors,
    },
    { objectPoints: 1 + 2 * actors.length },
  );
}

export const identityRoutes: Route[] = [
  {
    method: 'POST',
    pattern: /^\/rest\/api\/3\/permissions\/check$/,
    endpoint: 'POST /rest/api/3/permissions/check',
    handle: checkPermissions,
  },
  {
    method: 'GET',
    pattern: /^\/rest\/api\/3\/project\/([^/]+)\/role$/,
    endpoint: 'GET /rest/api/3/project/{projectIdOrKey}/role',
    handle: projectRoles,
  },
  {
    method: 'GET',
    pattern: /^\/rest\/api\/3\/project\/([^/]+)\/role\/([^/]+)$/,
    endpoint: 'GET /rest/api/3/project/{projectIdOrKey}/role/{id}',
    handle: projectRole,
  },
  { method: 'GET', pattern: /^\/rest\/api\/3\/myself$/, endpoint: 'GET /rest/api/3/myself', handle: myself },
  {
    method: 'GET',
    pattern: /^\/rest\/api\/3\/mypermissions$/,
    endpoint: 'GET /rest/api/3/mypermissions',
    handle: myPermissions,
  },
  {
    method: 'GET',
    pattern: /^\/rest\/api\/3\/serverInfo$/,
    endpoint: 'GET /rest/api/3/serverInfo',
    handle: serverInfo,
  },
];
