import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { computeProjectGate } from '../../src/app/projectGate';
import { computeReport } from '../../src/core/compute';
import { DEFAULT_CONFIG, parseConfig } from '../../src/core/config';
import { addDays } from '../../src/core/dates';
import { JiraClient } from '../../src/jira/client';
import { buildDemoSite, DEMO_GATES, DEMO_USERS, demoToday } from '../../dev/demo-org/demoSite';
import { startDemoJira } from '../../dev/demo-org/demoServer';
import { generateLargeProject } from '../../dev/bench-data/generate';
import { createFakeJiraApp } from '../../dev/fake-jira/fakeJira';
import { inProcessTransport } from '../../dev/fake-jira/inProcessTransport';
import { formatJiraDateTime, shiftDate } from '../../dev/fake-jira/jiraTime';
import { createRng } from '../../dev/fake-jira/prng';
import { canAdminister, canBrowse, findUser, type FakeSite } from '../../dev/fake-jira/site';
import { call } from './http';
import { defaultSources, projectFacts } from './toFacts';

const TODAY = '2026-06-30';
const instant = (s: string) => Date.parse(s.replace(/([+-]\d\d)(\d\d)$/, '$1:$2'));

/** The organisation gate "Northwind IT" as the app computes it (names resolved on the site, changelogs read). */
async function orgGate(
  today: string,
  extra: Record<string, unknown> = {},
  site: FakeSite = buildDemoSite({ today }),
) {
  const org = DEMO_GATES.find((g) => g.home === 'ITSM')!;
  const client = new JiraClient(
    inProcessTransport(createFakeJiraApp({ site, pageCap: 13, shortPages: true }), {
      email: DEMO_USERS.admin.email,
      token: DEMO_USERS.admin.token,
    }),
  );
  return computeProjectGate(client, org.home, parseConfig({ ...org.config, ...extra }), {
    asOf: today,
    now: site.now,
    trend: true,
  });
}

function reportFor(today: string, key: string) {
  const site = buildDemoSite({ today });
  return computeReport(projectFacts(site, key), DEFAULT_CONFIG, defaultSources(site, key), {
    project: key,
    gateName: key,
    asOf: today,
    now: site.now,
  }).report;
}

