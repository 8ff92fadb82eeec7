/**
 * A seeded random Jira site for the differential test: built with the fake Jira Cloud's own helpers
 * (`src/demo/site.ts`), so the fake serves it exactly as Jira Cloud would (token paging, short pages).
 *
 * Each project is generated for one report plan (its `asOf`, time zone and configuration) so that many issues sit on
 * the edges that matter: window edges (asOf − N, asOf − N + 1, asOf, asOf + 1), due dates ± grace, times a moment
 * before or after local midnight, datetimes written in unusual offsets (+0530, −0930, +1345, …), excluded
 * resolutions in several letter cases, resolutions after asOf, issues created after asOf and long-open majors.
 */
import { addStandardStatuses, SERVICE_TYPES, SOFTWARE_TYPES, STATUS } from '../../dev/fake-jira/catalogue';
import { DEMO_USERS } from '../../dev/demo-org/demoSite';
import { createRng, type Rng } from '../../dev/fake-jira/prng';
import {
  addIssue,
  addProject,
  createSite,
  projectIssueTypes,
  findProject,
  updateIssueFields,
  type FakeIssue,
  type FakeSite,
} from '../../dev/fake-jira/site';
import { addDaysTo, instantOfLocal, SPEC_DEFAULTS, type OracleConfig } from './oracle';

export interface ProjectPlan {
  key: string;
  asOf: string;
  /** Only the keys the report's config file sets; the rest are the SPEC's defaults. */
  config: Partial<OracleConfig>;
  /** 'good' makes phase 3 likely; 'mixed' is anything goes. */
  quality?: 'good' | 'mixed';
}

const HOUR = 3_600_000;

/** Offsets Jira may write datetimes in (the instant is what counts). */
export const OFFSETS = [
  '+0000',
  '+0530',
  '-0500',
  '+1000',
  '+1345',
  '-0930',
  '+0100',
  '-1100',
  '+1400',
  '+0545',
  '-0330',
] as const;

/** Labels that mean nothing to the app. */
const NOISE_LABELS = [
  'network',
  'db',
  'customer-facing',
  'p1-review',
  'ops',
  // Case variants of the default bypass and exemption labels.
  'Reliability',
  'SECURITY',
  'Not-An-Incident',
  'EXTERNAL-CAUSE',
];

const RESOLVED_INCIDENT_STATUSES = [STATUS.resolved, STATUS.closed, STATUS.done];
const OPEN_INCIDENT_STATUSES = [STATUS.open, STATUS.investigating, STATUS.toDo, STATUS.inProgress];

/** A local time of day biased towards midnight: [hour, minute, second, ms]. */
function timeOfDay(rng: Rng): [number, number, number, number] {
  return rng.weighted<[number, number, number, number]>([
    [[0, 0, 0, 0], 3],
    [[0, 0, 0, 1], 1],
    [[0, 0, 30, 0], 1],
    [[23, 59, 59, 999], 3],
    [[23, 59, 0, 0], 2],
    [[23, 30, 0, 0], 1],
    [[0, 30, 0, 0], 1],
    [[rng.int(0, 23), rng.int(0, 59), rng.int(0, 59), rng.int(0, 999)], 8],
  ]);
}

/** An instant on a local calendar date in the zone. */
function onDate(rng: Rng, date: string, timeZone: string): number {
  const [h, m, s, ms] = timeOfDay(rng);
  return instantOfLocal(date, timeZone, h, m, s, ms);
}

function pickLabels(rng: Rng, special: readonly string[], pSpecial: number): string[] {
  const labels = new Set<string>();
  if (special.length > 0 && rng.chance(pSpecial)) labels.add(rng.pick(special));
  const n = rng.weighted([
    [0, 5],
    [1, 3],
    [2, 1],
  ]);
  for (let i = 0; i < n; i++) labels.add(rng.pick(NOISE_LABELS));
  return [...labels];
}

