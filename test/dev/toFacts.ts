/**
 * A tiny local mapper from the fake site's issues (Jira JSON) to the core's facts, for the demo and pre-filter tests
 * only (the app's real mapper lives in src/jira/facts.ts and src/jira/changelog.ts). It reads the whole site with no
 * JQL, so that what the app fetches can be compared with everything.
 */
import { calendarDateOf, parseJiraDateTime } from '../../src/core/dates';
import type { GateFacts, IssueFact, IssueHistory, LabelAdder, StatusCategory } from '../../src/core/facts';
import type { GateSources } from '../../src/core/sources';
import { DEFAULT_EXCLUDED_RESOLUTIONS, DEFAULT_INCIDENT_TYPES } from '../../src/core/config';
import { projectIssueTypes, type FakeIssue, type FakeSite } from '../../dev/fake-jira/site';

function history(site: FakeSite, issue: FakeIssue): IssueHistory {
  const category = (id: string | null): StatusCategory => {
    const key = site.statuses.find((s) => s.id === id)?.category;
    return key === undefined || key === 'undefined' ? 'unknown' : key;
  };
  const h: IssueHistory = { dueChanges: [], statusChanges: [] };
  for (const e of issue.changelog ?? []) {
    const at = parseJiraDateTime(e.created)!;
    for (const i of e.items) {
      if (i.field === 'duedate') h.dueChanges.push({ at, from: i.from, to: i.to });
      if (i.field === 'status' && category(i.from) !== category(i.to))
        h.statusChanges.push({ at, fromCategory: category(i.from), toCategory: category(i.to) });
    }
  }
  return h;
}

function adders(issue: FakeIssue): LabelAdder[] {
  const out: LabelAdder[] = [];
  for (const label of issue.fields.labels) {
    let found: LabelAdder | null = null;
    for (const e of issue.changelog ?? []) {
      for (const i of e.items) {
        const words = (s: string | null) => (s ?? '').toLowerCase().split(/\s+/);
        if (
          i.field === 'labels' &&
          words(i.toString).includes(label.toLowerCase()) &&
          !words(i.fromString).includes(label.toLowerCase())
        )
          found = {
            label,
            accountId: e.author.accountId ?? null,
            displayName: e.author.displayName ?? null,
            at: parseJiraDateTime(e.created),
          };
      }
    }
    if (found) out.push(found);
  }
  return out;
}

export function toFact(issue: FakeIssue, timeZone = 'UTC', site?: FakeSite): IssueFact {
  const f = issue.fields;
  const created = parseJiraDateTime(f.created)!;
  const key = f.status.statusCategory.key;
  const category: StatusCategory = key === 'undefined' ? 'unknown' : key; // Jira's "No Category"
  const doneWithoutResolution = !f.resolution && !f.resolutiondate && category === 'done';
  const resolved = f.resolutiondate
    ? parseJiraDateTime(f.resolutiondate)
    : doneWithoutResolution
      ? parseJiraDateTime(f.statuscategorychangedate)
      : null;
  return {
    key: issue.key,
    id: issue.id,
    project: f.project.key,
    type: f.issuetype.name,
    typeId: f.issuetype.id,
    created,
    createdDay: calendarDateOf(created, timeZone),
    resolved,
    resolvedDay: resolved === null ? null : calendarDateOf(resolved, timeZone),
    doneWithoutResolution,
    resolution: f.resolution?.name ?? null,
    resolutionId: f.resolution?.id ?? null,
    priority: f.priority?.name ?? null,
    priorityId: f.priority?.id ?? null,
    labels: f.labels,
    dueDate: f.duedate,
    statusCategory: category,
    status: f.status.name,
    ...(site ? { history: history(site, issue) } : {}),
    labelAdders: adders(issue),
    creatorAccountId: f.creator?.accountId ?? null,
    summary: f.summary,
  };
}

/** The created day of the earliest incident of `sources` (R0), from every issue. */
export function firstIncidentDay(
  facts: readonly IssueFact[],
  sources: GateSources,
  exemptLabels: readonly string[],
): string | null {
  const types = new Set(sources.incidents.types.map((t) => t.id));
  const excluded = new Set(sources.excludedResolutions.map((r) => r.id));
  const exempt = new Set(exemptLabels.map((l) => l.toLowerCase()));
  const days = facts
    .filter(
      (f) =>
        sources.incidents.projects.includes(f.project) &&
        types.has(f.typeId) &&
        !(f.resolutionId && excluded.has(f.resolutionId)) &&
        !f.labels.some((l) => exempt.has(l.toLowerCase())),
    )
    .map((f) => f.createdDay)
    .sort();
  return days[0] ?? null;
}

/** Every issue of one project, split by the English type names the demo site uses. */
export function projectFacts(site: FakeSite, key: string, timeZone = 'UTC'): GateFacts {
  const facts = site.issues.filter((i) => i.fields.project.key === key).map((i) => toFact(i, timeZone, site));
  const incidents = facts.filter((f) => f.type === 'Incident');
  return {
    incidents,
    deliverables: facts.filter((f) => f.type === 'Epic'),
    ideas: facts.filter((f) => f.type === 'Innovation Idea'),
    dataWarnings: [],
    firstIncidentDay: incidents.map((f) => f.createdDay).sort()[0] ?? null,
  };
}

/** What the v2 defaults resolve to for one project of a fake site (SPEC §3.0), worked out from the site itself. */
export function defaultSources(site: FakeSite, key: string): GateSources {
  const project = site.projects.find((p) => p.key === key)!;
  const types = projectIssueTypes(site, project);
  const named = (names: readonly string[]) =>
    types
      .filter((t) => names.some((n) => n.toLowerCase() === t.name.toLowerCase()))
      .map((t) => ({ name: t.name, id: t.id }));
  return {
    incidents: {
      projects: [key],
      types: named(DEFAULT_INCIDENT_TYPES),
      majorPriorities: site.priorities.slice(0, 2).map((p) => ({ name: p.name, id: p.id })),
    },
    deliverables: {
      projects: [key],
      types: types.filter((t) => t.hierarchyLevel === 1).map((t) => ({ name: t.name, id: t.id })),
    },
    ideas: { projects: [key], types: named(['Innovation Idea']) },
    excludedResolutions: DEFAULT_EXCLUDED_RESOLUTIONS.flatMap((n) =>
      site.resolutions
        .filter((r) => n.toLowerCase() === r.name.toLowerCase())
        .map((r) => ({ name: r.name, id: r.id })),
    ),
  };
}
