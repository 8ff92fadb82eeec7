/**
 * Issue #12, "big first views never time out": a first view whose read cannot finish within the resolver's limit
 * queues the computation and answers "computing — about N s"; polls answer the same (queueing nothing more) until
 * the queued recompute has stored the snapshot. Jira's latency is simulated on a mocked clock (each request moves
 * Date.now on by 3 s): nothing sleeps. The real @forge/api, @forge/kvs, @forge/events and @forge/resolver over the
 * emulator, against the demo site in the fake Jira.
 */

import { installEmulatedForge } from './emulated';

const { jira: mockJira, kvs: kvsStore, pushes } = installEmulatedForge();

import { buildDemoSite, DEMO_USERS } from '../../dev/demo-org/demoSite';
import { demoToday } from '../../dev/demo-org/today';
import { createFakeJiraApp } from '../../dev/fake-jira/fakeJira';
import { invokeResolver, type ResolverHandler } from '../../dev/forge-emulator/resolver';
import type { GateView } from '../../src/forge/contract';
import { Queue } from '@forge/events';
import { onRecompute } from '../../src/forge/events';
import { estimateEtaSeconds, FIRST_VIEW_DEADLINE_MS, forecastReadMs } from '../../src/forge/firstView';
import { clearPermissionCache } from '../../src/forge/permissions';
import { clearProjectCache } from '../../src/forge/projects';
import { handler } from '../../src/forge/resolvers';
import { isConfigured } from '../../src/forge/storage';

const INSTALL = 'ari:cloud:jira::site/first-view-test';
const LATENCY_MS = 3000;
let projectId = '';
let clock = 0;
/** Simulated latency: each Jira request of a search moves the mocked clock on. */
let slow = false;
/** The path of every Jira request, in order. */
let paths: string[] = [];

beforeEach(() => {
  kvsStore.clear();
  clearPermissionCache();
  clearProjectCache();
  pushes.length = 0;
  paths = [];
  const site = buildDemoSite({ today: demoToday() });
  site.now = Date.now();
  projectId = site.projects.find((p) => p.key === 'PMO')!.id;
  const app = createFakeJiraApp({ site, authMode: 'header', pageCap: 20 });
  mockJira.app = {
    get site() {
      return app.site;
    },
    get stats() {
      return app.stats;
    },
    baseUrl: app.baseUrl,
    setFaults: (rules, latency) => app.setFaults(rules, latency),
    resetStats: () => app.resetStats(),
    async handle(req) {
      paths.push(req.path);
      if (slow && req.path.includes('/search')) clock += LATENCY_MS;
      return app.handle(req);
    },
  };
  clock = Date.now();
  jest.spyOn(Date, 'now').mockImplementation(() => clock);
});

afterEach(() => {
  jest.restoreAllMocks();
});

async function getGate(): Promise<GateView> {
  return (await invokeResolver(handler as unknown as ResolverHandler, {
    functionKey: 'getGate',
    context: {
      accountType: 'licensed',
      extension: { type: 'jira:projectPage', project: { id: projectId, key: 'PMO', type: 'software' } },
    },
    accountId: DEMO_USERS.lead.accountId,
    installContext: INSTALL,
  })) as GateView;
}

/** The recompute events pushed so far (their bodies). */
const queued = () => pushes.flatMap((p) => p.payload.map((e) => (e as { body?: unknown }).body ?? e));

test('a first view that cannot finish by the deadline answers "computing", queues one recompute, then the snapshot', async () => {
  slow = true;
  const started = clock;
  const first = await getGate();
  expect(first.snapshot).toBeNull();
  expect(first.lastError).toBeNull(); // not an error: it is computing
  expect(first.computing?.etaSeconds).toBeGreaterThanOrEqual(15);
  // The answer came by the deadline (plus the one request in flight), not after the whole read.
  expect(clock - started).toBeLessThanOrEqual(FIRST_VIEW_DEADLINE_MS + LATENCY_MS);
  expect(queued()).toEqual([{ project: 'PMO', reason: 'first-view' }]);

  // The page polls: still computing, the time left going down, nothing queued again.
  clock += 10_000;
  const poll = await getGate();
  expect(poll.snapshot).toBeNull();
  expect(poll.computing!.etaSeconds).toBeLessThan(first.computing!.etaSeconds);
  expect(queued()).toHaveLength(1);

  // The queue runs the recompute (no resolver deadline there).
  const [body] = queued();
  const result = await onRecompute({ body });
  expect(result.outcome).toMatch(/^stored/);

  const done = await getGate();
  expect(done.snapshot).not.toBeNull();
  expect(done.computing).toBeUndefined();
  expect(queued()).toHaveLength(1);
  // Opening a page still enrols nothing: only an admin's settings save or the setup does.
  expect(await isConfigured(projectId)).toBe(false);
});

test('a queue that refuses the push: the first view says the computation failed, as before', async () => {
  slow = true;
  const fail = jest.spyOn(Queue.prototype, 'push').mockRejectedValue(new Error('queue unavailable'));
  const view = await getGate();
  expect(fail).toHaveBeenCalledTimes(1);
  expect(view.computing).toBeUndefined();
  expect(view.lastError?.message).toMatch(/could not be queued \(queue unavailable\)/);
});

test('a first view that fits computes inline, as before, and queues nothing', async () => {
  slow = false;
  const view = await getGate();
  expect(view.snapshot).not.toBeNull();
  expect(view.computing).toBeUndefined();
  expect(queued()).toEqual([]);
});

test('the estimate: twice the time spent inline and a few seconds, rounded up to 5 s', () => {
  expect(estimateEtaSeconds(15_000)).toBe(35);
  expect(estimateEtaSeconds(0)).toBe(15);
  expect(estimateEtaSeconds(16_200)).toBe(40);
});

test("a first view forecast too big by Jira's counts is queued before a single search page is read", async () => {
  slow = true;
  const first = await getGate();
  expect(first.computing?.etaSeconds).toBeGreaterThanOrEqual(15);
  expect(queued()).toEqual([{ project: 'PMO', reason: 'first-view' }]);
  expect(paths.filter((p) => p.endsWith('/search/approximate-count')).length).toBeGreaterThan(0);
  expect(paths.filter((p) => p.endsWith('/search/jql'))).toEqual([]);
  // Before: the first 15 s went on reading pages that the queued run reads again.
});

test('a count Jira refuses forecasts nothing: the read goes on (here it fits, so inline)', async () => {
  slow = false;
  mockJira.app!.setFaults([{ match: 'approximate-count', status: 400 }], 0);
  const view = await getGate();
  expect(paths.filter((p) => p.endsWith('/search/approximate-count')).length).toBeGreaterThan(0);
  expect(view.snapshot).not.toBeNull();
  expect(view.lastError).toBeNull();
  expect(view.computing).toBeUndefined();
  expect(queued()).toEqual([]);
});

test('the forecast: the longest search in pages, then the changelogs, then the labels, at the measured latency', () => {
  expect(forecastReadMs({ incidents: 227, deliverables: 534, ideas: 2216 }, 1500)).toBe(37_500);
  expect(forecastReadMs({ incidents: 0, deliverables: 0, ideas: 0 }, 200)).toBe(400);
  expect(forecastReadMs({ incidents: 40, deliverables: 2500, ideas: 10 }, 100)).toBe(2_900);
});
