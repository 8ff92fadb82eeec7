// The real @forge/kvs over the Forge emulator's store (dev/forge-emulator).
import { kvs as realKvs } from '@forge/kvs';
import { installPlatform } from '../../dev/forge-emulator/egress';
import { KvsEmulator } from '../../dev/forge-emulator/kvs';
import { DEFAULT_CONFIG, parseConfig } from '../../src/core/config';
import type { Evidence } from '../../src/core/report';
import type { Snapshot } from '../../src/forge/contract';
import {
  addToHistory,
  claimNotice,
  ensureGateDoc,
  HISTORY_DAYS,
  markRecomputePending,
  MAX_VALUE_BYTES,
  recordFailure,
  saveSettings,
  STORAGE_KEYS,
  StorageBusyError,
  storeSnapshot,
  withLease,
  type Clock,
  type GateDoc,
  type HistoryDoc,
} from '../../src/forge/storage';
import { evidence } from '../helpers/evidence';
import { report as fixtureReport } from '../helpers/reports';

const store = new KvsEmulator();
installPlatform({
  jira: { kind: 'handler', handle: async () => new Response(null, { status: 501 }) },
  kvs: store,
  onQueuePush: () => {},
});
beforeEach(() => {
  store.clear();
  store.faults.length = 0;
});

function snapshot(
  computedAt: string,
  options: { unlocked?: boolean; asOf?: string; evidence?: Partial<Evidence> } = {},
): Snapshot {
  const unlocked = options.unlocked ?? false;
  const report = fixtureReport(unlocked ? 3 : 2, {
    asOf: options.asOf ?? computedAt.slice(0, 10),
    computedAt,
  });
  return { report, trend: [], evidence: evidence(options.evidence), computedAt };
}

const at = (minutes: number) => new Date(Date.UTC(2026, 5, 30, 8, minutes)).toISOString();

