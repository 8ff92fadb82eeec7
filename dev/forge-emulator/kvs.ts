/**
 * An in-memory Forge key-value store behind the REST paths that the real `@forge/kvs` client calls
 * (`/api/v1/get`, `/api/v1/set`, `/api/v1/delete`, `/api/v1/query`, `/api/v1/batch/*`, `/api/v1/transaction`): the
 * app's own `@forge/kvs` code runs unchanged and reaches this store through the emulated platform egress
 * (see egress.ts). Keys and values follow Forge's limits (key pattern and length, 240 KiB per value), `set` honours
 * `keyPolicy: 'FAIL_IF_EXISTS'` and `ttl`, a transaction applies all or nothing. Custom entities are emulated as far
 * as the app uses them (issue #12, the fenced lease): `entity/get`, `entity/set`, `entity/delete`, and entity
 * operations and `check`s with conditions inside a transaction — a condition is evaluated against the stored value,
 * an entity that does not exist has no attribute (`notExists` holds, every other condition fails), and a transaction
 * whose condition fails applies nothing and answers 409 `CONDITION_FAILED`. Entity queries and secrets answer 501.
 *
 * Optionally persisted to a JSON file (written at most once a second and on close).
 */
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

export const MAX_VALUE_BYTES = 240 * 1024;
const KEY_PATTERN = /^(?!\s+$)[a-zA-Z0-9:._\s\-#]+$/;
const TTL_MS: Record<string, number> = { SECONDS: 1000, MINUTES: 60_000, HOURS: 3_600_000, DAYS: 86_400_000 };

interface Entry {
  value: unknown;
  createdAt: number;
  updatedAt: number;
  expiresAt?: number;
}

export interface KvsAnswer {
  status: number;
  body?: unknown;
}

export interface KvsOps {
  reads: number;
  writes: number;
}

/** Requests by the `@forge/kvs` call that sent them (tests assert how a surface reads storage). */
export interface KvsCalls {
  get: number;
  set: number;
  delete: number;
  batchGet: number;
  batchSet: number;
  batchDelete: number;
  query: number;
  transact: number;
  entityGet: number;
  entitySet: number;
  entityDelete: number;
}

/** A fault to inject: the next request of `op` (on a key matching `key`, when given) answers 500 with `message`. */
export interface KvsFault {
  op: keyof KvsCalls;
  key?: RegExp;
  message: string;
}

const CALL_OF_PATH: Record<string, keyof KvsCalls> = {
  '/api/v1/get': 'get',
  '/api/v1/set': 'set',
  '/api/v1/delete': 'delete',
  '/api/v1/query': 'query',
  '/api/v1/batch/get': 'batchGet',
  '/api/v1/batch/set': 'batchSet',
  '/api/v1/batch/delete': 'batchDelete',
  '/api/v1/transaction': 'transact',
  '/api/v1/entity/get': 'entityGet',
  '/api/v1/entity/set': 'entitySet',
  '/api/v1/entity/delete': 'entityDelete',
};

const noCalls = (): KvsCalls => ({
  get: 0,
  set: 0,
  delete: 0,
  batchGet: 0,
  batchSet: 0,
  batchDelete: 0,
  query: 0,
  transact: 0,
  entityGet: 0,
  entitySet: 0,
  entityDelete: 0,
});

class KvsFailure extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

type Json = Record<string, unknown>;

function record(v: unknown): Json {
  return typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Json) : {};
}

export class KvsEmulator {
  private readonly store = new Map<string, Entry>();
  /** Custom entities, by `entityName` then key (a namespace apart from the plain keys). */
  private readonly entities = new Map<string, Map<string, Entry>>();
  private saveTimer: ReturnType<typeof setTimeout> | null = null;
  /** Totals since start (per-invocation counts are kept by the platform). */
  readonly totals: KvsOps = { reads: 0, writes: 0 };
  /** Requests per `@forge/kvs` call since the last {@link resetCalls}. */
  calls: KvsCalls = noCalls();
  /**
   * Every plain key read since the last {@link resetCalls} (get, batch get, query results), with the bytes of the
   * value returned (0: none): tests assert which documents a surface reads and how much.
   */
  reads: { key: string; bytes: number }[] = [];
  /** Faults to inject, each used once (first match wins). */
  readonly faults: KvsFault[] = [];

