/**
 * Resolver errors. A resolver answers with its data (typed by src/forge/contract.ts) or with a ResolverError
 * (`{ error: { code, message } }`); a call that fails on the way (bridge, network, rate limit) is `unavailable`.
 */
import type { ResolverError } from '../../src/forge/contract';
import { wordsFor, type Words } from '../../src/core/wording';

/** The default words: English (callers that do not know the viewer's language, and the command line's tests). */
const ENGLISH = wordsFor('en-US');

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
export function errorFromException(e: unknown, words: Words = ENGLISH): ApiError {
  const { t } = words.translator;
  const message = e instanceof Error ? e.message : typeof e === 'string' ? e : t('common.unknownError');
  return { code: 'unavailable', message: message.trim() || t('common.unreachable') };
}

const CODE_MESSAGES = {
  forbidden: 'project.errorForbidden',
  'bad-request': 'project.errorBadRequest',
  'not-found': 'project.errorNotFound',
  jira: 'project.errorJira',
  'not-configured': 'project.errorNotConfigured',
  busy: 'project.errorBusy',
  unavailable: 'project.errorUnavailable',
} as const satisfies Record<ApiErrorCode, string>;

/**
 * An error's message for people, in the viewer's language, worded from its CODE (the server's message text is
 * English and is never parsed): in English the server's own message (it names the detail, e.g. which project), in
 * any other language the code's sentence.
 * @example errorMessage({ code: 'jira', message: 'Jira answered 503' }, wordsFor('de-DE')) // 'Jira konnte nicht gelesen werden.'
 */
export function errorMessage(error: ApiError, words: Words = ENGLISH): string {
  if (words.translator.language === 'en' && error.message.trim()) return error.message;
  return words.translator.t(CODE_MESSAGES[error.code] ?? 'project.errorUnavailable');
}
