/**
 * The application service every surface uses: read a gate's facts once — across its source projects — then compute
 * the report, its evidence and (optionally) the 12-month trend from them.
 */
import { computeReport, computeTrend, trendDates } from '../core/compute';
import type { Config } from '../core/config';
import { addDays, type CalendarDate } from '../core/dates';
import type { GateFacts } from '../core/facts';
import type { Evidence, Report, TrendPoint } from '../core/report';
import { gateScope, type GateSources } from '../core/sources';
import type { JiraClient } from '../jira/client';
import { fetchGateFacts, type FetchedGate } from '../jira/gateData';

export interface ProjectGate {
  report: Report;
  evidence: Evidence;
  trend: TrendPoint[] | null;
  fetched: FetchedGate;
}

export interface GateOptions {
  asOf: CalendarDate;
  now: number;
  /** Also compute the 12-month trend (from the same fetch). */
  trend?: boolean;
  /** Who may approve a bypass label (default: nobody beyond `ideaBypassApprovers`). */
  isApprover?: (accountId: string, ideaProject: string) => boolean;
}

/** The gate as the report names it. */
export interface GateName {
  home: string;
  name: string;
}

/**
 * The earliest as-of date the computation evaluates: the first trend date (the road travelled starts there, so it is
 * always read), or the first sustain day when that is earlier.
 */
export function earliestAsOf(config: Config, asOf: CalendarDate): CalendarDate {
  const sustainStart = addDays(asOf, -(config.sustainDays - 1));
  const trendStart = trendDates(asOf)[0]!;
  return trendStart < sustainStart ? trendStart : sustainStart;
}

/** The report, its evidence and (optionally) the trend, from facts already read. */
export function gateFromFacts(
  facts: GateFacts,
  sources: GateSources,
  config: Config,
  gate: GateName,
  options: GateOptions,
): Pick<ProjectGate, 'report' | 'evidence' | 'trend'> {
  const { report, evidence } = computeReport(facts, config, sources, {
    project: gate.home,
    gateName: gate.name,
    asOf: options.asOf,
    now: options.now,
    isApprover: options.isApprover,
  });
  const trend = options.trend ? computeTrend(facts, config, sources, options.asOf) : null;
  return { report, evidence, trend };
}

/**
 * Reads and computes the gate whose home is `home`, over the sources its configuration names (SPEC §3.0).
 * @throws ConfigError for a configured name the site does not know; JiraError when Jira cannot be read.
 */
export async function computeProjectGate(
  client: JiraClient,
  home: string,
  config: Config,
  options: GateOptions,
): Promise<ProjectGate> {
  const fetched = await fetchGateFacts(client, gateScope(home, config), config, {
    asOf: options.asOf,
    earliest: earliestAsOf(config, options.asOf),
  });
  const name = { home, name: config.name ?? fetched.homeName ?? home };
  const isApprover = options.isApprover ?? fetched.isApprover;
  return {
    ...gateFromFacts(fetched.facts, fetched.sources, config, name, { ...options, isApprover }),
    fetched,
  };
}