  constructor(
    private readonly file: string | null = null,
    private readonly now: () => number = Date.now,
  ) {
    if (file) this.load(file);
  }

  /** The live value of a key (for the preview's own pages; not counted). */
  peek<T>(key: string): T | undefined {
    return this.live(key)?.value as T | undefined;
  }

  /** Live keys, sorted. */
  keys(prefix = ''): string[] {
    return [...this.store.keys()].filter((k) => k.startsWith(prefix) && this.live(k)).sort();
  }

  /** The value of a custom entity (not counted). */
  peekEntity<T>(entityName: string, key: string): T | undefined {
    return this.entities.get(entityName)?.get(key)?.value as T | undefined;
  }

  /** Puts a custom entity in place without a request (not counted). */
  seedEntity(entityName: string, key: string, value: unknown): void {
    const now = this.now();
    this.entityMap(entityName).set(key, { value: structuredClone(value), createdAt: now, updatedAt: now });
  }

  clear(): void {
    this.store.clear();
    this.entities.clear();
    this.scheduleSave();
  }

  /** Puts a value in place without a request (a test's or a benchmark's starting state; not counted). */
  seed(key: string, value: unknown, expiresAt?: number): void {
    const now = this.now();
    this.store.set(key, {
      value: structuredClone(value),
      createdAt: now,
      updatedAt: now,
      ...(expiresAt !== undefined ? { expiresAt } : {}),
    });
  }

  /** Removes a key without a request (not counted). */
  remove(key: string): void {
    this.store.delete(key);
  }

  /** Every live key with its value and expiry: a dump that {@link seed} can restore. */
  entries(): [string, { value: unknown; expiresAt?: number }][] {
    return this.keys().map((k) => {
      const e = this.store.get(k)!;
      return [k, { value: e.value, ...(e.expiresAt !== undefined ? { expiresAt: e.expiresAt } : {}) }];
    });
  }

  resetCalls(): void {
    this.calls = noCalls();
    this.reads = [];
  }

  private noteRead(key: string, e: Entry | undefined): void {
    this.reads.push({ key, bytes: e ? Buffer.byteLength(JSON.stringify(e.value), 'utf8') : 0 });
  }

  /** The fault for this request, removed from the list; its key is the request's first key. */
  private takeFault(op: keyof KvsCalls, body: unknown): KvsFault | undefined {
    const first = (v: unknown): unknown => (Array.isArray(v) ? first(v[0]) : record(v));
    const b = record(body);
    const ops = Array.isArray(b.set) && b.set.length ? b.set : b.delete;
    const item = op === 'transact' ? record(first(ops)) : record(first(body));
    const key = typeof item.key === 'string' ? item.key : undefined;
    const i = this.faults.findIndex((f) => f.op === op && (!f.key || (key !== undefined && f.key.test(key))));
    return i < 0 ? undefined : this.faults.splice(i, 1)[0];
  }

