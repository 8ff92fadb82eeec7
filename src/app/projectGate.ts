/**
 * The application service every surface uses: fetch a project's facts once, then compute the report, its evidence and
 * (optionally) the 12-month trend from them.
 */
import { computeReport, computeTrend, trendDates } from '../core/compute';
import type { Config } from '../core/config';
import { addDays, type CalendarDate } from '../core/dates';
import type { GateFacts } from '../core/facts';
import type { Evidence, Report, TrendPoint } from '../core/report';
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
}

/** The earliest as-of date the computation will evaluate. */
export function earliestAsOf(config: Config, asOf: CalendarDate, withTrend: boolean): CalendarDate {
  const sustainStart = addDays(asOf, -(config.sustainDays - 1));
  const trendStart = withTrend ? trendDates(asOf)[0]! : asOf;
  return trendStart < sustainStart ? trendStart : sustainStart;
}

/** The report, its evidence and (optionally) the trend, from facts already read. */
export function gateFromFacts(
  facts: GateFacts,
  config: Config,
  project: string,
  options: GateOptions,
): Pick<ProjectGate, 'report' | 'evidence' | 'trend'> {
  const { report, evidence } = computeReport(facts, config, {
    project,
    asOf: options.asOf,
    now: options.now,
  });
  const trend = options.trend ? computeTrend(facts, config, options.asOf) : null;
  return { report, evidence, trend };
}

export async function computeProjectGate(
  client: JiraClient,
  projectKey: string,
  config: Config,
  options: GateOptions,
): Promise<ProjectGate> {
  const withTrend = options.trend ?? false;
  const fetched = await fetchGateFacts(client, projectKey, config, {
    asOf: options.asOf,
    earliest: earliestAsOf(config, options.asOf, withTrend),
  });
  return { ...gateFromFacts(fetched.facts, config, fetched.project.key, options), fetched };
}
