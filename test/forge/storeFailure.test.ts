/**
 * Issue #12: a recompute whose computation succeeds but whose store fails (KVS answers 500) is never lost silently —
 * the error is recorded beside the last good snapshot (when that write can succeed), the change records stay, and the
 * work is retried (queued again, and the next scheduled run does not call the snapshot current). And the stored
 * facts are written under the fenced lease like the gate document.
 */

import { installEmulatedForge } from './emulated';

const forge = installEmulatedForge({ kvsNow: () => Date.now() });
const { jira: mockJira, kvs: kvsStore } = forge;
/** The events queued (each push's payload, flattened). */
const queuedEvents = () => forge.pushes.flatMap((p) => p.payload);

import { randomEdits } from '../../dev/bench-data/edits';
import { onIssueEvent, onRecompute } from '../../src/forge/events';
import { readGate, STORAGE_KEYS, withLease } from '../../src/forge/storage';
import { readFactsHeader } from '../../src/forge/storedFacts';
import { kvs as realKvs } from '@forge/kvs';
import { enrolGenerated } from './enrolled';

const KEY = 'SF';
let ID = '';
jest.setTimeout(120_000);

async function setUp(seed: number) {
  kvsStore.faults.length = 0;
  forge.pushes.length = 0;
  const enrolled = await enrolGenerated(forge, { key: KEY, issues: 400, years: 2, seed });
  ID = enrolled.id;
  return enrolled;
}

const consume = (reason: string) => onRecompute({ body: { project: KEY, reason } });
const retries = () =>
  queuedEvents().filter((p) => (p as { body?: { reason?: string } }).body?.reason === 'retry').length;
const changeRecords = () => kvsStore.keys(`change:${KEY}:`).length;
const storeFault = () =>
  kvsStore.faults.push({ op: 'transact', key: /^gate:/, message: 'KVS is unavailable (injected)' });

describe('a recompute whose store fails', () => {
  test('a full read whose store fails records the error and is queued again', async () => {
    await setUp(1);
    storeFault();
    const { outcome } = await consume('settings');
    expect(outcome).toMatch(/^failed: .*could not be stored/);
    const doc = (await readGate(ID))!;
    expect(doc.snapshot).toBeNull();
    expect(doc.lastError?.message).toMatch(/KVS is unavailable/);
    expect(retries()).toBe(1);
    // The retry stores it (from the facts the full read kept: no second full read).
    const app = mockJira.app!;
    app.resetStats();
    expect((await consume('retry')).outcome).toMatch(/^stored/);
    expect((await readGate(ID))!.lastError).toBeNull();
    expect(app.stats.points).toBeLessThan(20);
  });

  test('an incremental recompute whose store fails keeps its change records, records the error, retries, and reads nothing in full', async () => {
    const { site } = await setUp(2);
    expect((await consume('settings')).outcome).toMatch(/^stored/);
    const before = (await readGate(ID))!.snapshot!.computedAt;
    for (const e of randomEdits(site, KEY, 5, 'sf')) await onIssueEvent(e);
    const recorded = changeRecords();
    expect(recorded).toBeGreaterThan(0);
    storeFault(); // the store fails; recording the error succeeds
    const app = mockJira.app!;
    app.resetStats();
    forge.pushes.length = 0;
    const { outcome } = await consume('issue-event');
    expect(outcome).toMatch(/^failed: .*could not be stored/);
    expect(app.stats.points).toBeLessThan(40); // no full read of a store that is failing
    const doc = (await readGate(ID))!;
    expect(doc.snapshot!.computedAt).toBe(before); // the last good snapshot stays
    expect(doc.lastError?.message).toMatch(/KVS is unavailable/);
    expect(changeRecords()).toBe(recorded);
    expect(retries()).toBe(1);
    kvsStore.faults.length = 0;
    expect((await consume('retry')).outcome).toMatch(/^stored/);
    expect(changeRecords()).toBe(0);
    expect((await readGate(ID))!.lastError).toBeNull();
  });

  test('when not even the error can be written, the next scheduled run does not call the snapshot current', async () => {
    const { site } = await setUp(3);
    expect((await consume('settings')).outcome).toMatch(/^stored/);
    for (const e of randomEdits(site, KEY, 3, 'sf3')) await onIssueEvent(e);
    storeFault(); // the store fails…
    storeFault(); // …and so does recording the error (one fenced transaction on the gate document)
    expect((await consume('issue-event')).outcome).toMatch(/^failed/);
    expect((await readGate(ID))!.lastError).toBeNull(); // could not be written
    expect(changeRecords()).toBeGreaterThan(0);
    kvsStore.faults.length = 0;
    // The queued retry may be lost as well: the schedule sees the change records still waiting.
    const scheduled = await consume('scheduled');
    expect(scheduled.outcome).toMatch(/^stored/);
    expect(changeRecords()).toBe(0);
    expect(kvsStore.peek(STORAGE_KEYS.pending(KEY))).toBeUndefined();
  });

  test('facts written by a writer stalled past its lease are refused (fenced like the gate document)', async () => {
    await setUp(4);
    const kv = realKvs as { get: (key: string) => Promise<unknown> };
    const get = kv.get.bind(kv);
    const clock = jest.spyOn(Date, 'now');
    const t0 = Date.now();
    let stalled = false;
    kv.get = async (key: string) => {
      const seen = await get(key);
      if (key !== `facts:${KEY}` || stalled) return seen;
      stalled = true;
      // The full read's facts writer has read the header under its lease, then stalls past it; another writer takes
      // the lease over meanwhile.
      clock.mockReturnValue(t0 + 61_000);
      await withLease(KEY, async () => undefined);
      return seen;
    };
    try {
      expect((await consume('settings')).outcome).toMatch(/^stored/);
    } finally {
      kv.get = get;
      clock.mockRestore();
    }
    expect(stalled).toBe(true);
    expect(await readFactsHeader(KEY)).toBeUndefined(); // the stale writer's facts were not written
  });
});
