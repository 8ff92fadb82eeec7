/**
 * Minimal hand-built sites for single-point probes: by default one software project `OPS` on an English site; or
 * any projects on a site of any flavour (Jira Service Management, translated). Issues are given by local date and
 * time in the report's zone, with optional changelogs (status, due date and label changes), served by the fake Jira
 * Cloud.
 */
import { STATUS } from '../../dev/fake-jira/catalogue';
import { startFakeJira } from '../../dev/fake-jira/fakeJira';
import type { FakeSite } from '../../dev/fake-jira/site';
import { differential, type DifferentialResult } from './harness';
import { instantOfLocal, type OracleConfig, type OracleReadings } from './oracle';
import {
  addFlavouredProject,
  addIssueWithHistory,
  ADMIN,
  flavouredSite,
  respellResolution,
  type Flavour,
} from './siteKit';

export interface ProbeChange {
  /** Local `YYYY-MM-DD HH:mm` in the probe's zone. */
  at: string;
  status?: string;
  due?: string | null;
  labels?: string[];
  by?: string;
}

export interface ProbeIssue {
  /** Default 'OPS'. */
  project?: string;
  /** An issue type name the project offers (its name or English name). */
  type: string;
  /** Local `YYYY-MM-DD HH:mm` in the probe's zone. */
  created: string;
  resolved?: string;
  /** Default 'Done' when resolved; null: Done without a resolution (moved to Done at `resolved`). */
  resolution?: string | null;
  /** Written into the issue as this exact name (e.g. 'duplicate'). */
  resolutionWrittenAs?: string;
  /** The initial status (default Done when resolved, else To Do); `changes` move it. */
  status?: string;
  priority?: string | null;
  labels?: string[];
  dueDate?: string | null;
  offset?: string;
  changes?: ProbeChange[];
  reporter?: string;
  estimateHours?: number | null;
  spentHours?: number | null;
}

export interface ProbeProject {
  key: string;
  kind?: 'software' | 'service';
  name?: string;
}

export interface ProbeSiteOptions {
  flavour?: Flavour;
  /** Default: one software project OPS. */
  projects?: ProbeProject[];
  /** The site's clock (default 2030-01-01). */
  now?: number;
  /** The Jira user's zone, in which Jira reads JQL date literals (default UTC). */
  jiraUserTimeZone?: string;
}

function local(text: string, timeZone: string): number {
  const [date, time = '00:00'] = text.split(' ');
  const [h, m] = time.split(':').map(Number) as [number, number];
  return instantOfLocal(date!, timeZone, h, m);
}

/** @param timeZone the zone the issues' local times are in (the report's zone) */
export function probeSite(
  issues: readonly ProbeIssue[],
  timeZone = 'UTC',
  options: ProbeSiteOptions = {},
): FakeSite {
  const flavour = options.flavour ?? 'default';
  const site = flavouredSite(flavour, {
    name: 'Probe',
    now: options.now ?? Date.UTC(2030, 0, 1),
    jiraUserTimeZone: options.jiraUserTimeZone ?? 'UTC',
  });
  for (const p of options.projects ?? [{ key: 'OPS', name: 'Operations' }])
    addFlavouredProject(site, flavour, {
      key: p.key,
      name: p.name ?? `Project ${p.key}`,
      kind: p.kind ?? 'software',
    });
  issues.forEach((i, n) => {
    const resolved = i.resolved ? local(i.resolved, timeZone) : null;
    const withResolution = resolved !== null && i.resolution !== null;
    const noResolution = resolved !== null && i.resolution === null;
    const hours = (h: number | null | undefined) =>
      h === undefined || h === null ? null : Math.round(h * 3600);
    const hasStatusChanges = (i.changes ?? []).some((c) => c.status !== undefined);
    const issue = addIssueWithHistory(site, {
      project: i.project ?? 'OPS',
      type: i.type,
      summary: `probe ${n}`,
      status: i.status ?? (resolved && !hasStatusChanges ? STATUS.done : STATUS.toDo),
      created: local(i.created, timeZone),
      resolved: withResolution ? resolved : null,
      resolution: withResolution ? (i.resolution ?? 'Done') : null,
      ...(noResolution && !hasStatusChanges ? { statusCategoryChanged: resolved } : {}),
      priority: i.priority ?? null,
      labels: i.labels ?? [],
      dueDate: i.dueDate ?? null,
      offset: i.offset ?? '+0000',
      reporter: i.reporter ?? ADMIN.accountId,
      originalEstimateSeconds: hours(i.estimateHours),
      timeSpentSeconds: hours(i.spentHours),
      changes: (i.changes ?? []).map((c) => ({
        at: local(c.at, timeZone),
        ...(c.status !== undefined ? { status: c.status } : {}),
        ...(c.due !== undefined ? { due: c.due } : {}),
        ...(c.labels !== undefined ? { labels: c.labels } : {}),
        ...(c.by !== undefined ? { by: c.by } : {}),
      })),
    });
    if (i.resolutionWrittenAs) respellResolution(site, issue, i.resolutionWrittenAs);
  });
  return site;
}

export interface ProbeOptions extends ProbeSiteOptions {
  readings?: OracleReadings;
  /** The gate's home (default the first project). */
  home?: string;
}

/** Runs the command on a probe site and computes the oracle (with the given readings). */
export async function probe(
  issues: readonly ProbeIssue[],
  asOf: string,
  config: Partial<OracleConfig> = {},
  options: ProbeOptions = {},
): Promise<DifferentialResult & { site: FakeSite }> {
  const site = probeSite(issues, config.timeZone ?? 'UTC', options);
  const jira = await startFakeJira({ site, pageCap: 7, shortPages: true });
  try {
    const home = options.home ?? options.projects?.[0]?.key ?? 'OPS';
    const result = await differential(
      jira.url,
      site,
      { key: home, asOf, config },
      options.readings,
      options.now,
    );
    return { ...result, site };
  } finally {
    await jira.close();
  }
}
