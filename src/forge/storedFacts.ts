/**
 * The facts of a project's last full computation, kept in KVS so that an issue event can be answered by re-reading
 * only the changed issues (see `incremental.ts`), and the change records the issue-event trigger leaves for it.
 *
 * | key                          | value                                                                       |
 * |------------------------------|-----------------------------------------------------------------------------|
 * | `facts:KEY`                  | {@link FactsHeader}: what the facts were read for (as-of date, config), when |
 * | `facts:KEY:N`                | chunk N of the facts body, a JSON string cut to fit a KVS value             |
 * | `change:KEY:ISSUE:STAMP`     | an issue event on ISSUE (one key per event, so writers never collide)       |
 *
 * The body is compact: every name (type, resolution, priority, label, status, problem) is a number into one
 * dictionary, each fact a tuple. About 70 bytes an issue (measured by `npm run bench`: 2,800 facts, 193 KB, one
 * value). The header and every chunk are written in one transaction (at most 25 operations and 4 MB), so a reader
 * never mixes two writes.
 */
import { kvs, WhereConditions } from '@forge/kvs';
import { z } from 'zod';
import type { Config } from '../core/config';
import { calendarDateOf } from '../core/dates';
import type { IssueFact, StatusCategory } from '../core/facts';
import type { GateSources } from '../core/sources';
import type { FactKind, FetchedGate } from '../jira/gateData';
import { SWEEP_MARGIN_MS } from './freshness';
import { describeFailure } from './jira';
import { withLease, type Fence } from './storage';

/** Jira's search index may trail an issue's change by seconds: changes this close to a full read are re-read. */
export const INDEX_LAG_MS = 60_000;
/** Beyond this many change records, a full read is cheaper to reason about (and not much dearer). */
export const MAX_CHANGE_RECORDS = 2000;
export const FACT_KINDS: readonly FactKind[] = ['incidents', 'deliverables', 'ideas'];

/** One stored issue: its facts (null when Jira's data could not be placed in time) and its data-quality problems. */
export interface StoredIssue {
  key: string;
  fact: IssueFact | null;
  problems: string[];
}

export interface StoredFacts {
  /** The day the facts were read (the earliest as-of date they answer for). */
  asOf: string;
  /**
   * The last as-of date they answer for: the JQL pre-filters were bounded by it (a week ahead), so every issue that can
   * matter up to that day is held. A new day within it is computed from these facts without reading Jira.
   */
  validUntil: string;
  /** Jira changes before this instant (epoch ms) are in the facts: the full read's start, or the last sweep's. */
  syncedAt: number;
  /** The configuration the facts were read with, canonical JSON. */
  config: string;
  /** When the full read started (epoch ms): changes before it are in the facts. */
  fetchedAt: number;
  /** The notes about the queries (a type the site does not know). */
  notes: string[];
  /** What each configured name resolved to when the facts were read (v2). */
  sources: GateSources;
  homeName: string;
  /** R0: the created day of the earliest incident ever recorded. */
  firstIncidentDay: string | null;
  /** The `account\u0000project` pairs found to approve bypass labels (project administrators). */
  approvers: string[];
  /** Status id → category, to replay the changelogs of changed deliverables without asking again. */
  statusCategories: Record<string, StatusCategory>;
  /** Per kind, in the order the full read had them (created, oldest first). */
  issues: Record<FactKind, StoredIssue[]>;
  /**
   * Issues whose state as of an instant is known (Jira's `updated` of what the facts hold, from a read or from an
   * applied event payload), kept while that instant is within the next sweep's window: issue key → [issue id,
   * updated (epoch ms)]. A sweep leaves them out unless they changed since; an event no newer is already in.
   */
  known: Record<string, [string, number]>;
}

export interface FactsHeader {
  v: typeof FORMAT;
  project: string;
  asOf: string;
  /** See {@link StoredFacts.validUntil} (absent in headers written before it: the facts answer for `asOf` only). */
  validUntil?: string;
  /** See {@link StoredFacts.syncedAt} (absent: `fetchedAt`). */
  syncedAt?: number;
  config: string;
  fetchedAt: number;
  /** When an incremental update last rewrote the facts. */
  updatedAt: number;
  chunks: number;
  /** Length of the body string, to check the chunks put together. */
  length: number;
  counts: Record<FactKind, number>;
}

