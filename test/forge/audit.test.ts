jest.mock('@forge/api', () => require('./fakePlatform').forgeApiModule());
jest.mock('@forge/kvs', () => require('./fakePlatform').forgeKvsModule());
jest.mock('@forge/events', () => require('./fakePlatform').forgeEventsModule());

/*
 * Issue #13: "the stored daily history becomes an audit trail of what the gate enforced each day (phase, figures,
 * waivers, the config version), shown on the page and exportable as CSV."
 */
import type { Waiver } from '../../src/core/config';
import type { AuditDay, AuditView, Snapshot } from '../../src/forge/contract';
import { onRecompute } from '../../src/forge/events';
import { clearPermissionCache } from '../../src/forge/permissions';
import { clearProjectCache } from '../../src/forge/projects';
import {
  addToHistory,
  HISTORY_DAYS,
  MAX_VALUE_BYTES,
  settingsVersionOf,
  type HistoryDoc,
} from '../../src/forge/storage';
import { DEFAULT_CONFIG } from '../../src/core/config';
import { evidence, report, waivedReport, WAIVER_D2 } from '../helpers/reports';
import { platform } from './fakePlatform';
import { enrol, invoke, projectPage, seedProject, standardGrants } from './harness';

/** KVS refuses a value over 240 KiB. */
const KVS_LIMIT = 240 * 1024;

function snapshot(computedAt: string, r = report(2)): Snapshot {
  return {
    report: { ...r, asOf: computedAt.slice(0, 10), computedAt },
    trend: [],
    evidence: evidence(),
    computedAt,
  };
}

describe('the stored history records what the gate enforced each day', () => {
  test('phase, figures, the criteria not met and those waived, the waivers in force, the settings version', () => {
    const h = addToHistory(
      { project: '10001', days: [] },
      snapshot('2026-06-30T08:00:00.000Z', waivedReport()),
      null,
      4,
    );
    const day = h.days[0]!;
    expect(day).toMatchObject({
      day: '2026-06-30',
      at: '2026-06-30T08:00:00.000Z',
      phase: 3,
      unlocked: false,
      deliveryMet: true,
      settingsVersion: 4,
    });
    expect(day.unmet).toContain('D2');
    expect(day.waived).toEqual(['D2']);
    expect(day.waivers).toEqual([
      {
        criterion: 'D2',
        from: WAIVER_D2.from,
        until: WAIVER_D2.until,
        approver: WAIVER_D2.approver,
        reason: WAIVER_D2.reason,
      },
    ]);
    expect(typeof day.longestOpenMajorHours).toBe('number');
  });

  test('the settings version: 0 before any save, the saved version when it is the one computed with, else null', () => {
    expect(settingsVersionOf(undefined, DEFAULT_CONFIG)).toBe(0);
    const saved = {
      config: { ...DEFAULT_CONFIG, graceDays: 2 },
      version: 3,
      savedAt: '',
      savedBy: '',
      previous: [],
    };
    // Key order does not matter.
    const reordered = Object.fromEntries(Object.entries(saved.config).reverse()) as typeof saved.config;
    expect(settingsVersionOf(saved, reordered)).toBe(3);
    expect(settingsVersionOf(saved, DEFAULT_CONFIG)).toBeNull();
  });

  test('bounded by bytes: the oldest days are dropped until the document fits in a KVS value, the newest kept', () => {
    // Six waivers with 500-character reasons every day: 400 such days do not fit in 240 KiB.
    const reason = 'x'.repeat(500);
    const waivers: Waiver[] = (['R1', 'R2', 'R3', 'D1', 'D2', 'D3'] as const).map((criterion) => ({
      criterion,
      from: '2025-01-01',
      until: '2030-01-01',
      reason,
      approver: 'Dana Ng (CIO)',
    }));
    let history: HistoryDoc = { project: '10001', days: [] };
    const start = Date.UTC(2025, 0, 1);
    for (let d = 0; d < HISTORY_DAYS; d++) {
      const at = new Date(start + d * 86_400_000).toISOString();
      history = addToHistory(history, snapshot(at, { ...report(2), waivers }), null, 1);
    }
    const size = Buffer.byteLength(JSON.stringify(history));
    expect(size).toBeLessThanOrEqual(MAX_VALUE_BYTES);
    expect(size).toBeLessThan(KVS_LIMIT);
    expect(history.days.length).toBeLessThan(HISTORY_DAYS);
    expect(history.days.length).toBeGreaterThan(50);
    // The newest day is kept; what is left is the most recent run of days, without gaps.
    const last = new Date(start + (HISTORY_DAYS - 1) * 86_400_000).toISOString().slice(0, 10);
    expect(history.days.at(-1)!.day).toBe(last);
    const first = Date.parse(`${history.days[0]!.day}T00:00:00Z`);
    expect((Date.parse(`${last}T00:00:00Z`) - first) / 86_400_000 + 1).toBe(history.days.length);
    // Nearly full: only what had to go went (one more day would not fit).
    expect(size + Buffer.byteLength(JSON.stringify(history.days[0]))).toBeGreaterThan(MAX_VALUE_BYTES - 2000);
  });

  test('a small history keeps its 400 days', () => {
    let history: HistoryDoc = { project: '10001', days: [] };
    for (let d = 0; d < HISTORY_DAYS + 5; d++)
      history = addToHistory(
        history,
        snapshot(new Date(Date.UTC(2025, 0, 1) + d * 86_400_000).toISOString()),
        null,
      );
    expect(history.days).toHaveLength(HISTORY_DAYS);
  });
});

