/**
 * A small writer for the demo's projects: places incidents, deliverables, ideas and everyday work on days counted
 * back from "today", with the datetimes written in varied offsets, and (when asked) the change history Jira would
 * have recorded: an epic's status and due-date changes, who added an idea's label.
 *
 * Priorities are the demo site's `P1`–`P5` (see demoSite.ts): `P1` and `P2` are the two highest, the default major
 * incidents.
 */
import { STATUS, TYPE, OFFSETS } from '../fake-jira/catalogue';
import { shiftDate, utcInstant } from '../fake-jira/jiraTime';
import type { Rng } from '../fake-jira/prng';
import {
  addIssue,
  changelogEntry,
  dueDateItem,
  findUser,
  labelsItem,
  statusItem,
  userRef,
  type FakeChangelogItem,
  type FakeSite,
  type IssueSpec,
} from '../fake-jira/site';

const HOUR = 3_600_000;

export interface IncidentSpec {
  /** Days before today it was raised, and the UTC hour. */
  daysAgo: number;
  hour?: number;
  minute?: number;
  summary: string;
  priority: string | null;
  /** Hours to restore; null while open. */
  restoreHours: number | null;
  labels?: string[];
  /** Default "Done" when restored. */
  resolution?: string;
  /** Status while open: default "Investigating". */
  openStatus?: string;
  /** Issue type: default the writer's `incidentType`. */
  type?: string;
  /**
   * Restored by a transition to a Done-category status that sets no resolution (common on real JSM sites): the
   * issue is in `closedStatus` with no resolution and no resolution date, and `statuscategorychangedate` is the
   * restore instant.
   */
  withoutResolution?: boolean;
}

export interface DeliverableSpec {
  createdDaysAgo: number;
  /** Days before today the due date falls (negative = in the future); null = no due date. */
  dueDaysAgo: number | null;
  /** Days before today it was resolved; null = still open. */
  resolvedDaysAgo: number | null;
  summary: string;
  resolution?: string;
  type?: string;
  priority?: string | null;
  /**
   * Days before today it entered In Progress. When given, the epic gets the changelog Jira would have recorded:
   * To Do → In Progress on that day, In Progress → Done on the resolution day, and its due-date changes.
   */
  startedDaysAgo?: number;
  /** The due date it was created with (days ago; default `dueDaysAgo`); `dueChanges` then move it. */
  plannedDueDaysAgo?: number | null;
  /** Due-date changes in order: on day `atDaysAgo` the due date became `toDueDaysAgo`; the last one is `dueDaysAgo`. */
  dueChanges?: readonly { atDaysAgo: number; toDueDaysAgo: number | null }[];
  /** Who moves it and changes its due date (default one of the project's people). */
  owner?: string;
}

export interface IdeaSpec {
  daysAgo: number;
  summary: string;
  status: string;
  labels?: string[];
  resolution?: string;
  /** Who raised it (default one of the project's people); also its creator. */
  reporter?: string;
  /** A label added after creation by `by`, `daysAgo` days before today (a `labels` changelog entry). */
  labelAdded?: { label: string; by: string; daysAgo: number };
}

export interface ProjectWriter {
  /** The instant `hour:minute` UTC on the day `daysAgo` days before today. */
  at(daysAgo: number, hour?: number, minute?: number): number;
  /** The calendar date `daysAgo` days before today. */
  day(daysAgo: number): string;
  incident(spec: IncidentSpec): void;
  deliverable(spec: DeliverableSpec): void;
  idea(spec: IdeaSpec): void;
  /** Everyday work (stories, tasks, bugs, requests) spread over `[fromDaysAgo, toDaysAgo]`. */
  work(
    count: number,
    fromDaysAgo: number,
    toDaysAgo: number,
    types: readonly string[],
    summaries: readonly string[],
  ): void;
  /** Adds everything written so far to the site in creation order, so that keys grow with time (OPS-1 is oldest). */
  finish(): void;
}

export interface WriterOptions {
  site: FakeSite;
  project: string;
  today: string;
  rng: Rng;
  /** Account ids that report and work on issues. */
  people: readonly string[];
  components?: readonly string[];
  /** The incident issue type (default "Incident"; "[System] Incident" on a JSM project). */
  incidentType?: string;
  /** Status of an open incident (default "Investigating"). */
  incidentOpenStatus?: string;
}

