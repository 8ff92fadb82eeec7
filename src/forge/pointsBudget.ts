/**
 * The app's Jira points budget (SPEC §8, issue #12). By default a Forge app draws on one pool of 65,000 points an
 * hour shared by every installation, reset at the top of each UTC hour. Each installation counts what it spends per
 * hour: from Jira's rate-limit headers where a response carries them (`X-RateLimit-Limit` / `X-RateLimit-Remaining`,
 * or their `X-Beta-` forms), else its own accounting (one point a request plus one per issue returned — Jira's
 * rule for core objects). Scheduled work past a configurable share of the pool is deferred ("deferred: Jira budget")
 * instead of failing, and a quota 429 with a reset defers it until that reset: the batch stops, not just the request.
 *
 * | key                 | value                                                                           |
 * |---------------------|---------------------------------------------------------------------------------|
 * | `points:HOUR`       | {@link HourSpend}: what consumer and trigger runs spent in UTC hour HOUR (TTL 2 h) |
 * | `points:HOUR:c:ID`  | what one resolver or validator call spent in hour HOUR (write-only, TTL 2 h)     |
 *
 * A resolver answering a viewer must not read storage beyond its gate, so it records its spend with one write of a
 * key of its own ({@link recordSpend}) and no read; the scheduled work that decides on the budget sums them
 * ({@link readSpend}).
 */
import { randomUUID } from 'node:crypto';
import { kvs, WhereConditions } from '@forge/kvs';
import type { JiraResponse, JiraTransport } from '../jira/transport';

/** Tier 1 ("global pool"): points an hour for all installations of the app together. */
export const HOURLY_POOL = 65_000;
/** Scheduled work stops once this installation has spent this share of the hour's pool. */
export const DEFAULT_BUDGET_SHARE = 0.2;
/**
 * ... or once the pool itself (all installations, by the headers) has less than this share left — Jira's own
 * `X-RateLimit-NearLimit` mark: what is left is kept for people (pages, Refresh) and the workflow validator.
 */
export const RESERVE_SHARE = 0.2;

/** The configured share: Forge variable `PHASE_GATE_BUDGET_SHARE` (0 < share ≤ 1), else {@link DEFAULT_BUDGET_SHARE}. */
export function budgetShare(env: Record<string, string | undefined> = process.env): number {
  const v = Number(env.PHASE_GATE_BUDGET_SHARE);
  return Number.isFinite(v) && v > 0 && v <= 1 ? v : DEFAULT_BUDGET_SHARE;
}

export interface HourSpend {
  hour: number;
  /** Points this installation spent this hour (its own accounting). */
  spent: number;
  /** The last rate-limit headers seen this hour: the pool's size and what was left of it then. */
  limit?: number;
  remaining?: number;
  /** A quota 429 asked to wait until then (epoch ms). */
  pausedUntil?: number;
  /** Jira said `X-RateLimit-NearLimit: true` this hour (less than 20 % of the pool left). */
  nearLimit?: boolean;
}

const hourOf = (now: number) => Math.floor(now / 3_600_000);
const key = (hour: number) => `points:${hour}`;
/** The prefix of the keys {@link recordSpend} writes for one hour. */
const callPrefix = (hour: number) => `points:${hour}:c:`;
/**
 * At most this many call records are summed (200 query pages; a record holds at least one point, so 20,000 records
 * are past any share of a 65,000-point pool); past it the count errs low, and says so in a log.
 */
const MAX_CALL_RECORDS = 20_000;

/** What the Jira requests of this function instance have cost since the last {@link flushSpend}. */
class Meter {
  spent = 0;
  limit?: number;
  remaining?: number;
  pausedUntil?: number;
  nearLimit?: boolean;
}
const meter = new Meter();

function header(res: JiraResponse, name: string): number | undefined {
  const text = res.header(name) ?? res.header(name.replace(/^X-/, 'X-Beta-'));
  const n = text === null || text === undefined ? NaN : Number(text);
  return Number.isFinite(n) ? n : undefined;
}

/**
 * Points of one answer by Jira's rule for core objects: one a request, plus one per object returned — the issues of
 * a search or bulk fetch, the values of a paged list, the items of a list, or the one object asked for.
 * (Identity and permission objects cost two in Jira; the app reads few of them, through `mypermissions`.)
 */
