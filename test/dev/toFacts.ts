/**
 * A tiny local mapper from the fake site's issues (Jira JSON) to the core's facts, for the demo tests only
 * (the app's real mapper lives in src/jira/facts.ts).
 */
import { calendarDateOf, parseJiraDateTime } from '../../src/core/dates';
import type { GateFacts, IssueFact } from '../../src/core/facts';
import type { FakeIssue, FakeSite } from '../../dev/fake-jira/site';

export function toFact(issue: FakeIssue, timeZone = 'UTC'): IssueFact {
  const f = issue.fields;
  const created = parseJiraDateTime(f.created)!;
  const resolved = f.resolutiondate ? parseJiraDateTime(f.resolutiondate) : null;
  return {
    key: issue.key,
    type: f.issuetype.name,
    created,
    createdDay: calendarDateOf(created, timeZone),
    resolved,
    resolvedDay: resolved === null ? null : calendarDateOf(resolved, timeZone),
    resolution: f.resolution?.name ?? null,
    priority: f.priority?.name ?? null,
    labels: f.labels,
    dueDate: f.duedate,
    statusCategory: f.status.statusCategory.key,
    status: f.status.name,
  };
}

export function projectFacts(site: FakeSite, key: string, timeZone = 'UTC'): GateFacts {
  const facts = site.issues.filter((i) => i.fields.project.key === key).map((i) => toFact(i, timeZone));
  return {
    incidents: facts.filter((f) => f.type === 'Incident'),
    deliverables: facts.filter((f) => f.type === 'Epic'),
    ideas: facts.filter((f) => f.type === 'Innovation Idea'),
    dataWarnings: [],
  };
}
