/**
 * Issues: read one (`GET /issue/{key}`), read many (`POST /issue/bulkfetch`), edit labels, summary and due date
 * (`PUT /issue/{key}`), and read or add comments. Writes change the in-memory site.
 */
import { isCalendarDate } from '../../../src/core/dates';
import { formatJiraDateTime } from '../jiraTime';
import {
  canBrowse,
  findIssue,
  transitionIssue,
  updateIssueFields,
  userRef,
  statusField,
  type FakeIssue,
  type FakeIssueFields,
} from '../site';
import { commentJson, issueJson, selectFields } from './issueView';
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

export const ISSUE_NOT_FOUND = 'Issue does not exist or you do not have permission to see it.';

/** The issue a path names, if the caller can browse its project. */
export function visibleIssue(ctx: RouteContext, keyOrId: string): FakeIssue | undefined {
  const issue = findIssue(ctx.site, keyOrId);
  return issue && canBrowse(ctx.user, issue.fields.project.key) ? issue : undefined;
}

function getIssue(req: FakeRequest, ctx: RouteContext): FakeResponse {
  const issue = visibleIssue(ctx, ctx.params[0]!);
  if (!issue) return jiraError(404, [ISSUE_NOT_FOUND]);
  const fields = selectFields(listParam(req.query, 'fields'), ['*all']);
  return json(200, issueJson(ctx.site, issue, fields, ctx.baseUrl), { objectPoints: 1, issues: 1 });
}

function bulkFetch(_req: FakeRequest, ctx: RouteContext): FakeResponse {
  const body = (ctx.body ?? {}) as { issueIdsOrKeys?: unknown; fields?: unknown };
  const ids = body.issueIdsOrKeys;
  if (
    !Array.isArray(ids) ||
    ids.length === 0 ||
    !ids.every((x) => typeof x === 'string' || typeof x === 'number')
  ) {
    return jiraError(400, ['issueIdsOrKeys must be a non-empty list of issue ids or keys.']);
  }
  if (ids.length > 100) return jiraError(400, ['At most 100 issues can be fetched at once.']);
  const requested = Array.isArray(body.fields) ? body.fields.map(String) : null;
  const fields = selectFields(requested, ['*navigable']);
  const issues: unknown[] = [];
  // As Jira Cloud documents it: issues that do not exist or cannot be seen are simply left out; `issueErrors` lists
  // only retriable failures ({ id, errorMessage }), which this fake never has.
  const issueErrors: { id: string; errorMessage: string }[] = [];
  for (const id of ids.map(String)) {
    const issue = visibleIssue(ctx, id);
    if (issue) issues.push(issueJson(ctx.site, issue, fields, ctx.baseUrl));
  }
  return json(
    200,
    { expand: '', issues, issueErrors },
    { objectPoints: issues.length, issues: issues.length },
  );
}

type LabelOp = { add?: unknown; remove?: unknown; set?: unknown };

function applyLabelOps(labels: string[], ops: unknown): string[] | string {
  if (!Array.isArray(ops)) return 'The labels update must be a list of operations.';
  let out = [...labels];
  for (const op of ops as LabelOp[]) {
    if (op && typeof op === 'object' && typeof op.add === 'string') {
      if (!out.includes(op.add)) out.push(op.add);
    } else if (op && typeof op === 'object' && typeof op.remove === 'string') {
      out = out.filter((l) => l !== op.remove);
    } else if (op && typeof op === 'object' && Array.isArray(op.set)) {
      out = [...new Set(op.set.map(String))];
    } else return 'Unsupported labels operation.';
  }
  return out;
}

function badLabel(labels: string[]): string | null {
  const bad = labels.find((l) => /\s/.test(l) || l.length === 0 || l.length > 255);
  return bad === undefined ? null : `The label '${bad}' contains spaces which is invalid.`;
}

function editIssue(_req: FakeRequest, ctx: RouteContext): FakeResponse {
  const issue = visibleIssue(ctx, ctx.params[0]!);
  if (!issue) return jiraError(404, [ISSUE_NOT_FOUND]);
  const body = ctx.body as { fields?: Record<string, unknown>; update?: Record<string, unknown> } | undefined;
  if (!body || typeof body !== 'object') return jiraError(400, ['The request body must be a JSON object.']);
  const patch: Partial<FakeIssueFields> = {};
  const errors: Record<string, string> = {};
  const cannotSet = (name: string) => {
    errors[name] = `Field '${name}' cannot be set. It is not on the appropriate screen, or unknown.`;
  };
  for (const [name, value] of Object.entries(body.fields ?? {})) {
    if (name === 'labels' && Array.isArray(value) && value.every((v) => typeof v === 'string')) {
      patch.labels = [...new Set(value as string[])];
    } else if (name === 'summary' && typeof value === 'string' && value.trim()) patch.summary = value;
    else if (name === 'duedate' && (value === null || (typeof value === 'string' && isCalendarDate(value)))) {
      patch.duedate = value as string | null;
    } else if (['labels', 'summary', 'duedate'].includes(name))
      errors[name] = `The value of '${name}' is invalid.`;
    else cannotSet(name);
  }
  for (const [name, ops] of Object.entries(body.update ?? {})) {
    if (name !== 'labels') {
      cannotSet(name);
      continue;
    }
    const result = applyLabelOps(patch.labels ?? issue.fields.labels, ops);
    if (typeof result === 'string') errors.labels = result;
    else patch.labels = result;
  }
  if (patch.labels) {
    const bad = badLabel(patch.labels);
    if (bad) errors.labels = bad;
  }
  if (Object.keys(errors).length > 0) return jiraError(400, [], errors);
  if (Object.keys(patch).length > 0) updateIssueFields(ctx.site, issue, patch, userRef(ctx.user));
  return { status: 204 };
}

