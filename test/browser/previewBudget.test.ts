/**
 * Issue #12's "Must show", measured from outside through the preview's control API (SPEC §9): the preview runs
 * against a Jira it has never seen — a generated 40,000-issue project on the fake Jira Cloud, over HTTP with basic
 * auth, given as JIRA_BASE_URL — and every figure is the fake Jira's own accounting of the requests the app made
 * (SPEC §8: a point a request plus a point per object returned).
 *
 * - The first read of the gate (its settings saved, which enrols it): at most 1.05 × the issues that can affect it,
 *   plus a request per page. With committed due dates (the default) an open or in-window deliverable can affect it
 *   until its changelog is read, so the floor counts them (bench/oracle.ts `'any'`).
 * - A day of 20 relevant changes, each its own event (POST /api/events), with the hourly schedule (POST
 *   /api/schedule) and the clock moved (POST /api/clock): at most 30 points, and the stored report then equals a
 *   fresh full computation.
 * - Ten Refreshes in one hour: at most one full read.
 */
import { computeProjectGate } from '../../src/app/projectGate';
import { DEFAULT_CONFIG } from '../../src/core/config';
import { todayIn } from '../../src/core/dates';
import type { Report } from '../../src/core/report';
import { createFetchTransport } from '../../src/jira/fetchTransport';
import { JiraClient } from '../../src/jira/client';
import { DEMO_USERS } from '../../dev/demo-org';
import { randomRelevantEdit, relevantChangeTargets } from '../../dev/bench-data/edits';
import { generateLargeProject } from '../../dev/bench-data/generate';
import { startFakeJira, type FakeJira } from '../../dev/fake-jira/fakeJira';
import { createRng } from '../../dev/fake-jira/prng';
import type { FakeSite } from '../../dev/fake-jira/site';
import { evaluatedDates, relevantIssues } from '../../bench/oracle';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { api, invoke, ROOT, startPreview, type Preview } from './harness';

jest.setTimeout(300_000);

const KEY = 'BIG';
const HOUR = 3_600_000;
/** The generated history ends two hours before the run (noon of today would be in the future before 12:00 UTC). */
const ENDED = Date.now() - 2 * HOUR;
const TODAY = todayIn('UTC', ENDED);

let site: FakeSite;
let jira: FakeJira;
let preview: Preview;

beforeAll(async () => {
  site = generateLargeProject({
    key: KEY,
    issues: 40_000,
    years: 5,
    today: TODAY,
    now: ENDED,
    seed: 'outside',
  });
  jira = await startFakeJira({ site });
  preview = await startPreview({
    JIRA_BASE_URL: jira.url,
    JIRA_EMAIL: DEMO_USERS.admin.email,
    JIRA_API_TOKEN: DEMO_USERS.admin.token,
  });
}, 120_000);

/** What was measured, for docs/performance.md (artifacts/preview-budget.json). */
const measured: Record<string, unknown> = {};

afterAll(async () => {
  mkdirSync(join(ROOT, 'artifacts'), { recursive: true });
  writeFileSync(join(ROOT, 'artifacts', 'preview-budget.json'), `${JSON.stringify(measured, null, 2)}\n`);
  await preview?.stop();
  await jira?.close();
});

/** Both clocks at `at`: the app's through the control API, the fake Jira's (this test's own site) directly. */
async function clock(at: number): Promise<void> {
  site.now = at;
  const r = await api(preview.url, '/api/clock', { now: new Date(at).toISOString() });
  expect(r.status).toBe(200);
}

async function idle(): Promise<void> {
  const r = await api(preview.url, '/api/queue/idle?timeout=60000');
  expect(r.json.idle).toBe(true);
}

const surface = { surface: 'project', project: KEY };
const figures = (r: Report) => ({ ...r, computedAt: '', warnings: [...r.warnings].sort() });

/** A full computation straight from the fake Jira (its points are not counted: the stats are reset after). */
async function freshReport(now: number): Promise<Report> {
  const client = new JiraClient(
    createFetchTransport({
      baseUrl: jira.url,
      email: DEMO_USERS.admin.email,
      apiToken: DEMO_USERS.admin.token,
    }),
  );
  const gate = await computeProjectGate(client, KEY, DEFAULT_CONFIG, {
    asOf: todayIn(DEFAULT_CONFIG.timeZone, now),
    now,
    trend: true,
  });
  jira.resetStats();
  return gate.report;
}

