/**
 * A small writer for generated projects: places incidents, deliverables, ideas and everyday work on days counted
 * back from "today", with the datetimes written in varied offsets. Shared by the demo site and the benchmark
 * generator.
 */
import { STATUS, TYPE, OFFSETS } from '../fake-jira/catalogue';
import { shiftDate, utcInstant } from '../fake-jira/jiraTime';
import type { Rng } from '../fake-jira/prng';
import { addIssue, type FakeSite, type IssueSpec } from '../fake-jira/site';

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
}

export interface IdeaSpec {
  daysAgo: number;
  summary: string;
  status: string;
  labels?: string[];
  resolution?: string;
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
}

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
  const pending: IssueSpec[] = [];
  const add = (spec: IssueSpec) => {
    pending.push(spec);
  };

  return {
    at,
    day,
    incident(spec) {
      const created = at(spec.daysAgo, spec.hour ?? rng.int(0, 23), spec.minute ?? rng.int(0, 59));
      const resolved = until(spec.restoreHours === null ? null : created + spec.restoreHours * HOUR);
      add({
        ...common(),
        type: TYPE.incident,
        summary: spec.summary,
        priority: spec.priority,
        labels: spec.labels ?? [],
        created,
        resolved,
        resolution: resolved === null ? null : (spec.resolution ?? 'Done'),
        status:
          resolved === null
            ? (spec.openStatus ?? STATUS.investigating)
            : spec.daysAgo > 30
              ? STATUS.closed
              : STATUS.resolved,
      });
    },
    deliverable(spec) {
      const created = at(spec.createdDaysAgo, rng.int(8, 17), rng.int(0, 59));
      const resolved = until(
        spec.resolvedDaysAgo === null ? null : at(spec.resolvedDaysAgo, rng.int(9, 18), rng.int(0, 59)),
      );
      add({
        ...common(),
        type: spec.type ?? TYPE.epic,
        summary: spec.summary,
        priority: spec.priority === undefined ? rng.pick(['High', 'Medium', 'Medium', 'Low']) : spec.priority,
        created,
        resolved,
        resolution: resolved === null ? null : (spec.resolution ?? 'Done'),
        dueDate: spec.dueDaysAgo === null ? null : day(spec.dueDaysAgo),
        status:
          resolved === null ? (spec.createdDaysAgo > 14 ? STATUS.inProgress : STATUS.toDo) : STATUS.done,
      });
    },
    idea(spec) {
      const created = at(spec.daysAgo, rng.int(8, 18), rng.int(0, 59));
      const done = spec.status === STATUS.adopted || spec.status === STATUS.rejected;
      add({
        ...common(),
        type: TYPE.idea,
        summary: spec.summary,
        priority: 'Medium',
        labels: spec.labels ?? [],
        created,
        resolved: done ? Math.min(site.now, created + rng.int(5, 40) * 24 * HOUR) : null,
        resolution: done
          ? (spec.resolution ?? (spec.status === STATUS.rejected ? "Won't Do" : 'Done'))
          : null,
        status: spec.status,
      });
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
            ['High', 2],
            ['Medium', 6],
            ['Low', 3],
            ['Lowest', 1],
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
      pending.sort((a, b) => a.created - b.created);
      for (const spec of pending) addIssue(site, spec);
      pending.length = 0;
    },
  };
}