/** The resolution name to use, and how to write it (the site has the canonical names; variants are patched in). */
interface ResolutionChoice {
  name: string;
  /** Written as this name (e.g. 'duplicate') instead of the canonical one. */
  writtenAs?: string;
}

const EXCLUDED_VARIANTS: ResolutionChoice[] = [
  { name: 'Duplicate' },
  { name: "Won't Do" },
  { name: 'Cannot Reproduce' },
  { name: 'Declined' },
  { name: 'Duplicate', writtenAs: 'duplicate' },
  { name: 'Duplicate', writtenAs: 'DUPLICATE' },
  { name: "Won't Do", writtenAs: "won't do" },
  { name: 'Cannot Reproduce', writtenAs: 'cannot reproduce' },
  { name: 'Declined', writtenAs: 'DECLINED' },
];

const KEPT_RESOLUTIONS: ResolutionChoice[] = [
  { name: 'Done' },
  { name: 'Fixed' },
  { name: "Won't Fix" },
  { name: 'Done', writtenAs: 'done' },
];

function resolutionChoice(rng: Rng, pExcluded: number): ResolutionChoice {
  return rng.chance(pExcluded) ? rng.pick(EXCLUDED_VARIANTS) : rng.pick(KEPT_RESOLUTIONS);
}

class ProjectBuilder {
  readonly cfg: OracleConfig;
  readonly tz: string;
  readonly types: Set<string>;

  constructor(
    readonly site: FakeSite,
    readonly rng: Rng,
    readonly plan: ProjectPlan,
  ) {
    this.cfg = { ...SPEC_DEFAULTS, ...plan.config };
    this.tz = this.cfg.timeZone;
    const project = findProject(site, plan.key)!;
    this.types = new Set(projectIssueTypes(site, project).map((t) => t.name));
  }

  get asOf(): string {
    return this.plan.asOf;
  }

  /** A calendar date relative to asOf, biased towards the edges of a window of n days. */
  edgeDate(n: number, extra: readonly number[] = []): string {
    const rng = this.rng;
    const offset = rng.weighted<number>([
      [-n, 2],
      [-n + 1, 2],
      [-n - 1, 1],
      [0, 2],
      [1, 2],
      [-1, 1],
      [rng.pick(extra.length > 0 ? extra : [0]), extra.length > 0 ? 2 : 0],
      [-rng.int(0, n + 30), 8],
      [-rng.int(n, 500), 2],
      [rng.int(1, 20), 1],
    ]);
    return addDaysTo(this.asOf, offset);
  }

  add(
    spec: {
      type: string;
      status: string;
      created: number;
      resolved?: number | null;
      resolution?: ResolutionChoice | null;
      priority?: string | null;
      labels?: string[];
      dueDate?: string | null;
    },
    summary: string,
  ): FakeIssue {
    const offset = this.rng.pick(OFFSETS);
    const issue = addIssue(this.site, {
      project: this.plan.key,
      type: spec.type,
      summary,
      status: spec.status,
      created: spec.created,
      resolved: spec.resolution ? (spec.resolved ?? spec.created) : null,
      resolution: spec.resolution?.name ?? null,
      priority: spec.priority ?? null,
      labels: spec.labels ?? [],
      dueDate: spec.dueDate ?? null,
      reporter: DEMO_USERS.admin.accountId,
      offset,
    });
    if (spec.resolution?.writtenAs) {
      const r = issue.fields.resolution!;
      updateIssueFields(this.site, issue, {
        resolution: { id: r.id, name: spec.resolution.writtenAs, description: r.description },
      });
    }
    return issue;
  }

