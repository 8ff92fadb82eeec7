/**
 * The built-in demo site: "Northwind Logistics IT", a mid-sized IT organisation with about twelve months of history,
 * laid out relative to `today` so that the demo is always current, and deterministic (a seeded generator, no clock):
 * the same `today` always gives the same site.
 *
 * With the default configuration the projects land in different phases:
 * - `OPS` "Infrastructure & Operations" (service project) — phase 1: four major incidents in 90 days, one still open.
 * - `PMO` "Business Applications" — phase 2: reliable, but only 6 of 10 deliverables on time.
 * - `DIG` "Digital Workplace" — phase 3: reliable and 9 of 10 on time; innovation unlocked.
 * - `LAB` "Innovation Lab" (team-managed) — a handful of ideas and tasks; not enough delivery data.
 *
 * Demo credentials (basic auth with `email:token`, as with a Jira API token):
 * - `admin@northwind.example` / `demo-admin-token` — Jira admin, browses and administers everything.
 * - `lead@northwind.example` / `demo-lead-token` — browses OPS, PMO and DIG; administers PMO.
 * - `staff@northwind.example` / `demo-staff-token` — browses DIG only.
 * - the app account, accountId `app` — browses and administers every project, not a Jira admin; reachable only with
 *   the `X-Fake-Account-Id` header (`authMode: 'header'`).
 */
import { addDays } from '../../src/core/dates';
export { demoToday } from './today';
import { SERVICE_TYPES, SOFTWARE_TYPES, STATUS, TYPE, addStandardStatuses } from '../fake-jira/catalogue';
import { projectWriter, type ProjectWriter } from './demoWriter';
import { EPIC_SUMMARIES, IDEA_SUMMARIES, INCIDENT_SUMMARIES, WORK_SUMMARIES } from './demoText';
import { utcInstant } from '../fake-jira/jiraTime';
import { createRng, type Rng } from '../fake-jira/prng';
import { addProject, createSite, type FakeSite, type FakeUser, type ProjectSpec } from '../fake-jira/site';

export interface DemoCredential {
  accountId: string;
  email: string;
  token: string;
  displayName: string;
}

/** The demo site's sign-ins. */
export const DEMO_USERS = {
  admin: {
    accountId: '712020:1f0a4c2e-5b3d-4a8e-9c71-0d2e3f4a5b01',
    email: 'admin@northwind.example',
    token: 'demo-admin-token',
    displayName: 'Ava Patel',
  },
  lead: {
    accountId: '712020:2a1b5d3f-6c4e-4b9f-8d82-1e3f4a5b6c02',
    email: 'lead@northwind.example',
    token: 'demo-lead-token',
    displayName: 'Marcus Chen',
  },
  staff: {
    accountId: '712020:3b2c6e4a-7d5f-4c0a-9e93-2f4a5b6c7d03',
    email: 'staff@northwind.example',
    token: 'demo-staff-token',
    displayName: 'Priya Nair',
  },
  app: { accountId: 'app', email: 'phase-gate@app.northwind.example', token: '', displayName: 'Phase Gate' },
} as const satisfies Record<string, DemoCredential>;

/** People who report and work on issues but cannot sign in. */
const PEOPLE = [
  {
    accountId: '712020:4c3d7f5b-8e6a-4d1b-8fa4-3a5b6c7d8e04',
    displayName: 'Tomás Silva',
    browse: ['OPS', 'PMO'],
  },
  {
    accountId: '712020:5d4e8a6c-9f7b-4e2c-9ab5-4b6c7d8e9f05',
    displayName: 'Grace Okafor',
    browse: ['OPS', 'DIG'],
  },
  {
    accountId: '712020:6e5f9b7d-0a8c-4f3d-8bc6-5c7d8e9f0a06',
    displayName: 'Lena Müller',
    browse: ['PMO', 'DIG'],
  },
  {
    accountId: '712020:7f6a0c8e-1b9d-4a4e-9cd7-6d8e9f0a1b07',
    displayName: 'Kenji Watanabe',
    browse: ['OPS', 'LAB'],
  },
] as const;

