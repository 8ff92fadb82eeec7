/**
 * The async-events queue, in process: each event pushed with `@forge/events` runs the consumer after its
 * `delayInSeconds`, scaled down (a 120 s debounce becomes about 2 s by default), with at most `concurrency.limit`
 * events of one `concurrency.key` running at once (the app uses limit 1 per project). Failed events are logged, not
 * retried.
 */
import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';

export interface QueuedEvent {
  body: Record<string, unknown>;
  delayInSeconds?: number;
  concurrency?: { key: string; limit: number };
}

export interface ConsumerEvent {
  queueName: string;
  jobId: string;
  eventId: string;
  body: Record<string, unknown>;
  retryContext: { retryCount: number; retryReason: string };
}

export type Consumer = (event: ConsumerEvent) => Promise<unknown>;

export interface QueueStats {
  pushed: number;
  waiting: number;
  running: number;
  done: number;
  failed: number;
}

export interface QueueOptions {
  /** Queue name (manifest `consumer[].queue`) → its consumer function. */
  consumers: Record<string, Consumer>;
  /** Multiplies every delay (default 0.02: 120 s → 2.4 s). */
  delayScale?: number;
  log?: (line: string) => void;
}

export class QueueEmulator {
  readonly stats: QueueStats = { pushed: 0, waiting: 0, running: 0, done: 0, failed: 0 };
  private readonly timers = new Set<ReturnType<typeof setTimeout>>();
  /** Per concurrency key: the tail of its chain (limit 1 serialises). */
  private readonly chains = new Map<string, Promise<void>>();
  private readonly running = new Set<Promise<void>>();
  private closed = false;
  private idleWaiters: (() => void)[] = [];

  constructor(private readonly options: QueueOptions) {}

  /** Handles one push request of `@forge/events` (`Queue.push`). */
  push(request: { queueName: string; jobId: string; payload: unknown[] }): void {
    const consumer = this.options.consumers[request.queueName];
    if (!consumer) throw new Error(`no consumer for queue ${request.queueName} in manifest.yml`);
    for (const raw of request.payload) {
      const event = raw as QueuedEvent;
      this.stats.pushed++;
      this.stats.waiting++;
      const delayMs = Math.max(0, (event.delayInSeconds ?? 0) * 1000 * (this.options.delayScale ?? 0.02));
      const timer = setTimeout(() => {
        this.timers.delete(timer);
        this.start(request, event, consumer);
      }, delayMs);
      this.timers.add(timer);
    }
  }

  /** True when nothing is waiting or running. */
  get idle(): boolean {
    return this.stats.waiting === 0 && this.stats.running === 0;
  }

  /** Resolves once nothing is waiting or running (or at `timeoutMs`). */
  whenIdle(timeoutMs = 30_000): Promise<boolean> {
    if (this.idle) return Promise.resolve(true);
    return new Promise((resolve) => {
      const timer = setTimeout(() => resolve(false), timeoutMs);
      this.idleWaiters.push(() => {
        clearTimeout(timer);
        resolve(true);
      });
    });
  }

  /** Drops waiting events and waits for running ones. */
  async close(): Promise<void> {
    this.closed = true;
    for (const t of this.timers) clearTimeout(t);
    this.stats.waiting -= this.timers.size;
    this.timers.clear();
    await Promise.allSettled([...this.running]);
  }

  private start(request: { queueName: string; jobId: string }, event: QueuedEvent, consumer: Consumer): void {
    if (this.closed) return;
    const key = event.concurrency?.key ?? randomUUID();
    const previous = this.chains.get(key) ?? Promise.resolve();
    const run = previous.then(() => this.run(request, event, consumer));
    this.chains.set(key, run);
    this.running.add(run);
    void run.finally(() => {
      this.running.delete(run);
      if (this.chains.get(key) === run) this.chains.delete(key);
      this.notifyIdle();
    });
  }

  private async run(
    request: { queueName: string; jobId: string },
    event: QueuedEvent,
    consumer: Consumer,
  ): Promise<void> {
    this.stats.waiting--;
    if (this.closed) return;
    this.stats.running++;
    const started = performance.now();
    const what = `${request.queueName} ${JSON.stringify(event.body)}`;
    try {
      const result = await consumer({
        queueName: request.queueName,
        jobId: request.jobId,
        eventId: randomUUID(),
        body: event.body,
        retryContext: { retryCount: 0, retryReason: '' },
      });
      this.stats.done++;
      const outcome = (result as { outcome?: unknown } | null)?.outcome;
      this.options.log?.(
        `[queue] ${what} → ${typeof outcome === 'string' ? outcome : 'done'} (${(performance.now() - started).toFixed(0)} ms)`,
      );
    } catch (err) {
      this.stats.failed++;
      this.options.log?.(`[queue] ${what} failed: ${err instanceof Error ? err.message : String(err)}`);
    } finally {
      this.stats.running--;
    }
  }

  private notifyIdle(): void {
    if (!this.idle) return;
    const waiters = this.idleWaiters;
    this.idleWaiters = [];
    for (const w of waiters) w();
  }
}