describe('issue #12, from outside: the preview against an unseen 40,000-issue Jira', () => {
  let fullRead = 0;
  let t0 = 0;

  it('reads the gate the first time for at most 1.05 × what can affect it', async () => {
    t0 = site.now;
    await clock(t0);
    jira.resetStats();
    const saved = await invoke(preview.url, 'saveSettings', { ...surface, surface: 'settings' }, 'me', {
      config: {},
    });
    expect(saved.ok).toBe(true);
    await idle();
    fullRead = jira.stats.points;

    const dates = evaluatedDates(TODAY, DEFAULT_CONFIG.sustainDays, true);
    const canAffect = relevantIssues(site, KEY, DEFAULT_CONFIG, dates, 'any');
    const floor =
      canAffect.total +
      [canAffect.incidents, canAffect.deliverables, canAffect.ideas].reduce(
        (n, k) => n + Math.ceil(k / 100),
        0,
      );
    // For the record: the floor if every due date were today's (no changelog needed to place a deliverable).
    const byCurrentDue = relevantIssues(site, KEY, DEFAULT_CONFIG, dates).total;
    Object.assign(measured, {
      firstRead: {
        points: fullRead,
        canAffect: canAffect.total,
        floor,
        canAffectByCurrentDueDates: byCurrentDue,
      },
    });
    expect(canAffect.total).toBeGreaterThan(2000);
    expect(fullRead).toBeGreaterThanOrEqual(canAffect.total);
    expect(fullRead).toBeLessThanOrEqual(1.05 * floor);

    const view = await invoke(preview.url, 'getGate', surface, 'me');
    expect(view.snapshot.report.sources.incidents.projects).toEqual([KEY]);
  });

  it('spends at most 30 points on a day of 20 relevant changes with the hourly schedule, and ends equal to a full computation', async () => {
    const counted = relevantChangeTargets(site, KEY, t0);
    const rng = createRng('outside-day');
    const start = t0 + HOUR; // a full read was just made: the day starts an hour later
    jira.resetStats();
    let changes = 0;
    for (let hour = 1; hour <= 24; hour++) {
      for (let n = 0; hour >= 8 && hour < 18 && n < 2; n++) {
        const at = start + hour * HOUR + n * (HOUR / 4);
        await clock(at);
        const { event } = randomRelevantEdit(site, counted, rng);
        const posted = await api(preview.url, '/api/events', {
          ...event,
          atlassianId: DEMO_USERS.admin.accountId,
        });
        expect(posted.status).toBe(200);
        // The debounce window (120 s) passes on the app's clock; the queue delivers it.
        await clock(at + 121_000);
        await idle();
        changes++;
      }
      await clock(start + hour * HOUR + 30 * 60_000);
      const scheduled = await api(preview.url, '/api/schedule', {});
      expect(scheduled.status).toBe(200);
      await idle();
    }
    const dayPoints = jira.stats.points;
    measured.day = { points: dayPoints, requests: jira.stats.requests, changes: 20 };
    const spent = jira.stats.log.map((e) => `${e.points} ${e.method} ${e.path.split('?')[0]}`);
    expect(changes).toBe(20);
    if (dayPoints > 30) console.error(`the day spent ${dayPoints} points:\n${spent.join('\n')}`);
    expect(dayPoints).toBeLessThanOrEqual(30);

    const end = start + 24 * HOUR + 31 * 60_000;
    await clock(end);
    const stored = (await invoke(preview.url, 'getGate', surface, 'me')).snapshot.report as Report;
    expect(figures(stored)).toEqual(figures(await freshReport(end)));
  });

  it('ten Refreshes in one hour cost at most one full read', async () => {
    const begin = site.now + HOUR;
    jira.resetStats();
    for (let i = 0; i < 10; i++) {
      await clock(begin + i * 6 * 60_000);
      const view = await invoke(preview.url, 'refresh', surface, 'me');
      expect(view.snapshot).toBeTruthy();
      await idle();
    }
    measured.tenRefreshes = { points: jira.stats.points, requests: jira.stats.requests, fullRead };
    expect(jira.stats.points).toBeLessThanOrEqual(fullRead);
  });
});
