/**
 * Resolver timings of the preview: every call's duration with its KVS and Jira work, and per resolver the count,
 * median, p95 and max. Served as JSON on `/api/metrics` and summed up on the preview's first page.
 */
import type { Invocation } from '../forge-emulator/egress';

export interface CallRecord {
  functionKey: string;
  at: string;
  ms: number;
  user: string;
  project: string | null;
  ok: boolean;
  kvsReads: number;
  kvsWrites: number;
  jiraRequests: number;
  jiraMs: number;
}

export interface ResolverSummary {
  count: number;
  errors: number;
  medianMs: number;
  p95Ms: number;
  maxMs: number;
  meanMs: number;
  /** KVS reads of the median call (the page renders from this many storage reads). */
  kvsReadsMedian: number;
  jiraRequestsMedian: number;
}

const KEEP = 2000;

/** The value at quantile q (0..1) of sorted values, nearest-rank. */
export function quantile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return 0;
  const rank = Math.min(sorted.length, Math.max(1, Math.ceil(q * sorted.length)));
  return sorted[rank - 1]!;
}

function median(values: readonly number[]): number {
  if (values.length === 0) return 0;
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

const round = (n: number) => Math.round(n * 100) / 100;

export class Metrics {
  private calls: CallRecord[] = [];

  record(
    functionKey: string,
    ms: number,
    invocation: Invocation,
    details: { user: string; project: string | null; ok: boolean },
  ): CallRecord {
    const rec: CallRecord = {
      functionKey,
      at: new Date().toISOString(),
      ms: round(ms),
      ...details,
      kvsReads: invocation.kvsReads,
      kvsWrites: invocation.kvsWrites,
      jiraRequests: invocation.jiraRequests,
      jiraMs: round(invocation.jiraMs),
    };
    this.calls.push(rec);
    if (this.calls.length > KEEP) this.calls.splice(0, this.calls.length - KEEP);
    return rec;
  }

  reset(): void {
    this.calls = [];
  }

  summary(): Record<string, ResolverSummary> {
    const by = new Map<string, CallRecord[]>();
    for (const c of this.calls) {
      const list = by.get(c.functionKey) ?? [];
      list.push(c);
      by.set(c.functionKey, list);
    }
    const out: Record<string, ResolverSummary> = {};
    for (const [name, list] of [...by].sort(([a], [b]) => a.localeCompare(b))) {
      const ms = list.map((c) => c.ms).sort((a, b) => a - b);
      out[name] = {
        count: list.length,
        errors: list.filter((c) => !c.ok).length,
        medianMs: round(median(ms)),
        p95Ms: round(quantile(ms, 0.95)),
        maxMs: round(ms[ms.length - 1] ?? 0),
        meanMs: round(ms.reduce((a, b) => a + b, 0) / ms.length),
        kvsReadsMedian: median(list.map((c) => c.kvsReads)),
        jiraRequestsMedian: median(list.map((c) => c.jiraRequests)),
      };
    }
    return out;
  }

  recent(n = 50): CallRecord[] {
    return this.calls.slice(-n);
  }
}
