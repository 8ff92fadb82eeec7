/**
 * Everything the app keeps in Forge's key-value store (`@forge/kvs`), but the stored facts of the incremental
 * recompute (`storedFacts.ts`, the only other module that imports `@forge/kvs`).
 *
 * Key layout (one project = KEY, one issue = ISSUE):
 *
 * | key                         | value                                                                   |
 * |-----------------------------|-------------------------------------------------------------------------|
 * | `project:KEY`               | marker: the project is configured (listed by prefix query)             |
 * | `gate:KEY`                  | {@link GateDoc}: config in force, last good snapshot, last error — the  |
 * |                             | page, the panel and the validator read this one key                    |
 * | `history:KEY`               | {@link HistoryDoc}: one entry per day (≤ 400), unlock/relock changes    |
 * | `settings:KEY`              | {@link SettingsDoc}: the saved config, its version, the version index   |
 * | `settings:KEY:v:N`          | a previous version N of the settings (the last 20 are kept)             |
 * | `notices:KEY`               | {@link NoticesDoc}: ideas still to be told that innovation unlocked     |
 * | `notified:unlock:ISSUE`     | claim: ISSUE was told of an unlock (created once, never again)          |
 * | `notified:violation:ISSUE`  | claim: ISSUE was flagged as moved while locked (created once)           |
 * | `pending:KEY`               | debounce marker: a recompute of KEY is queued (with a TTL)              |
 * | `refresh:KEY`               | throttle marker: a Refresh of KEY is computing or just did (with a TTL) |
 * | `lease:KEY`                 | short lease (TTL) serialising the writers of KEY's documents            |
 *
 * Concurrency. KVS transactions are atomic but their conditions exist only for Custom Entities, so plain documents
 * are protected by a lease: `set(…, { keyPolicy: 'FAIL_IF_EXISTS', ttl })` creates `lease:KEY` atomically; the holder
 * reads, compares and writes (in one transaction), then deletes the lease. Inside the lease a snapshot is only written
 * when it is newer (`computedAt`) than the stored one, so an older computation finishing late never replaces a newer
 * one. A crashed holder's lease expires (TTL, and an `expiresAt` checked by the next writer).
 */
import { kvs, WhereConditions } from '@forge/kvs';
import type { Config } from '../core/config';
import type { CalendarDate } from '../core/dates';
import type { Evidence } from '../core/report';
import type { Snapshot } from './contract';

/** KVS refuses values over 240 KiB; stay below with a margin. */
export const MAX_VALUE_BYTES = 230 * 1024;
/** Evidence keys kept per list in the stored snapshot (the report keeps the exact counts). */
export const MAX_EVIDENCE_KEYS = 1000;
export const HISTORY_DAYS = 400;
export const SETTINGS_VERSIONS_KEPT = 20;
const LEASE_SECONDS = 60;

export interface GateDoc {
  project: string;
  /** The configuration in force (the saved settings, or the defaults). */
  config: Config;
  /** The configuration the stored snapshot was computed with (it lags `config` until the recompute after a save). */
  snapshotConfig?: Config;
  /** The last good snapshot; a failed computation never replaces it. */
  snapshot: Snapshot | null;
  /** The last failed computation, kept beside the last good snapshot; cleared by a success. */
  lastError: { message: string; at: string } | null;
  /** When a computation last started (ISO), succeeded or not. */
  lastAttemptAt: string | null;
}

export type GateChange = 'unlocked' | 'relocked';

export interface HistoryEntry {
  /** The as-of date of the computation. */
  day: CalendarDate;
  /** ISO instant of the last computation of that day. */
  at: string;
  phase: 1 | 2 | 3;
  unlocked: boolean;
  reliabilityMet: boolean;
  deliveryMet: boolean;
  majorIncidents: number;
  medianRestoreHours: number | null;
  onTimeRate: number | null;
  decided: number;
  lockedIdeas: number;
  /** Unlocks and relocks that happened that day. */
  changes?: { at: string; change: GateChange }[];
}

export interface HistoryDoc {
  project: string;
  /** Oldest first, one per day, at most {@link HISTORY_DAYS}. */
  days: HistoryEntry[];
}

export interface SettingsVersion {
  config: Config;
  version: number;
  savedAt: string;
  savedBy: string;
}

