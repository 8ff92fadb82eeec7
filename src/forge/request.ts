/**
 * What a resolver may believe about its request. Only `accountId`, `accountType`, `installContext` and `license` of
 * the context are set by the platform; `context.extension` (the project, the issue, the macro config) and the
 * payload come from the browser and are checked before use.
 */
import { z } from 'zod';
import { describeIssues } from '../core/config';
import { PayloadSchemas, type ResolverError, type ResolverName } from './contract';

/** The largest payload accepted, in bytes of JSON. */
export const MAX_PAYLOAD_BYTES = 64 * 1024;

const PROJECT_KEY = /^[A-Z][A-Z0-9_]{0,49}$/;
const ISSUE_KEY = /^[A-Z][A-Z0-9_]{0,49}-[1-9][0-9]{0,14}$/;

export function isProjectKey(value: unknown): value is string {
  return typeof value === 'string' && PROJECT_KEY.test(value);
}

export function isIssueKey(value: unknown): value is string {
  return typeof value === 'string' && ISSUE_KEY.test(value);
}

export interface Caller {
  accountId: string;
  /** The installation (site) the call belongs to; keys the permission cache. */
  site: string;
}

export function failure(code: ResolverError['error']['code'], message: string): ResolverError {
  return { error: { code, message } };
}

/**
 * The caller, from the platform-set fields only; null for an anonymous call, and for one the platform did not tie
 * to an installation (no `installContext`): the permission cache is keyed by it, so such a call is refused rather
 * than sharing one key across sites (issue #12).
 */
export function trustedCaller(context: Record<string, unknown> | undefined): Caller | null {
  const accountId = context?.accountId;
  if (typeof accountId !== 'string' || accountId === '') return null;
  if (
    context?.accountType !== undefined &&
    context.accountType !== 'licensed' &&
    context.accountType !== 'unlicensed'
  ) {
    // Customers (JSM portal) and anonymous viewers get nothing.
    return null;
  }
  const site = context?.installContext;
  if (typeof site !== 'string' || site === '') return null;
  return { accountId, site };
}

function record(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : {};
}

/**
 * The project the call is about, as the browser claims it: `extension.project.key` (project page, settings page,
 * issue panel) or the macro's `extension.config.project`. It is only a claim: the caller's access is checked next.
 */
export function claimedProject(context: Record<string, unknown> | undefined): string | null {
  const extension = record(context?.extension);
  const fromProject = record(extension.project).key;
  if (fromProject !== undefined) return isProjectKey(fromProject) ? fromProject : null;
  const config = record(extension.config);
  const fromConfig = typeof config.project === 'string' ? config.project : record(config.project).key;
  return isProjectKey(fromConfig) ? fromConfig : null;
}

/** The issue the issue panel claims to show. */
export function claimedIssue(context: Record<string, unknown> | undefined): string | null {
  const key = record(record(context?.extension).issue).key;
  return isIssueKey(key) ? key : null;
}

export type Parsed<K extends ResolverName> = z.output<(typeof PayloadSchemas)[K]>;

/** The payload checked against the contract: strict (unknown fields rejected, named), and not oversized. */
export function parsePayload<K extends ResolverName>(
  name: K,
  payload: unknown,
): { ok: true; value: Parsed<K> } | { ok: false; error: ResolverError } {
  let size: number;
  try {
    size = Buffer.byteLength(JSON.stringify(payload ?? {}), 'utf8');
  } catch {
    return { ok: false, error: failure('bad-request', 'the payload is not JSON') };
  }
  if (size > MAX_PAYLOAD_BYTES) {
    return {
      ok: false,
      error: failure('bad-request', `the payload is too large (${size} bytes; at most ${MAX_PAYLOAD_BYTES})`),
    };
  }
  const schema = PayloadSchemas[name] as unknown as z.ZodType<Parsed<K>>;
  const result = schema.safeParse(payload ?? {});
  if (result.success) return { ok: true, value: result.data };
  const issues = describeIssues(result.error);
  const message = issues.map((i) => i.message).join('; ');
  return { ok: false, error: failure('bad-request', `invalid payload for ${name}: ${message}`) };
}

/**
 * The viewer's language as the browser's context claims it (`context.locale`, e.g. `de-DE`): used only to choose the
 * words of an answer (German or English, src/core/i18n), never for a decision.
 */
export function claimedLocale(context: Record<string, unknown> | undefined): string | undefined {
  const locale = context?.locale;
  return typeof locale === 'string' && /^[A-Za-z]{2,3}([-_][A-Za-z0-9]{2,8})*$/.test(locale)
    ? locale
    : undefined;
}
