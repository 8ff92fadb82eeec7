/**
 * What a Refresh did, as the page is told (issue #14: "Refresh says Recomputed when it was throttled"): `throttled`
 * within 30 s of the last computation (with when another one will compute), `updated` when the stored facts and the
 * changes since answered, `deferred` when nothing cheaper could answer and a full read already ran within the hour,
 * `computed` for a full read. The real @forge/api, @forge/kvs and @forge/resolver over the emulator, against the
 * demo site in the fake Jira.
 */

import { installEmulatedForge } from './emulated';

const { jira: mockJira, kvs: kvsStore } = installEmulatedForge();

import { buildDemoSite, DEMO_USERS } from '../../dev/demo-org/demoSite';
import { demoToday } from '../../dev/demo-org/today';
import { createFakeJiraApp } from '../../dev/fake-jira/fakeJira';
import { invokeResolver, type ResolverHandler } from '../../dev/forge-emulator/resolver';
import type { GateView } from '../../src/forge/contract';
import { clearPermissionCache } from '../../src/forge/permissions';
import { clearProjectCache } from '../../src/forge/projects';
import { handler } from '../../src/forge/resolvers';

const INSTALL = 'ari:cloud:jira::site/refresh-test';
let projectId = '';

beforeEach(() => {
  kvsStore.clear();
  clearPermissionCache();
  clearProjectCache();
  const site = buildDemoSite({ today: demoToday() });
  site.now = Date.now();
  projectId = site.projects.find((p) => p.key === 'PMO')!.id;
  mockJira.app = createFakeJiraApp({ site, authMode: 'header' });
});

async function call(functionKey: 'getGate' | 'refresh'): Promise<GateView> {
  const out = await invokeResolver(handler as unknown as ResolverHandler, {
    functionKey,
    context: {
      accountType: 'licensed',
      extension: { type: 'jira:projectPage', project: { id: projectId, key: 'PMO', type: 'software' } },
    },
    accountId: DEMO_USERS.lead.accountId,
    installContext: INSTALL,
  });
  return out as GateView;
}

test('each Refresh says what it did; the time to retry follows the last computation', async () => {
  const t0 = Date.now();
  const clock = jest.spyOn(Date, 'now');
  try {
    clock.mockReturnValue(t0);
    const first = await call('getGate'); // the first view reads the project in full
    expect(first.snapshot).not.toBeNull();
    expect(first.refresh).toBeUndefined();

    clock.mockReturnValue(t0 + 10_000);
    const soon = await call('refresh');
    expect(soon.refresh?.outcome).toBe('throttled');
    if (soon.refresh?.outcome !== 'throttled') throw new Error('not throttled');
    // 30 s after the computation that ended at t0 (lastAttemptAt), not 30 s after this click.
    expect(Date.parse(soon.refresh.retryAt)).toBeGreaterThanOrEqual(t0 + 30_000);
    expect(Date.parse(soon.refresh.retryAt)).toBeLessThanOrEqual(t0 + 31_000);
    expect(soon.snapshot?.computedAt).toBe(first.snapshot?.computedAt);

    clock.mockReturnValue(t0 + 5 * 60_000);
    const later = await call('refresh');
    expect(later.refresh).toEqual({ outcome: 'updated' });

    // The stored facts gone: nothing cheaper can answer, and the hour's full read was spent by the first view.
    kvsStore.remove(`facts:PMO`);
    clock.mockReturnValue(t0 + 20 * 60_000);
    expect((await call('refresh')).refresh).toEqual({ outcome: 'deferred' });

    clock.mockReturnValue(t0 + 61 * 60_000);
    expect((await call('refresh')).refresh).toEqual({ outcome: 'computed' });
  } finally {
    clock.mockRestore();
  }
});

test('a Refresh whose store fails spends no full read: it says "not recomputed", records the error, retries', async () => {
  const t0 = Date.now();
  const clock = jest.spyOn(Date, 'now');
  try {
    clock.mockReturnValue(t0);
    await call('getGate'); // the first view reads in full
    // An hour later a full read would be allowed again: the failed store must not spend it.
    clock.mockReturnValue(t0 + 61 * 60_000);
    kvsStore.faults.push({ op: 'transact', key: /^gate:/, message: 'KVS is unavailable (injected)' });
    mockJira.app!.resetStats();
    const view = await call('refresh');
    kvsStore.faults.length = 0;
    expect(view.refresh).toEqual({ outcome: 'deferred' });
    expect(view.lastError?.message).toMatch(/KVS is unavailable/);
    expect(view.snapshot).not.toBeNull(); // the last good state is still shown
    // The cheap path's sweep only: far below a full read of PMO.
    expect(mockJira.app!.stats.points).toBeLessThan(20);
  } finally {
    clock.mockRestore();
  }
});