  incidents(count: number, typeName: string): void {
    const { rng, cfg, tz } = this;
    const N = cfg.reliabilityWindowDays;
    const good = this.plan.quality === 'good';
    const exempt = cfg.incidentExemptLabels;
    for (let i = 0; i < count; i++) {
      const createdDate = this.edgeDate(N);
      const created = onDate(rng, createdDate, tz);
      const priority = rng.weighted<string | null>([
        ['Highest', good ? 0.2 : 2],
        ['High', good ? 0.4 : 3],
        ['Medium', 5],
        ['Low', 3],
        ['Lowest', 1],
        [null, 2],
      ]);
      const labels = pickLabels(rng, exempt, 0.15);
      const state = rng.weighted<'open' | 'resolved' | 'excluded'>([
        ['open', good ? 1 : 3],
        ['resolved', 8],
        ['excluded', 1.5],
      ]);
      if (state === 'open') {
        // A good project rarely leaves a major incident open.
        const openPriority = good && rng.chance(0.85) ? rng.pick(['Medium', 'Low']) : priority;
        this.add(
          {
            type: typeName,
            status: rng.pick(OPEN_INCIDENT_STATUSES),
            created,
            priority: openPriority,
            labels,
          },
          `incident ${i}`,
        );
        continue;
      }
      const resolved = this.resolveAfter(created, N, good);
      this.add(
        {
          type: typeName,
          status: rng.pick(RESOLVED_INCIDENT_STATUSES),
          created,
          resolved,
          resolution: state === 'excluded' ? rng.pick(EXCLUDED_VARIANTS) : resolutionChoice(rng, 0),
          priority,
          labels,
        },
        `incident ${i}`,
      );
    }
    // Long-open majors, created long ago (and one created on the last day).
    const longOpen = good ? (rng.chance(0.2) ? 1 : 0) : rng.int(0, 2);
    for (let i = 0; i < longOpen; i++) {
      const created = onDate(rng, addDaysTo(this.asOf, -rng.int(0, 400)), tz);
      this.add(
        {
          type: typeName,
          status: STATUS.investigating,
          created,
          priority: rng.pick(['Highest', 'High']),
          labels: pickLabels(rng, exempt, 0.1),
        },
        `long open major ${i}`,
      );
    }
    // A major that was open at asOf and resolved after it.
    if (rng.chance(good ? 0.15 : 0.5)) {
      const created = onDate(rng, addDaysTo(this.asOf, -rng.int(0, 3)), tz);
      const resolved = onDate(rng, addDaysTo(this.asOf, rng.int(1, 3)), tz);
      this.add(
        {
          type: typeName,
          status: STATUS.resolved,
          created,
          resolved: Math.max(resolved, created + HOUR),
          resolution: resolutionChoice(rng, 0.3),
          priority: 'Highest',
        },
        `major resolved after asOf`,
      );
    }
  }

  /** A resolution instant after `created`: restore times around 24 h, or on a window edge near midnight. */
  resolveAfter(created: number, n: number, good: boolean): number {
    const { rng, tz } = this;
    const kind = rng.weighted<'hours' | 'edge' | 'beforeCreated'>([
      ['hours', 3],
      ['edge', good ? 0.6 : 2],
      // Imported issues sometimes carry a resolution date before their creation date.
      ['beforeCreated', 0.1],
    ]);
    if (kind === 'beforeCreated') return created - rng.int(1, 3000) * 60_000;
    if (kind === 'hours') {
      const hours = rng.weighted<number>([
        [24, 2],
        [23.999, 1],
        [24.001, 1],
        [rng.next() * 24, good ? 8 : 3],
        [24 + rng.next() * 400, good ? 1 : 4],
        [0.01, 1],
      ]);
      return created + Math.round(hours * HOUR);
    }
    const target = onDate(rng, this.edgeDate(n), tz);
    return target > created ? target : created + rng.int(1, 3000) * 60_000;
  }

