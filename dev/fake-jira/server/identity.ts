/**
 * Who the caller is and what they may do: `GET /myself`, `GET /mypermissions` (with a project or issue context),
 * and `GET /serverInfo`.
 */
import { canAdminister, canBrowse, type FakeUser } from '../site';
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

export const identityRoutes: Route[] = [
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
