/**
 * Retry policy: which answers are worth another try and how long to wait.
 * 429 and 5xx are retried with jittered exponential backoff that honours `Retry-After` (seconds or an HTTP date);
 * bounded by a number of attempts and a total time budget. 4xx other than 429 are never retried.
 */

export interface RetryPolicy {
  /** Attempts in all, the first included. */
  maxAttempts: number;
  /** First backoff, doubled each retry. */
  baseDelayMs: number;
  /** Longest single wait. */
  maxDelayMs: number;
  /** The whole request, waits included, must finish within this. */
  totalBudgetMs: number;
  /** Each attempt is aborted after this. */
  requestTimeoutMs: number;
}

export const DEFAULT_RETRY: RetryPolicy = {
  maxAttempts: 5,
  baseDelayMs: 1000,
  maxDelayMs: 30_000,
  totalBudgetMs: 90_000,
  requestTimeoutMs: 30_000,
};

/** True for the statuses worth retrying. */
export function isRetryable(status: number): boolean {
  return status === 429 || status >= 500;
}

/**
 * Parses `Retry-After`: delay-seconds or an HTTP date. Returns milliseconds to wait, or null when absent or unreadable.
 * @example parseRetryAfter('2', 0) // 2000
 * @example parseRetryAfter('Wed, 21 Oct 2026 07:28:00 GMT', Date.parse('2026-10-21T07:27:00Z')) // 60000
 */
export function parseRetryAfter(value: string | null, now: number): number | null {
  if (value == null || value.trim() === '') return null;
  const v = value.trim();
  if (/^\d+(\.\d+)?$/.test(v)) return Math.round(Number(v) * 1000);
  const at = Date.parse(v);
  if (Number.isNaN(at)) return null;
  return Math.max(0, at - now);
}

/**
 * The wait before retry number `retry` (1 for the first retry): `Retry-After` when given, otherwise
 * `base · 2^(retry−1)` with ±30 % jitter, capped at `maxDelayMs`.
 */
export function backoffDelay(
  policy: RetryPolicy,
  retry: number,
  retryAfterMs: number | null,
  random: () => number,
): number {
  if (retryAfterMs !== null) return retryAfterMs;
  const exp = policy.baseDelayMs * 2 ** (retry - 1);
  const jitter = 0.7 + 0.6 * random();
  return Math.min(policy.maxDelayMs, Math.round(exp * jitter));
}