const FORMAT = 2;
/** Characters per chunk before JSON escaping; a chunk is cut further until it fits {@link MAX_CHUNK_BYTES}. */
const CHUNK_CHARS = 200_000;
/** KVS refuses values over 240 KiB. */
const MAX_CHUNK_BYTES = 230 * 1024;
/** Header + chunks + deletions of a longer previous body stay within a transaction's 25 operations and 4 MB. */
export const MAX_CHUNKS = 12;
/** batchGet reads at most this many keys at once. */
const BATCH = 20;

const keys = {
  header: (p: string) => `facts:${p}`,
  chunk: (p: string, n: number) => `facts:${p}:${n}`,
  changes: (p: string) => `change:${p}:`,
};

/** Canonical JSON (sorted keys), so that equal configurations compare equal however they were stored. */
export function canonicalConfig(config: Config): string {
  const sort = (v: unknown): unknown =>
    Array.isArray(v)
      ? v.map(sort)
      : v && typeof v === 'object'
        ? Object.fromEntries(
            Object.keys(v)
              .sort()
              .map((k) => [k, sort((v as Record<string, unknown>)[k])]),
          )
        : v;
  return JSON.stringify(sort(config));
}

/** The extra JQL clause a kind is narrowed by (a changed issue's membership is then asked of Jira), if any. */
export function extraClauseOf(config: Config, kind: FactKind): string | null {
  const jql =
    kind === 'incidents' ? config.incidentJql : kind === 'deliverables' ? config.deliveryJql : undefined;
  return jql?.trim() ? jql.trim() : null;
}

// ---------------------------------------------------------------------------------------------------------------
// Encoding

const CATEGORY_CODES: StatusCategory[] = ['new', 'indeterminate', 'done', 'unknown'];

/** What v2 facts carry beyond the tuple's columns, only when present. */
interface FactExtras {
  history?: IssueFact['history'];
  originalEstimateSeconds?: number | null;
  timeSpentSeconds?: number | null;
  labelAdders?: IssueFact['labelAdders'];
  creatorAccountId?: string | null;
  summary?: string;
}
const EXTRA_KEYS = [
  'history',
  'originalEstimateSeconds',
  'timeSpentSeconds',
  'labelAdders',
  'creatorAccountId',
  'summary',
] as const;

/**
 * [type, created, resolved, resolution, priority, labels, dueDate, category, status, typeId, resolutionId,
 *  priorityId, project, id, doneWithoutResolution, extras] with names as numbers.
 */
type FactTuple = [
  number,
  number,
  number | null,
  number | null,
  number | null,
  number[],
  string | null,
  number,
  number | null,
  number,
  number | null,
  number | null,
  number,
  string,
  0 | 1,
  FactExtras | 0,
];
type IssueTuple = [string, FactTuple | null, number[]];

interface Body {
  notes: string[];
  sources: GateSources;
  homeName: string;
  firstIncidentDay: string | null;
  approvers: string[];
  statusCategories: Record<string, StatusCategory>;
  names: string[];
  issues: Record<FactKind, IssueTuple[]>;
  known?: Record<string, [string, number]>;
}

export function encodeFacts(facts: StoredFacts): string {
  const names: string[] = [];
  const index = new Map<string, number>();
  const n = (name: string): number => {
    let i = index.get(name);
    if (i === undefined) {
      i = names.push(name) - 1;
      index.set(name, i);
    }
    return i;
  };
  const nn = (name: string | null) => (name === null ? null : n(name));
  const extras = (f: IssueFact): FactExtras | 0 => {
    const x: FactExtras = {};
    let any = false;
    for (const k of EXTRA_KEYS) {
      if (f[k] !== undefined) {
        (x as Record<string, unknown>)[k] = f[k];
        any = true;
      }
    }
    return any ? x : 0;
  };
  const tuple = (f: IssueFact): FactTuple => [
    n(f.type),
    f.created,
    f.resolved,
    nn(f.resolution),
    nn(f.priority),
    f.labels.map(n),
    f.dueDate,
    CATEGORY_CODES.indexOf(f.statusCategory),
    nn(f.status),
    n(f.typeId),
    nn(f.resolutionId),
    nn(f.priorityId),
    n(f.project),
    f.id,
    f.doneWithoutResolution ? 1 : 0,
    extras(f),
  ];
  const issues = Object.fromEntries(
    FACT_KINDS.map((kind) => [
      kind,
      facts.issues[kind].map((s): IssueTuple => [s.key, s.fact && tuple(s.fact), s.problems.map(n)]),
    ]),
  ) as Record<FactKind, IssueTuple[]>;
  return JSON.stringify({
    notes: facts.notes,
    sources: facts.sources,
    homeName: facts.homeName,
    firstIncidentDay: facts.firstIncidentDay,
    approvers: facts.approvers,
    statusCategories: facts.statusCategories,
    names,
    issues,
    known: facts.known,
  } satisfies Body);
}