describe('getAudit', () => {
  beforeEach(() => {
    platform.reset();
    clearPermissionCache();
    clearProjectCache();
  });

  const audit = (account = 'u-viewer', key = 'OPS') =>
    invoke('getAudit', {}, { account, ...projectPage(key) });

  test('returns the stored days newest first, with the settings version in force and the waivers', async () => {
    seedProject(platform.jira, 'OPS', { onTime: 2, ideas: 1 });
    standardGrants(platform.jira, 'OPS');
    await enrol('OPS');
    await invoke('getGate', {}, { account: 'u-viewer', ...projectPage('OPS') });
    const first = (await audit()) as AuditView;
    expect(first).toMatchObject({ project: 'OPS', timeZone: 'UTC' });
    expect(first.days).toHaveLength(1);
    expect(first.days[0]).toMatchObject({ phase: 2, settingsVersion: 0, waivers: [] });
    expect(first.days[0]!.unmet).toEqual(['D1']); // 2 decided of the 5 needed, both on time

    const today = first.days[0]!.day;
    const waiver = {
      criterion: 'D1',
      from: today,
      until: today,
      reason: 'new PMO',
      approver: 'Dana Ng (CIO)',
    };
    const saved = await invoke(
      'saveSettings',
      { config: { waivers: [waiver] } },
      { account: 'u-admin', ...projectPage('OPS') },
    );
    expect(saved.ok).toBe(true);
    await onRecompute({ body: { project: 'OPS', reason: 'settings' } });
    const second = (await audit()) as AuditView;
    const day: AuditDay = second.days[0]!;
    expect(day.settingsVersion).toBe(1);
    expect(day.waivers).toEqual([waiver]);
    expect(day.waived).toEqual(['D1']);
    expect(day.phase).toBe(3); // the waiver counted for the phase, and the trail says so
  });

  test('nothing stored yet: no days; a user who cannot browse the project gets nothing', async () => {
    seedProject(platform.jira, 'OPS', { onTime: 2 });
    standardGrants(platform.jira, 'OPS');
    await enrol('OPS');
    expect(((await audit()) as AuditView).days).toEqual([]);
    await invoke('getGate', {}, { account: 'u-viewer', ...projectPage('OPS') });
    expect(await audit('u-outsider')).toEqual({ error: { code: 'forbidden', message: expect.any(String) } });
  });

  test('the same rule as getGate: Browse on every project the gate reads', async () => {
    seedProject(platform.jira, 'OPS', { onTime: 2 });
    seedProject(platform.jira, 'APP', { onTime: 2 });
    standardGrants(platform.jira, 'OPS');
    platform.jira.grant('u-admin', 'APP', { browse: true, administerProject: true });
    await enrol('OPS');
    const saved = await invoke(
      'saveSettings',
      { config: { deliveryProjects: ['OPS', 'APP'] } },
      { account: 'u-admin', ...projectPage('OPS') },
    );
    expect(saved.ok).toBe(true);
    await onRecompute({ body: { project: 'OPS', reason: 'settings' } });
    expect(((await audit('u-admin')) as AuditView).days.length).toBe(1);
    const refused = await audit('u-viewer');
    expect(refused).toEqual({ error: { code: 'forbidden', message: expect.stringContaining('APP') } });
    expect(await invoke('getGate', {}, { account: 'u-viewer', ...projectPage('OPS') })).toEqual(refused);
  });
});