function getComments(req: FakeRequest, ctx: RouteContext): FakeResponse {
  const issue = visibleIssue(ctx, ctx.params[0]!);
  if (!issue) return jiraError(404, [ISSUE_NOT_FOUND]);
  const paging = pageParams(req.query, 100);
  if ('status' in paging) return paging;
  const { startAt, maxResults } = paging;
  const all = ctx.site.comments.get(issue.id) ?? [];
  const page = all.slice(startAt, startAt + maxResults);
  return json(
    200,
    {
      startAt,
      maxResults,
      total: all.length,
      isLast: startAt + page.length >= all.length,
      comments: page.map((c) => commentJson(c, issue, ctx.baseUrl)),
    },
    { objectPoints: page.length },
  );
}

function addComment(_req: FakeRequest, ctx: RouteContext): FakeResponse {
  const issue = visibleIssue(ctx, ctx.params[0]!);
  if (!issue) return jiraError(404, [ISSUE_NOT_FOUND]);
  const body = ctx.body as { body?: unknown } | undefined;
  const doc = body?.body as { type?: unknown; content?: unknown } | undefined;
  if (!doc || typeof doc !== 'object' || doc.type !== 'doc' || !Array.isArray(doc.content)) {
    return jiraError(400, [], { comment: 'Comment body can not be empty!' });
  }
  const now = formatJiraDateTime(ctx.site.now, '+0000');
  const comment = {
    id: String(ctx.site.sequence.comment++),
    author: userRef(ctx.user),
    body: doc,
    created: now,
    updated: now,
  };
  ctx.site.comments.set(issue.id, [...(ctx.site.comments.get(issue.id) ?? []), comment]);
  updateIssueFields(ctx.site, issue, {});
  return json(201, commentJson(comment, issue, ctx.baseUrl));
}

/** The fake has no workflows: every other status of the site is one transition away (id = 1000 + status id). */
function transitionsOf(ctx: RouteContext, issue: FakeIssue) {
  return ctx.site.statuses
    .filter((s) => s.id !== issue.fields.status.id)
    .map((s) => ({
      id: String(1000 + Number(s.id)),
      name: s.name,
      to: statusField(s),
      hasScreen: false,
      isGlobal: true,
      isInitial: false,
      isAvailable: true,
      isConditional: false,
      isLooped: false,
    }));
}

function getTransitions(_req: FakeRequest, ctx: RouteContext): FakeResponse {
  const issue = visibleIssue(ctx, ctx.params[0]!);
  if (!issue) return jiraError(404, [ISSUE_NOT_FOUND]);
  const transitions = transitionsOf(ctx, issue);
  return json(200, { expand: 'transitions', transitions }, { objectPoints: transitions.length });
}

function doTransition(_req: FakeRequest, ctx: RouteContext): FakeResponse {
  const issue = visibleIssue(ctx, ctx.params[0]!);
  if (!issue) return jiraError(404, [ISSUE_NOT_FOUND]);
  const body = ctx.body as
    { transition?: { id?: unknown }; fields?: { resolution?: { name?: unknown; id?: unknown } } } | undefined;
  const id = body?.transition?.id;
  if (typeof id !== 'string' && typeof id !== 'number') return jiraError(400, ['Missing transition id.'], {});
  const t = transitionsOf(ctx, issue).find((x) => x.id === String(id));
  if (!t) return jiraError(400, [`Transition id '${String(id)}' is not valid for this issue.`]);
  const ref = body?.fields?.resolution;
  let resolution: string | undefined;
  if (ref) {
    const r = ctx.site.resolutions.find((x) => x.id === String(ref.id) || x.name === ref.name);
    if (!r) return jiraError(400, [], { resolution: 'The resolution is invalid.' });
    resolution = r.name;
  }
  transitionIssue(ctx.site, issue, t.to.name, userRef(ctx.user), resolution);
  return { status: 204 };
}

const ISSUE = '([^/]+)';

export const issueRoutes: Route[] = [
  {
    method: 'GET',
    pattern: new RegExp(`^/rest/api/3/issue/${ISSUE}/transitions$`),
    endpoint: 'GET /rest/api/3/issue/{issueIdOrKey}/transitions',
    handle: getTransitions,
  },
  {
    method: 'POST',
    pattern: new RegExp(`^/rest/api/3/issue/${ISSUE}/transitions$`),
    endpoint: 'POST /rest/api/3/issue/{issueIdOrKey}/transitions',
    write: true,
    handle: doTransition,
  },
  {
    method: 'POST',
    pattern: /^\/rest\/api\/3\/issue\/bulkfetch$/,
    endpoint: 'POST /rest/api/3/issue/bulkfetch',
    handle: bulkFetch,
  },
  {
    method: 'GET',
    pattern: new RegExp(`^/rest/api/3/issue/${ISSUE}$`),
    endpoint: 'GET /rest/api/3/issue/{issueIdOrKey}',
    handle: getIssue,
  },
  {
    method: 'PUT',
    pattern: new RegExp(`^/rest/api/3/issue/${ISSUE}$`),
    endpoint: 'PUT /rest/api/3/issue/{issueIdOrKey}',
    write: true,
    handle: editIssue,
  },
  {
    method: 'GET',
    pattern: new RegExp(`^/rest/api/3/issue/${ISSUE}/comment$`),
    endpoint: 'GET /rest/api/3/issue/{issueIdOrKey}/comment',
    handle: getComments,
  },
  {
    method: 'POST',
    pattern: new RegExp(`^/rest/api/3/issue/${ISSUE}/comment$`),
    endpoint: 'POST /rest/api/3/issue/{issueIdOrKey}/comment',
    write: true,
    handle: addComment,
  },
];