/** The facts again, calendar dates worked out in `timeZone` exactly as when they were read. */
export function decodeFacts(
  body: string,
  header: Pick<FactsHeader, 'asOf' | 'config' | 'fetchedAt' | 'validUntil' | 'syncedAt'>,
  timeZone: string,
): StoredFacts {
  const { notes, names, issues, sources, homeName, firstIncidentDay, approvers, statusCategories, known } =
    JSON.parse(body) as Body;
  const name = (i: number) => names[i]!;
  const maybe = (i: number | null) => (i === null ? null : name(i));
  const fact = (key: string, t: FactTuple): IssueFact => ({
    key,
    id: t[13],
    project: name(t[12]),
    typeId: name(t[9]),
    doneWithoutResolution: t[14] === 1,
    resolutionId: maybe(t[10]),
    priorityId: maybe(t[11]),
    ...(t[15] === 0 ? {} : t[15]),
    type: name(t[0]),
    created: t[1],
    createdDay: calendarDateOf(t[1], timeZone),
    resolved: t[2],
    resolvedDay: t[2] === null ? null : calendarDateOf(t[2], timeZone),
    resolution: maybe(t[3]),
    priority: maybe(t[4]),
    labels: t[5].map(name),
    dueDate: t[6],
    statusCategory: CATEGORY_CODES[t[7]] ?? 'unknown',
    status: maybe(t[8]),
  });
  return {
    asOf: header.asOf,
    validUntil: header.validUntil ?? header.asOf,
    syncedAt: header.syncedAt ?? header.fetchedAt,
    config: header.config,
    fetchedAt: header.fetchedAt,
    notes,
    sources,
    homeName,
    firstIncidentDay,
    approvers,
    statusCategories,
    known: known ?? {},
    issues: Object.fromEntries(
      FACT_KINDS.map((kind) => [
        kind,
        issues[kind].map(([key, t, problems]) => ({
          key,
          fact: t && fact(key, t),
          problems: problems.map(name),
        })),
      ]),
    ) as Record<FactKind, StoredIssue[]>,
  };
}

/** Cuts a string into pieces whose JSON encoding fits a KVS value. */
export function chunk(body: string): string[] {
  const out: string[] = [];
  for (let at = 0; at < body.length;) {
    let size = CHUNK_CHARS;
    let piece = body.slice(at, at + size);
    while (Buffer.byteLength(JSON.stringify(piece), 'utf8') > MAX_CHUNK_BYTES) {
      size = Math.floor(size * 0.8);
      piece = body.slice(at, at + size);
    }
    out.push(piece);
    at += piece.length;
  }
  return out;
}

// ---------------------------------------------------------------------------------------------------------------
// KVS

export async function readFactsHeader(project: string): Promise<FactsHeader | undefined> {
  const header = await kvs.get<FactsHeader>(keys.header(project));
  return header?.v === FORMAT ? header : undefined;
}

/** The stored facts, or undefined when there are none or they cannot be put together. */
export async function readFacts(
  project: string,
  header: FactsHeader,
  timeZone: string,
): Promise<StoredFacts | undefined> {
  const wanted = Array.from({ length: header.chunks }, (_, i) => keys.chunk(project, i));
  const pieces = new Map<string, string>();
  for (let i = 0; i < wanted.length; i += BATCH) {
    const result = await kvs.batchGet<string>(wanted.slice(i, i + BATCH).map((key) => ({ key })));
    for (const item of result.successfulKeys) {
      if (typeof item.value === 'string') pieces.set(item.key, item.value);
    }
  }
  if (wanted.some((k) => !pieces.has(k))) return undefined;
  const body = wanted.map((k) => pieces.get(k)!).join('');
  if (body.length !== header.length) return undefined;
  return decodeFacts(body, header, timeZone);
}

/**
 * Writes the facts in one transaction. False when they do not fit (the caller then forgets the stored ones).
 * `previous` is the header being replaced, whose surplus chunks are deleted.
 */