  deliverables(count: number, typeName: string): void {
    const { rng, cfg, tz } = this;
    const N = cfg.deliveryWindowDays;
    const g = cfg.graceDays;
    const good = this.plan.quality === 'good';
    for (let i = 0; i < count; i++) {
      // Due dates on the edges: late decisions land on due + grace + 1.
      const dueDate = rng.chance(0.12)
        ? null
        : this.edgeDate(N, [-N - g - 1, -N - g, -g - 1, -g, -g + 1, 5, -N - g + 1]);
      const createdDate =
        rng.chance(0.06) && dueDate
          ? addDaysTo(this.asOf, rng.int(1, 3)) // created after asOf
          : addDaysTo(dueDate ?? this.asOf, -rng.int(0, 200));
      const created = onDate(rng, createdDate, tz);
      const shape = rng.weighted<
        'open' | 'dueDay2359' | 'dueDayWriterMidnight' | 'early' | 'inGrace' | 'dayLate' | 'late' | 'edge'
      >([
        ['open', good ? 1 : 3],
        ['dueDay2359', 3],
        ['dueDayWriterMidnight', 2],
        ['early', good ? 6 : 3],
        ['inGrace', 2],
        ['dayLate', 2],
        ['late', good ? 0.5 : 3],
        ['edge', 2],
      ]);
      const labels = pickLabels(rng, [], 0);
      const offset = rng.pick(OFFSETS);
      let resolved: number | null = null;
      const base = dueDate ?? addDaysTo(this.asOf, -rng.int(-5, N + 20));
      switch (shape) {
        case 'open':
          break;
        case 'dueDay2359': {
          // On the due date at 23:59 (in the report's zone), written in any offset.
          resolved = instantOfLocal(base, tz, 23, 59, rng.int(0, 59), rng.int(0, 999));
          break;
        }
        case 'dueDayWriterMidnight': {
          // 23:59 on the due date in the *writer's* offset: another calendar date in some zones.
          const sign = offset.startsWith('-') ? -1 : 1;
          const minutes = sign * (Number(offset.slice(1, 3)) * 60 + Number(offset.slice(3, 5)));
          resolved = instantOfLocal(base, 'UTC', 23, 59, 0, 0) - minutes * 60_000;
          break;
        }
        case 'early':
          resolved = onDate(rng, addDaysTo(base, -rng.int(1, 30)), tz);
          break;
        case 'inGrace':
          resolved = onDate(rng, addDaysTo(base, rng.int(0, g)), tz);
          break;
        case 'dayLate':
          resolved = onDate(rng, addDaysTo(base, g + 1), tz);
          break;
        case 'late':
          resolved = onDate(rng, addDaysTo(base, g + rng.int(1, 60)), tz);
          break;
        case 'edge':
          resolved = onDate(rng, this.edgeDate(N), tz);
          break;
      }
      if (resolved !== null && resolved <= created) resolved = created + rng.int(1, 600) * 60_000;
      const resolution = resolved === null ? null : resolutionChoice(rng, 0.12);
      this.add(
        {
          type: typeName,
          status: resolved === null ? rng.pick([STATUS.toDo, STATUS.inProgress]) : STATUS.done,
          created,
          resolved,
          resolution,
          priority: rng.pick(['Medium', 'High', null]),
          labels,
          dueDate,
        },
        `deliverable ${i} (${shape})`,
      );
    }
  }

  ideas(count: number): void {
    const { rng, tz } = this;
    const bypass = this.cfg.ideaBypassLabels;
    for (let i = 0; i < count; i++) {
      const status = rng.pick([
        STATUS.ideaSubmitted,
        STATUS.toDo,
        STATUS.evaluating,
        STATUS.inProgress,
        STATUS.adopted,
        STATUS.rejected,
      ]);
      const done = status === STATUS.adopted || status === STATUS.rejected;
      const createdDate = rng.chance(0.1)
        ? addDaysTo(this.asOf, rng.int(1, 5))
        : addDaysTo(this.asOf, -rng.int(0, 300));
      const created = onDate(rng, createdDate, tz);
      // Resolved ideas: some with excluded resolutions (those do not exist), and a few open ideas resolved as such.
      const resolution =
        done || rng.chance(0.05)
          ? rng.weighted<ResolutionChoice>([
              [{ name: 'Done' }, 4],
              [rng.pick(EXCLUDED_VARIANTS), 2],
            ])
          : null;
      this.add(
        {
          type: this.cfg.ideaType,
          status,
          created,
          resolved: resolution ? created + rng.int(1, 2000) * HOUR : null,
          resolution,
          labels: pickLabels(rng, bypass, 0.3),
          priority: rng.pick(['Medium', null]),
        },
        `idea ${i}`,
      );
    }
  }