describe('snapshots', () => {
  test('concurrent stores keep the newest snapshot whatever order they finish in', async () => {
    const results = await Promise.all([
      storeSnapshot('OPS', snapshot(at(5)), DEFAULT_CONFIG, []),
      storeSnapshot('OPS', snapshot(at(9)), DEFAULT_CONFIG, []),
      storeSnapshot('OPS', snapshot(at(1)), DEFAULT_CONFIG, []),
    ]);
    const doc = store.peek<GateDoc>(STORAGE_KEYS.gate('OPS'))!;
    expect(doc.snapshot!.computedAt).toBe(at(9));
    // Two of the three were written in turn (each newer than the one before) or dropped, never interleaved.
    expect(results.filter((r) => r.stored).length).toBeGreaterThanOrEqual(1);
    const history = store.peek<HistoryDoc>(STORAGE_KEYS.history('OPS'))!;
    expect(history.days).toHaveLength(1);
    expect(history.days[0]!.at).toBe(at(9));
    expect(store.peekEntity<{ owner: string }>('lease', 'OPS')?.owner).toBe('');
  });

  test('an older computation finishing late is dropped', async () => {
    await storeSnapshot('OPS', snapshot(at(9)), DEFAULT_CONFIG, []);
    const late = await storeSnapshot('OPS', snapshot(at(2)), DEFAULT_CONFIG, []);
    expect(late.stored).toBe(false);
    expect(store.peek<GateDoc>(STORAGE_KEYS.gate('OPS'))!.snapshot!.computedAt).toBe(at(9));
  });

  test('creating the gate document of a new project never replaces a snapshot stored meanwhile', async () => {
    // Setup creates the document while, say, the first page view stores the first snapshot.
    const kv = realKvs as { get: (key: string) => Promise<unknown> };
    const get = kv.get.bind(kv);
    let raced = false;
    kv.get = async (key: string) => {
      if (key !== STORAGE_KEYS.gate('OPS') || raced) return get(key);
      raced = true;
      const seen = await get(key); // nothing yet…
      await storeSnapshot('OPS', snapshot(at(5)), DEFAULT_CONFIG, []); // …then a snapshot lands
      return seen;
    };
    const doc = await ensureGateDoc('OPS', DEFAULT_CONFIG).finally(() => {
      kv.get = get;
    });
    expect(raced).toBe(true);
    expect(store.peek<GateDoc>(STORAGE_KEYS.gate('OPS'))!.snapshot?.computedAt).toBe(at(5));
    expect(doc.snapshot?.computedAt).toBe(at(5));
  });

  test('a failure is recorded beside the snapshot, which stays', async () => {
    await storeSnapshot('OPS', snapshot(at(1)), DEFAULT_CONFIG, []);
    await recordFailure('OPS', 'Jira is down', Date.parse(at(30)), DEFAULT_CONFIG);
    const doc = store.peek<GateDoc>(STORAGE_KEYS.gate('OPS'))!;
    expect(doc.snapshot!.computedAt).toBe(at(1));
    expect(doc.lastError).toEqual({ message: 'Jira is down', at: at(30) });
  });

  test('a failed write leaves everything as it was (one transaction)', async () => {
    await storeSnapshot('OPS', snapshot(at(1)), DEFAULT_CONFIG, []);
    store.faults.push({ op: 'transact', key: /^gate:/, message: 'KVS unavailable' });
    await expect(
      storeSnapshot('OPS', snapshot(at(5), { unlocked: true }), DEFAULT_CONFIG, ['OPS-1']),
    ).rejects.toThrow('KVS unavailable');
    expect(store.peek<GateDoc>(STORAGE_KEYS.gate('OPS'))!.snapshot!.computedAt).toBe(at(1));
    expect(store.peek(STORAGE_KEYS.notices('OPS'))).toBeUndefined();
    expect(store.peekEntity<{ owner: string }>('lease', 'OPS')?.owner).toBe('');
  });

  test('evidence lists are cut to fit a KVS value, with the full counts kept', async () => {
    const many = Array.from({ length: 40_000 }, (_, i) => `OPS-${i + 1}`);
    await storeSnapshot(
      'OPS',
      snapshot(at(1), { evidence: { onTime: many, lockedIdeas: many.slice(0, 10) } }),
      DEFAULT_CONFIG,
      [],
    );
    const doc = store.peek<GateDoc>(STORAGE_KEYS.gate('OPS'))!;
    expect(Buffer.byteLength(JSON.stringify(doc))).toBeLessThanOrEqual(MAX_VALUE_BYTES);
    expect(doc.snapshot!.evidence.onTime.length).toBeLessThan(many.length);
    expect(doc.snapshot!.evidence.onTime[0]).toBe('OPS-1');
    expect(doc.snapshot!.evidenceTotals).toEqual({ onTime: 40_000 });
    expect(doc.snapshot!.evidence.lockedIdeas).toHaveLength(10);
  });

  test('an unlock makes the waiting ideas pending notices; a relock drops them and is recorded', async () => {
    await storeSnapshot('OPS', snapshot(at(1)), DEFAULT_CONFIG, []);
    const unlock = await storeSnapshot('OPS', snapshot(at(2), { unlocked: true }), DEFAULT_CONFIG, [
      'OPS-7',
      'OPS-8',
    ]);
    expect(unlock.change).toBe('unlocked');
    expect(store.peek(STORAGE_KEYS.notices('OPS'))).toEqual({ pending: ['OPS-7', 'OPS-8'] });
    const relock = await storeSnapshot('OPS', snapshot(at(3)), DEFAULT_CONFIG, []);
    expect(relock.change).toBe('relocked');
    expect(store.peek(STORAGE_KEYS.notices('OPS'))).toEqual({ pending: [] });
    const history = store.peek<HistoryDoc>(STORAGE_KEYS.history('OPS'))!;
    expect(history.days[0]!.changes).toEqual([
      { at: at(2), change: 'unlocked' },
      { at: at(3), change: 'relocked' },
    ]);
  });

  test('the first snapshot is no unlock (there was no known locked state)', async () => {
    const first = await storeSnapshot('OPS', snapshot(at(1), { unlocked: true }), DEFAULT_CONFIG, ['OPS-1']);
    expect(first.change).toBeNull();
  });
});

