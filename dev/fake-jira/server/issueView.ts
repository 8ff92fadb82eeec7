/**
 * How an issue is handed out: the `fields` parameter (`*all`, `*navigable`, `id`, `key`, named fields, `-field` to
 * drop one) decides which fields appear; `id`, `key` and `self` are always there.
 */
import type { FakeComment, FakeIssue, FakeSite } from '../site';

/** Every field the fake stores, plus `comment` (built from the site's comments). */
const ALL_FIELDS = [
  'summary',
  'description',
  'issuetype',
  'project',
  'status',
  'priority',
  'labels',
  'resolution',
  'created',
  'updated',
  'resolutiondate',
  'statuscategorychangedate',
  'duedate',
  'components',
  'reporter',
  'assignee',
  'creator',
  'aggregatetimeoriginalestimate',
  'aggregatetimespent',
  'comment',
] as const;

/** Fields that are not "navigable" (not shown as issue navigator columns). */
const NOT_NAVIGABLE = new Set(['comment', 'description']);

export type FieldName = (typeof ALL_FIELDS)[number];

/**
 * The fields a `fields` parameter selects, in a stable order. `null` means the parameter was absent.
 * @example selectFields(['summary', 'status', 'bogus'], ['id']) // ['summary', 'status']
 */
export function selectFields(requested: readonly string[] | null, fallback: readonly string[]): FieldName[] {
  const items = (requested === null || requested.length === 0 ? fallback : requested).map((s) => s.trim());
  const wanted = new Set<string>();
  for (const item of items) {
    const name = item.toLowerCase();
    if (name === '*all') ALL_FIELDS.forEach((f) => wanted.add(f));
    else if (name === '*navigable')
      ALL_FIELDS.filter((f) => !NOT_NAVIGABLE.has(f)).forEach((f) => wanted.add(f));
    else if (!name.startsWith('-')) wanted.add(name);
  }
  for (const item of items) if (item.startsWith('-')) wanted.delete(item.slice(1).toLowerCase());
  return ALL_FIELDS.filter((f) => wanted.has(f));
}

/** Jira's comment JSON. */
export function commentJson(comment: FakeComment, issue: FakeIssue, baseUrl: string): unknown {
  return {
    self: `${baseUrl}/rest/api/3/issue/${issue.id}/comment/${comment.id}`,
    id: comment.id,
    author: comment.author,
    body: comment.body,
    updateAuthor: comment.author,
    created: comment.created,
    updated: comment.updated,
    jsdPublic: true,
  };
}

/**
 * An issue as Jira returns it: `{ expand, id, key, self, fields: { …selected } }`.
 */
export function issueJson(
  site: FakeSite,
  issue: FakeIssue,
  fields: readonly FieldName[],
  baseUrl: string,
): unknown {
  const out: Record<string, unknown> = {};
  for (const name of fields) {
    if (name === 'comment') {
      const comments = site.comments.get(issue.id) ?? [];
      out.comment = {
        comments: comments.map((c) => commentJson(c, issue, baseUrl)),
        self: `${baseUrl}/rest/api/3/issue/${issue.id}/comment`,
        maxResults: comments.length,
        total: comments.length,
        startAt: 0,
      };
    } else {
      // Sites built before v2 may lack the newer fields: Jira then returns null.
      out[name] = issue.fields[name] ?? null;
    }
  }
  return {
    expand: '',
    id: issue.id,
    self: `${baseUrl}/rest/api/3/issue/${issue.id}`,
    key: issue.key,
    fields: out,
  };
}
