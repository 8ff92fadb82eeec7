/**
 * Everything the app keeps in Forge's key-value store (`@forge/kvs`), but the stored facts of the incremental
 * recompute (`storedFacts.ts`, the only other module that imports `@forge/kvs`).
 *
 * Key layout. Every project document is keyed by the project's **id** (ID, digits), never its key, so a project
 * key rename keeps settings, gate and history; one issue = ISSUE:
 *
 * | key                         | value                                                                   |
 * |-----------------------------|-------------------------------------------------------------------------|
 * | `project:ID`                | marker: the project is configured (listed by prefix query)             |
 * | `gate:ID`                   | {@link GateDoc}: config in force, last good snapshot, last error — the  |
 * |                             | page, the panel and the validator read this one key                    |
 * | `summary:ID`                | {@link GateSummary}: what the portfolio shows of the gate (< 2 KiB),    |
 * |                             | written with `gate:ID` in the same transaction (issue #12)             |
 * | `history:ID`                | {@link HistoryDoc}: one entry per day (≤ 400), unlock/relock changes    |
 * | `settings:ID`               | {@link SettingsDoc}: the saved config, its version, the version index   |
 * | `settings:ID:v:N`           | a previous version N of the settings (the last 20 are kept)             |
 * | `notices:ID`                | {@link NoticesDoc}: ideas still to be told that innovation unlocked     |
 * | `notified:unlock:ISSUE`     | claim: ISSUE was told of an unlock (created once, never again)          |
 * | `notified:violation:ISSUE`  | claim: ISSUE was flagged as moved while locked (created once)           |
 * | `notified:retype:ISSUE`     | claim: ISSUE was flagged for leaving the idea type while locked         |
 * | `pending:KEY`               | debounce marker: a recompute of KEY is queued (with a TTL; by key, as  |
 * |                             | the queue names projects)                                               |
 * | `refresh:KEY`               | throttle marker: a Refresh of KEY is computing or just did (with a TTL)|
 * | `fullread:ID`               | claim: a full read of ID's gate ran this hour (TTL: one an hour at most)|
 * | entity `lease`, key ID      | the writers' fenced lease of ID's documents (owner, generation, expiry) |
 * | `ref:ID`                    | {@link ProjectRef}: the project's current key (and the keys it had)     |
 * | `alias:KEY`                 | {@link ProjectRef} of the project that has or had KEY (old keys resolve)|
 * | `migrated:KEY`              | marker: the documents of version 1, keyed by KEY, were moved to ID      |
 * | `ideaIndex`                 | {@link IdeaIndexDoc}: idea project id → governing home id; source      |
 * |                             | project id → the homes of the gates that read it                        |
 * | `ideaType`                  | {@link IdeaTypeDoc}: the idea issue type's id, stored by the setup      |
 *
 * Version 1 keyed the same documents by project KEY (`gate:OPS`); {@link migrateKeyedDocs} moves them once.
 *
 * Concurrency. KVS transactions are atomic but their conditions exist only for Custom Entities, so plain documents
 * are protected by a fenced lease: the custom entity `lease` (keyed by the project id) holds `{ owner, generation,
 * expiresAt }`, taken by a transaction conditioned on the generation read (two takers, or two breakers of one stale
 * lease: exactly one wins); the holder reads, compares and writes in one transaction that also checks the lease is
 * still its own (generation and owner), so a holder stalled past its lease writes nothing. Inside the lease a snapshot
 * is only written when it is newer (`computedAt`) than the stored one. A crashed holder's lease is taken over after its
 * `expiresAt`.
 */
import { Filter, FilterConditions, kvs, WhereConditions } from '@forge/kvs';
import type { Config } from '../core/config';
import type { Evidence } from '../core/report';
import type { AuditDay, Deferral, Snapshot } from './contract';
import { parseSummary, summarise, type GateSummary } from './summary';

/** KVS refuses values over 240 KiB; stay below with a margin. */
export const MAX_VALUE_BYTES = 230 * 1024;
/** Evidence keys kept per list in the stored snapshot (the report keeps the exact counts). */
export const MAX_EVIDENCE_KEYS = 1000;
export const HISTORY_DAYS = 400;
export const SETTINGS_VERSIONS_KEPT = 20;
const LEASE_SECONDS = 60;

export interface GateDoc {
  /** The home project's key when the document was last written (display only: the document is keyed by id). */
  project: string;
  /** The home project's id (absent in documents of version 1). */
  projectId?: string;
  /**
   * Ideas flagged for leaving To Do, or their idea type, while innovation was locked (counted once per issue and
   * kind). Absent = none.
   */
  violations?: ViolationCounts;
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
  /**
   * Issue #12: scheduled work on the gate was deferred for the installation's Jira points budget (the snapshot stays
   * as it was). Cleared by the next stored snapshot or recorded failure (work ran again). Absent: not deferred.
   */
  deferred?: Deferral;
}

export type { Deferral } from './contract';

export type GateChange = 'unlocked' | 'relocked';

export interface ViolationCounts {
  /** Left To Do while locked (no validator on the transition). */
  movedOutOfToDo: number;
  /** Changed to another issue type while locked (a way around the validator). */
  typeChanged: number;
  last?: { issue: string; kind: 'status' | 'issuetype'; at: string };
}

