/**
 * A seeded random Jira site for the differential test, built with the fake Jira Cloud's own helpers
 * (dev/fake-jira/site.ts, through siteKit.ts), so the fake serves it exactly as Jira Cloud would (token paging, short
 * pages, changelogs from `POST /rest/api/3/changelog/bulkfetch`).
 *
 * A site has a flavour (default English, Jira Service Management with `[System] Incident` and P1–P5, or German with
 * translated names and `untranslatedName`). Each gate is generated for one report plan (its `asOf`, time zone,
 * configuration and source projects) so that many issues sit on the edges that matter: window edges (asOf − N,
 * asOf − N + 1, asOf, asOf + 1), due dates ± grace, times a moment before or after local midnight, datetimes written
 * in unusual offsets (+0530, −0930, +1345, …), excluded resolutions in several letter cases, resolutions after asOf,
 * issues created after asOf, long-open majors, issues Done without a resolution, due dates moved before and after
 * the commitment day (and after asOf), time tracking on the budget edge, bypass labels added by approvers and by
 * others, and issues of the right types in the wrong projects of a gate.
 */
import { STATUS } from '../../dev/fake-jira/catalogue';
import { createRng, type Rng } from '../../dev/fake-jira/prng';
import { findProject, projectIssueTypes, type FakeIssue, type FakeSite } from '../../dev/fake-jira/site';
import {
  addDaysTo,
  calendarDateIn,
  instantOfLocal,
  objectCalled,
  SPEC_DEFAULTS,
  type OracleConfig,
} from './oracle';
import {
  addFlavouredProject,
  addIssueWithHistory,
  ADMIN,
  flavouredSite,
  projectTypes,
  respellResolution,
  STAFF,
  type Change,
  type Flavour,
  type HistorySpec,
} from './siteKit';

export type Role = 'incident' | 'delivery' | 'idea';

export interface GateProject {
  key: string;
  kind: 'software' | 'service';
  roles: Role[];
}

export interface ProjectPlan {
  /** The gate's home project. */
  key: string;
  asOf: string;
  /** Only the keys the report's config file sets; the rest are the SPEC's defaults. */
  config: Partial<OracleConfig>;
  /** 'good' makes phase 3 likely; 'mixed' is anything goes. */
  quality?: 'good' | 'mixed';
  /** The gate's projects, home first (default: the home alone, with every role). */
  projects?: GateProject[];
  /** Priority ranks (0 = highest) the generator treats as major (default: the config's, else 0 and 1). */
  majorRanks?: number[];
}

const HOUR = 3_600_000;
const MINUTE = 60_000;

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
  /** Written as this name (e.g. 'duplicate') instead of the site's (same id). */
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

/** A project with the issue types of one role on it. */
interface Slot {
  project: string;
  type: string;
}

class GateBuilder {
  readonly cfg: OracleConfig;
  readonly tz: string;
  readonly projects: GateProject[];
  readonly incidentSlots: Slot[] = [];
  readonly deliverableSlots: Slot[] = [];
  readonly ideaSlots: Slot[] = [];
  readonly noiseSlots: Slot[] = [];
  readonly majorRanks: number[];

  constructor(
    readonly site: FakeSite,
    readonly rng: Rng,
    readonly plan: ProjectPlan,
  ) {
    this.cfg = { ...SPEC_DEFAULTS, ...plan.config };
    this.tz = this.cfg.timeZone;
    this.projects = plan.projects ?? [
      { key: plan.key, kind: 'software', roles: ['incident', 'delivery', 'idea'] },
    ];
    this.majorRanks =
      plan.majorRanks ??
      (this.cfg.majorPriorities
        ? this.cfg.majorPriorities.map((n) => site.priorities.findIndex((p) => objectCalled(p, n)))
        : [0, 1]);
    const called = (t: { name: string; untranslatedName?: string }, names: readonly string[]) =>
      names.some((n) => objectCalled(t, n));
    for (const gp of this.projects) {
      const types = projectIssueTypes(this.site, findProject(this.site, gp.key)!).filter(
        (t) => t.hierarchyLevel >= 0,
      );
      for (const t of types) {
        const slot = { project: gp.key, type: t.name };
        const incident = gp.roles.includes('incident') && called(t, this.cfg.incidentTypes);
        const deliverable =
          gp.roles.includes('delivery') &&
          (this.cfg.deliverableTypes ? called(t, this.cfg.deliverableTypes) : t.hierarchyLevel === 1);
        const idea = gp.roles.includes('idea') && called(t, [this.cfg.ideaType]);
        if (incident) this.incidentSlots.push(slot);
        if (deliverable) this.deliverableSlots.push(slot);
        if (idea) this.ideaSlots.push(slot);
        if (!incident && !deliverable && !idea) this.noiseSlots.push(slot);
      }
    }
  }

