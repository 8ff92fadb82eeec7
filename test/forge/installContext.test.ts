/**
 * Issue #12: "a call without installContext falls back to a shared cache key". The permission cache is keyed by the
 * installation; a call the platform did not tie to one is refused before anything is read or cached. The real
 * @forge/resolver over the emulator, against the demo site in the fake Jira.
 */

import { installEmulatedForge } from './emulated';

const { jira: mockJira, kvs: kvsStore } = installEmulatedForge();

import { buildDemoSite, DEMO_USERS } from '../../dev/demo-org/demoSite';
import { demoToday } from '../../dev/demo-org/today';
import { createFakeJiraApp } from '../../dev/fake-jira/fakeJira';
import { invokeResolver, type ResolverHandler } from '../../dev/forge-emulator/resolver';
import { clearPermissionCache } from '../../src/forge/permissions';
import { clearProjectCache } from '../../src/forge/projects';
import { trustedCaller } from '../../src/forge/request';
import { handler } from '../../src/forge/resolvers';

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

test('trustedCaller: no installContext (or an empty one) is no caller, never a shared "site" key', () => {
  const base = { accountId: DEMO_USERS.lead.accountId, accountType: 'licensed' };
  expect(trustedCaller(base)).toBeNull();
  expect(trustedCaller({ ...base, installContext: '' })).toBeNull();
  expect(trustedCaller({ ...base, installContext: 42 })).toBeNull();
  expect(trustedCaller({ ...base, installContext: 'ari:cloud:jira::site/a' })).toEqual({
    accountId: DEMO_USERS.lead.accountId,
    site: 'ari:cloud:jira::site/a',
  });
});

test('a resolver call without installContext is refused, and Jira is not asked', async () => {
  mockJira.app!.resetStats();
  const out = await invokeResolver(handler as unknown as ResolverHandler, {
    functionKey: 'getGate',
    context: {
      accountType: 'licensed',
      extension: { type: 'jira:projectPage', project: { id: projectId, key: 'PMO', type: 'software' } },
    },
    accountId: DEMO_USERS.lead.accountId,
    installContext: '',
  });
  expect(out).toEqual({ error: { code: 'forbidden', message: expect.stringMatching(/installation/) } });
  expect(mockJira.app!.stats.requests).toBe(0);
});