describe('the Northwind demo site', () => {
  test('is deterministic: the same today gives identical data', () => {
    const a = buildDemoSite({ today: TODAY });
    const b = buildDemoSite({ today: TODAY });
    expect(JSON.stringify(a.issues)).toBe(JSON.stringify(b.issues));
    expect(JSON.stringify(a.projects)).toBe(JSON.stringify(b.projects));
  });

  test('is laid out relative to today: another today shifts every date', () => {
    const a = buildDemoSite({ today: TODAY });
    const b = buildDemoSite({ today: addDays(TODAY, 10) });
    expect(b.issues.map((i) => i.key)).toEqual(a.issues.map((i) => i.key));
    a.issues.forEach((issue, n) => {
      const other = b.issues[n]!;
      expect(instant(other.fields.created) - instant(issue.fields.created)).toBe(10 * 86_400_000);
      expect(
        instant(other.fields.statuscategorychangedate) - instant(issue.fields.statuscategorychangedate),
      ).toBe(10 * 86_400_000);
      if (issue.fields.duedate) expect(other.fields.duedate).toBe(shiftDate(issue.fields.duedate, 10));
      expect(other.changelog?.length).toBe(issue.changelog?.length);
      issue.changelog?.forEach((entry, k) => {
        expect(instant(other.changelog![k]!.created) - instant(entry.created)).toBe(10 * 86_400_000);
      });
    });
  });

  test('has nine projects, one of them team-managed, and realistic issues', () => {
    const site = buildDemoSite({ today: TODAY });
    expect(site.name).toBe('Northwind Logistics IT');
    expect(site.projects.map((p) => [p.key, p.name, p.projectTypeKey, p.style])).toEqual([
      ['OPS', 'Infrastructure & Operations', 'service_desk', 'classic'],
      ['PMO', 'Business Applications', 'software', 'classic'],
      ['DIG', 'Digital Workplace', 'software', 'classic'],
      ['LAB', 'Innovation Lab', 'software', 'next-gen'],
      ['ITSM', 'IT Service Desk', 'service_desk', 'classic'],
      ['APP', 'Customer Apps', 'software', 'classic'],
      ['DATA', 'Data & Analytics', 'software', 'classic'],
      ['INFRA', 'Cloud & Infrastructure', 'software', 'classic'],
      ['IDEAS', 'Innovation Ideas', 'business', 'classic'],
    ]);
    expect(site.priorities.map((p) => [p.id, p.name])).toEqual([
      ['1', 'P1'],
      ['2', 'P2'],
      ['3', 'P3'],
      ['4', 'P4'],
      ['5', 'P5'],
    ]);
    const offsets = new Set(site.issues.map((i) => i.fields.created.slice(-5)));
    expect([...offsets].sort()).toEqual(['+0000', '+0100', '+0530', '+1000', '-0500']);
    const incidents = site.issues.filter((i) => i.fields.issuetype.name === 'Incident');
    const priorities = new Set(incidents.map((i) => i.fields.priority?.name ?? null));
    expect([...priorities]).toEqual(expect.arrayContaining(['P1', 'P2', 'P3', 'P4', null]));
    expect(incidents.some((i) => i.fields.labels.includes('external-cause'))).toBe(true);
    expect(incidents.some((i) => i.fields.labels.includes('not-an-incident'))).toBe(true);
    expect(incidents.some((i) => i.fields.resolution?.name === 'Duplicate')).toBe(true);
    const epics = site.issues.filter((i) => i.fields.issuetype.name === 'Epic');
    expect(epics.some((i) => i.fields.resolution?.name === "Won't Do")).toBe(true);
    expect(epics.some((i) => i.fields.duedate === null)).toBe(true);
    const ideas = site.issues.filter((i) => i.fields.issuetype.name === 'Innovation Idea');
    expect(new Set(ideas.map((i) => i.fields.status.statusCategory.key))).toEqual(
      new Set(['new', 'indeterminate', 'done']),
    );
    expect(ideas.some((i) => i.fields.labels.includes('reliability'))).toBe(true);
    expect(ideas.some((i) => i.fields.labels.includes('security'))).toBe(true);
    // Keys grow with creation time, and nothing happens after the site's clock.
    for (const p of site.projects) {
      const created = site.issues
        .filter((i) => i.fields.project.key === p.key)
        .map((i) => Date.parse(i.fields.created.replace(/(\d\d)(\d\d)$/, '$1:$2')));
      expect([...created].sort((x, y) => x - y)).toEqual(created);
    }
    const latest = Math.max(
      ...site.issues.flatMap((i) => [
        instant(i.fields.resolutiondate ?? i.fields.created),
        instant(i.fields.statuscategorychangedate),
        instant(i.fields.updated),
        ...(i.changelog ?? []).map((e) => instant(e.created)),
      ]),
    );
    expect(latest).toBeLessThanOrEqual(site.now);
    // A change history never starts before its issue.
    for (const i of site.issues)
      for (const e of i.changelog ?? [])
        expect(instant(e.created)).toBeGreaterThanOrEqual(instant(i.fields.created));
  });

  test('the organisation looks like a real one: a JSM service desk, delivery projects with history, an ideas project', () => {
    const site = buildDemoSite({ today: TODAY });
    const of = (key: string) => site.issues.filter((i) => i.fields.project.key === key);
    const itsm = of('ITSM');
    const types = new Set(itsm.map((i) => i.fields.issuetype.name));
    expect(types).toEqual(new Set(['[System] Incident', '[System] Service request', 'Task']));
    const incidents = itsm.filter((i) => i.fields.issuetype.name === '[System] Incident');
    expect(new Set(incidents.map((i) => i.fields.priority?.name))).toEqual(
      new Set(['P1', 'P2', 'P3', 'P4', 'P5']),
    );
    const oldest = Math.min(...incidents.map((i) => instant(i.fields.created)));
    expect(site.now - oldest).toBeGreaterThan(365 * 86_400_000);
    const doneWithout = incidents.filter(
      (i) => i.fields.status.statusCategory.key === 'done' && i.fields.resolution === null,
    );
    expect(doneWithout.length).toBeGreaterThan(incidents.length / 5);
    for (const i of doneWithout) {
      expect(i.fields.resolutiondate).toBeNull();
      expect(instant(i.fields.statuscategorychangedate)).toBeGreaterThan(instant(i.fields.created));
    }
    // Epics of the delivery projects carry their status and due-date history; some were pushed out in progress.
    const epics = ['APP', 'DATA', 'INFRA'].flatMap(of).filter((i) => i.fields.issuetype.name === 'Epic');
    expect(epics.length).toBeGreaterThan(50);
    const pushedInProgress = epics.filter((e) => {
      const log = e.changelog ?? [];
      const started = log.find((c) =>
        c.items.some((x) => x.field === 'status' && x.toString === 'In Progress'),
      );
      return (
        started &&
        log.some(
          (c) =>
            instant(c.created) > instant(started.created) &&
            c.items.some((x) => x.field === 'duedate' && x.from !== null && x.to !== null && x.to > x.from),
        )
      );
    });
    expect(pushedInProgress.length).toBeGreaterThanOrEqual(5);
    // Ideas: one bypass label added by the project's admin, one by a staff member.
    const ideas = of('IDEAS');
    expect(
      ideas.every((i) => i.fields.issuetype.name === 'Innovation Idea' || i.fields.issuetype.name === 'Task'),
    ).toBe(true);
    const addedBy = (label: string) =>
      ideas
        .flatMap((i) => i.changelog ?? [])
        .find((e) =>
          e.items.some((x) => x.field === 'labels' && (x.toString ?? '').split(' ').includes(label)),
        )?.author.accountId;
    expect(addedBy('security')).toBe(DEMO_USERS.lead.accountId);
    expect(addedBy('reliability')).toBe(DEMO_USERS.staff.accountId);
    // Who sees what.
    const user = (u: { accountId: string }) => findUser(site, u.accountId)!;
    expect(canAdminister(user(DEMO_USERS.lead), 'IDEAS')).toBe(true);
    expect(canAdminister(user(DEMO_USERS.staff), 'IDEAS')).toBe(false);
    expect(canBrowse(user(DEMO_USERS.staff), 'IDEAS')).toBe(true);
    expect(canBrowse(user(DEMO_USERS.staff), 'ITSM')).toBe(false);
    for (const key of ['ITSM', 'APP', 'DATA', 'INFRA', 'IDEAS']) {
      expect(canAdminister(user(DEMO_USERS.admin), key)).toBe(true);
      expect(canBrowse(user(DEMO_USERS.lead), key)).toBe(true);
    }
  });

  test('ships the gates it is built for; examples/northwind-it.json is the organisation gate', () => {
    expect(DEMO_GATES.map((g) => g.home)).toEqual(['ITSM', 'OPS', 'PMO', 'DIG', 'LAB']);
    const example = JSON.parse(readFileSync(join(__dirname, '../../examples/northwind-it.json'), 'utf8'));
    expect(DEMO_GATES[0]).toEqual({
      home: 'ITSM',
      config: {
        name: 'Northwind IT',
        incidentProjects: ['ITSM'],
        deliveryProjects: ['APP', 'DATA', 'INFRA'],
        ideaProjects: ['IDEAS'],
      },
    });
    expect(example).toEqual(DEMO_GATES[0]!.config);
    for (const g of DEMO_GATES) expect(() => parseConfig(g.config)).not.toThrow();
  });

  test.each(['2026-06-30', '2026-03-01', '2028-02-29', '2031-01-01'])(
    'as of %s, OPS is in phase 1, PMO in phase 2 and DIG in phase 3',
    (today) => {
      const ops = reportFor(today, 'OPS');
      expect(ops.phase).toBe(1);
      expect(ops.reliability.majorIncidents).toBe(4);
      expect(ops.reliability.longestOpenMajorHours).toBeGreaterThan(24 * 5);
      const pmo = reportFor(today, 'PMO');
      expect(pmo.phase).toBe(2);
      expect(pmo.reliability.met).toBe(true);
      expect(pmo.delivery).toMatchObject({
        decided: 10,
        onTime: 6,
        late: 3,
        overdueOpen: 1,
        onTimeRate: 0.6,
      });
      const dig = reportFor(today, 'DIG');
      expect(dig.phase).toBe(3);
      expect(dig.innovationUnlocked).toBe(true);
      expect(dig.delivery).toMatchObject({ decided: 10, onTime: 9, onTimeRate: 0.9 });
      expect(dig.ideas.locked).toBe(0);
      expect(reportFor(today, 'LAB').delivery.decided).toBe(0);
    },
  );

  test.each(['2026-06-30', '2026-03-01', '2028-02-29'])(
    'as of %s, the organisation gate "Northwind IT" is in phase 2 and was thrown back once',
    async (today) => {
      const gate = await orgGate(today);
      const r = gate.report;
      expect(r.gate).toEqual({ home: 'ITSM', name: 'Northwind IT' });
      expect(r.sources.incidents.projects).toEqual(['ITSM']);
      expect(r.sources.incidents.types.map((t) => t.name)).toEqual(['[System] Incident']);
      expect(r.sources.incidents.majorPriorities.map((p) => p.name)).toEqual(['P1', 'P2']);
      expect(r.sources.deliverables).toMatchObject({ projects: ['APP', 'DATA', 'INFRA'] });
      expect(r.sources.deliverables.types.map((t) => t.name)).toEqual(['Epic']);
      expect(r.sources.ideas.projects).toEqual(['IDEAS']);
      expect(gate.fetched.facts.incidents.some((f) => f.doneWithoutResolution)).toBe(true);
      expect(r.warnings.join('\n')).toMatch(/issues are Done without a resolution/);

      expect(r.phase).toBe(2);
      expect(r.reliability).toMatchObject({ met: true, majorIncidents: 2, longestOpenMajorHours: 0 });
      expect(r.delivery).toMatchObject({ met: false, dueDateBasis: 'committed', decided: 18, onTime: 11 });
      expect(r.delivery.slipped).toBeGreaterThan(0);
      expect(r.delivery.medianSlipDays).toBeGreaterThan(0);
      expect(r.timesThrownBack).toBeGreaterThanOrEqual(1);
      expect(r.phaseChanges.map((c) => [c.from, c.to])).toEqual([
        [1, 2],
        [2, 1],
        [1, 2],
      ]);
      const back = r.phaseChanges.find((c) => c.to < c.from)!;
      expect(back.date > addDays(today, -365)).toBe(true);
      // The trend starts in phase 1.
      expect(gate.trend![0]!.phase).toBe(1);

      // Ideas: locked by the org gate, except the one whose bypass label the IDEAS admin added.
      expect(r.ideas).toMatchObject({ typeFound: true, total: 10, waiting: 7, locked: 6 });
      const site = buildDemoSite({ today });
      const bySummary = (s: string) => site.issues.find((i) => i.fields.summary === s)!.key;
      expect(gate.evidence.lockedIdeas).not.toContain(bySummary('Automated security patch rollout'));
      expect(gate.evidence.lockedIdeas).toContain(bySummary('Self-healing scripts for common alerts'));
    },
  );

  test('computed by the app, the stand-alone gates keep their phases beside the organisation gate', async () => {
    const site = buildDemoSite({ today: TODAY });
    const client = new JiraClient(
      inProcessTransport(createFakeJiraApp({ site }), {
        email: DEMO_USERS.admin.email,
        token: DEMO_USERS.admin.token,
      }),
    );
    const phases: Record<string, number> = {};
    for (const g of DEMO_GATES) {
      const gate = await computeProjectGate(client, g.home, parseConfig(g.config), {
        asOf: TODAY,
        now: site.now,
      });
      phases[g.home] = gate.report.phase;
    }
    expect(phases).toEqual({ ITSM: 2, OPS: 1, PMO: 2, DIG: 3, LAB: 1 });
  });

  test('on current (pushed-out) due dates the organisation would look on time: the committed basis matters', async () => {
    const gate = await orgGate(TODAY, { dueDateBasis: 'current' });
    expect(gate.report.delivery.onTimeRate).toBeGreaterThanOrEqual(0.8);
    expect(gate.report.phase).toBe(3);
  });

  test('credentials are exported and work against the demo server', async () => {
    expect(DEMO_USERS.admin).toMatchObject({ email: 'admin@northwind.example', token: 'demo-admin-token' });
    const demo = await startDemoJira({ today: TODAY });
    try {
      expect(demo).toMatchObject({
        email: 'admin@northwind.example',
        apiToken: 'demo-admin-token',
        today: TODAY,
      });
      const r = await call(demo.jira, 'GET', '/rest/api/3/myself', {
        as: { email: demo.email, token: demo.apiToken },
      });
      expect(r.body.displayName).toBe('Ava Patel');
      for (const who of [DEMO_USERS.lead, DEMO_USERS.staff]) {
        expect((await call(demo.jira, 'GET', '/rest/api/3/myself', { as: who })).status).toBe(200);
      }
    } finally {
      await demo.close();
    }
  });

  test('demoToday is a calendar date', () => {
    expect(demoToday()).toMatch(/^\d{4}-\d\d-\d\d$/);
  });
});