function users(): FakeUser[] {
  const { admin, lead, staff, app } = DEMO_USERS;
  return [
    {
      ...admin,
      jiraAdmin: true,
      browse: '*',
      administer: '*',
      timeZone: 'Europe/London',
      accountType: 'atlassian',
    },
    {
      ...lead,
      jiraAdmin: false,
      browse: ['OPS', 'PMO', 'DIG'],
      administer: ['PMO'],
      timeZone: 'America/New_York',
      accountType: 'atlassian',
    },
    {
      ...staff,
      jiraAdmin: false,
      browse: ['DIG'],
      administer: [],
      timeZone: 'Asia/Kolkata',
      accountType: 'atlassian',
    },
    { ...app, jiraAdmin: false, browse: '*', administer: '*', timeZone: 'UTC', accountType: 'app' },
    ...PEOPLE.map((p) => ({
      ...p,
      browse: [...p.browse],
      email: `${p.displayName
        .split(' ')[0]!
        .toLowerCase()
        .normalize('NFD')
        .replace(/[^a-z]/g, '')}@northwind.example`,
      token: '',
      jiraAdmin: false,
      administer: [],
      timeZone: 'Europe/Amsterdam',
      accountType: 'atlassian' as const,
    })),
  ];
}

const peopleFor = (key: string) => [
  DEMO_USERS.admin.accountId,
  ...(key === 'LAB' ? [] : [DEMO_USERS.lead.accountId]),
  ...(key === 'DIG' ? [DEMO_USERS.staff.accountId] : []),
  ...PEOPLE.filter((p) => (p.browse as readonly string[]).includes(key)).map((p) => p.accountId),
];

/**
 * Older incident history (before the 90-day window), all restored within three days. `restore` gives the range of
 * restore hours by age, so that a project can show a turnaround in its trend.
 */
function history(
  w: ProjectWriter,
  rng: Rng,
  count: number,
  majorWeight: number,
  restore: (daysAgo: number) => [number, number] = () => [1, 70],
): void {
  for (let i = 0; i < count; i++) {
    const daysAgo = rng.int(100, 365);
    const [min, max] = restore(daysAgo);
    w.incident({
      daysAgo,
      summary: rng.pick(INCIDENT_SUMMARIES),
      priority: rng.weighted<string | null>([
        ['Highest', majorWeight],
        ['High', majorWeight * 2],
        ['Medium', 5],
        ['Low', 3],
        [null, 1],
      ]),
      restoreHours: rng.int(min, max),
    });
  }
}

/** Medium and low incidents inside the window, restored in `[minHours, maxHours]`. */
function minorIncidents(w: ProjectWriter, rng: Rng, count: number, minHours: number, maxHours: number): void {
  for (let i = 0; i < count; i++) {
    w.incident({
      daysAgo: rng.int(3, 88),
      summary: rng.pick(INCIDENT_SUMMARIES),
      priority: rng.weighted<string | null>([
        ['Medium', 5],
        ['Low', 3],
        [null, 1],
      ]),
      restoreHours: rng.int(minHours, maxHours),
    });
  }
}

function ideas(w: ProjectWriter, rng: Rng, specs: readonly [string, string[]?][]): void {
  specs.forEach(([status, labels], i) => {
    w.idea({
      daysAgo: rng.int(5, 200),
      summary: IDEA_SUMMARIES[(i * 5 + rng.int(0, 11)) % IDEA_SUMMARIES.length]!,
      status,
      labels,
    });
  });
}

/** Deliverables: [created, due, resolved] in days ago (null due = none, null resolved = open). */
function epics(
  w: ProjectWriter,
  rng: Rng,
  specs: readonly [number, number | null, number | null, string?][],
): void {
  specs.forEach(([created, due, resolved, resolution], i) => {
    w.deliverable({
      createdDaysAgo: created,
      dueDaysAgo: due,
      resolvedDaysAgo: resolved,
      resolution,
      summary: EPIC_SUMMARIES[(i * 7 + rng.int(0, 23)) % EPIC_SUMMARIES.length]!,
    });
  });
}

/**
 * Adds a demo project to the site, with random numbers seeded by its key and a writer for its issues (reporters and
 * assignees from the project's people, components from its spec).
 */
function demoProject(site: FakeSite, today: string, spec: ProjectSpec): { w: ProjectWriter; rng: Rng } {
  addProject(site, spec);
  const rng = createRng(`northwind:${spec.key}`);
  const w = projectWriter({
    site,
    project: spec.key,
    today,
    rng,
    people: peopleFor(spec.key),
    components: spec.components,
  });
  return { w, rng };
}

