import { parseConfig, type Config, type ConfigInput } from '../../src/core/config';
import { calendarDateOf, parseJiraDateTime } from '../../src/core/dates';
import type { GateFacts, IssueFact, StatusCategory } from '../../src/core/facts';

let seq = 0;

export interface FactInput {
  key?: string;
  type?: string;
  created: string; // Jira datetime
  resolved?: string | null;
  resolution?: string | null;
  priority?: string | null;
  labels?: string[];
  due?: string | null;
  category?: StatusCategory;
}

/** An issue fact from Jira-shaped strings, in the given zone. */
export function fact(input: FactInput, timeZone = 'UTC'): IssueFact {
  const created = parseJiraDateTime(input.created);
  if (created === null) throw new Error(`bad created ${input.created}`);
  const resolved = input.resolved ? parseJiraDateTime(input.resolved) : null;
  return {
    key: input.key ?? `T-${++seq}`,
    type: input.type ?? 'Incident',
    created,
    createdDay: calendarDateOf(created, timeZone),
    resolved,
    resolvedDay: resolved === null ? null : calendarDateOf(resolved, timeZone),
    resolution: input.resolution ?? (resolved !== null ? 'Done' : null),
    priority: input.priority === undefined ? 'Medium' : input.priority,
    labels: input.labels ?? [],
    dueDate: input.due ?? null,
    statusCategory: input.category ?? (resolved !== null ? 'done' : 'new'),
    status: null,
  };
}

export function config(overrides: ConfigInput = {}): Config {
  return parseConfig(overrides);
}

export function facts(partial: Partial<GateFacts>): GateFacts {
  return { incidents: [], deliverables: [], ideas: [], dataWarnings: [], ...partial };
}
