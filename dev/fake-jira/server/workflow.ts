/**
 * Statuses and workflow schemes, as far as the app reads them: `GET /status/{idOrName}` (to learn a transition's
 * target category) and `GET /workflowscheme/project` (to name the workflow ideas use in the setup instructions).
 * The fake has no real workflows: each company-managed project gets a derived scheme.
 */
import { projectIssueTypes } from '../site';
import { adminRequired } from './auth';
import { statusDetailJson } from './catalogue';
import {
  jiraError,
  json,
  listParam,
  type FakeRequest,
  type FakeResponse,
  type Route,
  type RouteContext,
} from './types';

/** The workflow a type uses in the derived schemes. */
const WORKFLOW_BY_TYPE: Record<string, string> = {
  incident: 'Incident Management Workflow',
  'innovation idea': 'Innovation Idea Workflow',
};

function getStatus(_req: FakeRequest, ctx: RouteContext): FakeResponse {
  const ref = ctx.params[0]!;
  const status = ctx.site.statuses.find((s) => s.id === ref || s.name.toLowerCase() === ref.toLowerCase());
  if (!status) return jiraError(404, [`The status with id '${ref}' does not exist.`]);
  return json(200, statusDetailJson(ctx, status), { objectPoints: 1 });
}

function workflowSchemes(req: FakeRequest, ctx: RouteContext): FakeResponse {
  if (!ctx.user.jiraAdmin) return adminRequired();
  const ids = listParam(req.query, 'projectId') ?? [];
  if (ids.length === 0) return jiraError(400, ["The 'projectId' parameter is required."]);
  const values = ctx.site.projects
    .filter((p) => ids.includes(p.id) && p.style === 'classic')
    .map((p, i) => {
      const mappings: Record<string, string> = {};
      for (const t of projectIssueTypes(ctx.site, p)) {
        const workflow = WORKFLOW_BY_TYPE[t.name.toLowerCase()];
        if (workflow) mappings[t.id] = `${p.key}: ${workflow}`;
      }
      const kind = p.projectTypeKey === 'service_desk' ? 'Service Management' : 'Software Simplified';
      return {
        projectIds: [p.id],
        workflowScheme: {
          id: 10100 + i,
          name: `${p.key}: ${kind} Workflow Scheme`,
          description: '',
          defaultWorkflow: `${p.key}: ${kind} Workflow`,
          issueTypeMappings: mappings,
          self: `${ctx.baseUrl}/rest/api/3/workflowscheme/${10100 + i}`,
        },
      };
    });
  return json(200, { values }, { objectPoints: values.length });
}

export const workflowRoutes: Route[] = [
  {
    method: 'GET',
    pattern: /^\/rest\/api\/3\/status\/([^/]+)$/,
    endpoint: 'GET /rest/api/3/status/{idOrName}',
    handle: getStatus,
  },
  {
    method: 'GET',
    pattern: /^\/rest\/api\/3\/workflowscheme\/project$/,
    endpoint: 'GET /rest/api/3/workflowscheme/project',
    handle: workflowSchemes,
  },
];