function buildOps(site: FakeSite, today: string): void {
  const { w, rng } = demoProject(site, today, {
    key: 'OPS',
    name: 'Infrastructure & Operations',
    projectTypeKey: 'service_desk',
    leadAccountId: DEMO_USERS.lead.accountId,
    issueTypes: SERVICE_TYPES,
    components: ['Network', 'Data Centre', 'Identity', 'Messaging', 'Service Desk'],
  });
  history(w, rng, 45, 1);
  minorIncidents(w, rng, 16, 2, 60);
  // Four major incidents in the window; the last one is still open after six days.
  w.incident({
    daysAgo: 78,
    hour: 9,
    minute: 10,
    summary: 'Core switch failure in DC1',
    priority: 'Highest',
    restoreHours: 6,
  });
  w.incident({
    daysAgo: 51,
    hour: 14,
    minute: 25,
    summary: 'Payment gateway timeouts',
    priority: 'High',
    restoreHours: 30,
  });
  w.incident({
    daysAgo: 23,
    hour: 2,
    minute: 40,
    summary: 'VPN concentrator failover did not trigger',
    priority: 'Highest',
    restoreHours: 9,
  });
  w.incident({
    daysAgo: 6,
    hour: 7,
    minute: 55,
    summary: 'Email relay queue backlog',
    priority: 'High',
    restoreHours: null,
  });
  // Not counted: external cause, not an incident, a duplicate.
  w.incident({
    daysAgo: 33,
    summary: 'ISP outage: upstream fibre cut at Depot 2',
    priority: 'High',
    restoreHours: 12,
    labels: ['external-cause'],
  });
  w.incident({
    daysAgo: 12,
    summary: 'Password reset request logged as an incident',
    priority: 'Medium',
    restoreHours: 1,
    labels: ['not-an-incident'],
  });
  w.incident({
    daysAgo: 23,
    hour: 3,
    summary: 'VPN down for the Sales team',
    priority: 'High',
    restoreHours: 1,
    resolution: 'Duplicate',
  });
  // Low-priority incidents left open for months.
  w.incident({
    daysAgo: 140,
    summary: 'Intermittent packet loss on the Depot 4 uplink',
    priority: 'Low',
    restoreHours: null,
    openStatus: STATUS.open,
  });
  w.incident({
    daysAgo: 2,
    summary: 'Printer fleet offline in Depot 4',
    priority: 'Low',
    restoreHours: null,
    openStatus: STATUS.open,
  });
  // 3 of 7 decided deliverables on time, 3 late, 1 overdue and open.
  epics(w, rng, [
    [300, 200, 205],
    [260, 150, 152],
    [220, 120, 110],
    [130, 100, 104],
    [200, 95, 80],
    [160, 60, 61],
    [150, 40, 22],
    [120, 30, null],
    [90, null, null],
    [80, -40, null],
    [60, -90, null],
    [140, 70, 75, "Won't Do"],
  ]);
  ideas(w, rng, [
    [STATUS.ideaSubmitted, ['reliability']],
    [STATUS.ideaSubmitted],
    [STATUS.evaluating, ['security']],
    [STATUS.adopted],
    [STATUS.rejected],
  ]);
  w.work(60, 365, 1, [TYPE.serviceRequest, TYPE.task], WORK_SUMMARIES);
  w.finish();
}

function buildPmo(site: FakeSite, today: string): void {
  const { w, rng } = demoProject(site, today, {
    key: 'PMO',
    name: 'Business Applications',
    leadAccountId: DEMO_USERS.lead.accountId,
    issueTypes: SOFTWARE_TYPES,
    components: ['ERP', 'CRM', 'Payroll', 'Payments'],
  });
  history(w, rng, 25, 0.5, (n) => (n > 250 ? [10, 70] : n > 180 ? [4, 40] : [1, 24]));
  minorIncidents(w, rng, 12, 1, 20);
  w.incident({
    daysAgo: 64,
    hour: 1,
    minute: 5,
    summary: 'ERP batch jobs overran the night window',
    priority: 'High',
    restoreHours: 5,
  });
  w.incident({
    daysAgo: 19,
    hour: 16,
    minute: 30,
    summary: 'Payroll export file truncated',
    priority: 'Highest',
    restoreHours: 3,
  });
  w.incident({
    daysAgo: 3,
    summary: 'Slow performance on the CRM search',
    priority: 'Low',
    restoreHours: null,
    openStatus: STATUS.open,
  });
  // 6 of 10 decided deliverables on time (one delivered on its due date), 3 late, 1 overdue and open.
  epics(w, rng, [
    [330, 250, 252],
    [300, 220, 240],
    [290, 205, 204],
    [250, 160, 163],
    [240, 150, 141],
    [220, 130, 131],
    [200, 100, 104],
    [180, 90, 78],
    [160, 75, 75],
    [120, 45, 50],
    [100, 40, 37],
    [90, 25, null],
    [70, 15, 16],
    [60, -20, null],
    [40, -45, null],
    [110, null, null],
    [150, null, 60],
    [130, 50, 55, "Won't Do"],
  ]);
  ideas(w, rng, [
    [STATUS.ideaSubmitted],
    [STATUS.ideaSubmitted, ['security']],
    [STATUS.ideaSubmitted],
    [STATUS.evaluating],
    [STATUS.adopted],
  ]);
  w.work(80, 365, 1, [TYPE.story, TYPE.story, TYPE.task, TYPE.bug], WORK_SUMMARIES);
  w.finish();
}

