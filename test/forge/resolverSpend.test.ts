jest.mock('@forge/api', () => require('./fakePlatform').forgeApiModule());
jest.mock('@forge/kvs', () => require('./fakePlatform').forgeKvsModule());
jest.mock('@forge/events', () => require('./fakePlatform').forgeEventsModule());

/*
 * Issue #12: the Jira points a resolver or the workflow validator spends reach the installation's hourly count
 * (`points:HOUR`) at the end of their own invocation, not only when a consumer or a trigger later flushes; an
 * invocation that spent nothing writes nothing.
 */
import { clearPermissionCache } from '../../src/forge/permissions';
import { readSpend, resetMeter } from '../../src/forge/pointsBudget';
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

const pointsKey = () => `points:${Math.floor(Date.now() / 3_600_000)}`;

describe('resolver and validator spend (issue #12)', () => {
  test("a first view's computation is counted for the hour when the resolver returns", async () => {
    const requests = platform.jira.calls.length;
    await invoke('getGate', {}, { account: 'u-viewer', ...projectPage('OPS') });
    expect(platform.jira.calls.length).toBeGreaterThan(requests);
    expect((await readSpend(Date.now())).spent).toBeGreaterThanOrEqual(platform.jira.calls.length - requests);
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
    expect((await readSpend(Date.now())).spent).toBeGreaterThan(before);
    expect(platform.kvs.value(pointsKey())).toBeDefined();
  });
});