export function pointsOf(body: string): number {
  let json: unknown;
  try {
    json = body.trim() === '' ? null : JSON.parse(body);
  } catch {
    return 1;
  }
  if (Array.isArray(json)) return 1 + json.length;
  if (!json || typeof json !== 'object') return 1;
  const o = json as { issues?: unknown; values?: unknown; id?: unknown; key?: unknown };
  if (Array.isArray(o.issues)) return 1 + o.issues.length;
  if (Array.isArray(o.values)) return 1 + o.values.length;
  return o.id !== undefined || o.key !== undefined ? 2 : 1;
}

/** Notes what one response cost and what its headers say of the pool. */
export function observe(res: JiraResponse, body: string, now: number): void {
  meter.spent += pointsOf(body);
  const limit = header(res, 'X-RateLimit-Limit');
  const remaining = header(res, 'X-RateLimit-Remaining');
  if (limit !== undefined) meter.limit = limit;
  if (remaining !== undefined) meter.remaining = remaining;
  if (/^true$/i.test(res.header('X-RateLimit-NearLimit') ?? res.header('X-Beta-RateLimit-NearLimit') ?? ''))
    meter.nearLimit = true;
  if (res.status === 429 && /quota/i.test(res.header('RateLimit-Reason') ?? '')) {
    const reset = res.header('X-RateLimit-Reset') ?? res.header('Retry-After');
    const at = reset === null ? NaN : /^\d+$/.test(reset) ? now + Number(reset) * 1000 : Date.parse(reset);
    // Without a reset the quota comes back at the top of the UTC hour.
    const until = Number.isFinite(at) ? at : (hourOf(now) + 1) * 3_600_000;
    meter.pausedUntil = Math.max(meter.pausedUntil ?? 0, until);
  }
}

/** A transport that counts what every answer costs (see {@link observe}). */
export function meteredTransport(inner: JiraTransport, now: () => number = Date.now): JiraTransport {
  return {
    description: inner.description,
    async send(request, signal) {
      const res = await inner.send(request, signal);
      return {
        status: res.status,
        header: (name) => res.header(name),
        text: async () => {
          const body = await res.text();
          observe(res, body, now());
          return body;
        },
      };
    },
  };
}

/**
 * Adds what this instance spent since the last flush to the hour's document (one read and one write; concurrent
 * flushes may lose a few points — the count is for deciding, not billing). Never throws.
 */
export async function flushSpend(now: number): Promise<void> {
  const { spent, limit, remaining, pausedUntil, nearLimit } = meter;
  if (spent === 0 && pausedUntil === undefined && remaining === undefined) return;
  Object.assign(meter, new Meter(), { limit });
  const hour = hourOf(now);
  try {
    const doc = (await kvs.get<HourSpend>(key(hour))) ?? { hour, spent: 0 };
    const next: HourSpend = {
      hour,
      spent: doc.spent + spent,
      ...((limit ?? doc.limit) !== undefined ? { limit: limit ?? doc.limit } : {}),
      ...((remaining ?? doc.remaining) !== undefined ? { remaining: remaining ?? doc.remaining } : {}),
      ...(nearLimit || doc.nearLimit ? { nearLimit: true } : {}),
      ...(Math.max(pausedUntil ?? 0, doc.pausedUntil ?? 0) > 0
        ? { pausedUntil: Math.max(pausedUntil ?? 0, doc.pausedUntil ?? 0) }
        : {}),
    };
    await kvs.set(key(hour), next, { ttl: { value: 2, unit: 'HOURS' } });
  } catch (err) {
    console.warn(`phase-gate: the points spent were not counted: ${String(err)}`);
  }
}

/**
 * What one resolver or workflow-validator call spent, counted for the hour with one write of a key of its own — no
 * read, so a viewer's page stays one storage read (issue #12). Nothing is written when the call spent nothing.
 * Never throws.
 */
export async function recordSpend(now: number): Promise<void> {
  const { spent, limit, remaining, pausedUntil, nearLimit } = meter;
  if (spent === 0 && pausedUntil === undefined && remaining === undefined) return;
  Object.assign(meter, new Meter(), { limit });
  const hour = hourOf(now);
  const record: HourSpend = {
    hour,
    spent,
    ...(limit !== undefined ? { limit } : {}),
    ...(remaining !== undefined ? { remaining } : {}),
    ...(pausedUntil !== undefined ? { pausedUntil } : {}),
    ...(nearLimit ? { nearLimit: true } : {}),
  };
  try {
    await kvs.set(`${callPrefix(hour)}${randomUUID()}`, record, { ttl: { value: 2, unit: 'HOURS' } });
  } catch (err) {
    console.warn(`phase-gate: the points spent were not counted: ${String(err)}`);
  }
}