describe('history', () => {
  test('one entry per day, at most 400 days', () => {
    let history: HistoryDoc = { project: 'OPS', days: [] };
    const start = Date.UTC(2025, 0, 1);
    for (let d = 0; d < HISTORY_DAYS + 30; d++) {
      const day = new Date(start + d * 86_400_000).toISOString();
      history = addToHistory(history, snapshot(day), null);
      history = addToHistory(history, snapshot(day.replace('T00', 'T12')), null); // later the same day
    }
    expect(history.days).toHaveLength(HISTORY_DAYS);
    expect(history.days[0]!.day).toBe(new Date(start + 30 * 86_400_000).toISOString().slice(0, 10));
    expect(history.days.at(-1)!.at).toMatch(/T12/);
    expect(Buffer.byteLength(JSON.stringify(history))).toBeLessThan(MAX_VALUE_BYTES);
  });
});

describe('leases and claims', () => {
  function fakeClock(start = Date.now()): Clock & { t: number } {
    const clock = { t: start, now: () => clock.t, sleep: async (ms: number) => void (clock.t += ms) };
    return clock;
  }

  test('a held lease makes a writer wait, then give up with a clear error', async () => {
    const clock = fakeClock();
    store.seedEntity('lease', 'OPS', { owner: 'other', generation: 3, expiresAt: clock.t + 60_000 });
    await expect(withLease('OPS', async () => 'never', { clock, waitMs: 3000 })).rejects.toBeInstanceOf(
      StorageBusyError,
    );
    expect(clock.t).toBeGreaterThan(Date.now());
  });

  test("a crashed holder's expired lease is taken over", async () => {
    const clock = fakeClock();
    store.seedEntity('lease', 'OPS', { owner: 'crashed', generation: 3, expiresAt: clock.t - 1 });
    expect(await withLease('OPS', async () => 'ran', { clock })).toBe('ran');
    // Released: free, one generation on.
    expect(store.peekEntity('lease', 'OPS')).toEqual({ owner: '', generation: 4, expiresAt: 0 });
  });

  test('a writer stalled past its lease has its write refused; the newer snapshot stays (fencing)', async () => {
    await storeSnapshot('OPS', snapshot(at(1)), DEFAULT_CONFIG, []);
    const kv = realKvs as { get: (key: string) => Promise<unknown> };
    const get = kv.get.bind(kv);
    const clock = jest.spyOn(Date, 'now');
    const t0 = Date.now();
    let stalled = false;
    kv.get = async (key: string) => {
      const seen = await get(key);
      if (key !== STORAGE_KEYS.gate('OPS') || stalled) return seen;
      stalled = true;
      // Writer A has read the gate document, then stalls past its 60 s lease; writer B takes the lease over and
      // stores a newer snapshot.
      clock.mockReturnValue(t0 + 61_000);
      expect((await storeSnapshot('OPS', snapshot(at(9)), DEFAULT_CONFIG, [])).stored).toBe(true);
      return seen;
    };
    try {
      await expect(storeSnapshot('OPS', snapshot(at(5)), DEFAULT_CONFIG, [])).rejects.toBeInstanceOf(
        StorageBusyError,
      );
    } finally {
      kv.get = get;
      clock.mockRestore();
    }
    expect(stalled).toBe(true);
    expect(store.peek<GateDoc>(STORAGE_KEYS.gate('OPS'))!.snapshot!.computedAt).toBe(at(9));
    expect(store.peek<HistoryDoc>(STORAGE_KEYS.history('OPS'))!.days[0]!.at).toBe(at(9));
  });

  test('two waiters breaking the same stale lease: exactly one holds it', async () => {
    const clock = fakeClock();
    // A crashed holder's lease (as either version stored it).
    store.seed(STORAGE_KEYS.lease('OPS'), { owner: 'crashed', expiresAt: clock.t - 1 });
    store.seedEntity('lease', 'OPS', { owner: 'crashed', generation: 3, expiresAt: clock.t - 1 });
    // The second waiter's read of the stale lease arrives late: after the first one has broken it and holds it.
    let reads = 0;
    let signal = () => {};
    const firstInside = new Promise<void>((resolve) => (signal = resolve));
    const late = async <T>(read: () => Promise<T>): Promise<T> => {
      const n = ++reads;
      const value = await read();
      if (n === 2) await Promise.race([firstInside, new Promise((r) => setTimeout(r, 500))]);
      return value;
    };
    const kv = realKvs as unknown as {
      get: (key: string) => Promise<unknown>;
      entity: (name: string) => { get: (key: string) => Promise<unknown> };
    };
    const get = kv.get.bind(kv);
    const entity = kv.entity.bind(kv);
    kv.get = (key) => (key === STORAGE_KEYS.lease('OPS') ? late(() => get(key)) : get(key));
    kv.entity = (name) => {
      const e = entity(name);
      const entityGet = e.get.bind(e);
      e.get = (key) => late(() => entityGet(key));
      return e;
    };
    let inside = 0;
    let most = 0;
    const run = () =>
      withLease(
        'OPS',
        async () => {
          inside++;
          most = Math.max(most, inside);
          signal();
          await new Promise((r) => setTimeout(r, 100));
          inside--;
          return 'ran';
        },
        { clock, waitMs: 0 },
      );
    const results = await Promise.allSettled([run(), run()]).finally(() => {
      kv.get = get;
      kv.entity = entity;
    });
    expect(most).toBe(1);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const refused = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
    expect(refused.reason).toBeInstanceOf(StorageBusyError);
  });

  test('a claim is granted once', async () => {
    expect(await claimNotice('unlock', 'OPS-1', Date.now())).toBe(true);
    expect(await claimNotice('unlock', 'OPS-1', Date.now())).toBe(false);
    expect(await claimNotice('violation', 'OPS-1', Date.now())).toBe(true);
    const both = await Promise.all([claimNotice('unlock', 'OPS-2', 1), claimNotice('unlock', 'OPS-2', 1)]);
    expect(both.sort()).toEqual([false, true]);
  });

  test('a pending recompute marker is set once until it expires', async () => {
    const now = Date.now();
    expect(await markRecomputePending('OPS', now, 120)).toBe(true);
    expect(await markRecomputePending('OPS', now, 120)).toBe(false);
    // An expired marker that KVS still returns is replaced.
    store.seed(STORAGE_KEYS.pending('OPS'), { expiresAt: now - 1 });
    expect(await markRecomputePending('OPS', now, 120)).toBe(true);
  });
});