  noise(count: number): void {
    const { rng, tz } = this;
    const names = [...this.types].filter(
      (t) =>
        !this.cfg.incidentTypes.includes(t) &&
        !this.cfg.deliverableTypes.includes(t) &&
        t !== this.cfg.ideaType,
    );
    if (names.length === 0) return;
    for (let i = 0; i < count; i++) {
      const created = onDate(rng, this.edgeDate(this.cfg.reliabilityWindowDays), tz);
      const resolved = rng.chance(0.5) ? created + rng.int(1, 500) * HOUR : null;
      this.add(
        {
          type: rng.pick(names),
          status: resolved ? STATUS.done : STATUS.toDo,
          created,
          resolved,
          resolution: resolved ? resolutionChoice(rng, 0.1) : null,
          priority: rng.pick(['Highest', 'High', 'Low', null]),
          labels: pickLabels(rng, [], 0),
          dueDate: rng.chance(0.5) ? this.edgeDate(this.cfg.deliveryWindowDays) : null,
        },
        `noise ${i}`,
      );
    }
  }
}

/**
 * A site with one project per plan (keys from the plans), each filled for its plan, plus the admin user of
 * `DEMO_USERS` (basic auth with its email and token), whose zone is `jiraUserTimeZone`.
 */
export function buildRandomSite(
  seed: number | string,
  plans: readonly ProjectPlan[],
  jiraUserTimeZone = 'UTC',
): FakeSite {
  const rng = createRng(`oracle:${seed}`);
  const latest = plans.reduce((max, p) => (p.asOf > max ? p.asOf : max), plans[0]!.asOf);
  const site = createSite({
    name: `Oracle ${seed}`,
    // The zone JQL date literals are read in (the searching user's zone in Jira), often far from the report's.
    timeZone: jiraUserTimeZone,
    now: instantOfLocal(addDaysTo(latest, rng.int(30, 90)), 'UTC', rng.int(0, 23)),
  });
  site.users.push({
    ...DEMO_USERS.admin,
    jiraAdmin: true,
    browse: '*',
    administer: '*',
    timeZone: jiraUserTimeZone,
    accountType: 'atlassian',
  });
  site.resolutions.push({ id: '10005', name: 'Fixed' }, { id: '10006', name: "Won't Fix" });
  addStandardStatuses(site);

  for (const plan of plans) {
    const service = rng.chance(0.3);
    const cfg = { ...SPEC_DEFAULTS, ...plan.config };
    const base = service ? SERVICE_TYPES : SOFTWARE_TYPES;
    const names = new Set<string>(base.map((t) => t.name));
    const extra = [...cfg.incidentTypes, ...cfg.deliverableTypes, cfg.ideaType]
      .filter((n) => !names.has(n))
      .map((name) => ({ name }));
    addProject(site, {
      key: plan.key,
      name: `Project ${plan.key}`,
      projectTypeKey: service ? 'service_desk' : 'software',
      style: rng.chance(0.25) ? 'next-gen' : 'classic',
      issueTypes: [...base, ...extra],
    });
  }

  // Issues are interleaved across projects in creation order (keys and ids like a real site).
  for (const plan of plans) {
    const b = new ProjectBuilder(site, createRng(`oracle:${seed}:${plan.key}`), plan);
    const good = plan.quality === 'good';
    for (const t of b.cfg.incidentTypes) b.incidents(b.rng.int(good ? 8 : 12, good ? 22 : 35), t);
    for (const t of b.cfg.deliverableTypes) b.deliverables(b.rng.int(8, 26), t);
    b.ideas(b.rng.int(2, 10));
    b.noise(b.rng.int(2, 8));
  }
  return site;
}