describe('the benchmark generator', () => {
  test('builds 40 000 issues over five years deterministically', () => {
    const site = generateLargeProject({ key: 'BIG', issues: 40_000, years: 5, today: TODAY, seed: 42 });
    expect(site.issues).toHaveLength(40_000);
    const types = new Set(site.issues.map((i) => i.fields.issuetype.name));
    expect(types).toEqual(new Set(['Story', 'Bug', 'Task', 'Incident', 'Epic', 'Innovation Idea']));
    const first = site.issues[0]!.fields.created.slice(0, 4);
    expect(Number(first)).toBe(2021);
    const longOpen = site.issues.filter(
      (i) =>
        i.fields.issuetype.name === 'Incident' && i.fields.resolution === null && i.fields.created < '2025',
    );
    expect(longOpen.length).toBeGreaterThan(10);
    const low = longOpen.filter((i) => ['Low', 'Lowest'].includes(i.fields.priority?.name ?? ''));
    expect(low.length / longOpen.length).toBeGreaterThan(0.6);
    const again = generateLargeProject({ key: 'BIG', issues: 2000, years: 5, today: TODAY, seed: 42 });
    const small = generateLargeProject({ key: 'BIG', issues: 2000, years: 5, today: TODAY, seed: 42 });
    expect(JSON.stringify(again.issues)).toBe(JSON.stringify(small.issues));
  });

  test('can add a project to an existing site', () => {
    // Not the demo site: its priorities are P1–P5, and the generator writes Highest…Lowest.
    const site = generateLargeProject({ key: 'OLD', issues: 300, today: TODAY, seed: 1 });
    const before = site.issues.length;
    generateLargeProject({ key: 'BIG', issues: 500, today: TODAY, site });
    expect(site.issues.length).toBe(before + 500);
    expect(site.projects.map((p) => p.key)).toContain('BIG');
  });
});

describe('helpers', () => {
  test('Jira datetimes keep the instant in any offset', () => {
    const instant = Date.UTC(2026, 4, 1, 10, 20, 30);
    expect(formatJiraDateTime(instant, '+0530')).toBe('2026-05-01T15:50:30.000+0530');
    expect(formatJiraDateTime(instant, '-0500')).toBe('2026-05-01T05:20:30.000-0500');
    expect(formatJiraDateTime(instant)).toBe('2026-05-01T10:20:30.000+0000');
  });

  test('the seeded generator repeats', () => {
    const a = createRng('x');
    const b = createRng('x');
    const seq = () => [a.next(), a.int(1, 6), a.pick(['p', 'q'])];
    expect([b.next(), b.int(1, 6), b.pick(['p', 'q'])]).toEqual(seq());
  });
});
