/**
 * The built-in demo site: "Northwind Logistics IT", a mid-sized IT organisation with more than twelve months of
 * history, laid out relative to `today` so that the demo is always current, and deterministic (a seeded generator, no
 * clock): the same `today` always gives the same site.
 *
 * The organisation, as a real one keeps it in Jira, read by the organisation gate "Northwind IT" (`DEMO_GATES`, home
 * `ITSM`; the CLI config is examples/northwind-it.json):
 * - `ITSM` "IT Service Desk" — a Jira Service Management project: `[System] Incident` and `[System] Service request`
 *   over 14 months, priorities `P1`–`P5`, and about a third of the incidents closed by a transition that sets no
 *   resolution (Done without a resolution: the day they moved to Done counts).
 * - `APP` "Customer Apps", `DATA` "Data & Analytics", `INFRA` "Cloud & Infrastructure" — Jira Software delivery
 *   projects with epics whose change history is recorded; some epics had their due date pushed out after they went In
 *   Progress, so their committed due date is earlier than the current one (`delivery.slipped`).
 * - `IDEAS` "Innovation Ideas" — a business project of "Innovation Idea" issues, most of them waiting; one carries a
 *   `security` label added by the project's admin (an approved bypass), one a `reliability` label added by a staff
 *   member (ignored: she cannot approve a bypass).
 * With the default configuration "Northwind IT" is in phase 2 today: a bad first quarter of slow restores and a P1
 * or P2 every two weeks (phase 1); a turnaround to phase 2 about 266 days ago; thrown back to phase 1 152 days ago by
 * three major incidents in nine days; back in phase 2 for the last 62 days, with two major incidents in the last 90
 * days (the limit), restores in 9.5 h (median) — so `timesThrownBack` is 1. Delivery is not met: 11 of 18 decided
 * epics (61%) were delivered by their committed due date, 5 slipped (median 24 days); on the current, pushed-out due
 * dates (`dueDateBasis: "current"`) it would read 15 of 17 (88%) and phase 3. 7 of its 10 ideas wait, 6 locked.
 *
 * Beside it, stand-alone project gates (each project its own source), with the default configuration:
 * - `OPS` "Infrastructure & Operations" (service project) — phase 1: four major incidents in 90 days, one still open.
 * - `PMO` "Business Applications" — phase 2: reliable, but only 6 of 10 deliverables on time.
 * - `DIG` "Digital Workplace" — phase 3: reliable and 9 of 10 on time; innovation unlocked.
 * - `LAB` "Innovation Lab" (team-managed) — a handful of ideas and tasks; not enough delivery data.
 *
 * Priorities. Priorities are site-wide in Jira (and in this fake), and the site's list is `P1`–`P5` (ids 1–5, highest
 * first), as on a Jira Service Management site that renamed them. Every project uses them: the stand-alone projects'
 * issues, once Highest/High/Medium/Low/Lowest, are P1/P2/P3/P4/P5 with the same ids, so the default major priorities
 * (the two highest in the site's order) are still the same two and their figures are unchanged. (`untranslatedName`
 * is not used: it is the English name of a translated object, not an alias.) A config naming `Highest` on this site
 * is refused as an unknown priority, as Jira would; and the benchmark generator (dev/bench-data), which writes
 * Highest…Lowest, cannot add a project to this site.
 *
 * Workflows. The validator is on the Innovation Idea workflow of OPS, DIG and IDEAS, and missing in PMO (the admin
 * page's setup check reports it).
 *
 * Demo credentials (basic auth with `email:token`, as with a Jira API token):
 * - `admin@northwind.example` / `demo-admin-token` — Jira admin, browses and administers everything.
 * - `lead@northwind.example` / `demo-lead-token` — browses every project but LAB (so sees "Northwind IT");
 *   administers PMO and IDEAS (approves bypass labels on ideas).
 * - `staff@northwind.example` / `demo-staff-token` — browses DIG and IDEAS (raises ideas; cannot see the org gate).
 * - the app account, accountId `app` — browses and administers every project, not a Jira admin; reachable only with
 *   the `X-Fake-Account-Id` header (`authMode: 'header'`).
 */