  get asOf(): string {
    return this.plan.asOf;
  }

  get good(): boolean {
    return this.plan.quality === 'good';
  }

  /** The site's name of the priority of this rank (0 = highest). */
  priority(rank: number | null): string | null {
    return rank === null ? null : (this.site.priorities[rank]?.name ?? null);
  }

  majorRank(): number {
    return this.rng.pick(this.majorRanks.filter((r) => r >= 0).length ? this.majorRanks : [0]);
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

  dateOf(instant: number): string {
    return calendarDateIn(instant, this.tz);
  }

  /** The latest instant a change may have (well before the site's clock). */
  get horizon(): number {
    return instantOfLocal(addDaysTo(this.asOf, 25), 'UTC');
  }

  add(
    slot: Slot,
    spec: Omit<HistorySpec, 'project' | 'type' | 'summary' | 'resolution' | 'resolved'> & {
      resolution?: ResolutionChoice | null;
      resolved?: number | null;
    },
    summary: string,
  ): FakeIssue {
    const offset = this.rng.pick(OFFSETS);
    const { resolution, resolved, ...rest } = spec;
    const issue = addIssueWithHistory(this.site, {
      reporter: ADMIN.accountId,
      offset,
      ...rest,
      project: slot.project,
      type: slot.type,
      summary,
      resolved: resolution ? (resolved ?? spec.created) : null,
      resolution: resolution?.name ?? null,
    });
    if (resolution?.writtenAs) respellResolution(this.site, issue, resolution.writtenAs);
    return issue;
  }

  incidents(count: number): void {
    const { rng, cfg, tz, good } = this;
    if (this.incidentSlots.length === 0) return;
    const N = cfg.reliabilityWindowDays;
    const exempt = cfg.incidentExemptLabels;
    for (let i = 0; i < count; i++) {
      const slot = rng.pick(this.incidentSlots);
      const created = onDate(rng, this.edgeDate(N), tz);
      const rank = rng.weighted<number | null>([
        [0, good ? 0.2 : 2],
        [1, good ? 0.4 : 3],
        [2, 5],
        [3, 3],
        [4, 1],
        [null, 2],
      ]);
      const labels = pickLabels(rng, exempt, 0.15);
      const state = rng.weighted<'open' | 'resolved' | 'excluded' | 'doneNoResolution'>([
        ['open', good ? 1 : 3],
        ['resolved', 8],
        ['excluded', 1.5],
        ['doneNoResolution', 1.2],
      ]);
      if (state === 'open') {
        // A good project rarely leaves a major incident open.
        const openRank = good && rng.chance(0.85) ? rng.pick([2, 3]) : rank;
        this.add(
          slot,
          { status: rng.pick(OPEN_INCIDENT_STATUSES), created, priority: this.priority(openRank), labels },
          `incident ${i}`,
        );
        continue;
      }
      const resolved = this.resolveAfter(created, N, good);
      if (state === 'doneNoResolution') {
        // Resolved (v2): a Done status without a resolution is resolved when it moved to Done.
        this.add(
          slot,
          {
            status: rng.pick(RESOLVED_INCIDENT_STATUSES),
            created,
            statusCategoryChanged: Math.max(resolved, created),
            priority: this.priority(rank),
            labels,
          },
          `incident ${i} (done without resolution)`,
        );
        continue;
      }
      this.add(
        slot,
        {
          status: rng.pick(RESOLVED_INCIDENT_STATUSES),
          created,
          resolved,
          resolution: state === 'excluded' ? rng.pick(EXCLUDED_VARIANTS) : resolutionChoice(rng, 0),
          priority: this.priority(rank),
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
        rng.pick(this.incidentSlots),
        {
          status: STATUS.investigating,
          created,
          priority: this.priority(rng.pick([0, 1])),
          labels: pickLabels(rng, exempt, 0.1),
        },
        `long open major ${i}`,
      );
    }
    // A major that was open at asOf and resolved (or Done without a resolution) after it.
    if (rng.chance(good ? 0.15 : 0.5)) {
      const created = onDate(rng, addDaysTo(this.asOf, -rng.int(0, 3)), tz);
      const resolved = Math.max(onDate(rng, addDaysTo(this.asOf, rng.int(1, 3)), tz), created + HOUR);
      const noResolution = rng.chance(0.3);
      this.add(
        rng.pick(this.incidentSlots),
        {
          status: STATUS.resolved,
          created,
          ...(noResolution
            ? { statusCategoryChanged: resolved }
            : { resolved, resolution: resolutionChoice(rng, 0.3) }),
          priority: this.priority(this.majorRank()),
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
    if (kind === 'beforeCreated') return created - rng.int(1, 3000) * MINUTE;
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
    return target > created ? target : created + rng.int(1, 3000) * MINUTE;
  }

  /** An instant strictly between a and b (b > a), sometimes at the edges of a local day. */
  between(a: number, b: number): number {
    const { rng, tz } = this;
    if (b - a <= 2) return a + 1;
    if (rng.chance(0.4)) {
      const day = this.dateOf(a + Math.floor(rng.next() * (b - a)));
      const t = onDate(rng, day, tz);
      if (t > a && t < b) return t;
    }
    return a + 1 + Math.floor(rng.next() * (b - a - 2));
  }

  /** The last instant of the local day of `t`, or a moment after `t` on that day. */
  laterSameDay(t: number): number {
    const end = instantOfLocal(addDaysTo(this.dateOf(t), 1), this.tz) - 1;
    return this.rng.chance(0.5) ? end : Math.min(end, t + this.rng.int(1, 120) * MINUTE);
  }

  /** The first moment of a later local day (`days` after the day of `t`), or a random time on it. */
  laterDay(t: number, days: number): number {
    const date = addDaysTo(this.dateOf(t), days);
    return this.rng.chance(0.5) ? instantOfLocal(date, this.tz) : onDate(this.rng, date, this.tz);
  }

  /** Time tracking on the budget edge: [original estimate, time spent] in seconds. */
  timeTracking(): [number | null, number | null] {
    const { rng } = this;
    const estimate = rng.weighted<number | null>([
      [null, 4],
      [0, 0.5],
      [rng.int(1, 200) * 3600, 6],
      [rng.int(1, 5000) * 60, 1],
    ]);
    if (estimate === null || estimate === 0)
      return [estimate, rng.chance(0.5) ? rng.int(1, 100) * 3600 : null];
    const cap = estimate * (1 + this.cfg.budgetTolerance);
    const spent = rng.weighted<number | null>([
      [null, 1],
      [Math.floor(cap), 2],
      [Math.ceil(cap), 1],
      [Math.floor(cap) + 1, 1],
      [Math.round(estimate * (0.3 + rng.next() * 0.8)), 4],
      [Math.round(estimate * (1 + rng.next() * 2)), 2],
    ]);
    return [estimate, spent];
  }

  deliverables(count: number): void {
    const { rng, cfg, tz, good } = this;
    if (this.deliverableSlots.length === 0) return;
    const N = cfg.deliveryWindowDays;
    const g = cfg.graceDays;
    for (let i = 0; i < count; i++) {
      const slot = rng.pick(this.deliverableSlots);
      // The due date that counts, on the edges: late decisions land on due + grace + 1.
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
      const offset = rng.pick(OFFSETS);
      let resolved: number | null = null;
      const base = dueDate ?? addDaysTo(this.asOf, -rng.int(-5, N + 20));
      switch (shape) {
        case 'open':
          break;
        case 'dueDay2359':
          // On the due date at 23:59 (in the report's zone), written in any offset.
          resolved = instantOfLocal(base, tz, 23, 59, rng.int(0, 59), rng.int(0, 999));
          break;
        case 'dueDayWriterMidnight': {
          // 23:59 on the due date in the *writer's* offset: another calendar date in some zones.
          const sign = offset.startsWith('-') ? -1 : 1;
          const minutes = sign * (Number(offset.slice(1, 3)) * 60 + Number(offset.slice(3, 5)));
          resolved = instantOfLocal(base, 'UTC', 23, 59, 0, 0) - minutes * MINUTE;
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
      if (resolved !== null && resolved <= created) resolved = created + rng.int(1, 600) * MINUTE;
      const noResolution = resolved !== null && rng.chance(0.1);
      const resolution = resolved === null || noResolution ? null : resolutionChoice(rng, 0.12);
      const [estimate, spent] = this.timeTracking();
      const history = this.deliveryHistory(created, resolved, dueDate);
      this.add(
        slot,
        {
          ...history,
          created,
          resolved,
          resolution,
          ...(noResolution && history.changes.length === 0 ? { statusCategoryChanged: resolved! } : {}),
          priority: this.priority(rng.pick([2, 1, null])),
          labels: pickLabels(rng, [], 0),
          offset,
          originalEstimateSeconds: estimate,
          timeSpentSeconds: spent,
        },
        `deliverable ${i} (${shape}, ${history.kind})`,
      );
    }
  }

  /**
   * A status and due-date history whose committed due date (SPEC v2) is mostly `due`: the initial status and due
   * date and the changes. Resolved deliverables end in Done at `resolved`.
   */
  deliveryHistory(
    created: number,
    resolved: number | null,
    due: string | null,
  ): { kind: string; status: string; dueDate: string | null; changes: Change[] } {
    const { rng } = this;
    const end = Math.min(resolved ?? this.horizon, this.horizon);
    const kind = rng.weighted<string>([
      ['none', 3],
      ['moved', 3],
      ['setOnCommitDay', 1.5],
      ['setAfterCommit', 1.5],
      ['movedBeforeCommit', 1],
      ['movedLaterOnCommitDay', 1],
      ['neverInProgress', 1.5],
      ['pulledIn', 1],
      ['createdInProgress', 1],
      ['commitAfterAsOf', 0.7],
    ]);
    const by = () => rng.pick([ADMIN.accountId, STAFF.accountId]);
    const slip = () =>
      addDaysTo(
        due!,
        rng.weighted([
          [1, 2],
          [rng.int(1, 40), 3],
          [rng.int(100, 300), 1],
        ]),
      );
    const done: Change[] = resolved === null ? [] : [{ at: resolved, status: STATUS.done, by: by() }];
    const finalOpen = resolved === null ? STATUS.toDo : STATUS.done;
    if (kind === 'none' || end - created < 4 * HOUR)
      return {
        kind: 'none',
        status: resolved === null ? rng.pick([STATUS.toDo, STATUS.inProgress]) : STATUS.done,
        dueDate: due,
        changes: [],
      };
    const commitAt =
      kind === 'commitAfterAsOf'
        ? Math.max(
            created + 1,
            instantOfLocal(addDaysTo(this.asOf, 1), this.tz) + rng.int(0, 3 * 24) * MINUTE,
          )
        : this.between(created, end);
    if (commitAt >= end && kind !== 'neverInProgress' && kind !== 'createdInProgress')
      return { kind: 'none', status: finalOpen, dueDate: due, changes: done };
    const commit: Change = { at: commitAt, status: rng.pick([STATUS.inProgress, STATUS.inReview]), by: by() };
    const after = (t: number) => this.between(t, Math.max(t + 3, this.horizon));
    switch (kind) {
      case 'moved':
      case 'commitAfterAsOf': {
        const changes = [commit, ...done];
        if (due && rng.chance(0.85))
          changes.push({ at: after(this.laterDay(commitAt, 1)), due: slip(), by: by() });
        return { kind, status: STATUS.toDo, dueDate: due, changes };
      }
      case 'pulledIn': {
        const changes = [commit, ...done];
        if (due) changes.push({ at: after(commitAt), due: addDaysTo(due, -rng.int(1, 20)), by: by() });
        return { kind, status: STATUS.toDo, dueDate: due, changes };
      }
      case 'setOnCommitDay': {
        const changes = [commit, ...done];
        if (due) changes.push({ at: this.laterSameDay(commitAt), due, by: by() });
        if (due && rng.chance(0.5))
          changes.push({ at: after(this.laterDay(commitAt, 1)), due: slip(), by: by() });
        return { kind, status: STATUS.toDo, dueDate: null, changes };
      }
      case 'setAfterCommit': {
        const changes = [commit, ...done];
        if (due)
          changes.push({
            at: this.laterDay(
              commitAt,
              rng.weighted([
                [1, 2],
                [rng.int(2, 60), 2],
              ]),
            ),
            due,
            by: by(),
          });
        return { kind, status: STATUS.toDo, dueDate: null, changes };
      }
      case 'movedBeforeCommit': {
        const changes = [commit, ...done];
        if (due) changes.push({ at: this.between(created, commitAt), due, by: by() });
        if (due && rng.chance(0.5))
          changes.push({ at: after(this.laterDay(commitAt, 1)), due: slip(), by: by() });
        return { kind, status: STATUS.toDo, dueDate: due ? addDaysTo(due, -rng.int(1, 30)) : null, changes };
      }
      case 'movedLaterOnCommitDay': {
        // Entered In Progress with one due date and moved the same day: the one held at the end of the day counts.
        const changes = [commit, ...done];
        if (due) changes.push({ at: this.laterSameDay(commitAt), due, by: by() });
        return { kind, status: STATUS.toDo, dueDate: due ? addDaysTo(due, -rng.int(1, 10)) : null, changes };
      }
      case 'neverInProgress': {
        const changes = [...done];
        if (due && rng.chance(0.5))
          return {
            kind,
            status: STATUS.toDo,
            dueDate: null,
            changes: [
              ...changes,
              { at: this.between(created, end), due, by: by() },
              { at: after(end), due: slip(), by: by() },
            ],
          };
        if (due) changes.push({ at: this.between(created, end + 30 * 24 * HOUR), due: slip(), by: by() });
        return { kind, status: STATUS.toDo, dueDate: due, changes };
      }
      case 'createdInProgress': {
        const changes = [...done];
        if (due && rng.chance(0.5))
          changes.push({ at: after(this.laterDay(created, 1)), due: slip(), by: by() });
        return { kind, status: STATUS.inProgress, dueDate: due, changes };
      }
    }
    return { kind: 'none', status: finalOpen, dueDate: due, changes: done };
  }

  ideas(count: number): void {
    const { rng, tz } = this;
    if (this.ideaSlots.length === 0) return;
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
      // Bypass labels (v2): put there at creation or later, by an approver or by someone else.
      const labels = pickLabels(rng, bypass, 0.3);
      const creator = rng.pick([ADMIN.accountId, STAFF.accountId]);
      const changes: Change[] = [];
      if (rng.chance(0.35) && bypass.length > 0) {
        const label = rng.pick(bypass);
        const at = this.between(created, this.horizon);
        const without = labels.filter((l) => l !== label);
        if (labels.includes(label) && rng.chance(0.5)) {
          // Removed and put back by someone (the last adder counts).
          changes.push({ at, labels: without, by: rng.pick([ADMIN.accountId, STAFF.accountId]) });
          changes.push({
            at: at + HOUR,
            labels: [...without, label],
            by: rng.pick([ADMIN.accountId, STAFF.accountId]),
          });
        } else
          changes.push({ at, labels: [...without, label], by: rng.pick([ADMIN.accountId, STAFF.accountId]) });
      }
      this.add(
        rng.pick(this.ideaSlots),
        {
          status,
          created,
          resolved: resolution ? created + rng.int(1, 2000) * HOUR : null,
          resolution,
          labels,
          changes,
          reporter: creator,
          priority: this.priority(rng.pick([2, null])),
        },
        `idea ${i}`,
      );
    }
  }

  /** Issues of other types, and of the gate's types in projects that are not their source. */
  noise(count: number): void {
    const { rng, tz } = this;
    const slots = [
      ...this.noiseSlots,
      // An incident type in a project that is not an incident source, etc.
      ...this.projects.flatMap((gp) =>
        projectIssueTypes(this.site, findProject(this.site, gp.key)!)
          .filter((t) => t.hierarchyLevel >= 0)
          .filter(
            (t) =>
              (!gp.roles.includes('incident') && this.cfg.incidentTypes.some((n) => objectCalled(t, n))) ||
              (!gp.roles.includes('delivery') && t.hierarchyLevel === 1),
          )
          .map((t) => ({ project: gp.key, type: t.name })),
      ),
    ];
    if (slots.length === 0) return;
    for (let i = 0; i < count; i++) {
      const created = onDate(rng, this.edgeDate(this.cfg.reliabilityWindowDays), tz);
      const resolved = rng.chance(0.5) ? created + rng.int(1, 500) * HOUR : null;
      this.add(
        rng.pick(slots),
        {
          status: resolved ? STATUS.done : STATUS.toDo,
          created,
          resolved,
          resolution: resolved ? resolutionChoice(rng, 0.1) : null,
          priority: this.priority(rng.pick([0, 1, 3, null])),
          labels: pickLabels(rng, [], 0),
          dueDate: rng.chance(0.5) ? this.edgeDate(this.cfg.deliveryWindowDays) : null,
        },
        `noise ${i}`,
      );
    }
  }
}

/** The types a config names that a project of the flavour lacks (added to the gate's projects). */
function missingTypes(
  flavour: Flavour,
  kind: 'software' | 'service',
  cfg: OracleConfig,
  written: Partial<OracleConfig>,
) {
  const have = projectTypes(flavour, kind);
  const names = [...(written.incidentTypes ?? []), ...(cfg.deliverableTypes ?? []), cfg.ideaType];
  return names
    .filter((n) => !have.some((t) => objectCalled(t, n)))
    .map((name) => ({ name, ...(/^epic$/i.test(name) ? { hierarchyLevel: 1 } : {}) }));
}

/** The flavour of a seed's site. */
export function flavourFor(seed: number | string): Flavour {
  return createRng(`flavour:${seed}`).weighted<Flavour>([
    ['default', 2],
    ['jsm', 1],
    ['translated', 1],
  ]);
}

/**
 * A site with the projects of every plan (home first), each gate filled for its plan, plus the admin user of
 * `DEMO_USERS` (basic auth with its email and token), whose zone is `jiraUserTimeZone`, and the staff user.
 */
export function buildRandomSite(
  seed: number | string,
  plans: readonly ProjectPlan[],
  jiraUserTimeZone = 'UTC',
  flavour: Flavour = flavourFor(seed),
): FakeSite {
  const rng = createRng(`oracle:${seed}`);
  const latest = plans.reduce((max, p) => (p.asOf > max ? p.asOf : max), plans[0]!.asOf);
  const site = flavouredSite(flavour, {
    name: `Oracle ${seed}`,
    // The zone JQL date literals are read in (the searching user's zone in Jira), often far from the report's.
    jiraUserTimeZone,
    now: instantOfLocal(addDaysTo(latest, rng.int(30, 90)), 'UTC', rng.int(0, 23)),
  });

  for (const plan of plans) {
    const cfg = { ...SPEC_DEFAULTS, ...plan.config };
    const projects = plan.projects ?? [
      {
        key: plan.key,
        kind: rng.chance(0.3) ? ('service' as const) : ('software' as const),
        roles: ['incident', 'delivery', 'idea'] as Role[],
      },
    ];
    for (const gp of projects)
      addFlavouredProject(
        site,
        flavour,
        {
          key: gp.key,
          name: `Project ${gp.key}`,
          kind: gp.kind,
          style: rng.chance(0.25) ? 'next-gen' : 'classic',
        },
        missingTypes(flavour, gp.kind, cfg, plan.config),
      );
  }

  for (const plan of plans) {
    const gateRng = createRng(`oracle:${seed}:${plan.key}`);
    const b = new GateBuilder(site, gateRng, plan);
    const good = plan.quality === 'good';
    b.incidents(gateRng.int(good ? 8 : 12, good ? 22 : 35));
    b.deliverables(gateRng.int(8, 26) * Math.max(1, b.deliverableSlots.length > 2 ? 2 : 1));
    b.ideas(gateRng.int(2, 10));
    b.noise(gateRng.int(2, 8));
  }
  return site;
}