  /**
   * Answers one request of the KVS REST API.
   * @param count called with 'read' or 'write' for each operation, for per-invocation accounting
   */
  handle(
    path: string,
    rawBody: string | undefined,
    count: (op: 'read' | 'write') => void = () => {},
  ): KvsAnswer {
    let body: unknown;
    try {
      body = rawBody ? JSON.parse(rawBody) : {};
    } catch {
      return this.error(new KvsFailure(400, 'BAD_REQUEST', 'the request body is not JSON'));
    }
    const tally = (op: 'read' | 'write') => {
      this.totals[op === 'read' ? 'reads' : 'writes']++;
      count(op);
    };
    const call = CALL_OF_PATH[path];
    if (call) {
      this.calls[call]++;
      const fault = this.takeFault(call, body);
      if (fault) return { status: 500, body: { code: 'INTERNAL_SERVER_ERROR', message: fault.message } };
    }
    try {
      switch (path) {
        case '/api/v1/get':
          tally('read');
          return this.get(record(body));
        case '/api/v1/set':
          tally('write');
          return this.set(record(body));
        case '/api/v1/delete':
          tally('write');
          return this.delete(record(body));
        case '/api/v1/query':
          tally('read');
          return this.query(record(body));
        case '/api/v1/batch/get':
          tally('read');
          return this.batchGet(body);
        case '/api/v1/batch/set':
          tally('write');
          return this.batchSet(body);
        case '/api/v1/batch/delete':
          tally('write');
          return this.batchDelete(body);
        case '/api/v1/transaction':
          tally('write');
          return this.transact(record(body));
        case '/api/v1/entity/get':
          tally('read');
          return this.entityGet(record(body));
        case '/api/v1/entity/set':
          tally('write');
          this.prepareEntitySet(record(body))();
          return { status: 204 };
        case '/api/v1/entity/delete':
          tally('write');
          this.prepareEntityDelete(record(body))();
          return { status: 204 };
        default:
          return this.error(
            new KvsFailure(
              501,
              'NOT_IMPLEMENTED',
              `the preview's KVS does not emulate ${path} (entity queries, secrets)`,
            ),
          );
      }
    } catch (err) {
      if (err instanceof KvsFailure) return this.error(err);
      throw err;
    }
  }

  /** Writes the file now (on close). */
  flush(): void {
    if (this.saveTimer) clearTimeout(this.saveTimer);
    this.saveTimer = null;
    if (this.file) this.save(this.file);
  }

  // -------------------------------------------------------------------------------------------------------------

  private error(err: KvsFailure): KvsAnswer {
    return { status: err.status, body: { code: err.code, message: err.message } };
  }

  private live(key: string): Entry | undefined {
    const e = this.store.get(key);
    if (e && e.expiresAt !== undefined && e.expiresAt <= this.now()) {
      this.store.delete(key);
      return undefined;
    }
    return e;
  }

  private checkKey(key: unknown): string {
    if (typeof key !== 'string' || key.length === 0 || key.length > 500 || !KEY_PATTERN.test(key)) {
      throw new KvsFailure(400, 'INVALID_KEY', `invalid key ${JSON.stringify(key)}`);
    }
    return key;
  }

  private checkValue(key: string, value: unknown): void {
    if (value === undefined) throw new KvsFailure(400, 'BAD_REQUEST', `no value for key ${key}`);
    const size = Buffer.byteLength(JSON.stringify(value), 'utf8');
    if (size > MAX_VALUE_BYTES) {
      throw new KvsFailure(
        413,
        'MAX_SIZE_EXCEEDED',
        `the value of ${key} is ${size} bytes, over the limit of ${MAX_VALUE_BYTES}`,
      );
    }
  }

  private view(key: string, e: Entry, options: Json): Json {
    const fields = Array.isArray(options.metadataFields) ? options.metadataFields : [];
    return {
      key,
      value: e.value,
      ...(fields.includes('CREATED_AT') ? { createdAt: e.createdAt } : {}),
      ...(fields.includes('UPDATED_AT') ? { updatedAt: e.updatedAt } : {}),
      ...(fields.includes('EXPIRE_TIME') && e.expiresAt
        ? { expireTime: new Date(e.expiresAt).toISOString() }
        : {}),
    };
  }

  private get(body: Json): KvsAnswer {
    const key = this.checkKey(body.key);
    const e = this.live(key);
    this.noteRead(key, e);
    if (!e) throw new KvsFailure(404, 'KEY_NOT_FOUND', `no value for key ${key}`);
    return { status: 200, body: this.view(key, e, record(body.options)) };
  }