/** A change history entry waiting for its issue: built in creation order by `finish`. */
interface PendingChange {
  at: number;
  author: string;
  items: FakeChangelogItem[];
}

const status = (site: FakeSite, name: string) => {
  const s = site.statuses.find((x) => x.name === name);
  if (!s) throw new Error(`unknown status ${name}`);
  return s;
};

/** A writer for one project. */
export function projectWriter(options: WriterOptions): ProjectWriter {
  const { site, project, today, rng, people } = options;
  const components = options.components ?? [];
  const day = (n: number) => shiftDate(today, -n);
  const at = (n: number, hour = 9, minute = 0) => utcInstant(day(n), hour, minute);
  const common = () => ({
    project,
    offset: rng.pick(OFFSETS),
    reporter: rng.pick(people),
    assignee: rng.chance(0.85) ? rng.pick(people) : null,
    components: components.length > 0 && rng.chance(0.6) ? [rng.pick(components)] : [],
  });
  /** A resolution instant, or null when it would fall after the site's clock (then the issue stays open). */
  const until = (instant: number | null) => (instant !== null && instant <= site.now ? instant : null);
  const pending: { spec: IssueSpec; changes: PendingChange[] }[] = [];
  const add = (spec: IssueSpec, changes: PendingChange[] = []) => {
    for (const c of changes)
      if (c.at < spec.created || c.at > site.now)
        throw new Error(`${project}: a change of "${spec.summary}" falls outside its life`);
    pending.push({ spec, changes });
  };

  return {
    at,
    day,
    incident(spec) {
      const created = at(spec.daysAgo, spec.hour ?? rng.int(0, 23), spec.minute ?? rng.int(0, 59));
      const resolved = until(spec.restoreHours === null ? null : created + spec.restoreHours * HOUR);
      const type = spec.type ?? options.incidentType ?? TYPE.incident;
      const openStatus = spec.openStatus ?? options.incidentOpenStatus ?? STATUS.investigating;
      if (spec.withoutResolution && resolved !== null) {
        add({
          ...common(),
          type,
          summary: spec.summary,
          priority: spec.priority,
          labels: spec.labels ?? [],
          created,
          resolution: null,
          updated: resolved,
          statusCategoryChanged: resolved,
          status: STATUS.closed,
        });
        return;
      }
      add({
        ...common(),
        type,
        summary: spec.summary,
        priority: spec.priority,
        labels: spec.labels ?? [],
        created,
        resolved,
        resolution: resolved === null ? null : (spec.resolution ?? 'Done'),
        status: resolved === null ? openStatus : spec.daysAgo > 30 ? STATUS.closed : STATUS.resolved,
      });
    },
    deliverable(spec) {
      const created = at(spec.createdDaysAgo, rng.int(8, 17), rng.int(0, 59));
      const resolved = until(
        spec.resolvedDaysAgo === null ? null : at(spec.resolvedDaysAgo, rng.int(9, 18), rng.int(0, 59)),
      );
      const fields = {
        ...common(),
        type: spec.type ?? TYPE.epic,
        summary: spec.summary,
        priority: spec.priority === undefined ? rng.pick(['P2', 'P3', 'P3', 'P4']) : spec.priority,
        created,
        resolved,
        resolution: resolved === null ? null : (spec.resolution ?? 'Done'),
        dueDate: spec.dueDaysAgo === null ? null : day(spec.dueDaysAgo),
      };
      if (spec.startedDaysAgo === undefined) {
        add({
          ...fields,
          status:
            resolved === null ? (spec.createdDaysAgo > 14 ? STATUS.inProgress : STATUS.toDo) : STATUS.done,
        });
        return;
      }
      const owner = spec.owner ?? fields.assignee ?? fields.reporter;
      const started = until(at(spec.startedDaysAgo, rng.int(9, 11), rng.int(0, 59)));
      const changes: PendingChange[] = [];
      const due = (n: number | null) => (n === null ? null : day(n));
      let current = due(spec.plannedDueDaysAgo === undefined ? spec.dueDaysAgo : spec.plannedDueDaysAgo);
      for (const c of spec.dueChanges ?? []) {
        const next = due(c.toDueDaysAgo);
        changes.push({
          at: at(c.atDaysAgo, 14, rng.int(0, 59)),
          author: owner,
          items: [dueDateItem(current, next)],
        });
        current = next;
      }
      if (current !== fields.dueDate)
        throw new Error(`${project}: "${spec.summary}" ends on another due date`);
      if (started !== null)
        changes.push({
          at: started,
          author: owner,
          items: [statusItem(status(site, STATUS.toDo), status(site, STATUS.inProgress))],
        });
      if (resolved !== null)
        changes.push({
          at: resolved,
          author: owner,
          items: [
            statusItem(
              status(site, started === null ? STATUS.toDo : STATUS.inProgress),
              status(site, STATUS.done),
            ),
          ],
        });
      changes.sort((a, b) => a.at - b.at);
      add(
        {
          ...fields,
          status: resolved !== null ? STATUS.done : started !== null ? STATUS.inProgress : STATUS.toDo,
          ...(started !== null && resolved === null
            ? { statusCategoryChanged: started, updated: started }
            : {}),
        },
        changes,
      );
    },
    idea(spec) {
      const created = at(spec.daysAgo, rng.int(8, 18), rng.int(0, 59));
      const done = spec.status === STATUS.adopted || spec.status === STATUS.rejected;
      const base = common();
      const reporter = spec.reporter ?? base.reporter;
      const added = spec.labelAdded;
      const before = spec.labels ?? [];
      const changes: PendingChange[] = added
        ? [
            {
              at: at(added.daysAgo, 15, rng.int(0, 59)),
              author: added.by,
              items: [labelsItem(before, [...before, added.label])],
            },
          ]
        : [];
      add(
        {
          ...base,
          reporter,
          type: TYPE.idea,
          summary: spec.summary,
          priority: 'P3',
          labels: added ? [...before, added.label] : before,
          created,
          resolved: done ? Math.min(site.now, created + rng.int(5, 40) * 24 * HOUR) : null,
          resolution: done
            ? (spec.resolution ?? (spec.status === STATUS.rejected ? "Won't Do" : 'Done'))
            : null,
          status: spec.status,
        },
        changes,
      );
    },
    work(count, from, to, types, summaries) {
      for (let i = 0; i < count; i++) {
        const n = rng.int(to, from);
        const created = at(n, rng.int(7, 19), rng.int(0, 59));
        const age = n;
        const doneChance = age > 60 ? 0.9 : age > 20 ? 0.6 : 0.25;
        const done = rng.chance(doneChance);
        const resolved = done
          ? until(created + rng.int(2, Math.max(3, Math.min(age * 24, 400))) * HOUR)
          : null;
        const wontDo = resolved !== null && rng.chance(0.06);
        add({
          ...common(),
          type: rng.pick(types),
          summary: rng.pick(summaries),
          priority: rng.weighted([
            ['P2', 2],
            ['P3', 6],
            ['P4', 3],
            ['P5', 1],
          ] as const),
          labels: rng.chance(0.2) ? [rng.pick(['tech-debt', 'quick-win', 'customer', 'security'])] : [],
          created,
          resolved,
          resolution: resolved === null ? null : wontDo ? "Won't Do" : 'Done',
          status:
            resolved !== null
              ? STATUS.done
              : rng.pick([STATUS.toDo, STATUS.toDo, STATUS.inProgress, STATUS.inReview]),
        });
      }
    },
    finish() {
      // A stable sort keeps same-instant issues in the order they were written.
      pending.sort((a, b) => a.spec.created - b.spec.created);
      const ref = (accountId: string) => {
        const user = findUser(site, accountId);
        if (!user) throw new Error(`unknown user ${accountId}`);
        return userRef(user);
      };
      for (const { spec, changes } of pending) {
        const changelog = changes.map((c) => changelogEntry(site, c.at, ref(c.author), c.items, spec.offset));
        addIssue(site, changelog.length > 0 ? { ...spec, changelog } : spec);
      }
      pending.length = 0;
    },
  };
}
