jest.mock('@forge/api', () => require('./fakePlatform').forgeApiModule());
jest.mock('@forge/kvs', () => require('./fakePlatform').forgeKvsModule());
jest.mock('@forge/events', () => require('./fakePlatform').forgeEventsModule());

/*
 * Issue #12: the Jira points a resolver or the workflow validator spends reach the installation's hourly count at the
 * end of their own invocation, not only when a consumer or a trigger later flushes — with one write of a key of
 * their own and no storage read, so a viewer's page stays one read; an invocation that spent nothing writes nothing.
 */
import { clearPermissionCache } from '../../src/forge/permissions';
import { budgetWait, readSpend, resetMeter } from '../../src/forge/pointsBudget';
import { clearProjectCache } from '../../src/forge/projects';
import { clearStatusCache, handler } from '../../src/forge/validator';
import { platform, type FakeIssue } from './fakePlatform';
import { invoke, projectPage, seedProject, standardGrants } from './harness';

let idea: FakeIssue;

beforeEach(() => {
  platform.reset();
  clearPermissionCache();
  clearProjectCache();
  clearStatusCache();
  resetMeter();
  idea = seedProject(platform.jira, 'OPS', { onTime: 2, ideas: 1 }).ideas[0]!;
  standardGrants(platform.jira);
});

describe('resolver and validator spend (issue #12)', () => {
  test("a first view's computation is counted for the hour when the resolver returns", async () => {
    const requests = platform.jira.calls.length;
    await invoke('getGate', {}, { account: 'u-viewer', ...projectPage('OPS') });
    expect(platform.jira.calls.length).toBeGreaterThan(requests);
    expect((await readSpend(Date.now())).spent).toBeGreaterThanOrEqual(platform.jira.calls.length - requests);
  });

  test('a later view whose permission check reaches Jira records its spend with one write and no extra read', async () => {
    await invoke('getGate', {}, { account: 'u-viewer', ...projectPage('OPS') });
    const before = (await readSpend(Date.now())).spent;
    clearPermissionCache(); // the 60 s cache has run out: this view asks Jira again
    clearProjectCache();
    platform.kvs.resetOps();
    const requests = platform.jira.calls.length;
    const view = await invoke('getGate', {}, { account: 'u-viewer', ...projectPage('OPS') });
    expect(view.snapshot).toBeDefined();
    expect(platform.jira.calls.length).toBeGreaterThan(requests);
    expect(platform.kvs.reads.filter((r) => r.key.startsWith('points:'))).toEqual([]);
    expect(platform.kvs.ops.set).toBe(1);
    expect((await readSpend(Date.now())).spent).toBeGreaterThan(before);
  });

  test('a view that asked Jira nothing writes no count', async () => {
    await invoke('getGate', {}, { account: 'u-viewer', ...projectPage('OPS') });
    platform.kvs.resetOps();
    await invoke('getGate', {}, { account: 'u-viewer', ...projectPage('OPS') }); // cached permission: no request
    expect(platform.kvs.reads.filter((r) => r.key.startsWith('points:'))).toEqual([]);
    expect(platform.kvs.ops.set).toBe(0);
  });

  test("the validator's issue read is counted when it answers", async () => {
    await invoke('getGate', {}, { account: 'u-viewer', ...projectPage('OPS') });
    const before = (await readSpend(Date.now())).spent;
    platform.kvs.resetOps();
    await handler({
      issue: { key: idea.key },
      transition: { from: { id: '1' }, to: { id: '3' } },
      configuration: {},
    });
    expect(platform.kvs.reads.filter((r) => r.key.startsWith('points:'))).toEqual([]);
    expect((await readSpend(Date.now())).spent).toBeGreaterThan(before);
  });

  test("the scheduled runs' count and the calls' records add up; the pool's least remaining wins", async () => {
    const now = Date.now();
    const hour = Math.floor(now / 3_600_000);
    platform.kvs.store.set(`points:${hour}`, {
      value: { hour, spent: 100, limit: 65_000, remaining: 40_000 },
    });
    platform.kvs.store.set(`points:${hour}:c:a`, { value: { hour, spent: 7, remaining: 30_000 } });
    platform.kvs.store.set(`points:${hour}:c:b`, { value: { hour, spent: 5, nearLimit: true } });
    platform.kvs.store.set(`points:${hour - 1}:c:old`, { value: { hour: hour - 1, spent: 900 } });
    await expect(readSpend(now)).resolves.toEqual({
      hour,
      spent: 112,
      limit: 65_000,
      remaining: 30_000,
      nearLimit: true,
    });
  });

  test('a busy hour: 2,500 call records all count (no cap at 1,000), and the budget check stops reading once past its share', async () => {
    const now = Date.now();
    const hour = Math.floor(now / 3_600_000);
    for (let i = 0; i < 2500; i++)
      platform.kvs.store.set(`points:${hour}:c:${String(i).padStart(5, '0')}`, { value: { hour, spent: 6 } });
    await expect(readSpend(now)).resolves.toMatchObject({ spent: 15_000 });
    // 15,000 points are past 20 % of 65,000 (13,000): deferred, and the check read only as far as it needed.
    platform.kvs.resetOps();
    await expect(budgetWait(now, 0.2)).resolves.toMatchObject({
      detail: expect.stringContaining('past 20 %'),
    });
    // 13,000 points are 2,167 records: 22 pages of 100, not the 25 that hold all 2,500.
    expect(platform.kvs.ops.query).toBe(22);
  });
});
