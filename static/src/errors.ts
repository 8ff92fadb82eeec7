/**
 * Resolver errors. A resolver answers with its data (typed by src/forge/contract.ts) or with a ResolverError
 * (`{ error: { code, message } }`); a call that fails on the way (bridge, network, rate limit) is `unavailable`.
 */
import type { ResolverError } from '../../src/forge/contract';

export type ApiErrorCode = ResolverError['error']['code'] | 'unavailable';

/** A resolver error, or `unavailable` when the call itself failed. */
export interface ApiError {
  code: ApiErrorCode;
  message: string;
}

export type ApiResult<T> = { ok: true; data: T } | { ok: false; error: ApiError };

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Whether trying the same call again can help: yes for transient failures (Jira could not be read, another
 * computation is being stored, the app could not be reached); no when the answer depends only on who asks and what
 * (`forbidden`, `bad-request`, `not-found`, `not-configured`).
 */
export function isRetryable(error: Pick<ApiError, 'code'>): boolean {
  return error.code === 'jira' || error.code === 'busy' || error.code === 'unavailable';
}

/** True when the answer is a ResolverError. */
export function isResolverError(value: unknown): value is ResolverError {
  return (
    isObject(value) &&
    isObject(value.error) &&
    typeof value.error.code === 'string' &&
    typeof value.error.message === 'string'
  );
}

/** Turns a thrown value into an ApiError. */
export function errorFromException(e: unknown): ApiError {
  const message = e instanceof Error ? e.message : typeof e === 'string' ? e : 'unknown error';
  return { code: 'unavailable', message: message.trim() || 'the app could not be reached' };
}