  /** Validates a set and returns the function that applies it (so a transaction can check everything first). */
  private prepareSet(item: Json): () => Json | null {
    const key = this.checkKey(item.key);
    this.checkValue(key, item.value);
    const options = record(item.options);
    const existing = this.live(key);
    if (options.keyPolicy === 'FAIL_IF_EXISTS' && existing) {
      throw new KvsFailure(409, 'KEY_ALREADY_EXISTS', `the key ${key} already exists`);
    }
    const ttl = record(options.ttl);
    let expiresAt: number | undefined;
    if (typeof ttl.value === 'number') {
      const unit = TTL_MS[String(ttl.unit ?? 'SECONDS')];
      if (!unit || ttl.value <= 0) throw new KvsFailure(400, 'BAD_REQUEST', `invalid ttl for ${key}`);
      expiresAt = this.now() + ttl.value * unit;
    }
    return () => {
      const now = this.now();
      const entry: Entry = {
        value: structuredClone(item.value),
        createdAt: existing?.createdAt ?? now,
        updatedAt: now,
        ...(expiresAt !== undefined ? { expiresAt } : {}),
      };
      this.store.set(key, entry);
      if (options.returnValue === 'PREVIOUS') {
        return existing ? this.view(key, existing, { metadataFields: options.returnMetadataFields }) : null;
      }
      if (options.returnValue === 'LATEST') {
        return this.view(key, entry, { metadataFields: options.returnMetadataFields });
      }
      return null;
    };
  }

  private set(body: Json): KvsAnswer {
    const apply = this.prepareSet(body);
    const returned = apply();
    this.scheduleSave();
    return returned ? { status: 200, body: returned } : { status: 204 };
  }

  private delete(body: Json): KvsAnswer {
    const key = this.checkKey(body.key);
    this.store.delete(key);
    this.scheduleSave();
    return { status: 204 };
  }

  private query(body: Json): KvsAnswer {
    const where = Array.isArray(body.where) ? body.where.map(record) : [];
    const limit = Math.max(1, Math.min(100, typeof body.limit === 'number' ? body.limit : 10));
    const after = typeof body.after === 'string' ? body.after : null;
    const matches = (key: string) =>
      where.every((w) => {
        if (w.property !== 'key') throw new KvsFailure(400, 'BAD_REQUEST', 'only the key can be queried');
        const values = Array.isArray(w.values) ? w.values.map(String) : [];
        switch (w.condition) {
          case 'BEGINS_WITH':
            return key.startsWith(values[0] ?? '');
          case 'EQUAL_TO':
            return key === values[0];
          case 'BETWEEN':
            return key >= (values[0] ?? '') && key <= (values[1] ?? '');
          case 'GREATER_THAN':
            return key > (values[0] ?? '');
          case 'GREATER_THAN_EQUAL_TO':
            return key >= (values[0] ?? '');
          case 'LESS_THAN':
            return key < (values[0] ?? '');
          case 'LESS_THAN_EQUAL_TO':
            return key <= (values[0] ?? '');
          default:
            throw new KvsFailure(400, 'BAD_REQUEST', `unknown condition ${String(w.condition)}`);
        }
      });
    const all = [...this.store.keys()].filter((k) => matches(k) && this.live(k)).sort();
    const start = after === null ? 0 : all.findIndex((k) => k > after);
    const page = start < 0 ? [] : all.slice(start, start + limit);
    const more = start >= 0 && start + limit < all.length;
    const options = record(body.options);
    for (const k of page) this.noteRead(k, this.store.get(k));
    return {
      status: 200,
      body: {
        data: page.map((k) => this.view(k, this.store.get(k)!, options)),
        ...(more ? { cursor: page[page.length - 1] } : {}),
      },
    };
  }

