/**
 * The installation's Jira points budget (SPEC §8, issue #12): the app counts what it spends per hour (its own
 * accounting, or Jira's rate-limit headers where a response carries them), defers scheduled work past a configurable
 * share and says "deferred: Jira budget" instead of failing; a quota 429 with a reset stops the batch until then.
 * The real @forge/api, @forge/kvs and @forge/events over the emulated egress, the fake Jira in process.
 */

import { installEmulatedForge } from './emulated';

const forge = installEmulatedForge();
const { kvs: kvsStore, pushes: pushed } = forge;

import { onRecompute, onSchedule } from '../../src/forge/events';
import {
  budgetDeferral,
  budgetShare,
  DEFAULT_BUDGET_SHARE,
  flushSpend,
  HOURLY_POOL,
  observe,
  pointsOf,
  readSpend,
  resetMeter,
} from '../../src/forge/pointsBudget';
import { gateView } from '../../src/forge/gate';
import { summaryRow } from '../../src/forge/summary';
import { readGate, readGateSummaries } from '../../src/forge/storage';
import type { JiraResponse } from '../../src/jira/transport';
import { enrolGenerated } from './enrolled';

const KEY = 'PTS';
const HOUR = 3_600_000;
let ID = '';

async function setUp() {
  const enrolled = await enrolGenerated(forge, { key: KEY, issues: 800, years: 2, seed: 41 });
  ID = enrolled.id;
  resetMeter(); // the project's lookup above is not the recompute's
  return enrolled;
}

const response = (status: number, headers: Record<string, string>): JiraResponse => ({
  status,
  header: (name) => headers[name.toLowerCase()] ?? null,
  text: async () => '',
});

afterEach(() => {
  delete process.env.PHASE_GATE_BUDGET_SHARE;
});