import { addDays } from '../../src/core/dates';
export { demoToday } from './today';
import type { ConfigInput } from '../../src/core/config';
import { SERVICE_TYPES, SOFTWARE_TYPES, STATUS, TYPE, addStandardStatuses } from '../fake-jira/catalogue';
import { projectWriter, type ProjectWriter, type WriterOptions } from './demoWriter';
import {
  DELIVERY_EPICS,
  EPIC_SUMMARIES,
  IDEA_SUMMARIES,
  INCIDENT_SUMMARIES,
  SERVICE_REQUEST_SUMMARIES,
  WORK_SUMMARIES,
} from './demoText';
import { utcInstant } from '../fake-jira/jiraTime';
import { createRng, type Rng } from '../fake-jira/prng';
import {
  addProject,
  addStatus,
  createSite,
  type FakeNamed,
  type FakeSite,
  type FakeUser,
  type ProjectSpec,
} from '../fake-jira/site';

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
    browse: ['OPS', 'PMO', 'ITSM', 'INFRA'],
  },
  {
    accountId: '712020:5d4e8a6c-9f7b-4e2c-9ab5-4b6c7d8e9f05',
    displayName: 'Grace Okafor',
    browse: ['OPS', 'DIG', 'ITSM', 'IDEAS'],
  },
  {
    accountId: '712020:6e5f9b7d-0a8c-4f3d-8bc6-5c7d8e9f0a06',
    displayName: 'Lena Müller',
    browse: ['PMO', 'DIG', 'APP', 'DATA', 'IDEAS'],
  },
  {
    accountId: '712020:7f6a0c8e-1b9d-4a4e-9cd7-6d8e9f0a1b07',
    displayName: 'Kenji Watanabe',
    browse: ['OPS', 'LAB', 'INFRA', 'DATA', 'IDEAS'],
  },
  {
    accountId: '712020:8a7b1d9f-2c0e-4b5f-8de8-7e9f0a1b2c08',
    displayName: 'Sofia Rossi',
    browse: ['ITSM', 'IDEAS'],
  },
  {
    accountId: '712020:9b8c2e0a-3d1f-4c6a-9ef9-8f0a1b2c3d09',
    displayName: 'Daniel Mensah',
    browse: ['DATA', 'APP', 'ITSM'],
  },
] as const;

/** The projects of the "Northwind IT" organisation gate. */
const ORG = { incidents: ['ITSM'], delivery: ['APP', 'DATA', 'INFRA'], ideas: ['IDEAS'] } as const;

/** A gate the demo ships with: its home project and its configuration (as saved in the app, or a CLI `--config`). */
export interface DemoGate {
  home: string;
  config: ConfigInput;
}

/**
 * The gates the demo ships with, the organisation gate first: "Northwind IT" over the service desk, the three
 * delivery projects and the ideas project (examples/northwind-it.json is the same config), then the stand-alone
 * project gates with the default configuration.
 */
export const DEMO_GATES: readonly DemoGate[] = [
  {
    home: 'ITSM',
    config: {
      name: 'Northwind IT',
      incidentProjects: [...ORG.incidents],
      deliveryProjects: [...ORG.delivery],
      ideaProjects: [...ORG.ideas],
    },
  },
  { home: 'OPS', config: {} },
  { home: 'PMO', config: {} },
  { home: 'DIG', config: {} },
  { home: 'LAB', config: {} },
];

