/**
 * Pure helpers that recognise resolver answers. A resolver answers with its data or with a ResolverError
 * (`{ error: { code, message } }`); a few answers are read leniently because the contract only fixes their payload.
 */
import type {
  EvidenceIssue,
  ProjectOption,
  ResolverError,
  SaveSettingsResult,
  SettingsView,
  SetupResult,
  SetupStep,
} from '../../src/forge/contract';

export type { ProjectOption, SetupResult, SetupStep };

export type ApiErrorCode = ResolverError['error']['code'] | 'unavailable';

/** A resolver error, or `unavailable` when the call itself failed (bridge, network, rate limit). */
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

function pickArray(value: unknown, ...keys: string[]): unknown[] | null {
  if (Array.isArray(value)) return value;
  if (isObject(value)) {
    for (const k of keys) {
      const inner = value[k];
      if (Array.isArray(inner)) return inner;
    }
  }
  return null;
}

/** `listProjects` answer: `{ key, name }[]` (or wrapped in `projects` / `values`). */
export function normalizeProjects(value: unknown): ProjectOption[] {
  const list = pickArray(value, 'projects', 'values') ?? [];
  const out: ProjectOption[] = [];
  for (const item of list) {
    if (typeof item === 'string') out.push({ key: item, name: item });
    else if (isObject(item) && typeof item.key === 'string') {
      out.push({ key: item.key, name: typeof item.name === 'string' ? item.name : item.key });
    }
  }
  return out.sort((a, b) => a.key.localeCompare(b.key));
}

/** `getEvidence` answer: `EvidenceIssue[]` (or wrapped in `issues`). Bare keys are accepted too. */
export function normalizeEvidence(value: unknown): EvidenceIssue[] {
  const list = pickArray(value, 'issues', 'values') ?? [];
  const out: EvidenceIssue[] = [];
  for (const item of list) {
    if (typeof item === 'string') {
      out.push({
        key: item,
        summary: '',
        status: '',
        priority: null,
        created: null,
        resolved: null,
        dueDate: null,
      });
    } else if (isObject(item) && typeof item.key === 'string') {
      const str = (v: unknown): string | null => (typeof v === 'string' ? v : null);
      out.push({
        key: item.key,
        summary: str(item.summary) ?? '',
        status: str(item.status) ?? '',
        priority: str(item.priority),
        created: str(item.created),
        resolved: str(item.resolved),
        dueDate: str(item.dueDate),
      });
    }
  }
  return out;
}

type StepOutcome = SetupStep['outcome'];

/** `setup` answer: `{ steps: {name, outcome, detail}[], validatorSteps: string[] }`. */
export function normalizeSetup(value: unknown): SetupResult {
  const raw = isObject(value) ? value : {};
  const steps = (Array.isArray(raw.steps) ? raw.steps : []).filter(isObject).map((s) => ({
    name: typeof s.name === 'string' ? s.name : 'step',
    outcome: (s.outcome === 'done' || s.outcome === 'skipped' ? s.outcome : 'failed') as StepOutcome,
    detail: typeof s.detail === 'string' ? s.detail : '',
  }));
  const validatorSteps = (Array.isArray(raw.validatorSteps) ? raw.validatorSteps : []).filter(
    (s): s is string => typeof s === 'string',
  );
  return { steps, validatorSteps };
}

/**
 * `restoreSettings` answer: a SaveSettingsResult (a bare SettingsView is accepted too). `null` means the answer did not
 * carry the settings and the caller should read them again.
 */
export function normalizeRestore(value: unknown): SaveSettingsResult | null {
  if (!isObject(value)) return null;
  if (value.ok === true && isObject(value.settings)) return value as unknown as SaveSettingsResult;
  if (value.ok === false && Array.isArray(value.errors)) return value as unknown as SaveSettingsResult;
  if (isObject(value.config) && typeof value.project === 'string') {
    return { ok: true, settings: value as unknown as SettingsView };
  }
  return null;
}
