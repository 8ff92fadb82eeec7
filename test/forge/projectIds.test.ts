/**
 * Storage by project id (issue #10): settings, gate and history are kept under the project's id, so a key rename
 * keeps them; documents version 1 kept under the key move once; old keys still resolve.
 */
import { onProjectEvent, onRecompute } from '../../src/forge/events';
import { clearPermissionCache } from '../../src/forge/permissions';
import { clearProjectCache, projectRef } from '../../src/forge/projects';
import { STORAGE_KEYS, type GateDoc, type HistoryDoc, type SettingsDoc } from '../../src/forge/storage';
import { handler as validator } from '../../src/forge/validator';
import { platform, type FakeIssue } from './fakePlatform';
import { idOf, invoke, projectPage, seedProject, standardGrants } from './harness';

let idea: FakeIssue;

beforeEach(() => {
  platform.reset();
  clearPermissionCache();
  clearProjectCache();
  idea = seedProject(platform.jira, 'OPS', { onTime: 2, ideas: 1 }).ideas[0]!;
  standardGrants(platform.jira);
});

/** Jira renames the project's key: the same project (same id), its issues re-keyed, old keys still resolving. */
function renameInJira(from: string, to: string) {
  platform.jira.renameProject(from, to);
}

async function configureOps() {
  const saved = await invoke(
    'saveSettings',
    { config: { graceDays: 3 } },
    { account: 'u-admin', ...projectPage('OPS') },
  );
  expect(saved.ok).toBe(true);
  const view = await invoke('getGate', {}, { account: 'u-viewer', ...projectPage('OPS') });
  expect(view.snapshot.report.project).toBe('OPS');
  return view;
}

describe('documents by project id (issue #10)', () => {
  test('settings, gate and history are stored under the project id, none under its key', async () => {
    await configureOps();
    const id = idOf('OPS');
    expect(platform.kvs.value<GateDoc>(STORAGE_KEYS.gate(id))).toMatchObject({
      project: 'OPS',
      projectId: id,
    });
    expect(platform.kvs.value<SettingsDoc>(STORAGE_KEYS.settings(id))!.config.graceDays).toBe(3);
    expect(platform.kvs.value<HistoryDoc>(STORAGE_KEYS.history(id))!.days).toHaveLength(1);
    expect(platform.kvs.value(STORAGE_KEYS.project(id))).toBeDefined();
    for (const kind of ['gate', 'settings', 'history', 'project'] as const) {
      expect(platform.kvs.value(STORAGE_KEYS[kind]('OPS'))).toBeUndefined();
    }
  });

  test('a key rename (the project event) keeps settings, gate and history: OPS → OPS2', async () => {
    const before = await configureOps();
    const id = idOf('OPS');
    renameInJira('OPS', 'OPS2');
    const event = await onProjectEvent({
      eventType: 'avi:jira:updated:project',
      project: { id, key: 'OPS2', name: 'Project OPS' },
    });
    expect(event.outcome).toBe('renamed: OPS → OPS2');
    // A recompute under the new key is queued.
    expect(platform.pushed.at(-1)!.body).toEqual({ project: 'OPS2', reason: 'settings' });

    const settings = await invoke('getSettings', {}, { account: 'u-admin', ...projectPage('OPS2') });
    expect(settings.config.graceDays).toBe(3);
    platform.kvs.resetOps();
    const view = await invoke('getGate', {}, { account: 'u-viewer', ...projectPage('OPS2') });
    expect(view.snapshot).toEqual(before.snapshot); // the stored gate, not a first computation
    expect(platform.kvs.ops.get).toBe(1); // reference cached; one read of the gate

    // The queued recompute runs under the new key, and the history goes on.
    await onRecompute({ body: { project: 'OPS2', reason: 'settings' } });
    const doc = platform.kvs.value<GateDoc>(STORAGE_KEYS.gate(id))!;
    expect(doc.project).toBe('OPS2');
    expect(doc.snapshot!.report.project).toBe('OPS2');
    expect(doc.config.graceDays).toBe(3);
    expect(platform.kvs.value<HistoryDoc>(STORAGE_KEYS.history(id))!.days).toHaveLength(1);
    // The old key still resolves, to the project under its new key.
    clearProjectCache();
    expect(await projectRef('OPS')).toMatchObject({ id, key: 'OPS2', formerKeys: ['OPS'] });
    // And the validator still decides its ideas with its gate.
    const blocked = await validator({
      issue: { key: idea.key },
      transition: { from: { id: '1' }, to: { id: '3' } },
    });
    expect(blocked.result).toBe(false);
    expect(blocked.errorMessage).toMatch(/innovation is locked for OPS2/);
  });

  test('a rename without the event is found on the next read, when the key in the context is new', async () => {
    const before = await configureOps();
    const id = idOf('OPS');
    renameInJira('OPS', 'OPS2');
    clearProjectCache(); // another function instance
    const view = await invoke('getGate', {}, { account: 'u-viewer', ...projectPage('OPS2') });
    expect(view.snapshot).toEqual(before.snapshot);
    expect(platform.pushed.at(-1)!.body).toEqual({ project: 'OPS2', reason: 'settings' });
    const settings = await invoke('getSettings', {}, { account: 'u-admin', ...projectPage('OPS2') });
    expect(settings.config.graceDays).toBe(3);
    expect(platform.kvs.value(STORAGE_KEYS.alias('OPS'))).toMatchObject({ id, key: 'OPS2' });
  });

  test('documents version 1 kept under the key move to the id once, and are read from there', async () => {
    const at = new Date().toISOString();
    const config = { graceDays: 4 };
    platform.kvs.store.set('project:OPS', { value: { project: 'OPS', since: at, by: 'u-admin' } });
    platform.kvs.store.set('settings:OPS', {
      value: {
        config,
        version: 2,
        savedAt: at,
        savedBy: 'u-admin',
        previous: [{ version: 1, savedAt: at, savedBy: 'u-admin' }],
      },
    });
    platform.kvs.store.set('settings:OPS:v:1', {
      value: { config: { graceDays: 1 }, version: 1, savedAt: at, savedBy: 'u-admin' },
    });
    platform.kvs.store.set('gate:OPS', {
      value: { project: 'OPS', config, snapshot: null, lastError: null, lastAttemptAt: null },
    });
    const settings = await invoke('getSettings', {}, { account: 'u-admin', ...projectPage('OPS') });
    expect(settings.config.graceDays).toBe(4);
    expect(settings.versions).toEqual([{ version: 1, savedAt: at, savedBy: 'u-admin' }]);
    const id = idOf('OPS');
    expect(platform.kvs.value(STORAGE_KEYS.settingsVersion(id, 1))).toBeDefined();
    expect(platform.kvs.value<GateDoc>(STORAGE_KEYS.gate(id))).toMatchObject({ projectId: id, config });
    expect(platform.kvs.value(STORAGE_KEYS.project(id))).toBeDefined();
    for (const old of ['project:OPS', 'settings:OPS', 'settings:OPS:v:1', 'gate:OPS']) {
      expect(platform.kvs.value(old)).toBeUndefined();
    }
    expect(platform.kvs.value(STORAGE_KEYS.migrated('OPS'))).toBeDefined();
    // Restoring the moved version works under the id.
    const restored = await invoke(
      'restoreSettings',
      { version: 1 },
      { account: 'u-admin', ...projectPage('OPS') },
    );
    expect(restored.settings.config.graceDays).toBe(1);
  });
});
