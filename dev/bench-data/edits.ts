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
  userRef,
  updateIssueFields,
  type FakeIssue,
  type FakeIssueFields,
  type FakeSite,
} from '../fake-jira/site';

export interface ChangelogItem {
  field: string;
  fieldId: string;
  fieldtype?: string;
  from?: string | null;
  fromString?: string | null;
  to?: string | null;
  toString?: string | null;
}

/**
 * A Forge issue event's payload (Forge "Jira events": `issue.fields` holds summary, issue type, creator, created,
 * project, reporter, assignee, updated and status — not priority, resolution, labels or due date; an update carries
 * the changelog's items).
 */
export interface IssueEvent {
  eventType: 'avi:jira:created:issue' | 'avi:jira:updated:issue' | 'avi:jira:deleted:issue';
  issue: {
    id: string;
    key: string;
    fields: {
      summary: string;
      issuetype: { id: string; name: string };
      issueType: { name: string };
      creator: { accountId: string } | null;
      created: string;
      project: { id: string; key: string };
      updated: string;
      status: FakeIssueFields['status'];
    };
  };
  changelog?: { items: ChangelogItem[] };
}

/**
 * The event Jira sends for `issue` as it is now; `from` gives the old value of a changed field, by name (such items
 * carry no new value: the app must read the issue).
 */
export function eventOf(
  issue: FakeIssue,
  eventType: IssueEvent['eventType'],
  changed: readonly string[] = [],
  from: Record<string, string> = {},
): IssueEvent {
  return eventWithItems(
    issue,
    eventType,
    changed.map(
      (field) =>
        ({
          field,
          fieldId: field,
          ...(from[field] !== undefined ? { fromString: from[field] } : {}),
        }) as ChangelogItem,
    ),
  );
}

function eventWithItems(
  issue: FakeIssue,
  eventType: IssueEvent['eventType'],
  items: ChangelogItem[],
): IssueEvent {
  const f = issue.fields;
  return {
    eventType,
    issue: {
      id: issue.id,
      key: issue.key,
      fields: {
        summary: f.summary,
        issuetype: { id: f.issuetype.id, name: f.issuetype.name },
        issueType: { name: f.issuetype.name },
        creator: f.creator ? { accountId: f.creator.accountId } : null,
        created: f.created,
        project: { id: f.project.id, key: f.project.key },
        updated: f.updated,
        status: f.status,
      },
    },
    ...(items.length ? { changelog: { items } } : {}),
  };
}

/** The changelog items Jira writes for a change from `old` to `now` (the fields the gate reads, and the summary). */
export function changelogItems(old: FakeIssueFields, now: FakeIssueFields): ChangelogItem[] {
  const items: ChangelogItem[] = [];
  const item = (
    field: string,
    from: string | null,
    fromString: string | null,
    to: string | null,
    toString: string | null,
  ) =>
    items.push({ field, fieldId: field, fieldtype: 'jira', from, fromString, to, toString } as ChangelogItem);
  const named = (x: { id: string; name: string } | null) => [x?.id ?? null, x?.name ?? null] as const;
  if (old.issuetype.id !== now.issuetype.id)
    item('issuetype', ...named(old.issuetype), ...named(now.issuetype));
  if (old.status.id !== now.status.id) item('status', ...named(old.status), ...named(now.status));
  if ((old.resolution?.id ?? null) !== (now.resolution?.id ?? null))
    item('resolution', ...named(old.resolution), ...named(now.resolution));
  if ((old.priority?.id ?? null) !== (now.priority?.id ?? null))
    item('priority', ...named(old.priority), ...named(now.priority));
  if (old.duedate !== now.duedate) {
    const text = (d: string | null) => (d === null ? null : `${d} 00:00:00.0`);
    item('duedate', old.duedate, text(old.duedate), now.duedate, text(now.duedate));
  }
  const labels = (l: readonly string[]) => (l.length ? l.join(' ') : null);
  if (labels(old.labels) !== labels(now.labels))
    item('labels', null, labels(old.labels), null, labels(now.labels));
  if (old.summary !== now.summary) item('summary', null, old.summary, null, now.summary);
  return items;
}

/** Who makes the edits on a site without people (the changelog names an author). */
const EDITOR = { accountId: 'u-editor', displayName: 'Editor', accountType: 'atlassian', active: true };

