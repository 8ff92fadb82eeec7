jest.mock('@forge/api', () => require('./fakePlatform').forgeApiModule());
jest.mock('@forge/kvs', () => require('./fakePlatform').forgeKvsModule());
jest.mock('@forge/events', () => require('./fakePlatform').forgeEventsModule());

/*
 * Issue #12: "getPortfolio … reads every full gate document (five calls a minute exhaust the install's KVS read
 * quota)" — the portfolio reads one small summary per gate, written beside the gate document by every store path;
 * gates stored before the summaries existed get theirs from the full document once.
 */
import { trendDates } from '../../src/core/compute';
import { parseConfig } from '../../src/core/config';
import { clearPermissionCache } from '../../src/forge/permissions';
import { clearProjectCache } from '../../src/forge/projects';
import {
  countViolation,
  recordFailure,
  saveSettings,
  STORAGE_KEYS,
  type GateDoc,
} from '../../src/forge/storage';
import { platform } from './fakePlatform';
import { enrol, idOf, invoke, makeDeliveryMet, projectPage, seedProject, standardGrants } from './harness';

const KEYS = ['ALPHA', 'BETA', 'GAMMA', 'DELTA', 'EPSI', 'ZETA'];

/** The row the portfolio gave before the summaries (issue #12), derived from the full gate document. */
function rowFromFullDoc(project: string, doc: GateDoc) {
  const report = doc.snapshot?.report;
  const changes = report?.phaseChanges ?? [];
  return {
    project,
    name: doc.config.name ?? report?.gate?.name ?? project,
    phase: report?.phase ?? null,
    phaseName: report?.phaseName ?? null,
    innovationUnlocked: report?.innovationUnlocked ?? null,
    computedAt: doc.snapshot?.computedAt ?? null,
    lastError: doc.lastError?.message ?? null,
    asOf: report?.asOf ?? null,
    onTimeRate: report?.delivery.onTimeRate ?? null,
    majorIncidents: report?.reliability.majorIncidents ?? null,
    phaseSince: changes.length ? changes[changes.length - 1]!.date : null,
    trackedSince: report ? (trendDates(report.asOf)[0] ?? null) : null,
    timesThrownBack: report?.timesThrownBack ?? null,
    violations: {
      movedOutOfToDo: doc.violations?.movedOutOfToDo ?? 0,
      typeChanged: doc.violations?.typeChanged ?? 0,
    },
    lastStepBack: [...changes].reverse().find((c) => c.to < c.from) ?? null,
  };
}

const gateKey = (key: string) => STORAGE_KEYS.gate(idOf(key));
const fullDoc = (key: string) => platform.kvs.value<GateDoc>(gateKey(key))!;
const expectedRows = () =>
  KEYS.slice()
    .sort()
    .map((k) => rowFromFullDoc(k, fullDoc(k)));
const portfolio = () => invoke('getPortfolio', {}, { account: 'u-jira-admin' });

beforeEach(async () => {
  platform.reset();
  clearPermissionCache();
  clearProjectCache();
  platform.jira.jiraAdmins.add('u-jira-admin');
  for (const [i, key] of KEYS.entries()) {
    seedProject(platform.jira, key, { onTime: 2, ideas: 1 });
    if (i % 2 === 0) makeDeliveryMet(platform.jira, key); // phase 3 for some
    standardGrants(platform.jira, key);
    platform.jira.grant('u-jira-admin', key, { browse: true });
    await enrol(key);
    await invoke('getGate', {}, { account: 'u-viewer', ...projectPage(key) });
  }
  // A failure, settings and a violation on some: every store path writes the summary.
  await recordFailure(idOf('BETA'), 'Jira answered 503', Date.now(), parseConfig({}), { key: 'BETA' });
  await saveSettings(idOf('GAMMA'), parseConfig({ name: 'Gamma platform' }), 'u-admin', Date.now(), {
    key: 'GAMMA',
  });
  await countViolation(idOf('DELTA'), { issue: 'DELTA-1', kind: 'issuetype', at: Date.now() });
});

describe('getPortfolio (issue #12)', () => {
  test('reads one small summary per gate, never a full gate document; the rows are the ones the full documents give', async () => {
    const expected = expectedRows();
    platform.kvs.resetOps();
    const fullBytes = KEYS.reduce((n, k) => n + JSON.stringify(fullDoc(k)).length, 0);
    const rows = await portfolio();
    expect(rows).toEqual(expected);
    expect(rows.find((r: { project: string }) => r.project === 'GAMMA').name).toBe('Gamma platform');
    expect(rows.find((r: { project: string }) => r.project === 'BETA').lastError).toBe('Jira answered 503');
    const reads = platform.kvs.reads;
    expect(reads.filter((r) => r.key.startsWith('gate:'))).toEqual([]);
    const summaries = reads.filter((r) => r.key.startsWith('summary:'));
    expect(summaries).toHaveLength(KEYS.length);
    for (const s of summaries) expect(s.bytes).toBeLessThan(2048);
    const readBytes = reads.reduce((n, r) => n + r.bytes, 0);
    expect(readBytes * 10).toBeLessThan(fullBytes); // a tenth of the full documents, at most
    // Figures for docs/performance.md.
    console.log(
      `portfolio of ${KEYS.length} gates: ${reads.length} keys read, ${readBytes} bytes ` +
        `(the full gate documents: ${fullBytes} bytes)`,
    );
  });

  test('gates stored before the summaries: the full document is read once, its summary written, then never again', async () => {
    const expected = expectedRows();
    for (const k of KEYS) platform.kvs.store.delete(STORAGE_KEYS.summary(idOf(k)));
    platform.kvs.resetOps();
    expect(await portfolio()).toEqual(expected);
    expect(platform.kvs.reads.filter((r) => r.key.startsWith('gate:'))).toHaveLength(KEYS.length);
    for (const k of KEYS) expect(platform.kvs.value(STORAGE_KEYS.summary(idOf(k)))).toBeDefined();
    platform.kvs.resetOps();
    expect(await portfolio()).toEqual(expected);
    expect(platform.kvs.reads.filter((r) => r.key.startsWith('gate:'))).toEqual([]);
  });

  test('stays for Jira administrators only', async () => {
    platform.kvs.resetOps();
    expect((await invoke('getPortfolio', {}, { account: 'u-viewer' })).error.code).toBe('forbidden');
    expect(platform.kvs.reads.filter((r) => /^(gate|summary):/.test(r.key))).toEqual([]);
  });

  test('a summary follows its gate document through every store path', async () => {
    const summaryOf = (k: string) => platform.kvs.value(STORAGE_KEYS.summary(idOf(k)));
    // BETA failed, GAMMA saved settings, DELTA counted a violation, the rest stored snapshots (beforeEach).
    const rows = await portfolio();
    for (const k of KEYS) {
      expect(summaryOf(k)).toBeDefined();
      expect(rows.find((r: { project: string }) => r.project === k)).toEqual(rowFromFullDoc(k, fullDoc(k)));
    }
    expect(rows.find((r: { project: string }) => r.project === 'DELTA').violations).toEqual({
      movedOutOfToDo: 0,
      typeChanged: 1,
    });
  });
});
