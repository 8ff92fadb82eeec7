/**
 * The typed wrapper around `invoke`: one function per resolver of the contract (src/forge/contract.ts).
 * Every call resolves to `{ ok: true, data }` or `{ ok: false, error }`; it never throws.
 */
import type { Payload, ResolverName, ResolverResponses, SaveSettingsResult } from '../../src/forge/contract';
import { getBridge } from './bridge';
import {
  errorFromException,
  isResolverError,
  normalizeEvidence,
  normalizeProjects,
  normalizeRestore,
  normalizeSetup,
  type ApiResult,
} from './responses';

export type { ApiError, ApiResult, ProjectOption, SetupResult, SetupStep } from './responses';

export type EvidenceList = Payload<'getEvidence'>['list'];

/**
 * Calls one resolver. `read` checks the answer's shape where the UI depends on it (lists, optional parts); by default
 * the answer is trusted to follow the contract.
 */
async function call<K extends ResolverName, T = ResolverResponses[K]>(
  name: K,
  payload: Payload<K>,
  read: (raw: unknown) => T = (raw) => raw as T,
): Promise<ApiResult<T>> {
  try {
    const bridge = await getBridge();
    const raw = await bridge.invoke(name, payload as Record<string, unknown>);
    if (isResolverError(raw)) return { ok: false, error: raw.error };
    return { ok: true, data: read(raw) };
  } catch (e) {
    return { ok: false, error: errorFromException(e) };
  }
}

export const api = {
  getGate: () => call('getGate', {}),
  refresh: () => call('refresh', {}),
  getEvidence: (list: EvidenceList) => call('getEvidence', { list }, normalizeEvidence),
  getSettings: () => call('getSettings', {}),
  saveSettings: (config: Record<string, unknown>) => call('saveSettings', { config }),
  /** `null` when the answer did not carry the settings (read them again). */
  restoreSettings: (version: number) =>
    call<'restoreSettings', SaveSettingsResult | null>('restoreSettings', { version }, normalizeRestore),
  getIdea: () => call('getIdea', {}),
  listProjects: (query?: string) => call('listProjects', query ? { query } : {}, normalizeProjects),
  setup: (projectKey: string) => call('setup', { projectKey }, normalizeSetup),
  getPortfolio: () =>
    call('getPortfolio', {}, (raw) => (Array.isArray(raw) ? (raw as ResolverResponses['getPortfolio']) : [])),
};
