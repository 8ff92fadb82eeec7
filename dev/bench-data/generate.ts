/**
 * A large generated project for the performance benchmark: tens of thousands of stories, bugs, tasks, incidents,
 * epics and ideas over several years, deterministic for a seed. Some incidents are left open for years (mostly low
 * priority), as in real sites. Builds 40 000 issues in a fraction of a second.
 */
import { SOFTWARE_TYPES, STATUS, TYPE, OFFSETS, addStandardStatuses } from '../fake-jira/catalogue';
import { DEMO_USERS } from '../demo-org/demoSite';
import { EPIC_SUMMARIES, IDEA_SUMMARIES, INCIDENT_SUMMARIES, WORK_SUMMARIES } from '../demo-org/demoText';
import { shiftDate, utcInstant } from '../fake-jira/jiraTime';
import { createRng, type Rng } from '../fake-jira/prng';
import { addIssue, addProject, createSite, type FakeSite, type IssueSpec } from '../fake-jira/site';

export interface GenerateOptions {
  /** Project key, e.g. 'BIG'. */
  key: string;
  name?: string;
  /** How many issues (default 40 000). */
  issues?: number;
  /** Years of history ending at `today` (default 5). */
  years?: number;
  /** `YYYY-MM-DD`. */
  today: string;
  /**
   * The instant the history ends, the site's clock (default noon UTC of `today`). A test that runs on the real clock
   * passes `Date.now()`: before noon UTC the default would put issues in the future.
   */
  now?: number;
  seed?: string | number;
  /** Add the project to this site instead of a new one (it must have the standard statuses). */
  site?: FakeSite;
}

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

type Kind = 'story' | 'bug' | 'task' | 'incident' | 'epic' | 'idea';
const MIX: [Kind, number][] = [
  ['story', 35],
  ['bug', 20],
  ['task', 25],
  ['incident', 12],
  ['epic', 5],
  ['idea', 3],
];

function newSite(now: number): FakeSite {
  const site = createSite({ name: 'Generated benchmark site', now });
  const { admin, app } = DEMO_USERS;
  site.users.push(
    { ...admin, jiraAdmin: true, browse: '*', administer: '*', timeZone: 'UTC', accountType: 'atlassian' },
    { ...app, jiraAdmin: false, browse: '*', administer: '*', timeZone: 'UTC', accountType: 'app' },
  );
  addStandardStatuses(site);
  return site;
}

function incident(rng: Rng, created: number, now: number): Partial<IssueSpec> {
  const ageDays = (now - created) / DAY;
  // About 3% of older incidents were never closed: mostly low priority.
  if (ageDays > 30 && rng.chance(0.03)) {
    return {
      priority: rng.weighted<string | null>([
        ['Low', 6],
        ['Lowest', 3],
        ['Medium', 2],
      ]),
      status: STATUS.open,
      labels: [],
    };
  }
  const priority = rng.weighted<string | null>([
    ['Highest', 1],
    ['High', 3],
    ['Medium', 8],
    ['Low', 5],
    [null, 1],
  ]);
  const resolved = created + rng.int(1, priority === 'Highest' || priority === 'High' ? 36 : 120) * HOUR;
  const exempt = rng.chance(0.04) ? [rng.pick(['not-an-incident', 'external-cause'])] : [];
  if (resolved > now) return { priority, status: STATUS.investigating, labels: exempt };
  return {
    priority,
    labels: exempt,
    resolved,
    resolution: rng.chance(0.03) ? 'Duplicate' : 'Done',
    status: STATUS.closed,
  };
}

function epic(rng: Rng, created: number, now: number, today: string): Partial<IssueSpec> {
  const createdDay = new Date(created).toISOString().slice(0, 10);
  const dueDate = rng.chance(0.1) ? null : shiftDate(createdDay, rng.int(30, 200));
  const plannedEnd = dueDate ?? shiftDate(createdDay, 120);
  const slip = rng.weighted([
    [0, 6],
    [1, 3],
    [2, 1],
  ] as const);
  const endDay = shiftDate(
    plannedEnd,
    slip === 0 ? -rng.int(0, 20) : slip === 1 ? rng.int(1, 30) : rng.int(31, 150),
  );
  const resolved = utcInstant(endDay, rng.int(9, 18));
  if (resolved > now || endDay > today) {
    return { dueDate, status: rng.chance(0.7) ? STATUS.inProgress : STATUS.toDo };
  }
  const cancelled = rng.chance(0.05);
  return { dueDate, resolved, resolution: cancelled ? "Won't Do" : 'Done', status: STATUS.done };
}