export interface SettingsDoc extends SettingsVersion {
  /** Previous versions still stored, newest first. */
  previous: { version: number; savedAt: string; savedBy: string }[];
}

export interface NoticesDoc {
  /** Ideas (issue keys) still to be told that innovation unlocked. */
  pending: string[];
}

/** Storage is busy: another writer holds the project's lease for longer than we can wait. */
export class StorageBusyError extends Error {
  constructor(project: string) {
    super(`another computation of ${project} is being stored; try again in a minute`);
    this.name = 'StorageBusyError';
  }
}

export interface Clock {
  now: () => number;
  sleep: (ms: number) => Promise<void>;
}

const realClock: Clock = {
  now: () => Date.now(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
};

const keys = {
  project: (p: string) => `project:${p}`,
  gate: (p: string) => `gate:${p}`,
  history: (p: string) => `history:${p}`,
  settings: (p: string) => `settings:${p}`,
  settingsVersion: (p: string, n: number) => `settings:${p}:v:${n}`,
  notices: (p: string) => `notices:${p}`,
  notified: (kind: 'unlock' | 'violation', issue: string) => `notified:${kind}:${issue}`,
  pending: (p: string) => `pending:${p}`,
  refresh: (p: string) => `refresh:${p}`,
  lease: (p: string) => `lease:${p}`,
};
export const STORAGE_KEYS = keys;

function bytes(value: unknown): number {
  return Buffer.byteLength(JSON.stringify(value), 'utf8');
}

// ---------------------------------------------------------------------------------------------------------------
// Exclusive creation: the one atomic primitive plain KVS keys offer.

interface Expiring {
  expiresAt: number;
}

/**
 * Creates `key` only if it does not exist. True when created; false when it exists and has not expired. An entry
 * past its `expiresAt` (a crashed holder; KVS may still return an expired value for a while) is deleted and the
 * creation tried again.
 */
async function createExclusive<T extends Expiring>(
  key: string,
  value: T,
  ttlSeconds: number | null,
  clock: Clock,
): Promise<boolean> {
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      await kvs.set(
        key,
        value,
        ttlSeconds === null
          ? { keyPolicy: 'FAIL_IF_EXISTS' }
          : { keyPolicy: 'FAIL_IF_EXISTS', ttl: { value: ttlSeconds, unit: 'SECONDS' } },
      );
      return true;
    } catch (err) {
      const held = await kvs.get<Partial<Expiring>>(key);
      if (held === undefined) {
        if (attempt === 2) throw err; // not an "already exists" failure
        continue; // released meanwhile: try again
      }
      if (typeof held.expiresAt === 'number' && held.expiresAt < clock.now()) {
        await kvs.delete(key);
        continue;
      }
      return false;
    }
  }
  return false;
}

/**
 * Runs `fn` while holding the project's lease. Waits up to `waitMs` for another holder.
 * @throws StorageBusyError when the lease cannot be had in time.
 */
