/**
 * Statuses and workflow schemes, as far as the app reads them: `GET /status/{idOrName}` (to learn a transition's
 * target category), `GET /workflowscheme/project` (to name the workflow ideas use in the setup instructions) and
 * `GET /workflow/rule/config` (the app's own validators on a workflow, which only the app may read).
 * The fake has no real workflows: each company-managed project gets a derived scheme.
 */
import { projectIssueTypes } from '../site';
import { adminRequired } from './auth';
import { statusDetailJson } from './catalogue';
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

/** The validator module's rule key as Jira reports a Forge extension (an ARI ending in the module key). */
const VALIDATOR_RULE_KEY =
  'ari:cloud:ecosystem::extension/fake-app/fake-env/static/phase-gate-innovation-gate';

/**
 * `GET /workflow/rule/config`: Jira answers only Connect or Forge apps, and lists only the calling app's rules.
 * Offset-paged like Jira, `types` required.
 */
function appRules(req: FakeRequest, ctx: RouteContext): FakeResponse {
  if (ctx.user.accountType !== 'app') {
    return jiraError(403, ['Only Connect and Forge apps can use this operation.']);
  }
  const types = listParam(req.query, 'types') ?? [];
  if (types.length === 0) return jiraError(400, ["The 'types' parameter is required."]);
  // A workflow's name may hold commas: each name is its own parameter.
  const names = req.query.getAll('workflowNames');
  const page = pageParams(req.query, 10);
  if ('status' in page) return page;
  const draft = req.query.get('draft');
  const expand = (req.query.get('expand') ?? '').split(',');
  // Only published workflows carry rules here: asked for drafts, none.
  const published = draft === 'true' ? [] : Object.entries(ctx.site.appValidators ?? {});
  const all = published
    .filter(([name]) => names.length === 0 || names.includes(name))
    .map(([name, transitions]) => ({
      workflowId: { name, draft: false },
      postFunctions: [],
      conditions: [],
      validators: types.includes('validator')
        ? transitions.map((t, i) => ({
            id: `${name.length}-${i}`,
            key: VALIDATOR_RULE_KEY,
            configuration: { value: '', disabled: false },
            ...(expand.includes('transition') ? { transition: { id: 11 + i * 10, name: t } } : {}),
          }))
        : [],
    }));
  return pageBean(req, ctx, '/rest/api/3/workflow/rule/config', all, {
    startAt: page.startAt,
    maxResults: Math.min(page.maxResults, 50),
  });
}

export const workflowRoutes: Route[] = [
  {
    method: 'GET',
    pattern: /^\/rest\/api\/3\/workflow\/rule\/config$/,
    endpoint: 'GET /rest/api/3/workflow/rule/config',
    handle: appRules,
  },
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