/** The site's priorities, highest first: renamed P1–P5 as on many Jira Service Management sites (see the header). */
const PRIORITIES: FakeNamed[] = [
  { id: '1', name: 'P1', description: 'Critical: a service is down for a site or many users.' },
  { id: '2', name: 'P2', description: 'High: a service is degraded, or down for one team.' },
  { id: '3', name: 'P3', description: 'Moderate: a few users affected, or a workaround exists.' },
  { id: '4', name: 'P4', description: 'Low: an inconvenience.' },
  { id: '5', name: 'P5', description: 'Lowest: no impact on the service.' },
];

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
      browse: ['OPS', 'PMO', 'DIG', 'ITSM', 'APP', 'DATA', 'INFRA', 'IDEAS'],
      administer: ['PMO', 'IDEAS'],
      timeZone: 'America/New_York',
      accountType: 'atlassian',
    },
    {
      ...staff,
      jiraAdmin: false,
      browse: ['DIG', 'IDEAS'],
      administer: [],
      timeZone: 'Asia/Kolkata',
      accountType: 'atlassian',
    },
    // The app's account is in atlassian-addons-admin, as on a real site: it may check who administers a project.
    { ...app, jiraAdmin: true, browse: '*', administer: '*', timeZone: 'UTC', accountType: 'app' },
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
  ...(key === 'DIG' || key === 'IDEAS' ? [DEMO_USERS.staff.accountId] : []),
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
        ['P1', majorWeight],
        ['P2', majorWeight * 2],
        ['P3', 5],
        ['P4', 3],
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
        ['P3', 5],
        ['P4', 3],
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
function demoProject(
  site: FakeSite,
  today: string,
  spec: ProjectSpec,
  writer: Pick<WriterOptions, 'incidentType' | 'incidentOpenStatus'> = {},
): { w: ProjectWriter; rng: Rng } {
  addProject(site, spec);
  const rng = createRng(`northwind:${spec.key}`);
  const w = projectWriter({
    ...writer,
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
    priority: 'P1',
    restoreHours: 6,
  });
  w.incident({
    daysAgo: 51,
    hour: 14,
    minute: 25,
    summary: 'Payment gateway timeouts',
    priority: 'P2',
    restoreHours: 30,
  });
  w.incident({
    daysAgo: 23,
    hour: 2,
    minute: 40,
    summary: 'VPN concentrator failover did not trigger',
    priority: 'P1',
    restoreHours: 9,
  });
  w.incident({
    daysAgo: 6,
    hour: 7,
    minute: 55,
    summary: 'Email relay queue backlog',
    priority: 'P2',
    restoreHours: null,
  });
  // Not counted: external cause, not an incident, a duplicate.
  w.incident({
    daysAgo: 33,
    summary: 'ISP outage: upstream fibre cut at Depot 2',
    priority: 'P2',
    restoreHours: 12,
    labels: ['external-cause'],
  });
  w.incident({
    daysAgo: 12,
    summary: 'Password reset request logged as an incident',
    priority: 'P3',
    restoreHours: 1,
    labels: ['not-an-incident'],
  });
  w.incident({
    daysAgo: 23,
    hour: 3,
    summary: 'VPN down for the Sales team',
    priority: 'P2',
    restoreHours: 1,
    resolution: 'Duplicate',
  });
  // Low-priority incidents left open for months.
  w.incident({
    daysAgo: 140,
    summary: 'Intermittent packet loss on the Depot 4 uplink',
    priority: 'P4',
    restoreHours: null,
    openStatus: STATUS.open,
  });
  w.incident({
    daysAgo: 2,
    summary: 'Printer fleet offline in Depot 4',
    priority: 'P4',
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
    priority: 'P2',
    restoreHours: 5,
  });
  w.incident({
    daysAgo: 19,
    hour: 16,
    minute: 30,
    summary: 'Payroll export file truncated',
    priority: 'P1',
    restoreHours: 3,
  });
  w.incident({
    daysAgo: 3,
    summary: 'Slow performance on the CRM search',
    priority: 'P4',
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
    priority: 'P2',
    restoreHours: 4,
  });
  w.incident({
    daysAgo: 2,
    summary: 'Teams meetings dropping audio',
    priority: 'P3',
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

// ---------------------------------------------------------------------------------------------------------------
// The "Northwind IT" organisation: ITSM, APP, DATA, INFRA and IDEAS.

const JSM_INCIDENT = '[System] Incident';
const JSM_REQUEST = '[System] Service request';
const WORK_IN_PROGRESS = 'Work in progress';

/** The issue types of a Jira Service Management project, as JSM names them. */
const ITSM_TYPES = [
  { name: JSM_INCIDENT, description: 'For system outages or incidents. Created by Jira Service Management.' },
  {
    name: JSM_REQUEST,
    description: 'For requests that require approval. Created by Jira Service Management.',
  },
  {
    name: '[System] Problem',
    description: 'Track underlying causes of incidents. Created by Jira Service Management.',
  },
  { name: '[System] Change', description: 'For planned changes. Created by Jira Service Management.' },
  { name: TYPE.task, description: 'A small, distinct piece of work.' },
  {
    name: TYPE.subtask,
    hierarchyLevel: -1,
    description: 'A small piece of work that is part of a larger task.',
  },
];

/** A delivery project's types: epics and their work, no incidents or ideas (those live in ITSM and IDEAS). */
const DELIVERY_TYPES = SOFTWARE_TYPES.filter((t) => t.name !== TYPE.incident && t.name !== TYPE.idea);

/** Minor (P3–P5) incidents raised between `from` and `to` days ago, restored in `[min, max]` hours. */
function minorBetween(
  w: ProjectWriter,
  rng: Rng,
  count: number,
  [from, to]: [number, number],
  [min, max]: [number, number],
  withoutResolution: number,
): void {
  for (let i = 0; i < count; i++) {
    w.incident({
      daysAgo: rng.int(to, from),
      summary: rng.pick(INCIDENT_SUMMARIES),
      priority: rng.weighted<string>([
        ['P3', 5],
        ['P4', 4],
        ['P5', 1],
      ]),
      restoreHours: rng.int(min, max),
      withoutResolution: rng.chance(withoutResolution),
    });
  }
}

/** A major (P1/P2) incident: `[daysAgo, hour, priority, restore hours, summary, Done without a resolution?]`. */
type Major = [number, number, 'P1' | 'P2', number | null, string, boolean?];

function majors(w: ProjectWriter, list: readonly Major[]): void {
  for (const [daysAgo, hour, priority, restoreHours, summary, withoutResolution] of list)
    w.incident({ daysAgo, hour, minute: 15, priority, restoreHours, summary, withoutResolution });
}

/**
 * ITSM: 14 months of incidents. Before about 300 days ago restores were slow (a day to four days) and a P1 or P2 came
 * every two weeks; then restores got fast (1–18 h). Three majors in nine days about five months ago, two in the last
 * 90 days. A third of the incidents are closed without a resolution.
 */
function buildItsm(site: FakeSite, today: string): void {
  addStatus(site, WORK_IN_PROGRESS, 'indeterminate');
  const { w, rng } = demoProject(
    site,
    today,
    {
      key: 'ITSM',
      name: 'IT Service Desk',
      projectTypeKey: 'service_desk',
      leadAccountId: DEMO_USERS.lead.accountId,
      issueTypes: ITSM_TYPES,
      components: [
        'Network',
        'Cloud',
        'End-user devices',
        'Business apps',
        'Identity & access',
        'Warehouse systems',
      ],
    },
    { incidentType: JSM_INCIDENT, incidentOpenStatus: WORK_IN_PROGRESS },
  );
  // The bad old days: slow restores and frequent majors.
  minorBetween(w, rng, 45, [425, 300], [20, 96], 0.3);
  majors(w, [
    [424, 8, 'P1', 30, 'Core switch failure in DC1'],
    [411, 13, 'P2', 52, 'Warehouse scanners cannot reach WMS'],
    [397, 6, 'P1', 41, 'Route planner API returning 500s'],
    [384, 22, 'P2', 60, 'Backup job failed for the file servers'],
    [370, 10, 'P1', 28, 'SFTP transfers to customs agency failing', true],
    [356, 3, 'P2', 36, 'Hypervisor host memory errors'],
    [343, 15, 'P1', 22, 'Payment gateway timeouts'],
    [329, 9, 'P2', 26, 'Load balancer health checks flapping'],
  ]);
  // The turnaround: fast restores since.
  minorBetween(w, rng, 110, [299, 1], [1, 18], 0.35);
  majors(w, [
    [233, 11, 'P2', 6, 'Telephony queue not routing to agents'],
    [191, 7, 'P1', 4, 'Certificate expired on the supplier portal'],
    // The mis-step: three majors in nine days throw the organisation back to phase 1.
    [152, 2, 'P1', 7, 'Storage array controller failure in DC2'],
    [147, 16, 'P1', 5, 'WMS outage after a database patch', true],
    [143, 9, 'P2', 9, 'Firewall rule change blocked EDI traffic'],
    // The last 90 days: two, the limit.
    [37, 14, 'P2', 5, 'Mobile app cannot sync delivery proofs'],
    [11, 6, 'P1', 3, 'DNS resolution failing for internal zones', true],
  ]);
  // Not counted: an external cause, not an incident, a duplicate; and a minor left open.
  w.incident({
    daysAgo: 24,
    hour: 5,
    summary: 'ISP outage: upstream fibre cut at the Rotterdam hub',
    priority: 'P1',
    restoreHours: 14,
    labels: ['external-cause'],
  });
  w.incident({
    daysAgo: 16,
    summary: 'Password reset request raised as an incident',
    priority: 'P3',
    restoreHours: 1,
    labels: ['not-an-incident'],
  });
  w.incident({
    daysAgo: 11,
    hour: 7,
    summary: 'Nobody can resolve intranet hostnames',
    priority: 'P2',
    restoreHours: 1,
    resolution: 'Duplicate',
  });
  w.incident({
    daysAgo: 58,
    summary: 'Badge readers offline at HQ reception',
    priority: 'P4',
    restoreHours: null,
  });
  w.work(150, 425, 1, [JSM_REQUEST, JSM_REQUEST, JSM_REQUEST, TYPE.task], SERVICE_REQUEST_SUMMARIES);
  w.finish();
}

type Outcome = 'on' | 'late' | 'slip';
/** Five of every eight epics delivered by their committed due date; two of the others had it pushed out. */
const OUTCOMES: readonly Outcome[] = ['on', 'on', 'slip', 'on', 'late', 'on', 'slip', 'on'];

/**
 * APP, DATA and INFRA: one epic decided about every ten days across the three projects for 17 months, by the
 * pattern of OUTCOMES (its decision day is `s` days ago): on time (due on or after delivery; every fourth one was
 * re-planned before it started, not a slip), late (due `s + 1` days ago, delivered later or still open), or slipped
 * (committed to `s + 1` days ago, pushed out while In Progress, delivered by the new date or still open). Then work
 * in progress with future due dates, an epic without a due date and a cancelled one in each project.
 */
function buildDelivery(site: FakeSite, today: string): void {
  const projects = [
    { key: 'APP', name: 'Customer Apps', components: ['Driver app', 'Customer portal', 'APIs'] },
    { key: 'DATA', name: 'Data & Analytics', components: ['Warehouse', 'Pipelines', 'Reporting'] },
    { key: 'INFRA', name: 'Cloud & Infrastructure', components: ['Network', 'Cloud', 'Security', 'Backup'] },
  ] as const;
  const built = projects.map((p) => {
    const { w, rng } = demoProject(site, today, {
      key: p.key,
      name: p.name,
      leadAccountId: DEMO_USERS.lead.accountId,
      issueTypes: DELIVERY_TYPES,
      components: p.components,
    });
    return { ...p, w, rng, n: 0 };
  });
  const summary = (b: (typeof built)[number]) => {
    const list = DELIVERY_EPICS[b.key];
    const i = b.n++;
    return i < list.length ? list[i]! : `${list[i % list.length]!} (wave ${Math.floor(i / list.length) + 1})`;
  };
  const rng = createRng('northwind:org-delivery');
  let slot = 0;
  for (let s = 515; s >= 2; s -= 10, slot++) {
    const b = built[slot % built.length]!;
    const outcome = OUTCOMES[slot % OUTCOMES.length]!;
    if (outcome === 'on') {
      const due = s - rng.int(0, 12);
      const created = due + rng.int(90, 150);
      const started = created - rng.int(6, 20);
      const replanned = slot % 4 === 3;
      b.w.deliverable({
        summary: summary(b),
        createdDaysAgo: created,
        startedDaysAgo: started,
        dueDaysAgo: due,
        resolvedDaysAgo: s,
        ...(replanned
          ? { plannedDueDaysAgo: due + 21, dueChanges: [{ atDaysAgo: created - 3, toDueDaysAgo: due }] }
          : {}),
      });
    } else if (outcome === 'late') {
      const committed = s + 1;
      const created = committed + rng.int(90, 150);
      b.w.deliverable({
        summary: summary(b),
        createdDaysAgo: created,
        startedDaysAgo: created - rng.int(6, 20),
        dueDaysAgo: committed,
        resolvedDaysAgo: committed - rng.int(4, 30),
      });
    } else {
      const committed = s + 1;
      const created = committed + rng.int(100, 160);
      const started = created - rng.int(6, 20);
      const moved = committed + rng.int(3, 25);
      const pushed = committed - rng.int(15, 40);
      b.w.deliverable({
        summary: summary(b),
        createdDaysAgo: created,
        startedDaysAgo: started,
        plannedDueDaysAgo: committed,
        dueChanges: [{ atDaysAgo: Math.min(moved, started - 2), toDueDaysAgo: pushed }],
        dueDaysAgo: pushed,
        resolvedDaysAgo: pushed + rng.int(0, 10),
      });
    }
  }
  for (const b of built) {
    // In flight: due in the next months; one not started yet.
    b.w.deliverable({
      summary: summary(b),
      createdDaysAgo: 70,
      startedDaysAgo: 60,
      dueDaysAgo: -25,
      resolvedDaysAgo: null,
    });
    b.w.deliverable({
      summary: summary(b),
      createdDaysAgo: 40,
      startedDaysAgo: 30,
      dueDaysAgo: -70,
      resolvedDaysAgo: null,
    });
    b.w.deliverable({ summary: summary(b), createdDaysAgo: 12, dueDaysAgo: -120, resolvedDaysAgo: null });
    // No due date (a data-quality warning), and a cancelled epic (excluded).
    b.w.deliverable({
      summary: summary(b),
      createdDaysAgo: 95,
      startedDaysAgo: 80,
      dueDaysAgo: null,
      resolvedDaysAgo: null,
    });
    b.w.deliverable({
      summary: summary(b),
      createdDaysAgo: 210,
      startedDaysAgo: 190,
      dueDaysAgo: 120,
      resolvedDaysAgo: 130,
      resolution: "Won't Do",
    });
    b.w.work(70, 425, 1, [TYPE.story, TYPE.story, TYPE.task, TYPE.bug], WORK_SUMMARIES);
    b.w.finish();
  }
}

/**
 * IDEAS: staff ideas, most of them waiting while innovation is locked. The lead (who administers IDEAS) added
 * `security` to one — an approved bypass; Priya Nair (staff) added `reliability` to another — ignored.
 */
function buildIdeas(site: FakeSite, today: string): void {
  const { w } = demoProject(site, today, {
    key: 'IDEAS',
    name: 'Innovation Ideas',
    projectTypeKey: 'business',
    leadAccountId: DEMO_USERS.lead.accountId,
    issueTypes: [
      { name: TYPE.idea, description: SOFTWARE_TYPES.find((t) => t.name === TYPE.idea)!.description },
      { name: TYPE.task, description: 'A small, distinct piece of work.' },
    ],
  });
  const staff = DEMO_USERS.staff.accountId;
  const lead = DEMO_USERS.lead.accountId;
  const idea = (
    daysAgo: number,
    summary: string,
    status: string,
    more: Partial<Parameters<ProjectWriter['idea']>[0]> = {},
  ) => w.idea({ daysAgo, summary, status, ...more });
  idea(320, 'Voice picking in the warehouse', STATUS.adopted, { reporter: PEOPLE[3].accountId });
  idea(280, 'Hackathon day every quarter', STATUS.rejected, { reporter: staff });
  idea(240, 'Chatbot for first-line password resets', STATUS.evaluating, { reporter: PEOPLE[4].accountId });
  idea(200, 'Route optimisation with live traffic data', STATUS.ideaSubmitted, {
    reporter: PEOPLE[2].accountId,
  });
  idea(160, 'Automated security patch rollout', STATUS.ideaSubmitted, {
    reporter: staff,
    labelAdded: { label: 'security', by: lead, daysAgo: 150 },
  });
  idea(130, 'Self-healing scripts for common alerts', STATUS.ideaSubmitted, {
    reporter: staff,
    labelAdded: { label: 'reliability', by: staff, daysAgo: 128 },
  });
  idea(95, 'AI triage of service desk tickets', STATUS.ideaSubmitted, { reporter: PEOPLE[4].accountId });
  idea(70, 'Predictive maintenance for conveyor belts', STATUS.evaluating, { reporter: PEOPLE[3].accountId });
  idea(45, 'Digital twin of the Rotterdam hub', STATUS.ideaSubmitted, { reporter: PEOPLE[5].accountId });
  idea(20, 'Green IT: power down idle desktops at night', STATUS.ideaSubmitted, { reporter: staff });
  idea(6, 'Chaos engineering game days', STATUS.ideaSubmitted, { reporter: PEOPLE[0].accountId });
  w.work(6, 300, 1, [TYPE.task], WORK_SUMMARIES);
  w.finish();
}

export interface DemoSiteOptions {
  /** The demo's "today", `YYYY-MM-DD` (UTC). Every date in the site is laid out relative to it. */
  today: string;
}

/**
 * Builds the Northwind Logistics IT demo site. Deterministic: the same `today` gives identical data.
 * The site's clock is 12:00 UTC on `today`.
 * @example buildDemoSite({ today: demoToday() }).projects.map((p) => p.key)
 * // ['OPS', 'PMO', 'DIG', 'LAB', 'ITSM', 'APP', 'DATA', 'INFRA', 'IDEAS']
 */
export function buildDemoSite(options: DemoSiteOptions): FakeSite {
  const { today } = options;
  addDays(today, 0); // validates the date
  const site = createSite({ name: 'Northwind Logistics IT', timeZone: 'UTC', now: utcInstant(today, 12) });
  site.priorities = PRIORITIES.map((p) => ({ ...p }));
  site.users.push(...users());
  addStandardStatuses(site);
  // The stand-alone projects first, so that their ids and keys stay as they were before the organisation joined.
  buildOps(site, today);
  buildPmo(site, today);
  buildDig(site, today);
  buildLab(site, today);
  buildItsm(site, today);
  buildDelivery(site, today);
  buildIdeas(site, today);
  // The admin put the validator on the idea workflows' "Start" transitions, except in PMO (the admin page's check
  // says so after PMO's set-up).
  site.appValidators = Object.fromEntries(
    ['OPS', 'DIG', 'IDEAS'].map((key) => [`${key}: Innovation Idea Workflow`, ['Start']]),
  );
  return site;
}
