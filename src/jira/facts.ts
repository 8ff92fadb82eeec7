/**
 * Turns Jira issues (as `search/jql` returns them) into the facts the core reads, in the configured time zone.
 * Odd data never throws: each problem becomes a data-quality warning and the safest reading.
 */
import { JiraId as Id, StatusDetails } from './endpoints';
import { z } from 'zod';
import { calendarDateOf, isCalendarDate, parseJiraDateTime } from '../core/dates';
import { resolvedInstant, type IssueFact, type StatusCategory } from '../core/facts';
import type { RawIssue } from './client';

/** The fields each kind of issue needs; nothing more is requested. */
export const FIELDS = {
  incidents: [
    'project',
    'issuetype',
    'created',
    'resolutiondate',
    'resolution',
    'priority',
    'labels',
    'status',
    'statuscategorychangedate',
    'updated',
  ],
  deliverables: [
    'project',
    'issuetype',
    'created',
    'resolutiondate',
    'resolution',
    'duedate',
    'status',
    'statuscategorychangedate',
    'updated',
  ],
  /** With `budgetCheck`: Jira time tracking, in seconds (summed over sub-tasks). */
  budget: ['aggregatetimeoriginalestimate', 'aggregatetimespent'],
  ideas: [
    'project',
    'issuetype',
    'created',
    'resolutiondate',
    'resolution',
    'labels',
    'status',
    'statuscategorychangedate',
    'creator',
    'summary',
    'updated',
  ],
} as const;

const Named = z.object({ id: Id.optional(), name: z.string() }).passthrough();
const Seconds = z.number().finite().nonnegative().nullish().catch(null);
const Fields = z
  .object({
    project: z.object({ key: z.string() }).passthrough().nullish().catch(null),
    issuetype: Named.nullish(),
    created: z.unknown().optional(),
    resolutiondate: z.unknown().optional(),
    statuscategorychangedate: z.unknown().optional(),
    resolution: Named.nullish().catch(null),
    priority: Named.nullish().catch(null),
    labels: z.array(z.unknown()).nullish().catch(null),
    duedate: z.unknown().optional(),
    status: z
      .object({
        name: z.string().optional(),
        statusCategory: z.object({ key: z.string() }).passthrough().nullish(),
      })
      .passthrough()
      .nullish()
      .catch(null),
    creator: z.object({ accountId: z.string() }).passthrough().nullish().catch(null),
    summary: z.string().nullish().catch(null),
    aggregatetimeoriginalestimate: Seconds,
    aggregatetimespent: Seconds,
  })
  .passthrough();

/** Collects data-quality problems by kind, then words them once. */
export class DataWarnings {
  private readonly problems = new Map<string, string[]>();

  add(problem: string, key: string): void {
    const list = this.problems.get(problem) ?? [];
    list.push(key);
    this.problems.set(problem, list);
  }

  /** e.g. "2 issues have a malformed due date, read as none (OPS-1, OPS-7)". */
  list(): string[] {
    return [...this.problems].map(([problem, keys]) => {
      const shown = keys.slice(0, 5).join(', ') + (keys.length > 5 ? `, … ${keys.length - 5} more` : '');
      return `${keys.length} issue${keys.length > 1 ? 's' : ''}: ${problem} (${shown})`;
    });
  }
}

const CATEGORIES: Record<string, StatusCategory> = {
  new: 'new',
  indeterminate: 'indeterminate',
  done: 'done',
};

/**
 * A Jira status category key as the core reads it; anything else (missing, a new key) is 'unknown'.
 * @example statusCategoryOf('indeterminate') // 'indeterminate'
 */
export function statusCategoryOf(key: string | null | undefined): StatusCategory {
  return CATEGORIES[key ?? ''] ?? 'unknown';
}

/**
 * An issue's current status id and category as a search returns them, or null without a readable one.
 * @example issueStatus({ id: '1', key: 'OPS-1', fields: { status: { id: '3', statusCategory: { key: 'done' } } } }) // ['3', 'done']
 */
