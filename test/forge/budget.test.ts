/**
 * The Jira points budget (SPEC §8, issue #12): no viewer can spend the app's shared pool. A Refresh runs the cheap
 * incremental path, a full re-read happens at most once an hour per gate whoever asks, and only admins enrol a
 * project in the hourly schedule; projects nobody opened for 30 days leave it.
 */

import { onRecompute, onSchedule } from '../../src/forge/events';
import { clearPermissionCache } from '../../src/forge/permissions';
import { clearProjectCache } from '../../src/forge/projects';
import { STORAGE_KEYS, UNSEEN_DAYS, listScheduledProjects } from '../../src/forge/storage';
import { platform } from './fakePlatform';
import { idOf, invoke, makeDeliveryMet, projectPage, seedProject, standardGrants } from './harness';

const DAY = 86_400_000;

beforeEach(() => {
  platform.reset();
  clearPermissionCache();
  clearProjectCache();
  seedProject(platform.jira, 'OPS', { onTime: 2, ideas: 2 });
  standardGrants(platform.jira);
});

/** Searches of a full read (every kind) against sweeps (`updated >= …`, one search). */
function searches() {
  const jqls = platform.jira.calls
    .filter((c) => c.as === 'app' && /search\/jql/.test(c.path))
    .map(
      (c) =>
        new URL(`http://x${c.path}`).searchParams.get('jql') ?? String((c.body as { jql?: string })?.jql),
    );
  return {
    sweeps: jqls.filter((j) => j.startsWith('updated >=')).length,
    // Each full read asks once for the first incident ever recorded (one issue, `ORDER BY created ASC`).
    fullReads: platform.jira.calls.filter(
      (c) => c.as === 'app' && /search\/jql/.test(c.path) && /maxResults=1(&|$)/.test(c.path),
    ).length,
  };
}

describe('no viewer can spend the pool', () => {
  test('(c) ten Refreshes in an hour: at most one full read; each one else is a sweep', async () => {
    const t0 = Date.now();
    const clock = jest.spyOn(Date, 'now');
    try {
      clock.mockReturnValue(t0);
      await invoke('getGate', {}, { account: 'u-viewer', ...projectPage('OPS') }); // the first view: a full read
      expect(searches().fullReads).toBe(1);
      for (let i = 1; i <= 10; i++) {
        clock.mockReturnValue(t0 + i * 5 * 60_000);
        if (i === 5) makeDeliveryMet(platform.jira, 'OPS'); // changed with no event: the sweep finds it
        const view = await invoke('refresh', {}, { account: 'u-viewer', ...projectPage('OPS') });
        expect(view.snapshot).not.toBeNull();
        if (i >= 5) expect(view.snapshot.report.phase).toBe(3);
      }
      expect(searches()).toEqual({ fullReads: 1, sweeps: 10 });
      // The stored facts forgotten (they cannot answer): a Refresh may read in full only once the hour has passed.
      platform.kvs.store.delete(`facts:OPS`);
      clock.mockReturnValue(t0 + 55 * 60_000);
      await invoke('refresh', {}, { account: 'u-viewer', ...projectPage('OPS') });
      expect(searches().fullReads).toBe(1);
      clock.mockReturnValue(t0 + 61 * 60_000);
      await invoke('refresh', {}, { account: 'u-viewer', ...projectPage('OPS') });
      expect(searches().fullReads).toBe(2);
    } finally {
      clock.mockRestore();
    }
  });

  test('a full re-read at most once an hour per gate, whoever asks (the schedule, a retry, a Refresh)', async () => {
    await invoke('saveSettings', { config: { graceDays: 2 } }, { account: 'u-admin', ...projectPage('OPS') });
    expect((await onRecompute({ body: { project: 'OPS', reason: 'settings' } })).outcome).toMatch(
      /full read/,
    );
    platform.kvs.store.delete('facts:OPS');
    const outcome = (await onRecompute({ body: { project: 'OPS', reason: 'retry' } })).outcome;
    expect(outcome).toMatch(/^deferred: OPS was read in full within the hour/);
    expect(searches().fullReads).toBe(1);
  });

  test('opening a page does not enrol a project; a settings save (project admin) does', async () => {
    await invoke('getGate', {}, { account: 'u-viewer', ...projectPage('OPS') });
    await invoke('refresh', {}, { account: 'u-viewer', ...projectPage('OPS') });
    expect(platform.kvs.value(STORAGE_KEYS.project(idOf('OPS')))).toBeUndefined();
    expect(await onSchedule()).toEqual({ queued: 0 });
    await invoke('saveSettings', { config: { graceDays: 2 } }, { account: 'u-admin', ...projectPage('OPS') });
    expect(platform.kvs.value(STORAGE_KEYS.project(idOf('OPS')))).toBeDefined();
    expect(await onSchedule()).toEqual({ queued: 1 });
  });

  test('projects nobody opened for 30 days leave the schedule; an admin opening one brings it back', async () => {
    await invoke('saveSettings', { config: { graceDays: 2 } }, { account: 'u-admin', ...projectPage('OPS') });
    await onRecompute({ body: { project: 'OPS', reason: 'settings' } });
    const t0 = Date.now();
    const clock = jest.spyOn(Date, 'now');
    try {
      // A viewer keeps it scheduled.
      clock.mockReturnValue(t0 + 20 * DAY);
      await invoke('getGate', {}, { account: 'u-viewer', ...projectPage('OPS') });
      expect(await listScheduledProjects(t0 + (20 + UNSEEN_DAYS - 1) * DAY)).toEqual([idOf('OPS')]);
      // Nobody for 30 days: out; a viewer does not bring it back, an admin does.
      const later = t0 + (20 + UNSEEN_DAYS + 1) * DAY;
      clock.mockReturnValue(later);
      expect(await listScheduledProjects(later)).toEqual([]);
      expect(await onSchedule()).toEqual({ queued: 0 });
      await invoke('getGate', {}, { account: 'u-viewer', ...projectPage('OPS') });
      expect(await listScheduledProjects(later)).toEqual([]);
      await invoke('getGate', {}, { account: 'u-admin', ...projectPage('OPS') });
      expect(await listScheduledProjects(later)).toEqual([idOf('OPS')]);
    } finally {
      clock.mockRestore();
    }
  });
});
