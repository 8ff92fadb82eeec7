/**
 * Changelogs: `POST /rest/api/3/changelog/bulkfetch`, as Jira Cloud serves it. The body names the issues
 * (`issueIdsOrKeys`, 1–1000), optionally the fields whose changes are wanted (`fieldIds`, at most 10: only the change
 * histories touching them are returned, with only those items), `maxResults` (change histories per page, default
 * 1000, at most 10 000) and `nextPageToken`. Issues the caller cannot browse, or that do not exist, are left out
 * silently; so are issues without a matching change history. An issue's histories come oldest first and may be split
 * across pages (its `issueId` then appears on both). The answer: `{ issueChangeLogs: [{ issueId, changeHistories }],
 * nextPageToken? }`.
 */
import type { FakeChangelogEntry } from '../site';
import { visibleIssue } from './issues';
import { decodePageToken, encodePageToken } from './pageToken';
import { jiraError, json, type FakeRequest, type FakeResponse, type Route, type RouteContext } from './types';

export const BAD_CHANGELOG_TOKEN = 'The nextPageToken is invalid.';
const MAX_ISSUES = 1000;
const MAX_FIELDS = 10;
const DEFAULT_PAGE = 1000;
const MAX_PAGE = 10_000;

function historyJson(entry: FakeChangelogEntry, fields: Set<string> | null): unknown | null {
  const items = fields
    ? entry.items.filter((i) => fields.has(i.fieldId) || fields.has(i.field))
    : entry.items;
  if (items.length === 0) return null;
  return { id: entry.id, author: entry.author, created: entry.created, items };
}

function bulkChangelog(_req: FakeRequest, ctx: RouteContext): FakeResponse {
  const body = ctx.body as
    | { issueIdsOrKeys?: unknown; fieldIds?: unknown; maxResults?: unknown; nextPageToken?: unknown }
    | undefined;
  if (!body || typeof body !== 'object' || Array.isArray(body))
    return jiraError(400, ['The request body must be a JSON object.']);
  const ids = body.issueIdsOrKeys;
  if (!Array.isArray(ids) || ids.length === 0 || !ids.every((x) => typeof x === 'string'))
    return jiraError(400, ['issueIdsOrKeys must be a non-empty list of issue ids or keys.']);
  if (ids.length > MAX_ISSUES)
    return jiraError(400, [`At most ${MAX_ISSUES} issues can be requested at once.`]);
  let fields: Set<string> | null = null;
  if (body.fieldIds !== undefined) {
    if (!Array.isArray(body.fieldIds) || !body.fieldIds.every((x) => typeof x === 'string'))
      return jiraError(400, ['fieldIds must be a list of field ids.']);
    if (body.fieldIds.length > MAX_FIELDS)
      return jiraError(400, [`At most ${MAX_FIELDS} field ids can be requested at once.`]);
    if (body.fieldIds.length > 0) fields = new Set(body.fieldIds as string[]);
  }
  const maxResults = body.maxResults ?? DEFAULT_PAGE;
  if (typeof maxResults !== 'number' || !Number.isInteger(maxResults) || maxResults < 1)
    return jiraError(400, [`The value '${String(maxResults)}' is invalid for 'maxResults'.`]);
  const size = Math.min(maxResults, MAX_PAGE);
  const scope = JSON.stringify([ids, fields ? [...fields].sort() : null]);
  let offset = 0;
  if (body.nextPageToken !== undefined && body.nextPageToken !== null) {
    const pos =
      typeof body.nextPageToken === 'string'
        ? decodePageToken(body.nextPageToken, scope, ctx.search.secret)
        : null;
    if (!pos) return jiraError(400, [BAD_CHANGELOG_TOKEN]);
    offset = pos.offset;
  }

  // Every matching history, in request order, then a window of `size` of them.
  const seen = new Set<string>();
  const all: { issueId: string; history: unknown }[] = [];
  for (const ref of ids as string[]) {
    const issue = visibleIssue(ctx, ref);
    if (!issue || seen.has(issue.id)) continue;
    seen.add(issue.id);
    for (const entry of issue.changelog ?? []) {
      const h = historyJson(entry, fields);
      if (h) all.push({ issueId: issue.id, history: h });
    }
  }
  const window = all.slice(offset, offset + size);
  const issueChangeLogs: { issueId: string; changeHistories: unknown[] }[] = [];
  for (const { issueId, history } of window) {
    const last = issueChangeLogs[issueChangeLogs.length - 1];
    if (last && last.issueId === issueId) last.changeHistories.push(history);
    else issueChangeLogs.push({ issueId, changeHistories: [history] });
  }
  const out: Record<string, unknown> = { issueChangeLogs };
  if (offset + size < all.length)
    out.nextPageToken = encodePageToken(
      { offset: offset + size, previous: offset },
      scope,
      ctx.search.secret,
    );
  return json(200, out, { objectPoints: window.length });
}

export const changelogRoutes: Route[] = [
  {
    method: 'POST',
    pattern: /^\/rest\/api\/3\/changelog\/bulkfetch$/,
    endpoint: 'POST /rest/api/3/changelog/bulkfetch',
    handle: bulkChangelog,
  },
];