export function issueStatus(issue: RawIssue): [string, StatusCategory] | null {
  const status = StatusDetails.safeParse(issue.fields.status);
  if (!status.success || !status.data.statusCategory) return null;
  return [status.data.id, statusCategoryOf(status.data.statusCategory.key)];
}

/** The project key of an issue key: OPS for OPS-12. */
function keyProject(key: string): string {
  const dash = key.lastIndexOf('-');
  return dash > 0 ? key.slice(0, dash) : '';
}

function instantOf(value: unknown, problem: string, key: string, warnings: DataWarnings): number | null {
  if (value == null) return null;
  const at = typeof value === 'string' ? parseJiraDateTime(value) : null;
  if (at === null) warnings.add(problem, key);
  return at;
}

/**
 * One issue's facts, or null when it cannot be placed in time (no readable `created`).
 * @example toFact({ id: '1', key: 'OPS-1', fields: { created: '2026-05-01T23:30:00.000-0200', … } }, 'UTC', w).createdDay // '2026-05-02'
 */
export function toFact(issue: RawIssue, timeZone: string, warnings: DataWarnings): IssueFact | null {
  const parsed = Fields.safeParse(issue.fields);
  if (!parsed.success) {
    warnings.add('fields in an unexpected shape, left out', issue.key);
    return null;
  }
  const f = parsed.data;
  const created = typeof f.created === 'string' ? parseJiraDateTime(f.created) : null;
  if (created === null) {
    warnings.add('no readable creation date, left out', issue.key);
    return null;
  }
  const resolutionDate = instantOf(
    f.resolutiondate,
    'a malformed resolution date, read as unresolved',
    issue.key,
    warnings,
  );
  const hasResolution = !!f.resolution?.name;
  if (hasResolution && resolutionDate === null && f.resolutiondate == null) {
    warnings.add('a resolution without a resolution date, read as unresolved', issue.key);
  }
  const statusCategory = statusCategoryOf(f.status?.statusCategory?.key);
  const categoryChanged = instantOf(
    f.statuscategorychangedate,
    'a malformed status category change date',
    issue.key,
    warnings,
  );
  if (!hasResolution && statusCategory === 'done' && categoryChanged === null) {
    warnings.add(
      'Done without a resolution and without the date it moved to Done, read as unresolved',
      issue.key,
    );
  }
  const { at: resolved, doneWithoutResolution } = resolvedInstant({
    resolutionDate,
    hasResolution,
    statusCategory,
    statusCategoryChanged: categoryChanged,
  });
  let dueDate: string | null = null;
  if (typeof f.duedate === 'string' && isCalendarDate(f.duedate)) dueDate = f.duedate;
  else if (f.duedate != null) warnings.add('a malformed due date, read as none', issue.key);

  const labels = (f.labels ?? []).filter((l): l is string => typeof l === 'string');
  const fact: IssueFact = {
    key: issue.key,
    id: issue.id === issue.key ? '' : issue.id,
    project: f.project?.key ?? keyProject(issue.key),
    type: f.issuetype?.name ?? '',
    typeId: f.issuetype?.id ?? '',
    created,
    createdDay: calendarDateOf(created, timeZone),
    resolved,
    resolvedDay: resolved === null ? null : calendarDateOf(resolved, timeZone),
    doneWithoutResolution,
    resolution: f.resolution?.name ?? null,
    resolutionId: hasResolution ? (f.resolution?.id ?? f.resolution?.name ?? null) : null,
    priority: f.priority?.name ?? null,
    priorityId: f.priority ? (f.priority.id ?? null) : null,
    labels,
    dueDate,
    statusCategory,
    status: f.status?.name ?? null,
  };
  if ('aggregatetimeoriginalestimate' in f)
    fact.originalEstimateSeconds = f.aggregatetimeoriginalestimate ?? null;
  if ('aggregatetimespent' in f) fact.timeSpentSeconds = f.aggregatetimespent ?? null;
  if ('creator' in f) fact.creatorAccountId = f.creator?.accountId ?? null;
  if (typeof f.summary === 'string') fact.summary = f.summary;
  return fact;
}