export async function writeFacts(
  project: string,
  facts: StoredFacts,
  updatedAt: number,
  previous: FactsHeader | undefined,
  /** The lease it is written under (issue #12): refused if another writer took it over meanwhile. */
  fence?: Fence,
): Promise<boolean> {
  const body = encodeFacts(facts);
  const pieces = chunk(body);
  const surplus = Math.max(0, (previous?.chunks ?? 0) - pieces.length);
  if (pieces.length + surplus > MAX_CHUNKS) return false;
  const header: FactsHeader = {
    v: FORMAT,
    project,
    asOf: facts.asOf,
    validUntil: facts.validUntil,
    syncedAt: facts.syncedAt,
    config: facts.config,
    fetchedAt: facts.fetchedAt,
    updatedAt,
    chunks: pieces.length,
    length: body.length,
    counts: {
      incidents: facts.issues.incidents.length,
      deliverables: facts.issues.deliverables.length,
      ideas: facts.issues.ideas.length,
    },
  };
  const tx = kvs.transact();
  pieces.forEach((piece, i) => tx.set(keys.chunk(project, i), piece));
  for (let i = pieces.length; i < pieces.length + surplus; i++) tx.delete(keys.chunk(project, i));
  tx.set(keys.header(project), header);
  if (fence) await fence.commit(tx);
  else await tx.execute();
  return true;
}

/** Forgets the stored facts (the next recompute reads everything again). The chunks are left to be overwritten. */
export async function forgetFacts(project: string): Promise<void> {
  await kvs.delete(keys.header(project));
}

// ---------------------------------------------------------------------------------------------------------------
// Change records

const Value = z.string().nullable().optional();

/**
 * What an issue event's payload says of the issue, kept with its change record so that the recompute can apply it
 * without reading Jira (`incremental.ts`). Absent parts are unknown (a read then answers); `null` values are empty.
 */
export const EventPayload = z.object({
  eventType: z.string(),
  /** Jira's `updated` of the issue with this change (epoch ms). */
  updated: z.number().optional(),
  fields: z.object({
    project: z.object({ key: z.string() }).optional(),
    issuetype: z.object({ id: z.string(), name: z.string().optional() }).optional(),
    status: z.object({ id: z.string().optional(), name: z.string(), category: z.string() }).optional(),
    created: z.number().optional(),
    summary: z.string().optional(),
  }),
  /** The changelog's items: the field (id, else name, lower case); the values only for the fields facts read. */
  items: z
    .array(
      z.object({
        field: z.string(),
        from: Value,
        to: Value,
        /** The changelog's `fromString` / `toString` (renamed: `toString` is every object's method). */
        fromText: Value,
        toText: Value,
      }),
    )
    .optional(),
});
export type EventPayload = z.infer<typeof EventPayload>;

export interface ChangeRecord {
  /** The KVS key of the record. */
  id: string;
  issue: string;
  at: number;
  /** The event's payload, when it could be kept (absent: the issue is read again). */
  payload?: EventPayload;
}

/** Records an event on `issue`: one new key per event (`change:KEY:ISSUE:STAMP`), so concurrent writers never clash. */
export async function recordChange(
  project: string,
  issue: string,
  at: number,
  payload?: EventPayload,
): Promise<void> {
  const stamp = `${at.toString(36)}-${Math.random().toString(36).slice(2, 8)}`;
  await kvs.set(
    `${keys.changes(project)}${issue}:${stamp}`,
    payload ? { issue, at, payload } : { issue, at },
  );
}

/** The project's change records, oldest key first: at most `max`, and whether that is all of them. */
export async function listChanges(
  project: string,
  max: number,
): Promise<{ records: ChangeRecord[]; complete: boolean }> {
  const records: ChangeRecord[] = [];
  let cursor: string | undefined;
  do {
    let q = kvs
      .query()
      .where('key', WhereConditions.beginsWith(keys.changes(project)))
      .limit(100);
    if (cursor) q = q.cursor(cursor);
    const page = await q.getMany<{ issue?: unknown; at?: unknown; payload?: unknown }>();
    for (const r of page.results) {
      const { issue, at, payload } = r.value ?? {};
      if (typeof issue !== 'string' || typeof at !== 'number') continue;
      // A payload in an unexpected shape is not used: the issue is read again.
      const parsed = payload === undefined ? undefined : EventPayload.safeParse(payload);
      records.push(
        parsed?.success ? { id: r.key, issue, at, payload: parsed.data } : { id: r.key, issue, at },
      );
    }
    cursor = page.nextCursor;
    if (records.length >= max)
      return { records: records.slice(0, max), complete: !cursor && records.length <= max };
  } while (cursor);
  return { records, complete: true };
}