/** Changes an issue's fields and gives the event Jira would send for it, with the changelog's items. */
export function changeIssue(site: FakeSite, issue: FakeIssue, patch: Partial<FakeIssueFields>): IssueEvent {
  const old = issue.fields;
  // As in Jira, the change is written to the issue's changelog too (status, resolution, due date, labels), by a person.
  const editor = site.users.find((u) => u.accountType !== 'app');
  updateIssueFields(site, issue, patch, editor ? userRef(editor) : EDITOR);
  return eventWithItems(issue, 'avi:jira:updated:issue', changelogItems(old, issue.fields));
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
    const others = site.priorities.filter((x) => x.id !== issue.fields.priority?.id);
    const p = rng.pick(others.length ? others : site.priorities);
    return changeIssue(site, issue, { priority: { id: p.id, name: p.name } });
  },
  resolve(site: FakeSite, issue: FakeIssue, rng: Rng): IssueEvent {
    // Another resolution than the one it has: Jira sets the resolution date only with the resolution (in the changelog).
    const others = site.resolutions.filter((x) => x.id !== issue.fields.resolution?.id);
    const r = rng.pick(others.length ? others : site.resolutions);
    return changeIssue(site, issue, {
      resolution: { id: r.id, name: r.name, description: '' },
      resolutiondate: formatJiraDateTime(site.now - rng.int(0, 48) * 3_600_000, '+0000'),
      status: status(site, STATUS.done),
    });
  },
  reopen(site: FakeSite, issue: FakeIssue): IssueEvent {
    return changeIssue(site, issue, {
      resolution: null,
      resolutiondate: null,
      status: status(site, STATUS.toDo),
    });
  },
  label(site: FakeSite, issue: FakeIssue, rng: Rng): IssueEvent {
    const label = rng.pick(['not-an-incident', 'external-cause', 'reliability', 'security', 'customer']);
    return changeIssue(site, issue, { labels: [...issue.fields.labels, label] });
  },
  due(site: FakeSite, issue: FakeIssue, rng: Rng): IssueEvent {
    const day = new Date(site.now + rng.int(-200, 60) * 86_400_000).toISOString().slice(0, 10);
    return changeIssue(site, issue, { duedate: rng.chance(0.15) ? null : day });
  },
  type(site: FakeSite, issue: FakeIssue, rng: Rng): IssueEvent {
    const from = issue.fields.issuetype.name;
    const t = rng.pick(site.issueTypes.filter((x) => !x.subtask && x.name !== from));
    return changeIssue(site, issue, {
      issuetype: {
        id: t.id,
        name: t.name,
        description: t.description,
        hierarchyLevel: t.hierarchyLevel,
        subtask: t.subtask,
      },
    });
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
    updated: site.now, // Jira's `updated` of an issue just created (or imported with an earlier creation date) is now
    priority: rng.pick(['Highest', 'High', 'Medium']),
    dueDate:
      type === TYPE.epic
        ? new Date(site.now + rng.int(-30, 30) * 86_400_000).toISOString().slice(0, 10)
        : null,
  });
  return eventOf(issue, 'avi:jira:created:issue');
}

/** The kinds of change a simulated day makes to a relevant issue (each an {@link EDITS} function). */
export const DAY_EDIT_KINDS = ['priority', 'resolve', 'reopen', 'label', 'due'] as const;

/**
 * The incidents and epics of `project` that can affect a report or its trend as of `now` — open, or created or
 * resolved in the last 13 months (396 days) — which a simulated day of relevant changes edits.
 */
export function relevantChangeTargets(site: FakeSite, project: string, now: number): FakeIssue[] {
  const since = now - 396 * 86_400_000;
  return site.issues.filter(
    (i) =>
      i.fields.project.key === project &&
      ['Incident', 'Epic'].includes(i.fields.issuetype.name) &&
      (i.fields.resolutiondate === null ||
        Date.parse(i.fields.created) >= since ||
        Date.parse(i.fields.resolutiondate) >= since),
  );
}

/** One relevant change of a simulated day: a kind at random, on one of `targets`. */
export function randomRelevantEdit(
  site: FakeSite,
  targets: readonly FakeIssue[],
  rng: Rng,
): { kind: (typeof DAY_EDIT_KINDS)[number]; event: IssueEvent } {
  const kind = rng.pick(DAY_EDIT_KINDS);
  return { kind, event: EDITS[kind](site, rng.pick(targets), rng) };
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