/** A project as the app knows it: its id (the storage key) and its current key. */
export interface ProjectRef {
  id: string;
  key: string;
  name?: string;
  /** Keys the project had before (they still resolve to it). */
  formerKeys?: string[];
}

/**
 * Which gate governs the ideas of a project, and which gates read a project (SPEC §3.0). Kept in one small document
 * so the validator answers with one extra read.
 */
export interface IdeaIndexDoc {
  /** Idea project id → id of the home whose gate lists it explicitly in `ideaProjects`. */
  ideas: Record<string, string>;
  /** Source project id → ids of the homes whose gates read it (incidents, deliveries or ideas). */
  sources: Record<string, string[]>;
}

/** The idea issue type as the setup found or created it. */
export interface IdeaTypeDoc {
  id: string;
  name: string;
  at: string;
}

/** One day of the audit trail (issue #13): the shape is the contract's, so the resolver returns it as stored. */
export type HistoryEntry = AuditDay;

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
  /** What this version changed from the one before, in the page's words (absent in versions saved before #10). */
  changes?: string[];
}

export interface SettingsDoc extends SettingsVersion {
  /** Previous versions still stored, newest first. */
  previous: { version: number; savedAt: string; savedBy: string; changes?: string[] }[];
}

/** A settings save based on a version that is no longer the current one (a stale form): nothing was written. */
export class StaleSettingsError extends Error {
  constructor(
    readonly baseVersion: number,
    readonly current: { version: number; savedAt: string; savedBy: string },
  ) {
    super(`the settings are at version ${current.version}, not ${baseVersion}`);
    this.name = 'StaleSettingsError';
  }
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
  summary: (p: string) => `summary:${p}`,
  history: (p: string) => `history:${p}`,
  settings: (p: string) => `settings:${p}`,
  settingsVersion: (p: string, n: number) => `settings:${p}:v:${n}`,
  notices: (p: string) => `notices:${p}`,
  notified: (kind: 'unlock' | 'violation', issue: string) => `notified:${kind}:${issue}`,
  pending: (p: string) => `pending:${p}`,
  refresh: (p: string) => `refresh:${p}`,
  fullRead: (p: string) => `fullread:${p}`,
  lease: (p: string) => `lease:${p}`,
  ref: (id: string) => `ref:${id}`,
  alias: (key: string) => `alias:${key}`,
  migrated: (key: string) => `migrated:${key}`,
  ideaIndex: () => 'ideaIndex',
  ideaType: () => 'ideaType',
  retype: (issue: string) => `notified:retype:${issue}`,
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

// ---------------------------------------------------------------------------------------------------------------
// The fenced lease (issue #12)
//
// A lease is a custom entity `lease` (manifest `app.storage.entities`) keyed by the project id: `{ owner, generation,
// expiresAt }`. It is taken — free (never taken, released: `expiresAt` 0) or stale (past `expiresAt`) — by a
// transaction whose condition is the generation read, so of two writers taking (or breaking) the same lease exactly
// one wins. Every write made under it carries a `check` that the generation and owner are still this holder's, in
// the same transaction: a holder stalled past its lease, whose lease another writer has taken since, has its write
// refused ({@link LeaseLostError}) instead of overwriting newer documents. Custom entity conditions are the only
// conditional writes KVS offers (plain keys have `FAIL_IF_EXISTS` alone).

/** The custom entity holding the leases (declared in manifest.yml). */
export const LEASE_ENTITY = 'lease';

interface LeaseEntity {
  owner: string;
  generation: number;
  expiresAt: number;
}

/** The lease was taken by another writer while this one held it (it stalled past its expiry): nothing was written. */
export class LeaseLostError extends StorageBusyError {
  constructor(project: string) {
    super(project);
    this.message = `another writer took over the lease of ${project} (this one ran past it); nothing was written`;
    this.name = 'LeaseLostError';
  }
}

/** A held lease: every write under it goes through {@link Fence.commit}. */
export interface Fence {
  readonly generation: number;
  /** Executes `tx` only if this holder still holds the lease (checked in the same transaction). */
  commit(tx: ReturnType<typeof kvs.transact>): Promise<void>;
}

const leaseEntity = () => kvs.entity<LeaseEntity>(LEASE_ENTITY);

function sameHolder(generation: number, owner: string) {
  return new Filter<LeaseEntity>()
    .and('generation', FilterConditions.equalTo(generation))
    .and('owner', FilterConditions.equalTo(owner));
}

/**
 * Takes the lease if it is free or stale: true when this call took it. The condition (the generation read, or no
 * lease at all) makes two concurrent takers of one lease — two waiters breaking the same stale lease — win once.
 */
async function takeLease(key: string, owner: string, clock: Clock): Promise<number | null> {
  for (let attempt = 0; ; attempt++) {
    const held = await leaseEntity().get(key);
    if (held && held.owner !== '' && held.expiresAt >= clock.now()) return null; // live: wait
    const generation = (held?.generation ?? 0) + 1;
    const condition = held
      ? new Filter<LeaseEntity>().and('generation', FilterConditions.equalTo(held.generation))
      : new Filter<LeaseEntity>().and('generation', FilterConditions.notExists());
    try {
      await kvs
        .transact()
        .set(
          key,
          { owner, generation, expiresAt: clock.now() + LEASE_SECONDS * 1000 } satisfies LeaseEntity,
          { entityName: LEASE_ENTITY, conditions: condition },
        )
        .execute();
      return generation;
    } catch (err) {
      const now = await leaseEntity().get(key);
      if (now?.owner === owner && now.generation === generation) return generation; // it went through after all
      if ((now?.generation ?? 0) !== (held?.generation ?? 0)) return null; // another writer took it first
      if (attempt === 2) throw err; // not a condition that failed
    }
  }
}

/**
 * Runs `fn` while holding the project's lease, with the {@link Fence} its writes go through. Waits up to `waitMs`
 * for another holder.
 * @throws StorageBusyError when the lease cannot be had in time; LeaseLostError when a write was refused because
 * another writer took the lease over meanwhile.
 */
export async function withLease<T>(
  project: string,
  fn: (fence: Fence) => Promise<T>,
  /** `label`: the project as people know it (its key), for the busy message. */
  options: { waitMs?: number; clock?: Clock; label?: string } = {},
): Promise<T> {
  const clock = options.clock ?? realClock;
  const waitMs = options.waitMs ?? 8000;
  const label = options.label ?? project;
  const owner = `${clock.now()}-${Math.random().toString(36).slice(2)}`;
  const started = clock.now();
  let generation: number | null;
  for (let pause = 100; ; pause = Math.min(pause * 2, 1000)) {
    generation = await takeLease(project, owner, clock);
    if (generation !== null) break;
    if (clock.now() - started + pause > waitMs) throw new StorageBusyError(label);
    await clock.sleep(pause);
  }
  const held = generation;
  const fence: Fence = {
    generation: held,
    async commit(tx) {
      tx.check(project, { entityName: LEASE_ENTITY, conditions: sameHolder(held, owner) });
      try {
        await tx.execute();
      } catch (err) {
        const now = await leaseEntity()
          .get(project)
          .catch(() => undefined);
        if (now && (now.generation !== held || now.owner !== owner)) throw new LeaseLostError(label);
        throw err;
      }
    },
  };
  try {
    return await fn(fence);
  } finally {
    try {
      // Released only if still ours (a writer that took it over keeps it).
      await kvs
        .transact()
        .set(project, { owner: '', generation: held, expiresAt: 0 } satisfies LeaseEntity, {
          entityName: LEASE_ENTITY,
          conditions: sameHolder(held, owner),
        })
        .execute();
    } catch {
      // Taken over, or KVS failed: the lease expires on its own.
    }
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Configured projects

/** The marker of a configured project (`project:ID`). */
interface ProjectMarker {
  project: string;
  key?: string;
  since: string;
  by: string;
  /** When someone last opened the project's gate (written at most once a day); absent: `since`. */
  seenAt?: string;
}

/** Projects this instance noted as seen, and when. */
const seenNoted = new Map<string, number>();

/** A configured project nobody opened for this many days leaves the hourly schedule (an admin's visit brings it back). */
export const UNSEEN_DAYS = 30;
const DAY_MS = 86_400_000;

/** Days since the project was last seen; null when its marker says nothing of it (older markers: kept scheduled). */
function unseenMs(marker: Partial<ProjectMarker> | undefined, now: number): number | null {
  const at = Date.parse(marker?.seenAt ?? marker?.since ?? '');
  return Number.isFinite(at) ? now - at : null;
}

/**
 * Adds the project to the configured list (the hourly schedule) — only an admin's act: a settings save by a project
 * admin or the setup by a Jira admin. True when it was not there before; a project already there counts as seen now.
 */
export async function markConfigured(
  project: string,
  by: string,
  now: number,
  key?: string,
): Promise<boolean> {
  const marker = await kvs.get<ProjectMarker>(keys.project(project));
  if (marker !== undefined) {
    if ((unseenMs(marker, now) ?? DAY_MS) >= DAY_MS) {
      await kvs.set(keys.project(project), { ...marker, seenAt: new Date(now).toISOString() });
    }
    return false;
  }
  await kvs.set(keys.project(project), {
    project,
    ...(key ? { key } : {}),
    since: new Date(now).toISOString(),
    by,
  } satisfies ProjectMarker);
  return true;
}

/**
 * Someone opened the project's gate: it stays in the schedule for {@link UNSEEN_DAYS} more days (one write a day at
 * most). A project that left the schedule comes back only when an admin (`admin`) opens it.
 */
export async function noteProjectSeen(
  project: string,
  now: number,
  options: { admin: boolean },
): Promise<void> {
  // Once a day per project and running instance: most views cost no storage operation for this.
  const noted = seenNoted.get(project);
  if (noted !== undefined && now - noted < DAY_MS && !options.admin) return;
  seenNoted.set(project, now);
  const marker = await kvs.get<ProjectMarker>(keys.project(project));
  if (!marker) return;
  const age = unseenMs(marker, now) ?? DAY_MS;
  if (age < DAY_MS) return;
  if (age >= UNSEEN_DAYS * DAY_MS && !options.admin) return;
  await kvs.set(keys.project(project), { ...marker, seenAt: new Date(now).toISOString() });
}

/** The configured projects someone opened within {@link UNSEEN_DAYS} days (the hourly schedule's), sorted. */
export async function listScheduledProjects(now: number): Promise<string[]> {
  const out: string[] = [];
  let cursor: string | undefined;
  for (let page = 0; page < 1000; page++) {
    let q = kvs.query().where('key', WhereConditions.beginsWith('project:')).limit(100);
    if (cursor) q = q.cursor(cursor);
    const result = await q.getMany<Partial<ProjectMarker>>();
    for (const r of result.results) {
      if ((unseenMs(r.value, now) ?? 0) < UNSEEN_DAYS * DAY_MS) out.push(r.key.slice('project:'.length));
    }
    cursor = result.nextCursor;
    if (!cursor) break;
  }
  return [...new Set(out)].sort();
}

export async function isConfigured(project: string): Promise<boolean> {
  return (await kvs.get(keys.project(project))) !== undefined;
}

/** Every configured project's id (and the key of any project version 1 configured, not yet moved), sorted. */
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

/**
 * Issue #12: every write of a gate document goes through here, with its summary beside it in the same transaction,
 * so no store path can leave the portfolio's summary behind.
 */
function setGate(tx: ReturnType<typeof kvs.transact>, project: string, doc: GateDoc) {
  return tx.set(keys.gate(project), doc).set(keys.summary(project), summarise(doc));
}

/**
 * The summaries of several gates (the portfolio's read), in as few reads as KVS allows. A gate stored before the
 * summaries existed (or with a summary of another version) gets one from its full document, once: written only if
 * none appeared meanwhile (a store writes the newer one; `FAIL_IF_EXISTS` keeps it).
 */
export async function readGateSummaries(projects: readonly string[]): Promise<Map<string, GateSummary>> {
  const out = new Map<string, GateSummary>();
  const unreadable = new Set<string>();
  for (let i = 0; i < projects.length; i += 20) {
    const chunk = projects.slice(i, i + 20);
    const result = await kvs.batchGet<unknown>(chunk.map((p) => ({ key: keys.summary(p) })));
    for (const item of result.successfulKeys) {
      const project = item.key.slice('summary:'.length);
      const summary = parseSummary(item.value);
      if (summary) out.set(project, summary);
      else unreadable.add(project);
    }
  }
  const missing = projects.filter((p) => !out.has(p));
  if (missing.length === 0) return out;
  for (const [project, doc] of await readGates(missing)) {
    const summary = summarise(doc);
    out.set(project, summary);
    // One of another version is replaced; a missing one created unless a store wrote one meanwhile (it is newer).
    const key = keys.summary(project);
    await (
      unreadable.has(project) ? kvs.set(key, summary) : kvs.set(key, summary, { keyPolicy: 'FAIL_IF_EXISTS' })
    ).catch(() => undefined);
  }
  return out;
}

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

/**
 * Issue #12: a gate document whose other parts grew (a larger configuration saved beside the snapshot) with its
 * snapshot fitted again, so the whole document stays within a KVS value.
 */
function refitted(doc: GateDoc): GateDoc {
  if (!doc.snapshot || bytes(doc) <= MAX_VALUE_BYTES) return doc;
  const { snapshot, ...rest } = doc;
  return { ...rest, snapshot: fitSnapshot(snapshot, rest) };
}

function historyEntry(snapshot: Snapshot, settingsVersion?: number | null): HistoryEntry {
  const r = snapshot.report;
  const criteria = [...r.reliability.criteria, ...r.delivery.criteria];
  const entry: HistoryEntry = {
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
    lockedIdeas: r.ideas.locked ?? 0,
    // Issue #13, the audit trail: what the gate enforced that day.
    longestOpenMajorHours: r.reliability.longestOpenMajorHours,
    unmet: criteria.filter((c) => !c.met).map((c) => c.id),
    waived: criteria.filter((c) => c.waived).map((c) => c.id),
    waivers: (r.waivers ?? []).map((w) => ({
      criterion: w.criterion,
      from: w.from,
      until: w.until,
      approver: w.approver,
      reason: w.reason,
    })),
  };
  if (r.delivery.onBudgetRate !== undefined) entry.onBudgetRate = r.delivery.onBudgetRate;
  if (settingsVersion !== undefined) entry.settingsVersion = settingsVersion;
  return entry;
}

/**
 * Upserts the day's entry, records a change, keeps at most {@link HISTORY_DAYS} days, and drops the oldest days until
 * the document fits in a KVS value ({@link MAX_VALUE_BYTES}); the day just added is always kept.
 */
export function addToHistory(
  history: HistoryDoc,
  snapshot: Snapshot,
  change: GateChange | null,
  /** The settings version the snapshot was computed with (issue #13; see {@link AuditDay.settingsVersion}). */
  settingsVersion?: number | null,
): HistoryDoc {
  const entry = historyEntry(snapshot, settingsVersion);
  const days = history.days.filter((d) => d.day !== entry.day);
  const sameDay = history.days.find((d) => d.day === entry.day);
  const changes = [...(sameDay?.changes ?? [])];
  if (change) changes.push({ at: snapshot.computedAt, change });
  if (changes.length) entry.changes = changes.slice(-20);
  days.push(entry);
  days.sort((a, b) => (a.day < b.day ? -1 : a.day > b.day ? 1 : 0));
  const kept = days.slice(-HISTORY_DAYS);
  // Trim by bytes: measure once, then subtract each dropped day's size (a comma apart).
  let size = bytes({ project: history.project, days: kept });
  let drop = 0;
  while (size > MAX_VALUE_BYTES && drop < kept.length - 1) {
    size -= bytes(kept[drop]) + 1;
    drop++;
  }
  return { project: history.project, days: kept.slice(drop) };
}

/**
 * The settings version a snapshot was computed with: 0 when no settings were ever saved; the saved version when its
 * configuration is the one computed with; null when they differ (saved between the computation and its storing).
 */
export function settingsVersionOf(settings: SettingsDoc | undefined, config: Config): number | null {
  if (!settings) return 0;
  return sameJson(settings.config, config) ? settings.version : null;
}

/** Deep equality of two JSON values, whatever the order of their keys. */
function sameJson(a: unknown, b: unknown): boolean {
  const canon = (v: unknown): unknown =>
    Array.isArray(v)
      ? v.map(canon)
      : v && typeof v === 'object'
        ? Object.fromEntries(
            Object.entries(v as Record<string, unknown>)
              .filter(([, x]) => x !== undefined)
              .sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0))
              .map(([k, x]) => [k, canon(x)]),
          )
        : v;
  return JSON.stringify(canon(a)) === JSON.stringify(canon(b));
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
    async (fence) => {
      const [gate, history, notices, settings] = await Promise.all([
        readGate(project),
        readHistory(project),
        kvs.get<NoticesDoc>(keys.notices(project)),
        kvs.get<SettingsDoc>(keys.settings(project)), // issue #13: the version in force, for the audit trail
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
        project: snapshot.report.project,
        ...(isProjectId(project) ? { projectId: project } : {}),
        ...(gate?.violations ? { violations: gate.violations } : {}),
        config: gate?.config ?? config,
        snapshotConfig: config,
        lastError: null,
        lastAttemptAt: snapshot.computedAt,
      };
      const doc: GateDoc = { ...rest, snapshot: fitSnapshot(snapshot, rest) };
      const tx = setGate(kvs.transact(), project, doc).set(
        keys.history(project),
        addToHistory(history, snapshot, change, settingsVersionOf(settings, config)),
      );
      if (change === 'unlocked') {
        const pending = [...new Set([...(notices?.pending ?? []), ...waitingIdeas])].slice(0, 5000);
        tx.set(keys.notices(project), { pending } satisfies NoticesDoc);
      } else if (change === 'relocked' && notices?.pending.length) {
        tx.set(keys.notices(project), { pending: [] } satisfies NoticesDoc);
      }
      await fence.commit(tx); // refused if another writer took the lease over meanwhile
      return { stored: true, change, doc };
    },
    { clock: options.clock, label: snapshot.report.project },
  );
}

/** Records a failed computation beside the last good snapshot (which is kept as it is). */
export async function recordFailure(
  project: string,
  message: string,
  at: number,
  config: Config,
  /** `key`: the project's key (the document is stored under `project`, its id). */
  options: { clock?: Clock; key?: string } = {},
): Promise<GateDoc> {
  return withLease(
    project,
    async (fence) => {
      const gate = await readGate(project);
      const doc: GateDoc = {
        project: options.key ?? gate?.project ?? project,
        ...(isProjectId(project) ? { projectId: project } : {}),
        ...(gate?.violations ? { violations: gate.violations } : {}),
        config: gate?.config ?? config,
        ...(gate?.snapshotConfig ? { snapshotConfig: gate.snapshotConfig } : {}),
        snapshot: gate?.snapshot ?? null,
        lastError: { message: message.slice(0, 2000), at: new Date(at).toISOString() },
        lastAttemptAt: new Date(at).toISOString(),
      };
      await fence.commit(setGate(kvs.transact(), project, doc));
      return doc;
    },
    { clock: options.clock, label: options.key },
  );
}

/**
 * Issue #12: records on the gate that scheduled work was deferred for the Jira points budget (the page and the
 * portfolio say so, with the next try); the snapshot and the last error stay. Nothing is written for a project with
 * no gate document, or when the same deferral (same next try) is recorded already.
 */
export async function recordDeferral(
  project: string,
  deferral: Deferral,
  options: { clock?: Clock } = {},
): Promise<void> {
  await withLease(
    project,
    async (fence) => {
      const gate = await readGate(project);
      if (!gate || gate.deferred?.nextTryAt === deferral.nextTryAt) return;
      await fence.commit(setGate(kvs.transact(), project, { ...gate, deferred: deferral }));
    },
    { clock: options.clock, waitMs: 2000 },
  );
}

/**
 * Creates the gate document of a newly configured project (no snapshot yet) if there is none. The creation is
 * exclusive (`FAIL_IF_EXISTS`): a document stored between the read and the write (a first computation, a settings
 * save) is kept, never replaced by an empty one.
 */
export async function ensureGateDoc(project: string, config: Config, key?: string): Promise<GateDoc> {
  const existing = await readGate(project);
  if (existing) return existing;
  const doc: GateDoc = {
    project: key ?? project,
    ...(isProjectId(project) ? { projectId: project } : {}),
    config,
    snapshot: null,
    lastError: null,
    lastAttemptAt: null,
  };
  try {
    await kvs.set(keys.gate(project), doc, { keyPolicy: 'FAIL_IF_EXISTS' });
    // Its summary, unless a store wrote the gate and its summary meanwhile (theirs is newer).
    await kvs
      .set(keys.summary(project), summarise(doc), { keyPolicy: 'FAIL_IF_EXISTS' })
      .catch(() => undefined);
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
  /**
   * `key`: the project's key (the documents are stored under `project`, its id). `baseVersion`: the version the
   * saver's form was loaded from (0: the defaults); another current version refuses the save with a
   * {@link StaleSettingsError}, checked inside the lease. `changes`: what the new version changes from the current
   * one, in words, recorded with it.
   */
  options: {
    clock?: Clock;
    key?: string;
    baseVersion?: number;
    changes?: (before: Config | undefined, after: Config) => string[];
  } = {},
): Promise<SettingsDoc> {
  return withLease(
    project,
    async (fence) => {
      const [current, gate] = await Promise.all([readSettings(project), readGate(project)]);
      if (options.baseVersion !== undefined && (current?.version ?? 0) !== options.baseVersion) {
        throw new StaleSettingsError(options.baseVersion, {
          version: current?.version ?? 0,
          savedAt: current?.savedAt ?? '',
          savedBy: current?.savedBy ?? '',
        });
      }
      const changes = options.changes ? { changes: options.changes(current?.config, config) } : {};
      const savedAt = new Date(now).toISOString();
      let previous = current?.previous ?? [];
      const tx = kvs.transact();
      if (current) {
        const copy: SettingsVersion = {
          config: current.config,
          version: current.version,
          savedAt: current.savedAt,
          savedBy: current.savedBy,
          ...(current.changes ? { changes: current.changes } : {}),
        };
        tx.set(keys.settingsVersion(project, current.version), copy);
        previous = [
          {
            version: current.version,
            savedAt: current.savedAt,
            savedBy: current.savedBy,
            ...(current.changes ? { changes: current.changes } : {}),
          },
          ...previous,
        ];
        for (const dropped of previous.slice(SETTINGS_VERSIONS_KEPT)) {
          tx.delete(keys.settingsVersion(project, dropped.version));
        }
        previous = previous.slice(0, SETTINGS_VERSIONS_KEPT);
      }
      const version = (current?.version ?? 0) + 1;
      const doc: SettingsDoc = { config, version, savedAt, savedBy, ...changes, previous };
      tx.set(keys.settings(project), doc);
      const gateDoc: GateDoc = gate
        ? refitted({ ...gate, ...(options.key ? { project: options.key } : {}), config })
        : {
            project: options.key ?? project,
            ...(isProjectId(project) ? { projectId: project } : {}),
            config,
            snapshot: null,
            lastError: null,
            lastAttemptAt: null,
          };
      setGate(tx, project, gateDoc);
      await fence.commit(tx);
      return doc;
    },
    { clock: options.clock, label: options.key },
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
    async (fence) => {
      const done = new Set(handled);
      const pending = (await readPendingNotices(project)).filter((k) => !done.has(k));
      await fence.commit(kvs.transact().set(keys.notices(project), { pending } satisfies NoticesDoc));
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

/** A full read of a gate's projects (thousands of Jira points) happens at most this often, whoever asks. */
export const FULL_READ_EVERY_SECONDS = 3600;

/**
 * Claims the hour's one full read of the gate stored under `project`: true when this call may read in full, false
 * when one did within the last {@link FULL_READ_EVERY_SECONDS} (whoever started it). `force` (a settings save: the
 * stored facts are useless after it) takes the claim regardless.
 */
export async function claimFullRead(
  project: string,
  now: number,
  options: { force?: boolean } = {},
): Promise<boolean> {
  const value = { at: new Date(now).toISOString(), expiresAt: now + FULL_READ_EVERY_SECONDS * 1000 };
  if (options.force) {
    await kvs.set(keys.fullRead(project), value, {
      ttl: { value: FULL_READ_EVERY_SECONDS, unit: 'SECONDS' },
    });
    return true;
  }
  return createExclusive(keys.fullRead(project), value, FULL_READ_EVERY_SECONDS, {
    ...realClock,
    now: () => now,
  });
}

/** The queued recompute has started: later events queue another. */
export async function clearRecomputePending(project: string): Promise<void> {
  await kvs.delete(keys.pending(project));
}

// ---------------------------------------------------------------------------------------------------------------
// Projects by id: references, aliases (old keys), and the one-time move of version 1's key-named documents

/** True for a project id (Jira's are digits); a key always starts with a letter. */
export function isProjectId(value: string): boolean {
  return /^\d{1,18}$/.test(value);
}

export async function readProjectRef(id: string): Promise<ProjectRef | undefined> {
  return kvs.get<ProjectRef>(keys.ref(id));
}

/** The references of several projects by id, in as few reads as KVS allows. */
export async function readProjectRefs(ids: readonly string[]): Promise<Map<string, ProjectRef>> {
  const out = new Map<string, ProjectRef>();
  for (let i = 0; i < ids.length; i += 20) {
    const result = await kvs.batchGet<ProjectRef>(ids.slice(i, i + 20).map((id) => ({ key: keys.ref(id) })));
    for (const item of result.successfulKeys)
      if (item.value) out.set(item.key.slice('ref:'.length), item.value);
  }
  return out;
}

/** The project that has, or had, `key` (old keys keep resolving after a rename). */
export async function readAlias(key: string): Promise<ProjectRef | undefined> {
  return kvs.get<ProjectRef>(keys.alias(key));
}

/**
 * Records the project's current key: `ref:ID` takes it (the former key joins `formerKeys`), and `alias:KEY` points
 * to the id. Returns the key it had before, when it changed.
 */
export async function rememberProject(ref: ProjectRef): Promise<{ renamedFrom: string | null }> {
  const stored = await readProjectRef(ref.id);
  const renamedFrom = stored && stored.key !== ref.key ? stored.key : null;
  const formerKeys = [
    ...new Set([...(stored?.formerKeys ?? []), ...(renamedFrom ? [renamedFrom] : [])]),
  ].filter((k) => k !== ref.key);
  const next: ProjectRef = {
    id: ref.id,
    key: ref.key,
    ...((ref.name ?? stored?.name) ? { name: ref.name ?? stored?.name } : {}),
    ...(formerKeys.length ? { formerKeys } : {}),
  };
  const alias = await readAlias(ref.key);
  if (stored && stored.key === next.key && alias?.id === ref.id && !ref.name) return { renamedFrom };
  const tx = kvs.transact().set(keys.ref(ref.id), next).set(keys.alias(ref.key), next);
  // Old keys keep resolving, to the current reference.
  for (const old of formerKeys.slice(0, 20)) tx.set(keys.alias(old), next);
  await tx.execute();
  return { renamedFrom };
}

/** The documents version 1 kept under a project key, by their kind. */
const KEYED_KINDS = ['gate', 'history', 'settings', 'notices', 'project'] as const;

/**
 * Moves the documents version 1 stored under the project's KEY to its ID, once (a `migrated:KEY` marker): each one
 * is copied where the ID has none yet (a document written by version 2 wins), then the old one is deleted. Settings
 * versions (`settings:KEY:v:N`) move with the settings. Safe to run twice and concurrently (inside the id's lease).
 * @returns the kinds of documents moved.
 */
export async function migrateKeyedDocs(key: string, id: string): Promise<string[]> {
  if (isProjectId(key) || (await kvs.get(keys.migrated(key))) !== undefined) return [];
  return withLease(id, async () => {
    if ((await kvs.get(keys.migrated(key))) !== undefined) return [];
    const moved: string[] = [];
    const ops: { set?: [string, unknown]; del?: string }[] = [];
    for (const kind of KEYED_KINDS) {
      const oldKey = `${kind}:${key}`;
      const old = await kvs.get<Record<string, unknown>>(oldKey);
      if (old === undefined) continue;
      const newKey = `${kind}:${id}`;
      if ((await kvs.get(newKey)) === undefined) {
        const value = kind === 'gate' ? { ...old, projectId: id } : old;
        ops.push({ set: [newKey, value] });
        if (kind === 'gate') ops.push({ set: [keys.summary(id), summarise(value as unknown as GateDoc)] });
        moved.push(kind);
      }
      ops.push({ del: oldKey });
      if (kind === 'gate') ops.push({ del: keys.summary(key) }); // one the portfolio derived from the old document
      if (kind === 'settings') {
        for (const v of (old as Partial<SettingsDoc>).previous ?? []) {
          const version = await kvs.get(keys.settingsVersion(key, v.version));
          if (version === undefined) continue;
          if ((await kvs.get(keys.settingsVersion(id, v.version))) === undefined) {
            ops.push({ set: [keys.settingsVersion(id, v.version), version] });
          }
          ops.push({ del: keys.settingsVersion(key, v.version) });
        }
      }
    }
    // Writes before deletes, 20 operations per transaction (KVS caps a transaction's size).
    const ordered = [...ops.filter((o) => o.set), ...ops.filter((o) => o.del)];
    for (let i = 0; i < ordered.length; i += 20) {
      const tx = kvs.transact();
      for (const o of ordered.slice(i, i + 20)) {
        if (o.set) tx.set(o.set[0], o.set[1]);
        else if (o.del) tx.delete(o.del);
      }
      await tx.execute();
    }
    await kvs.set(keys.migrated(key), { id, at: new Date().toISOString(), moved });
    return moved;
  });
}

/** A gate document of version 1 still stored under the project's key (read until the move has happened). */
export async function readLegacyGate(key: string): Promise<GateDoc | undefined> {
  if (isProjectId(key)) return undefined;
  return kvs.get<GateDoc>(keys.gate(key));
}

// ---------------------------------------------------------------------------------------------------------------
// Organisation gates: which gate governs which ideas, which gates read which project

export async function readIdeaIndex(): Promise<IdeaIndexDoc> {
  const doc = await kvs.get<IdeaIndexDoc>(keys.ideaIndex());
  return { ideas: { ...(doc?.ideas ?? {}) }, sources: { ...(doc?.sources ?? {}) } };
}

/** The home id whose gate governs the ideas of project `ideaProjectId` (SPEC §3.0): an explicit listing, else its own. */
export function governingHome(index: IdeaIndexDoc, ideaProjectId: string): string {
  return index.ideas[ideaProjectId] ?? ideaProjectId;
}

/** The index is one document: its writers take this lease. */
const INDEX_LEASE = 'ideaIndex';

/** Thrown when a gate claims an idea project another gate lists already. */
export class IdeaProjectClaimedError extends Error {
  constructor(
    readonly ideaProjectId: string,
    readonly otherHomeId: string,
  ) {
    super(`idea project ${ideaProjectId} is governed by the gate of ${otherHomeId}`);
    this.name = 'IdeaProjectClaimedError';
  }
}

/**
 * Records what the gate of `homeId` reads: its explicitly listed idea projects (each governed by it) and every source
 * project. Refuses (IdeaProjectClaimedError, nothing written) when another gate lists one of the idea projects.
 * `check` runs inside the index lease before anything is written (the settings save happens there, so two gates
 * saving together cannot both claim a project).
 */
export async function updateGateIndex<T>(
  homeId: string,
  gate: { explicitIdeaProjects: string[]; sourceProjects: string[] },
  write: () => Promise<T>,
  options: { clock?: Clock } = {},
): Promise<T> {
  return withLease(
    INDEX_LEASE,
    async (fence) => {
      const index = await readIdeaIndex();
      for (const p of gate.explicitIdeaProjects) {
        const other = index.ideas[p];
        if (other !== undefined && other !== homeId) throw new IdeaProjectClaimedError(p, other);
      }
      const result = await write();
      for (const [p, h] of Object.entries(index.ideas)) if (h === homeId) delete index.ideas[p];
      for (const p of gate.explicitIdeaProjects) index.ideas[p] = homeId;
      for (const [p, homes] of Object.entries(index.sources)) {
        const rest = homes.filter((h) => h !== homeId);
        if (rest.length) index.sources[p] = rest;
        else delete index.sources[p];
      }
      for (const p of new Set([homeId, ...gate.sourceProjects])) {
        index.sources[p] = [...new Set([...(index.sources[p] ?? []), homeId])].sort();
      }
      await fence.commit(kvs.transact().set(keys.ideaIndex(), index));
      return result;
    },
    { clock: options.clock },
  );
}

/** The index and the stored idea type in one storage operation (the validator's path). */
export async function readIdeaContext(): Promise<{ index: IdeaIndexDoc; ideaType: IdeaTypeDoc | null }> {
  const result = await kvs.batchGet<unknown>([{ key: keys.ideaIndex() }, { key: keys.ideaType() }]);
  const value = (key: string) => result.successfulKeys.find((k) => k.key === key)?.value;
  const doc = value(keys.ideaIndex()) as Partial<IdeaIndexDoc> | undefined;
  const type = value(keys.ideaType()) as IdeaTypeDoc | undefined;
  return {
    index: { ideas: { ...(doc?.ideas ?? {}) }, sources: { ...(doc?.sources ?? {}) } },
    ideaType: type && typeof type.id === 'string' ? type : null,
  };
}

// ---------------------------------------------------------------------------------------------------------------
// The idea type's id (setup)

export async function readIdeaType(): Promise<IdeaTypeDoc | undefined> {
  return kvs.get<IdeaTypeDoc>(keys.ideaType());
}

export async function storeIdeaType(type: { id: string; name: string }, now: number): Promise<void> {
  await kvs.set(keys.ideaType(), { id: type.id, name: type.name, at: new Date(now).toISOString() });
}

// ---------------------------------------------------------------------------------------------------------------
// Violations

/** Claims the right to flag `issue` once for leaving the idea type while locked. */
export async function claimRetypeNotice(issue: string, now: number): Promise<boolean> {
  return createExclusive(
    keys.retype(issue),
    { at: new Date(now).toISOString(), expiresAt: Number.MAX_SAFE_INTEGER },
    null,
    { ...realClock, now: () => now },
  );
}

export async function releaseRetypeNotice(issue: string): Promise<void> {
  await kvs.delete(keys.retype(issue));
}

/** Counts one flagged violation in the gate document of `homeId` (kept beside the snapshot). */
export async function countViolation(
  homeId: string,
  violation: { issue: string; kind: 'status' | 'issuetype'; at: number },
  options: { clock?: Clock } = {},
): Promise<ViolationCounts | null> {
  return withLease(
    homeId,
    async (fence) => {
      const gate = await readGate(homeId);
      if (!gate) return null;
      const before = gate.violations ?? { movedOutOfToDo: 0, typeChanged: 0 };
      const violations: ViolationCounts = {
        movedOutOfToDo: before.movedOutOfToDo + (violation.kind === 'status' ? 1 : 0),
        typeChanged: before.typeChanged + (violation.kind === 'issuetype' ? 1 : 0),
        last: { issue: violation.issue, kind: violation.kind, at: new Date(violation.at).toISOString() },
      };
      await fence.commit(setGate(kvs.transact(), homeId, { ...gate, violations }));
      return violations;
    },
    { clock: options.clock },
  );
}