/** Deletes change records, 25 to a transaction. */
export async function deleteChanges(ids: readonly string[]): Promise<void> {
  for (let i = 0; i < ids.length; i += 25) {
    const tx = kvs.transact();
    for (const id of ids.slice(i, i + 25)) tx.delete(id);
    await tx.execute();
  }
}

// ---------------------------------------------------------------------------------------------------------------
// After a full computation

function storedFrom(
  fetched: FetchedGate,
  config: Config,
  at: { asOf: string; fetchedAt: number; validUntil: string },
  approvers: string[],
): StoredFacts {
  const issues = {} as Record<FactKind, StoredIssue[]>;
  for (const kind of FACT_KINDS) {
    const problems = fetched.problems[kind];
    const facts = fetched.facts[kind];
    const seen = new Set(facts.map((f) => f.key));
    issues[kind] = [
      ...facts.map((fact) => ({ key: fact.key, fact, problems: problems.get(fact.key) ?? [] })),
      // Issues Jira's data could not place in time: no facts, only their warnings.
      ...[...problems]
        .filter(([key]) => !seen.has(key))
        .map(([key, p]) => ({ key, fact: null, problems: p })),
    ];
  }
  return {
    asOf: at.asOf,
    validUntil: at.validUntil,
    syncedAt: at.fetchedAt,
    config: canonicalConfig(config),
    fetchedAt: at.fetchedAt,
    notes: fetched.notes,
    sources: fetched.sources,
    homeName: fetched.homeName,
    firstIncidentDay: fetched.facts.firstIncidentDay,
    approvers,
    statusCategories: Object.fromEntries(fetched.statusCategories),
    issues,
    // The issues the read found updated within a sweep's margin before it, as of their `updated`: the first sweep
    // leaves them out unless they changed again (issue #12: it read them all again, ~8 points a first sweep).
    known: Object.fromEntries(
      [...fetched.updated].filter(
        ([, [, updated]]) => updated >= at.fetchedAt - SWEEP_MARGIN_MS && updated <= at.fetchedAt,
      ),
    ),
  };
}

/** The (account, idea project) pairs the full read found to approve bypass labels. */
function approverPairs(fetched: FetchedGate): string[] {
  const pairs = new Set<string>();
  for (const idea of fetched.facts.ideas) {
    const accounts = [idea.creatorAccountId, ...(idea.labelAdders ?? []).map((a) => a.accountId)];
    for (const a of accounts) {
      if (a && fetched.isApprover(a, idea.project)) pairs.add(`${a}\u0000${idea.project}`);
    }
  }
  return [...pairs];
}

/**
 * Keeps the facts of a full computation (with the trend) for the next issue event, and deletes the change records
 * they include. Never throws: without stored facts the next recompute is simply a full one.
 */
export async function rememberFacts(
  project: string,
  config: Config,
  fetched: FetchedGate,
  at: { asOf: string; fetchedAt: number; validUntil?: string },
): Promise<void> {
  try {
    const kept = await withLease(
      project,
      async (fence) => {
        const previous = await readFactsHeader(project);
        if (previous && previous.fetchedAt > at.fetchedAt) return false; // a later full read is stored
        const stored = storedFrom(
          fetched,
          config,
          { ...at, validUntil: at.validUntil ?? at.asOf },
          approverPairs(fetched),
        );
        const written = await writeFacts(project, stored, at.fetchedAt, previous, fence);
        if (!written && previous) await forgetFacts(project);
        return true;
      },
      { waitMs: 2000 },
    );
    if (!kept) return;
    // Changes made before the read are in these facts (or, without facts, have nothing to be applied to).
    const listed = await listChanges(project, MAX_CHANGE_RECORDS);
    await deleteChanges(listed.records.filter((c) => c.at < at.fetchedAt - INDEX_LAG_MS).map((c) => c.id));
  } catch (err) {
    console.warn(`phase-gate: the facts of ${project} were not kept: ${describeFailure(err)}`);
  }
}