  private batchGet(body: unknown): KvsAnswer {
    const items = Array.isArray(body) ? body.map(record) : [];
    const successfulKeys: Json[] = [];
    const failedKeys: Json[] = [];
    for (const item of items) {
      const key = this.checkKey(item.key);
      const e = this.live(key);
      this.noteRead(key, e);
      if (e) successfulKeys.push(this.view(key, e, record(item.options)));
      else failedKeys.push({ key, error: { code: 'KEY_NOT_FOUND', message: `no value for key ${key}` } });
    }
    return { status: 200, body: { successfulKeys, failedKeys } };
  }

  private batchSet(body: unknown): KvsAnswer {
    const items = Array.isArray(body) ? body.map(record) : [];
    const successfulKeys: Json[] = [];
    const failedKeys: Json[] = [];
    for (const item of items) {
      try {
        this.prepareSet(item)();
        successfulKeys.push({ key: item.key });
      } catch (err) {
        if (!(err instanceof KvsFailure)) throw err;
        failedKeys.push({ key: item.key, error: { code: err.code, message: err.message } });
      }
    }
    this.scheduleSave();
    return { status: 200, body: { successfulKeys, failedKeys } };
  }

  private batchDelete(body: unknown): KvsAnswer {
    const items = Array.isArray(body) ? body.map(record) : [];
    for (const item of items) this.store.delete(this.checkKey(item.key));
    this.scheduleSave();
    return { status: 200, body: { successfulKeys: items.map((i) => ({ key: i.key })), failedKeys: [] } };
  }

  private transact(body: Json): KvsAnswer {
    const sets = Array.isArray(body.set) ? body.set.map(record) : [];
    const deletes = Array.isArray(body.delete) ? body.delete.map(record) : [];
    const checks = Array.isArray(body.check) ? body.check.map(record) : [];
    if (sets.length + deletes.length + checks.length > 25) {
      throw new KvsFailure(400, 'BAD_REQUEST', 'a transaction holds at most 25 operations');
    }
    // All or nothing: validate every operation (and every condition) before applying any.
    for (const c of checks) {
      if (typeof c.entityName !== 'string' || c.conditions === undefined) {
        throw new KvsFailure(400, 'BAD_REQUEST', 'a check needs an entity and conditions');
      }
      this.checkConditions(c);
    }
    const applySets = sets.map((s) =>
      s.entityName !== undefined ? this.prepareEntitySet(s) : this.prepareSet(s),
    );
    const applyDeletes = deletes.map((d) =>
      d.entityName !== undefined
        ? this.prepareEntityDelete(d)
        : (
            (key: string) => () =>
              this.store.delete(key)
          )(this.checkKey(d.key)),
    );
    for (const apply of applySets) apply();
    for (const apply of applyDeletes) apply();
    this.scheduleSave();
    return { status: 204 };
  }

  // Custom entities -------------------------------------------------------------------------------------------

  private entityMap(name: string): Map<string, Entry> {
    let map = this.entities.get(name);
    if (!map) this.entities.set(name, (map = new Map()));
    return map;
  }

  private entityName(item: Json): string {
    if (typeof item.entityName !== 'string' || !/^[a-z0-9:\-_.]{3,60}$/.test(item.entityName)) {
      throw new KvsFailure(400, 'BAD_REQUEST', `invalid entity name ${JSON.stringify(item.entityName)}`);
    }
    return item.entityName;
  }