describe('the points budget', () => {
  test('counts what a recompute spends: one point a request plus one per issue, as Jira charges', async () => {
    const { app } = await setUp();
    app.resetStats();
    expect((await onRecompute({ body: { project: KEY, reason: 'settings' } })).outcome).toMatch(/^stored/);
    const spent = (await readSpend(Date.now())).spent;
    // The fake Jira's own accounting, after Jira's rules (issues, statuses, priorities, resolutions, the project).
    expect(spent).toBe(app.stats.points);
    expect(spent).toBeGreaterThan(app.stats.requests + 100);
    expect(pointsOf('{"issues":[{},{}],"isLast":true}')).toBe(3);
    expect(pointsOf('[{"id":"1"},{"id":"2"}]')).toBe(3);
    expect(pointsOf('{"id":"10000","key":"OPS"}')).toBe(2);
    expect(pointsOf('')).toBe(1);
    expect(pointsOf('not json')).toBe(1);
  });

  test('scheduled work past the share is deferred, saying so, with no Jira request and nothing failed', async () => {
    const { app } = await setUp();
    await onRecompute({ body: { project: KEY, reason: 'settings' } });
    const before = (await readGate(ID))!;
    const spent = (await readSpend(Date.now())).spent;
    // A share below what was spent this hour.
    process.env.PHASE_GATE_BUDGET_SHARE = String((spent - 1) / HOURLY_POOL);
    expect(budgetShare()).toBeLessThan(DEFAULT_BUDGET_SHARE);
    const clock = jest.spyOn(Date, 'now');
    try {
      // Later in the same UTC hour.
      const now = Date.now();
      const inHour = now - (now % HOUR) + HOUR - 1;
      clock.mockReturnValue(inHour);
      app.resetStats();
      pushed.length = 0;
      expect(await onSchedule()).toEqual({
        queued: 0,
        deferred: expect.stringMatching(/^deferred: Jira budget \(/),
      });
      expect(pushed).toHaveLength(0);
      expect(await budgetDeferral(inHour)).toMatch(/points spent this hour, past/);
      // Issue #12: said on the gate, with the next try (the next hour's run).
      expect((await readGate(ID))!.deferred).toMatchObject({
        reason: 'jira-budget',
        nextTryAt: new Date(inHour + 1).toISOString(),
      });
      // The next hour starts a new count: the schedule runs again.
      clock.mockReturnValue(inHour + 1);
      expect(await budgetDeferral(inHour + 1)).toBeNull();
      expect((await onSchedule()).queued).toBe(1);
      expect(app.stats.requests).toBe(0);
      const after = (await readGate(ID))!;
      expect(after.lastError ?? null).toBe(before.lastError ?? null);
      expect(after.snapshot).toEqual(before.snapshot);
      expect(after.deferred).toBeDefined(); // until the next stored snapshot
      expect(after.snapshot).toEqual(before.snapshot);
    } finally {
      clock.mockRestore();
    }
  });

  test('a scheduled recompute that is due is deferred when the budget is spent', async () => {
    await setUp();
    await onRecompute({ body: { project: KEY, reason: 'settings' } });
    process.env.PHASE_GATE_BUDGET_SHARE = '0.000001';
    const clock = jest.spyOn(Date, 'now');
    try {
      const now = Date.now();
      // A sweep is due 3 h after the last sync; stay in an hour whose count is past the share.
      clock.mockReturnValue(now + 3 * HOUR + 60_000);
      observe(response(200, {}), '{"issues":[{},{}]}', Date.now());
      await flushSpend(Date.now());
      const outcome = (await onRecompute({ body: { project: KEY, reason: 'scheduled' } })).outcome;
      expect(outcome).toMatch(/^deferred: Jira budget \(3 points spent this hour/);
      expect((await readGate(ID))!.lastError ?? null).toBeNull();
      // Issue #12: the deferral is recorded on the gate, so the page and the portfolio say it, with the next try.
      const nextHour = new Date((Math.floor(Date.now() / HOUR) + 1) * HOUR).toISOString();
      const deferred = {
        reason: 'jira-budget',
        nextTryAt: nextHour,
        detail: expect.stringMatching(/points spent/),
      };
      expect(gateView(KEY, await readGate(ID), Date.now()).deferred).toMatchObject(deferred);
      expect(summaryRow(KEY, (await readGateSummaries([ID])).get(ID)!).deferred).toMatchObject(deferred);
      // The next stored snapshot clears it.
      delete process.env.PHASE_GATE_BUDGET_SHARE;
      clock.mockReturnValue(Date.now() + HOUR);
      expect((await onRecompute({ body: { project: KEY, reason: 'settings' } })).outcome).toMatch(/^stored/);
      expect(gateView(KEY, await readGate(ID), Date.now()).deferred ?? null).toBeNull();
      expect((await readGateSummaries([ID])).get(ID)!.deferred).toBeUndefined();
    } finally {
      clock.mockRestore();
    }
  });

  test("Jira's headers: a quota 429 with a reset stops scheduled work until then; near the limit, it waits", async () => {
    await setUp();
    const now = Date.parse('2026-07-01T10:20:00Z');
    const reset = '2026-07-01T11:00:00Z';
    observe(
      response(429, {
        'ratelimit-reason': 'jira-quota-global-based',
        'x-ratelimit-reset': reset,
        'x-ratelimit-limit': '65000',
        'x-ratelimit-remaining': '0',
      }),
      '',
      now,
    );
    await flushSpend(now);
    expect(await budgetDeferral(now + 60_000)).toBe(`Jira's quota is spent until 2026-07-01T11:00:00.000Z`);
    expect(await onScheduleAt(now + 60_000)).toMatchObject({ queued: 0 });
    // A burst 429 is not a quota: it stops nothing.
    resetMeter();
    kvsStore.clear();
    observe(response(429, { 'ratelimit-reason': 'jira-burst-based', 'retry-after': '2' }), '', now);
    await flushSpend(now);
    expect(await budgetDeferral(now)).toBeNull();
    // Jira's near-limit mark (Beta form too), or what is left below the reserve.
    observe(response(200, { 'x-beta-ratelimit-nearlimit': 'true' }), '{}', now);
    await flushSpend(now);
    expect(await budgetDeferral(now)).toMatch(/near its limit/);
    kvsStore.clear();
    observe(response(200, { 'x-ratelimit-limit': '65000', 'x-ratelimit-remaining': '9000' }), '{}', now);
    await flushSpend(now);
    expect(await budgetDeferral(now)).toBe(`Jira's pool is near its limit this hour (9000 of 65000 left)`);
    kvsStore.clear();
    observe(response(200, { 'x-ratelimit-limit': '65000', 'x-ratelimit-remaining': '60000' }), '{}', now);
    await flushSpend(now);
    expect(await budgetDeferral(now)).toBeNull();
  });
});

async function onScheduleAt(at: number) {
  const clock = jest.spyOn(Date, 'now').mockReturnValue(at);
  try {
    return await onSchedule();
  } finally {
    clock.mockRestore();
  }
}
