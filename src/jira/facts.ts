/**
 * Turns Jira issues (as `search/jql` returns them) into the facts the core reads, in the configured time zone.
 * Odd data never throws: each problem becomes a data-quality warning and the safest reading.
 */
import { z } from 'zod';
import { calendarDateOf, isCalendarDate, parseJiraDateTime } from '../core/dates';
import type { IssueFact, StatusCategory } from '../core/facts';
import type { RawIssue } from './client';

/** The fields each kind of issue needs; nothing more is requested. */
export const FIELDS = {
  incidents: ['issuetype', 'created', 'resolutiondate', 'resolution', 'priority', 'labels'],
  deliverables: ['issuetype', 'created', 'resolutiondate', 'resolution', 'duedate'],
  ideas: ['issuetype', 'created', 'resolutiondate', 'resolution', 'labels', 'status'],
} as const;

const Named = z.object({ name: z.string() }).passthrough();
const Fields = z
  .object({
    issuetype: Named.nullish(),
    created: z.unknown().optional(),
    resolutiondate: z.unknown().optional(),
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
  let resolved: number | null = null;
  if (typeof f.resolutiondate === 'string') {
    resolved = parseJiraDateTime(f.resolutiondate);
    if (resolved === null) warnings.add('a malformed resolution date, read as unresolved', issue.key);
  } else if (f.resolutiondate != null) {
    warnings.add('a malformed resolution date, read as unresolved', issue.key);
  }
  if (resolved === null && f.resolution?.name && f.resolutiondate == null) {
    warnings.add('a resolution without a resolution date, read as unresolved', issue.key);
  }
  let dueDate: string | null = null;
  if (typeof f.duedate === 'string' && isCalendarDate(f.duedate)) dueDate = f.duedate;
  else if (f.duedate != null) warnings.add('a malformed due date, read as none', issue.key);

  const labels = (f.labels ?? []).filter((l): l is string => typeof l === 'string');
  return {
    key: issue.key,
    type: f.issuetype?.name ?? '',
    created,
    createdDay: calendarDateOf(created, timeZone),
    resolved,
    resolvedDay: resolved === null ? null : calendarDateOf(resolved, timeZone),
    resolution: f.resolution?.name ?? null,
    priority: f.priority?.name ?? null,
    labels,
    dueDate,
    statusCategory: CATEGORIES[f.status?.statusCategory?.key ?? ''] ?? 'unknown',
    status: f.status?.name ?? null,
  };
}
