/**
 * The typed wrapper around `invoke`: one function per resolver of the contract (src/forge/contract.ts), whose answers
 * it trusts to follow the contract. Every call resolves to `{ ok: true, data }` or `{ ok: false, error }`; it never
 * throws.
 */
import type { Payload, ResolverName, ResolverResponses } from '../../src/forge/contract';
import { getBridge } from './bridge';
import { errorFromException, isResolverError, type ApiResult } from './errors';

export type { ApiError, ApiResult } from './errors';
export type {
  GateOption,
  GateSourcesView,
  Membership,
  MembershipsView,
  ProjectOption,
  SettingsChoices,
  SetupResult,
  SetupStep,
} from '../../src/forge/contract';

export type EvidenceList = Payload<'getEvidence'>['list'];

/** Calls one resolver. */
async function call<K extends ResolverName>(
  name: K,
  payload: Payload<K>,
): Promise<ApiResult<ResolverResponses[K]>> {
  try {
    const bridge = await getBridge();
    const raw = await bridge.invoke(name, payload as Record<string, unknown>);
    if (isResolverError(raw)) return { ok: false, error: raw.error };
    return { ok: true, data: raw as ResolverResponses[K] };
  } catch (e) {
    return { ok: false, error: errorFromException(e) };
  }
}

export const api = {
  getGate: () => call('getGate', {}),
  refresh: () => call('refresh', {}),
  getAudit: () => call('getAudit', {}),
  getEvidence: (list: EvidenceList) => call('getEvidence', { list }),
  getSettings: () => call('getSettings', {}),
  saveSettings: (config: Record<string, unknown>, baseVersion?: number) =>
    call('saveSettings', baseVersion === undefined ? { config } : { config, baseVersion }),
  restoreSettings: (version: number, baseVersion?: number) =>
    call('restoreSettings', baseVersion === undefined ? { version } : { version, baseVersion }),
  getSettingsChoices: (sources: Payload<'getSettingsChoices'> = {}) => call('getSettingsChoices', sources),
  getIdea: () => call('getIdea', {}),
  listProjects: (query?: string) => call('listProjects', query ? { query } : {}),
  setup: (projectKey: string) => call('setup', { projectKey }),
  getPortfolio: () => call('getPortfolio', {}),
  getMemberships: () => call('getMemberships', {}),
  getGateSources: () => call('getGateSources', {}),
  listGates: () => call('listGates', {}),
};