/** Two counts of the same hour as one: spends add up, the pool's least remaining and latest pause win. */
function combine(a: HourSpend, b: HourSpend): HourSpend {
  const limit = a.limit ?? b.limit;
  const remaining =
    a.remaining === undefined
      ? b.remaining
      : b.remaining === undefined
        ? a.remaining
        : Math.min(a.remaining, b.remaining);
  const pausedUntil = Math.max(a.pausedUntil ?? 0, b.pausedUntil ?? 0);
  return {
    hour: a.hour,
    spent: a.spent + b.spent,
    ...(limit !== undefined ? { limit } : {}),
    ...(remaining !== undefined ? { remaining } : {}),
    ...(pausedUntil > 0 ? { pausedUntil } : {}),
    ...(a.nearLimit || b.nearLimit ? { nearLimit: true } : {}),
  };
}

/**
 * This hour's spend as stored: the scheduled runs' count and every resolver and validator call's record. With
 * `enoughShare`, reading stops once the spend reaches that share of the pool — the budget's answer is known then, and
 * a busy hour's records are not all read.
 * @example (await readSpend(Date.now())).spent // 1840
 */
export async function readSpend(now: number, enoughShare = Infinity): Promise<HourSpend> {
  const hour = hourOf(now);
  let total = (await kvs.get<HourSpend>(key(hour))) ?? { hour, spent: 0 };
  const enough = () => total.spent >= enoughShare * (total.limit ?? HOURLY_POOL);
  let cursor: string | undefined;
  let seen = 0;
  do {
    let q = kvs
      .query()
      .where('key', WhereConditions.beginsWith(callPrefix(hour)))
      .limit(100);
    if (cursor) q = q.cursor(cursor);
    const page = await q.getMany<HourSpend>();
    for (const r of page.results) {
      if (typeof r.value?.spent === 'number') total = combine(total, { ...r.value, hour });
    }
    seen += page.results.length;
    cursor = page.nextCursor;
  } while (cursor && seen < MAX_CALL_RECORDS && !enough());
  if (cursor && !enough())
    console.warn(`phase-gate: more than ${MAX_CALL_RECORDS} call records this hour; the count errs low`);
  return total;
}

/**
 * Why scheduled work must wait for the Jira budget, or null when it may run: a quota 429's reset not yet reached;
 * this installation's spend this hour past `share` of the pool; or the pool near its limit by Jira's headers.
 */
export async function budgetDeferral(now: number, share = budgetShare()): Promise<string | null> {
  return (await budgetWait(now, share))?.detail ?? null;
}

/**
 * {@link budgetDeferral} with when the work is tried again (issue #12, recorded on the gate): the end of Jira's quota
 * pause, else the next hour (a new count, and the next scheduled run).
 */
export async function budgetWait(
  now: number,
  share = budgetShare(),
): Promise<{ detail: string; nextTryAt: number } | null> {
  let doc: HourSpend;
  try {
    doc = await readSpend(now, share);
  } catch {
    return null; // the count cannot be read: the work runs (Jira's own limits still hold)
  }
  const pool = doc.limit ?? HOURLY_POOL;
  const nextHour = (hourOf(now) + 1) * 3_600_000;
  if (doc.pausedUntil !== undefined && doc.pausedUntil > now)
    return {
      detail: `Jira's quota is spent until ${new Date(doc.pausedUntil).toISOString()}`,
      nextTryAt: Math.max(doc.pausedUntil, nextHour),
    };
  if (doc.spent >= share * pool)
    return {
      detail: `${doc.spent} points spent this hour, past ${Math.round(share * 100)} % of ${pool}`,
      nextTryAt: nextHour,
    };
  if (doc.nearLimit || (doc.remaining !== undefined && doc.remaining < RESERVE_SHARE * pool))
    return {
      detail: `Jira's pool is near its limit this hour${doc.remaining !== undefined ? ` (${doc.remaining} of ${pool} left)` : ''}`,
      nextTryAt: nextHour,
    };
  return null;
}

/** Test seam: forget what this instance counted. */
export function resetMeter(): void {
  Object.assign(meter, new Meter());
}
