/**
 * A search row: the values JQL reads from an issue, parsed once (instants, lower-cased names) and cached per
 * `fields` object. Writes replace an issue's `fields` object (see `updateIssueFields`), so a stale row is never read.
 */
import { parseJiraDateTime } from '../../../src/core/dates';
import type { CategoryKey, FakeIssue, FakeIssueFields, FakeSite } from '../site';

export interface Row {
  issue: FakeIssue;
  id: number;
  projectId: string;
  projectKey: string;
  /** The number in the key: 42 for OPS-42. */
  number: number;
  typeId: string;
  typeName: string;
  statusId: string;
  statusName: string;
  category: CategoryKey;
  priorityId: string | null;
  /** Larger is more urgent (Highest > High > …); null without a priority. */
  priorityRank: number | null;
  resolutionId: string | null;
  resolutionName: string | null;
  /** Lower-cased. */
  labels: string[];
  /** Lower-cased component names. */
  components: string[];
  created: number | null;
  updated: number | null;
  resolved: number | null;
  /** When the status category last changed (`statuscategorychangedate`). */
  statusCategoryChanged: number | null;
  due: string | null;
  summary: string;
  /** Lower-cased summary and description text. */
  text: string;
  reporter: string | null;
  assignee: string | null;
}

const cache = new WeakMap<FakeIssueFields, Row>();

/** The plain text of an Atlassian Document Format node (or a plain string). */
export function adfText(node: unknown): string {
  if (typeof node === 'string') return node;
  if (!node || typeof node !== 'object') return '';
  const n = node as { text?: unknown; content?: unknown };
  const own = typeof n.text === 'string' ? n.text : '';
  const children = Array.isArray(n.content) ? n.content.map(adfText).join(' ') : '';
  return own + (own && children ? ' ' : '') + children;
}

function instant(value: string | null): number | null {
  return value === null ? null : parseJiraDateTime(value);
}

/** The search row of an issue (cached until the issue is written). */
export function rowOf(site: FakeSite, issue: FakeIssue): Row {
  const f = issue.fields;
  const cached = cache.get(f);
  if (cached && cached.issue === issue) return cached;
  const priorityIndex = f.priority ? site.priorities.findIndex((p) => p.id === f.priority!.id) : -1;
  const row: Row = {
    issue,
    id: Number(issue.id),
    projectId: f.project.id,
    projectKey: f.project.key,
    number: Number(issue.key.slice(issue.key.lastIndexOf('-') + 1)),
    typeId: f.issuetype.id,
    typeName: f.issuetype.name,
    statusId: f.status.id,
    statusName: f.status.name,
    category: f.status.statusCategory.key,
    priorityId: f.priority?.id ?? null,
    priorityRank: priorityIndex < 0 ? null : site.priorities.length - priorityIndex,
    resolutionId: f.resolution?.id ?? null,
    resolutionName: f.resolution?.name ?? null,
    labels: f.labels.map((l) => l.toLowerCase()),
    components: f.components.map((c) => c.name.toLowerCase()),
    created: instant(f.created),
    updated: instant(f.updated),
    resolved: instant(f.resolutiondate),
    statusCategoryChanged: instant(f.statuscategorychangedate ?? null),
    due: f.duedate,
    summary: f.summary,
    text: `${f.summary} ${adfText(f.description)}`.toLowerCase(),
    reporter: f.reporter?.accountId ?? null,
    assignee: f.assignee?.accountId ?? null,
  };
  cache.set(f, row);
  return row;
}
