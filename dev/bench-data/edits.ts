/**
 * Edits to a fake Jira site, each with the issue event Jira would send for it: for the incremental recompute's
 * equality test and the benchmark's issue-event scenario.
 */
import { STATUS, TYPE } from '../fake-jira/catalogue';
import { formatJiraDateTime } from '../fake-jira/jiraTime';
import { createRng, type Rng } from '../fake-jira/prng';
import {
  addIssue,
  statusField,
  updateIssueFields,
  type FakeIssue,
  type FakeIssueFields,
  type FakeSite,
} from '../fake-jira/site';

export interface IssueEvent {
  eventType: 'avi:jira:created:issue' | 'avi:jira:updated:issue' | 'avi:jira:deleted:issue';
  issue: {
    id: string;
    key: string;
    fields: { issueType: { name: string }; project: { key: string }; status: FakeIssueFields['status'] };
  };
  changelog?: { items: { field: string; fieldId: string; fromString?: string | null }[] };
}

/** The event Jira sends for `issue` as it is now; `from` gives the old value of a changed field, by name. */
export function eventOf(
  issue: FakeIssue,
  eventType: IssueEvent['eventType'],
  changed: readonly string[] = [],
  from: Record<string, string> = {},
): IssueEvent {
  const f = issue.fields;
  const items = changed.map((field) => ({
    field,
    fieldId: field,
    ...(from[field] !== undefined ? { fromString: from[field] } : {}),
  }));
  return {
    eventType,
    issue: {
      id: issue.id,
      key: issue.key,
      fields: { issueType: { name: f.issuetype.name }, project: { key: f.project.key }, status: f.status },
    },
    ...(items.length ? { changelog: { items } } : {}),
  };
}

const byName = <T extends { name: string }>(list: readonly T[], name: string): T => {
  const found = list.find((x) => x.name.toLowerCase() === name.toLowerCase());
  if (!found) throw new Error(`no ${name} on the site`);
  return found;
};

function status(site: FakeSite, name: string) {
  return statusField(byName(site.statuses, name));
}

/** The kinds of edit, each a change Jira would announce with an event. */
export const EDITS = {
  priority(site: FakeSite, issue: FakeIssue, rng: Rng): IssueEvent {
    const p = rng.pick(site.priorities);
    updateIssueFields(site, issue, { priority: { id: p.id, name: p.name } });
    return eventOf(issue, 'avi:jira:updated:issue', ['priority']);
  },
  resolve(site: FakeSite, issue: FakeIssue, rng: Rng): IssueEvent {
    const r = rng.pick(site.resolutions);
    updateIssueFields(site, issue, {
      resolution: { id: r.id, name: r.name, description: '' },
      resolutiondate: formatJiraDateTime(site.now - rng.int(0, 48) * 3_600_000, '+0000'),
      status: status(site, STATUS.done),
    });
    return eventOf(issue, 'avi:jira:updated:issue', ['resolution', 'status']);
  },
  reopen(site: FakeSite, issue: FakeIssue): IssueEvent {
    updateIssueFields(site, issue, {
      resolution: null,
      resolutiondate: null,
      status: status(site, STATUS.toDo),
    });
    return eventOf(issue, 'avi:jira:updated:issue', ['resolution', 'status']);
  },
  label(site: FakeSite, issue: FakeIssue, rng: Rng): IssueEvent {
    const label = rng.pick(['not-an-incident', 'external-cause', 'reliability', 'security', 'customer']);
    updateIssueFields(site, issue, { labels: [...issue.fields.labels, label] });
    return eventOf(issue, 'avi:jira:updated:issue', ['labels']);
  },
  due(site: FakeSite, issue: FakeIssue, rng: Rng): IssueEvent {
    const day = new Date(site.now + rng.int(-200, 60) * 86_400_000).toISOString().slice(0, 10);
    updateIssueFields(site, issue, { duedate: rng.chance(0.15) ? null : day });
    return eventOf(issue, 'avi:jira:updated:issue', ['duedate']);
  },
  type(site: FakeSite, issue: FakeIssue, rng: Rng): IssueEvent {
    const from = issue.fields.issuetype.name;
    const t = rng.pick(site.issueTypes.filter((x) => !x.subtask && x.name !== from));
    updateIssueFields(site, issue, {
      issuetype: {
        id: t.id,
        name: t.name,
        description: t.description,
        hierarchyLevel: t.hierarchyLevel,
        subtask: t.subtask,
      },
    });
    return eventOf(issue, 'avi:jira:updated:issue', ['issuetype'], { issuetype: from });
  },
  delete(site: FakeSite, issue: FakeIssue): IssueEvent {
    site.issues.splice(site.issues.indexOf(issue), 1);
    site.byKey.delete(issue.key);
    site.byId.delete(issue.id);
    site.version++;
    return eventOf(issue, 'avi:jira:deleted:issue');
  },
} satisfies Record<string, (site: FakeSite, issue: FakeIssue, rng: Rng) => IssueEvent>;

/** A new incident, epic or idea of `project`, created in the last days. */
export function createIssue(site: FakeSite, project: string, rng: Rng): IssueEvent {
  const type = rng.pick([TYPE.incident, TYPE.epic, TYPE.idea]);
  const issue = addIssue(site, {
    project,
    type,
    summary: 'Created by the benchmark',
    status: type === TYPE.idea ? STATUS.ideaSubmitted : STATUS.toDo,
    created: site.now - rng.int(1, 72) * 3_600_000,
    priority: rng.pick(['Highest', 'High', 'Medium']),
    dueDate:
      type === TYPE.epic
        ? new Date(site.now + rng.int(-30, 30) * 86_400_000).toISOString().slice(0, 10)
        : null,
  });
  return eventOf(issue, 'avi:jira:created:issue');
}

/**
 * `count` random edits of `project`'s issues — mostly of the kinds the gate counts, some of other kinds (a story made
 * an incident) — with their events, deterministic for a seed.
 */
export function randomEdits(
  site: FakeSite,
  project: string,
  count: number,
  seed: string | number,
): IssueEvent[] {
  const rng = createRng(seed);
  const counted = new Set([TYPE.incident, TYPE.epic, TYPE.idea].map((t) => t.toLowerCase()));
  const events: IssueEvent[] = [];
  for (let i = 0; i < count; i++) {
    if (rng.chance(0.1)) {
      events.push(createIssue(site, project, rng));
      continue;
    }
    const pool = site.issues.filter((x) => x.fields.project.key === project);
    const wantCounted = rng.chance(0.85);
    let issue = rng.pick(pool);
    for (
      let tries = 0;
      tries < 50 && counted.has(issue.fields.issuetype.name.toLowerCase()) !== wantCounted;
      tries++
    )
      issue = rng.pick(pool);
    const edit = wantCounted
      ? rng.pick(['priority', 'resolve', 'reopen', 'label', 'due', 'type', 'delete'] as const)
      : 'type';
    events.push(EDITS[edit](site, issue, rng));
  }
  return events;
}