export async function withLease<T>(
  project: string,
  fn: () => Promise<T>,
  options: { waitMs?: number; clock?: Clock } = {},
): Promise<T> {
  const clock = options.clock ?? realClock;
  const waitMs = options.waitMs ?? 8000;
  const key = keys.lease(project);
  const owner = `${clock.now()}-${Math.random().toString(36).slice(2)}`;
  const started = clock.now();
  for (let pause = 100; ; pause = Math.min(pause * 2, 1000)) {
    const lease = { owner, expiresAt: clock.now() + LEASE_SECONDS * 1000 };
    if (await createExclusive(key, lease, LEASE_SECONDS, clock)) break;
    if (clock.now() - started + pause > waitMs) throw new StorageBusyError(project);
    await clock.sleep(pause);
  }
  try {
    return await fn();
  } finally {
    try {
      const held = await kvs.get<{ owner?: string }>(key);
      if (held?.owner === owner) await kvs.delete(key);
    } catch {
      // The lease expires on its own.
    }
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Configured projects

/** Adds the project to the configured list; true when it was not there before. */
export async function markConfigured(project: string, by: string, now: number): Promise<boolean> {
  if ((await kvs.get(keys.project(project))) !== undefined) return false;
  await kvs.set(keys.project(project), { project, since: new Date(now).toISOString(), by });
  return true;
}

export async function isConfigured(project: string): Promise<boolean> {
  return (await kvs.get(keys.project(project))) !== undefined;
}

/** Every configured project, sorted. */
export async function listConfiguredProjects(): Promise<string[]> {
  const out: string[] = [];
  let cursor: string | undefined;
  for (let page = 0; page < 1000; page++) {
    let q = kvs.query().where('key', WhereConditions.beginsWith('project:')).limit(100);
    if (cursor) q = q.cursor(cursor);
    const result = await q.getMany<unknown>();
    for (const r of result.results) out.push(r.key.slice('project:'.length));
    cursor = result.nextCursor;
    if (!cursor) break;
  }
  return [...new Set(out)].sort();
}

// ---------------------------------------------------------------------------------------------------------------
// Gate documents

export async function readGate(project: string): Promise<GateDoc | undefined> {
  return kvs.get<GateDoc>(keys.gate(project));
}

/** Several gate documents in as few reads as KVS allows. */
export async function readGates(projects: readonly string[]): Promise<Map<string, GateDoc>> {
  const out = new Map<string, GateDoc>();
  for (let i = 0; i < projects.length; i += 20) {
    const chunk = projects.slice(i, i + 20);
    const result = await kvs.batchGet<GateDoc>(chunk.map((p) => ({ key: keys.gate(p) })));
    for (const item of result.successfulKeys) {
      if (item.value) out.set(item.key.slice('gate:'.length), item.value);
    }
  }
  return out;
}

export async function readHistory(project: string): Promise<HistoryDoc> {
  return (await kvs.get<HistoryDoc>(keys.history(project))) ?? { project, days: [] };
}

/**
 * A snapshot small enough to store: each evidence list is cut to `maxKeys` keys (the exact counts are recorded in
 * `evidenceTotals`), halving until the gate document fits in a KVS value.
 */
export function fitSnapshot(snapshot: Snapshot, rest: Omit<GateDoc, 'snapshot'>): Snapshot {
  let maxKeys = MAX_EVIDENCE_KEYS;
  for (;;) {
    const evidence = {} as Evidence;
    const totals: Partial<Record<keyof Evidence, number>> = { ...snapshot.evidenceTotals };
    for (const [name, list] of Object.entries(snapshot.evidence) as [keyof Evidence, string[]][]) {
      const total = snapshot.evidenceTotals?.[name] ?? list.length;
      evidence[name] = list.slice(0, maxKeys);
      if (total > evidence[name].length) totals[name] = total;
    }
    const fitted: Snapshot = { ...snapshot, evidence };
    if (Object.keys(totals).length) fitted.evidenceTotals = totals;
    else delete fitted.evidenceTotals;
    if (bytes({ ...rest, snapshot: fitted }) <= MAX_VALUE_BYTES || maxKeys === 0) return fitted;
    maxKeys = Math.floor(maxKeys / 2);
  }
}

function historyEntry(snapshot: Snapshot): HistoryEntry {
  const r = snapshot.report;
  return {
    day: r.asOf,
    at: snapshot.computedAt,
    phase: r.phase,
    unlocked: r.innovationUnlocked,
    reliabilityMet: r.reliability.met,
    deliveryMet: r.delivery.met,
    majorIncidents: r.reliability.majorIncidents,
    medianRestoreHours: r.reliability.medianRestoreHours,
    onTimeRate: r.delivery.onTimeRate,
    decided: r.delivery.decided,
    lockedIdeas: r.ideas.locked,
  };
}

/** Upserts the day's entry, records a change, keeps at most {@link HISTORY_DAYS} days. */
export function addToHistory(history: HistoryDoc, snapshot: Snapshot, change: GateChange | null): HistoryDoc {
  const entry = historyEntry(snapshot);
  const days = history.days.filter((d) => d.day !== entry.day);
  const sameDay = history.days.find((d) => d.day === entry.day);
  const changes = [...(sameDay?.changes ?? [])];
  if (change) changes.push({ at: snapshot.computedAt, change });
  if (changes.length) entry.changes = changes.slice(-20);
  days.push(entry);
  days.sort((a, b) => (a.day < b.day ? -1 : a.day > b.day ? 1 : 0));
  return { project: history.project, days: days.slice(-HISTORY_DAYS) };
}

export interface StoreResult {
  /** False when a newer snapshot was already stored (this one is dropped; of two equally old, the later write wins). */
  stored: boolean;
  /** The innovation gate changed from a known state. */
  change: GateChange | null;
  doc: GateDoc;
}

/**
 * Stores a good snapshot with its history entry, unless a newer one is already there. On an unlock, `waitingIdeas`
 * become pending notices; on a relock, pending notices are dropped (they would say the opposite of the truth).
 */
export async function storeSnapshot(
  project: string,
  snapshot: Snapshot,
  config: Config,
  waitingIdeas: readonly string[],
  options: { clock?: Clock } = {},
): Promise<StoreResult> {
  return withLease(
    project,
    async () => {
      const [gate, history, notices] = await Promise.all([
        readGate(project),
        readHistory(project),
        kvs.get<NoticesDoc>(keys.notices(project)),
      ]);
      const previous = gate?.snapshot ?? null;
      if (previous && previous.computedAt > snapshot.computedAt) {
        return { stored: false, change: null, doc: gate! };
      }
      const wasUnlocked = previous ? previous.report.innovationUnlocked : null;
      const isUnlocked = snapshot.report.innovationUnlocked;
      const change: GateChange | null =
        wasUnlocked === false && isUnlocked
          ? 'unlocked'
          : wasUnlocked === true && !isUnlocked
            ? 'relocked'
            : null;

      const rest: Omit<GateDoc, 'snapshot'> = {
        project,
        config: gate?.config ?? config,
        snapshotConfig: config,
        lastError: null,
        lastAttemptAt: snapshot.computedAt,
      };
      const doc: GateDoc = { ...rest, snapshot: fitSnapshot(snapshot, rest) };
      const tx = kvs
        .transact()
        .set(keys.gate(project), doc)
        .set(keys.history(project), addToHistory(history, snapshot, change));
      if (change === 'unlocked') {
        const pending = [...new Set([...(notices?.pending ?? []), ...waitingIdeas])].slice(0, 5000);
        tx.set(keys.notices(project), { pending } satisfies NoticesDoc);
      } else if (change === 'relocked' && notices?.pending.length) {
        tx.set(keys.notices(project), { pending: [] } satisfies NoticesDoc);
      }
      await tx.execute();
      return { stored: true, change, doc };
    },
    { clock: options.clock },
  );
}

/** Records a failed computation beside the last good snapshot (which is kept as it is). */
export async function recordFailure(
  project: string,
  message: string,
  at: number,
  config: Config,
  options: { clock?: Clock } = {},
): Promise<GateDoc> {
  return withLease(
    project,
    async () => {
      const gate = await readGate(project);
      const doc: GateDoc = {
        project,
        config: gate?.config ?? config,
        ...(gate?.snapshotConfig ? { snapshotConfig: gate.snapshotConfig } : {}),
        snapshot: gate?.snapshot ?? null,
        lastError: { message: message.slice(0, 2000), at: new Date(at).toISOString() },
        lastAttemptAt: new Date(at).toISOString(),
      };
      await kvs.set(keys.gate(project), doc);
      return doc;
    },
    { clock: options.clock },
  );
}

/**
 * Creates the gate document of a newly configured project (no snapshot yet) if there is none. The creation is
 * exclusive (`FAIL_IF_EXISTS`): a document stored between the read and the write (a first computation, a settings
 * save) is kept, never replaced by an empty one.
 */
export async function ensureGateDoc(project: string, config: Config): Promise<GateDoc> {
  const existing = await readGate(project);
  if (existing) return existing;
  const doc: GateDoc = { project, config, snapshot: null, lastError: null, lastAttemptAt: null };
  try {
    await kvs.set(keys.gate(project), doc, { keyPolicy: 'FAIL_IF_EXISTS' });
    return doc;
  } catch (err) {
    const stored = await readGate(project);
    if (stored) return stored;
    throw err;
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Settings

export async function readSettings(project: string): Promise<SettingsDoc | undefined> {
  return kvs.get<SettingsDoc>(keys.settings(project));
}

export async function readSettingsVersion(
  project: string,
  version: number,
): Promise<SettingsVersion | undefined> {
  return kvs.get<SettingsVersion>(keys.settingsVersion(project, version));
}

/**
 * Saves a new version of the settings in one transaction: the current version is copied to `settings:KEY:v:N`, the
 * new one becomes current, versions beyond {@link SETTINGS_VERSIONS_KEPT} are deleted, and the gate document takes
 * the new config (its snapshot is untouched until the recompute).
 */
export async function saveSettings(
  project: string,
  config: Config,
  savedBy: string,
  now: number,
  options: { clock?: Clock } = {},
): Promise<SettingsDoc> {
  return withLease(
    project,
    async () => {
      const [current, gate] = await Promise.all([readSettings(project), readGate(project)]);
      const savedAt = new Date(now).toISOString();
      let previous = current?.previous ?? [];
      const tx = kvs.transact();
      if (current) {
        const copy: SettingsVersion = {
          config: current.config,
          version: current.version,
          savedAt: current.savedAt,
          savedBy: current.savedBy,
        };
        tx.set(keys.settingsVersion(project, current.version), copy);
        previous = [
          { version: current.version, savedAt: current.savedAt, savedBy: current.savedBy },
          ...previous,
        ];
        for (const dropped of previous.slice(SETTINGS_VERSIONS_KEPT)) {
          tx.delete(keys.settingsVersion(project, dropped.version));
        }
        previous = previous.slice(0, SETTINGS_VERSIONS_KEPT);
      }
      const doc: SettingsDoc = { config, version: (current?.version ?? 0) + 1, savedAt, savedBy, previous };
      tx.set(keys.settings(project), doc);
      const gateDoc: GateDoc = gate
        ? { ...gate, config }
        : { project, config, snapshot: null, lastError: null, lastAttemptAt: null };
      tx.set(keys.gate(project), gateDoc);
      await tx.execute();
      return doc;
    },
    { clock: options.clock },
  );
}

// ---------------------------------------------------------------------------------------------------------------
// Notices and claims

/** Claims the right to tell `issue` something once: true the first time, false ever after. */
export async function claimNotice(
  kind: 'unlock' | 'violation',
  issue: string,
  now: number,
): Promise<boolean> {
  return createExclusive(
    keys.notified(kind, issue),
    { at: new Date(now).toISOString(), expiresAt: Number.MAX_SAFE_INTEGER },
    null,
    { ...realClock, now: () => now },
  );
}

/** Gives a claim back (the notice could not be delivered and will be tried again). */
export async function releaseNotice(kind: 'unlock' | 'violation', issue: string): Promise<void> {
  await kvs.delete(keys.notified(kind, issue));
}

export async function readPendingNotices(project: string): Promise<string[]> {
  return (await kvs.get<NoticesDoc>(keys.notices(project)))?.pending ?? [];
}

/** Removes handled issues from the pending notices. */
export async function removePendingNotices(
  project: string,
  handled: readonly string[],
  options: { clock?: Clock } = {},
): Promise<void> {
  if (handled.length === 0) return;
  await withLease(
    project,
    async () => {
      const done = new Set(handled);
      const pending = (await readPendingNotices(project)).filter((k) => !done.has(k));
      await kvs.set(keys.notices(project), { pending } satisfies NoticesDoc);
    },
    { clock: options.clock },
  );
}

// ---------------------------------------------------------------------------------------------------------------
// Debounced recomputes

/**
 * Marks a recompute of `project` as queued until `until`. True when this call set the marker (the caller queues
 * the recompute); false when one is queued already.
 */
export async function markRecomputePending(
  project: string,
  now: number,
  delaySeconds: number,
): Promise<boolean> {
  return createExclusive(
    keys.pending(project),
    { queuedAt: new Date(now).toISOString(), expiresAt: now + (delaySeconds + 600) * 1000 },
    delaySeconds + 600,
    { ...realClock, now: () => now },
  );
}

/**
 * Claims the right to recompute `project` on a user's Refresh for `seconds`: true once per period, however many
 * refreshes arrive together (each one is a full read of the project, paid from the app's Jira rate limit).
 */
export async function claimRefresh(project: string, now: number, seconds: number): Promise<boolean> {
  return createExclusive(
    keys.refresh(project),
    { at: new Date(now).toISOString(), expiresAt: now + seconds * 1000 },
    seconds,
    { ...realClock, now: () => now },
  );
}

/** The queued recompute has started: later events queue another. */
export async function clearRecomputePending(project: string): Promise<void> {
  await kvs.delete(keys.pending(project));
}