function idea(rng: Rng, created: number, now: number): Partial<IssueSpec> {
  const status = rng.weighted<string>([
    [STATUS.ideaSubmitted, 5],
    [STATUS.evaluating, 2],
    [STATUS.adopted, 2],
    [STATUS.rejected, 1],
  ]);
  const labels = rng.chance(0.15) ? [rng.pick(['reliability', 'security'])] : [];
  if (status !== STATUS.adopted && status !== STATUS.rejected) return { status, labels };
  const resolved = Math.min(now, created + rng.int(3, 90) * DAY);
  return { status, labels, resolved, resolution: status === STATUS.rejected ? "Won't Do" : 'Done' };
}

function work(rng: Rng, created: number, now: number): Partial<IssueSpec> {
  const ageDays = (now - created) / DAY;
  const done = rng.chance(ageDays > 90 ? 0.93 : ageDays > 14 ? 0.6 : 0.2);
  const resolved = created + rng.int(2, 24 * 40) * HOUR;
  if (!done || resolved > now) {
    return {
      status: rng.pick([STATUS.toDo, STATUS.inProgress, STATUS.inReview]),
      priority: rng.pick(['Medium', 'Low']),
    };
  }
  return {
    status: STATUS.done,
    resolved,
    resolution: rng.chance(0.05) ? "Won't Do" : 'Done',
    priority: rng.pick(['High', 'Medium', 'Medium', 'Low']),
  };
}

const TYPE_OF: Record<Kind, string> = {
  story: TYPE.story,
  bug: TYPE.bug,
  task: TYPE.task,
  incident: TYPE.incident,
  epic: TYPE.epic,
  idea: TYPE.idea,
};

const SUMMARIES: Record<Kind, readonly string[]> = {
  story: WORK_SUMMARIES,
  bug: WORK_SUMMARIES,
  task: WORK_SUMMARIES,
  incident: INCIDENT_SUMMARIES,
  epic: EPIC_SUMMARIES,
  idea: IDEA_SUMMARIES,
};

/**
 * Generates a large company-managed project, its issues in creation order.
 * @example generateLargeProject({ key: 'BIG', issues: 40_000, years: 5, today: '2026-06-30', seed: 1 }).issues.length // 40000
 */
export function generateLargeProject(options: GenerateOptions): FakeSite {
  const count = options.issues ?? 40_000;
  const years = options.years ?? 5;
  const site = options.site ?? newSite(options.now ?? utcInstant(options.today, 12));
  const rng = createRng(options.seed ?? `generate:${options.key}`);
  const components = ['Platform', 'Web', 'Mobile', 'Data', 'Integrations', 'Infrastructure'];
  addProject(site, {
    key: options.key,
    name: options.name ?? `Generated ${options.key}`,
    leadAccountId: DEMO_USERS.admin.accountId,
    issueTypes: SOFTWARE_TYPES,
    components,
  });
  const people = site.users.map((u) => u.accountId).filter((id) => id !== 'app');
  const end = site.now - HOUR;
  const start = utcInstant(shiftDate(options.today, -Math.round(years * 365.25)));
  const step = (end - start) / count;
  for (let i = 0; i < count; i++) {
    const created = Math.floor(start + i * step + rng.next() * step * 0.9);
    const kind = rng.weighted(MIX);
    const base: IssueSpec = {
      project: options.key,
      type: TYPE_OF[kind],
      summary: rng.pick(SUMMARIES[kind]),
      status: STATUS.toDo,
      created,
      offset: rng.pick(OFFSETS),
      reporter: rng.pick(people),
      assignee: rng.chance(0.8) ? rng.pick(people) : null,
      components: rng.chance(0.5) ? [rng.pick(components)] : [],
      priority: 'Medium',
    };
    const extra =
      kind === 'incident'
        ? incident(rng, created, site.now)
        : kind === 'epic'
          ? epic(rng, created, site.now, options.today)
          : kind === 'idea'
            ? idea(rng, created, site.now)
            : work(rng, created, site.now);
    addIssue(site, { ...base, ...extra });
  }
  return site;
}