  /** Throws 409 CONDITION_FAILED unless the item's conditions hold for the entity's stored value. */
  private checkConditions(item: Json): void {
    if (item.conditions === undefined) return;
    const name = this.entityName(item);
    const key = this.checkKey(item.key);
    const value = record(this.entities.get(name)?.get(key)?.value);
    const exists = this.entities.get(name)?.has(key) ?? false;
    const conditions = record(item.conditions);
    const [operator] = Object.keys(conditions);
    const clauses = (operator ? conditions[operator] : undefined) as unknown;
    if ((operator !== 'and' && operator !== 'or') || !Array.isArray(clauses) || clauses.length === 0) {
      throw new KvsFailure(400, 'BAD_REQUEST', 'conditions must be { and: [...] } or { or: [...] }');
    }
    const holds = (c: Json): boolean => {
      const has =
        exists && typeof c.property === 'string' && Object.prototype.hasOwnProperty.call(value, c.property);
      const v = has ? value[c.property as string] : undefined;
      const values = Array.isArray(c.values) ? (c.values as unknown[]) : [];
      const [a, b] = values as [number, number];
      switch (c.condition) {
        case 'EXISTS':
          return has;
        case 'NOT_EXISTS':
          return !has;
        case 'EQUAL_TO':
          return has && v === a;
        case 'NOT_EQUAL_TO':
          return has && v !== a;
        case 'GREATER_THAN':
          return has && (v as number) > a;
        case 'GREATER_THAN_EQUAL_TO':
          return has && (v as number) >= a;
        case 'LESS_THAN':
          return has && (v as number) < a;
        case 'LESS_THAN_EQUAL_TO':
          return has && (v as number) <= a;
        case 'BETWEEN':
          return has && (v as number) >= a && (v as number) <= b;
        case 'BEGINS_WITH':
          return has && typeof v === 'string' && v.startsWith(String(a));
        case 'CONTAINS':
          return has && typeof v === 'string' && v.includes(String(a));
        case 'NOT_CONTAINS':
          return has && typeof v === 'string' && !v.includes(String(a));
        default:
          throw new KvsFailure(400, 'BAD_REQUEST', `unknown condition ${String(c.condition)}`);
      }
    };
    const results = clauses.map((c) => holds(record(c)));
    const ok = operator === 'and' ? results.every(Boolean) : results.some(Boolean);
    if (!ok) throw new KvsFailure(409, 'CONDITION_FAILED', `the conditions on ${name} ${key} do not hold`);
  }

  private entityGet(body: Json): KvsAnswer {
    const name = this.entityName(body);
    const key = this.checkKey(body.key);
    const e = this.entities.get(name)?.get(key);
    if (!e) throw new KvsFailure(404, 'KEY_NOT_FOUND', `no value for key ${key}`);
    return { status: 200, body: { ...this.view(key, e, record(body.options)), entityName: name } };
  }

  private prepareEntitySet(item: Json): () => void {
    const name = this.entityName(item);
    const key = this.checkKey(item.key);
    this.checkValue(key, item.value);
    if (typeof item.value !== 'object' || item.value === null || Array.isArray(item.value)) {
      throw new KvsFailure(400, 'BAD_REQUEST', `an entity value must be an object (${name} ${key})`);
    }
    this.checkConditions(item);
    return () => {
      const now = this.now();
      const existing = this.entityMap(name).get(key);
      this.entityMap(name).set(key, {
        value: structuredClone(item.value),
        createdAt: existing?.createdAt ?? now,
        updatedAt: now,
      });
    };
  }

  private prepareEntityDelete(item: Json): () => void {
    const name = this.entityName(item);
    const key = this.checkKey(item.key);
    this.checkConditions(item);
    return () => void this.entities.get(name)?.delete(key);
  }

  // -------------------------------------------------------------------------------------------------------------

  private load(file: string): void {
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch {
      return; // nothing stored yet
    }
    const data = record(JSON.parse(text));
    for (const [key, e] of Object.entries(data)) this.store.set(key, e as Entry);
  }

  private scheduleSave(): void {
    if (!this.file || this.saveTimer) return;
    this.saveTimer = setTimeout(() => {
      this.saveTimer = null;
      this.save(this.file!);
    }, 1000);
    this.saveTimer.unref();
  }

  private save(file: string): void {
    mkdirSync(dirname(file), { recursive: true });
    const live = Object.fromEntries(this.keys().map((k) => [k, this.store.get(k)]));
    writeFileSync(`${file}.tmp`, JSON.stringify(live));
    renameSync(`${file}.tmp`, file);
  }
}
