import { computeReport } from '../../src/core/compute';
import { DEFAULT_CONFIG } from '../../src/core/config';
import { addDays } from '../../src/core/dates';
import { buildDemoSite, DEMO_USERS, demoToday } from '../../dev/demo-org/demoSite';
import { startDemoJira } from '../../dev/demo-org/demoServer';
import { generateLargeProject } from '../../dev/bench-data/generate';
import { formatJiraDateTime, shiftDate } from '../../dev/fake-jira/jiraTime';
import { createRng } from '../../dev/fake-jira/prng';
import { call } from './http';
import { defaultSources, projectFacts } from './toFacts';

const TODAY = '2026-06-30';

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
    const shift = (s: string) => Date.parse(s.replace(/([+-]\d\d)(\d\d)$/, '$1:$2'));
    a.issues.forEach((issue, n) => {
      const other = b.issues[n]!;
      expect(shift(other.fields.created) - shift(issue.fields.created)).toBe(10 * 86_400_000);
      if (issue.fields.duedate) expect(other.fields.duedate).toBe(shiftDate(issue.fields.duedate, 10));
    });
  });

  test('has four projects, one of them team-managed, and realistic issues', () => {
    const site = buildDemoSite({ today: TODAY });
    expect(site.name).toBe('Northwind Logistics IT');
    expect(site.projects.map((p) => [p.key, p.name, p.style])).toEqual([
      ['OPS', 'Infrastructure & Operations', 'classic'],
      ['PMO', 'Business Applications', 'classic'],
      ['DIG', 'Digital Workplace', 'classic'],
      ['LAB', 'Innovation Lab', 'next-gen'],
    ]);
    const offsets = new Set(site.issues.map((i) => i.fields.created.slice(-5)));
    expect([...offsets].sort()).toEqual(['+0000', '+0100', '+0530', '+1000', '-0500']);
    const incidents = site.issues.filter((i) => i.fields.issuetype.name === 'Incident');
    const priorities = new Set(incidents.map((i) => i.fields.priority?.name ?? null));
    expect([...priorities]).toEqual(expect.arrayContaining(['Highest', 'High', 'Medium', 'Low', null]));
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
      ...site.issues.map((i) =>
        Date.parse((i.fields.resolutiondate ?? i.fields.created).replace(/(\d\d)(\d\d)$/, '$1:$2')),
      ),
    );
    expect(latest).toBeLessThanOrEqual(site.now);
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
    const site = buildDemoSite({ today: TODAY });
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