function buildDig(site: FakeSite, today: string): void {
  const { w, rng } = demoProject(site, today, {
    key: 'DIG',
    name: 'Digital Workplace',
    leadAccountId: DEMO_USERS.admin.accountId,
    issueTypes: SOFTWARE_TYPES,
    components: ['Intranet', 'Collaboration', 'Devices', 'Mobile'],
  });
  history(w, rng, 20, 0.4, (n) => (n > 270 ? [8, 60] : n > 150 ? [2, 30] : [1, 16]));
  minorIncidents(w, rng, 10, 1, 12);
  w.incident({
    daysAgo: 40,
    hour: 8,
    minute: 45,
    summary: 'SSO login loop for Office users',
    priority: 'High',
    restoreHours: 4,
  });
  w.incident({
    daysAgo: 2,
    summary: 'Teams meetings dropping audio',
    priority: 'Medium',
    restoreHours: null,
  });
  // 9 of 10 decided deliverables on time.
  epics(w, rng, [
    [320, 230, 228],
    [300, 200, 201],
    [260, 170, 172],
    [240, 150, 150],
    [230, 128, 130],
    [200, 120, 117],
    [190, 110, 112],
    [170, 95, 95],
    [150, 70, 73],
    [120, 55, 55],
    [90, 30, 33],
    [50, 8, 9],
    [40, -30, null],
    [20, -60, null],
    [60, null, 20],
  ]);
  ideas(w, rng, [
    [STATUS.ideaSubmitted],
    [STATUS.ideaSubmitted, ['reliability']],
    [STATUS.evaluating],
    [STATUS.evaluating],
    [STATUS.adopted],
    [STATUS.adopted],
  ]);
  w.work(70, 365, 1, [TYPE.story, TYPE.task, TYPE.bug], WORK_SUMMARIES);
  w.finish();
}

function buildLab(site: FakeSite, today: string): void {
  const { w, rng } = demoProject(site, today, {
    key: 'LAB',
    name: 'Innovation Lab',
    style: 'next-gen',
    leadAccountId: DEMO_USERS.admin.accountId,
    issueTypes: [{ name: TYPE.epic, hierarchyLevel: 1 }, { name: TYPE.task }, { name: TYPE.idea }],
  });
  epics(w, rng, [[45, -30, null]]);
  ideas(w, rng, [[STATUS.ideaSubmitted], [STATUS.ideaSubmitted], [STATUS.evaluating]]);
  w.work(4, 60, 1, [TYPE.task], WORK_SUMMARIES);
  w.finish();
}

export interface DemoSiteOptions {
  /** The demo's "today", `YYYY-MM-DD` (UTC). Every date in the site is laid out relative to it. */
  today: string;
}

/**
 * Builds the Northwind Logistics IT demo site. Deterministic: the same `today` gives identical data.
 * The site's clock is 12:00 UTC on `today`.
 * @example buildDemoSite({ today: demoToday() }).projects.map((p) => p.key) // ['OPS', 'PMO', 'DIG', 'LAB']
 */
export function buildDemoSite(options: DemoSiteOptions): FakeSite {
  const { today } = options;
  addDays(today, 0); // validates the date
  const site = createSite({ name: 'Northwind Logistics IT', timeZone: 'UTC', now: utcInstant(today, 12) });
  site.users.push(...users());
  addStandardStatuses(site);
  buildOps(site, today);
  buildPmo(site, today);
  buildDig(site, today);
  buildLab(site, today);
  return site;
}