describe('settings saves (issue #12)', () => {
  test('a large configuration saved beside a snapshot near the limit re-fits the snapshot', async () => {
    // The gate document's size with no evidence, then evidence lists that bring it just under the limit.
    await storeSnapshot('OPS', snapshot(at(1)), DEFAULT_CONFIG, []);
    const base = Buffer.byteLength(JSON.stringify(store.peek(STORAGE_KEYS.gate('OPS'))));
    const lists = ['onTime', 'late', 'majorIncidents', 'openIncidents'] as const;
    const length = Math.floor((MAX_VALUE_BYTES - 2048 - base) / (lists.length * 1000)) - 3;
    const keys = (list: string) =>
      Array.from(
        { length: 1000 },
        (_, i) => `OPS-${list}${String(i).padStart(length - 4 - list.length, '0')}`,
      );
    const big = snapshot(at(2), { evidence: Object.fromEntries(lists.map((l) => [l, keys(l)])) });
    expect((await storeSnapshot('OPS', big, DEFAULT_CONFIG, [])).stored).toBe(true);
    const near = Buffer.byteLength(JSON.stringify(store.peek(STORAGE_KEYS.gate('OPS'))));
    expect(near).toBeGreaterThan(MAX_VALUE_BYTES - 8192);
    expect(near).toBeLessThanOrEqual(MAX_VALUE_BYTES);
    expect(store.peek<GateDoc>(STORAGE_KEYS.gate('OPS'))!.snapshot!.evidence.onTime).toHaveLength(1000);
    // About 25 KB more configuration: 200 approvers, long extra JQL clauses.
    const config = parseConfig({
      ideaBypassApprovers: Array.from({ length: 200 }, (_, i) => `${'a'.repeat(100)}${i}`),
      incidentJql: `labels != ${'x'.repeat(900)}`,
      deliveryJql: `labels != ${'y'.repeat(900)}`,
    });
    await saveSettings('OPS', config, 'u-admin', Date.parse(at(3)));
    const doc = store.peek<GateDoc>(STORAGE_KEYS.gate('OPS'))!;
    expect(Buffer.byteLength(JSON.stringify(doc))).toBeLessThanOrEqual(MAX_VALUE_BYTES);
    expect(doc.config).toEqual(config);
    expect(doc.snapshot!.computedAt).toBe(at(2));
    expect(doc.snapshot!.evidence.onTime.length).toBeLessThan(1000);
    expect(doc.snapshot!.evidenceTotals?.onTime).toBe(1000);
  });
});
