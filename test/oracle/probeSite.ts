/**
 * Minimal hand-built sites for single-point probes: one project `OPS`, a few issues given by local date and time in
 * a zone, served by the fake Jira Cloud.
 */
import { addStandardStatuses, SOFTWARE_TYPES, STATUS } from '../../dev/fake-jira/catalogue';
import { DEMO_USERS } from '../../dev/demo-org/demoSite';
import { startFakeJira } from '../../dev/fake-jira/fakeJira';
import { addIssue, addProject, createSite, updateIssueFields, type FakeSite } from '../../dev/fake-jira/site';
import { differential, type AppReport, type AppRun } from './harness';
import { instantOfLocal, type OracleConfig, type OracleReadings, type OracleReport } from './oracle';

export interface ProbeIssue {
  type: 'Incident' | 'Epic' | 'Innovation Idea' | 'Story' | 'Bug';
  /** Local `YYYY-MM-DD HH:mm` in the probe's zone. */
  created: string;
  resolved?: string;
  resolution?: string;
  /** Written into the issue as this exact name (e.g. 'duplicate'). */
  resolutionWrittenAs?: string;
  status?: string;
  priority?: string | null;
  labels?: string[];
  dueDate?: string | null;
  offset?: string;
}

function local(text: string, timeZone: string): number {
  const [date, time = '00:00'] = text.split(' ');
  const [h, m] = time.split(':').map(Number) as [number, number];
  return instantOfLocal(date!, timeZone, h, m);
}

/**
 * @param timeZone the zone the issues' local times are in (the report's zone)
 * @param jiraUserTimeZone the zone Jira reads JQL date literals in (the searching user's)
 */
export function probeSite(
  issues: readonly ProbeIssue[],
  timeZone = 'UTC',
  now?: number,
  jiraUserTimeZone = 'UTC',
): FakeSite {
  const site = createSite({ name: 'Probe', timeZone: jiraUserTimeZone, now: now ?? Date.UTC(2030, 0, 1) });
  site.users.push({
    ...DEMO_USERS.admin,
    jiraAdmin: true,
    browse: '*',
    administer: '*',
    timeZone: 'UTC',
    accountType: 'atlassian',
  });
  addStandardStatuses(site);
  addProject(site, { key: 'OPS', name: 'Operations', issueTypes: SOFTWARE_TYPES });
  issues.forEach((i, n) => {
    const resolved = i.resolved ? local(i.resolved, timeZone) : null;
    const issue = addIssue(site, {
      project: 'OPS',
      type: i.type,
      summary: `probe ${n}`,
      status: i.status ?? (resolved ? STATUS.done : STATUS.toDo),
      created: local(i.created, timeZone),
      resolved,
      resolution: resolved ? (i.resolution ?? 'Done') : null,
      priority: i.priority ?? null,
      labels: i.labels ?? [],
      dueDate: i.dueDate ?? null,
      offset: i.offset ?? '+0000',
    });
    if (i.resolutionWrittenAs) {
      const r = issue.fields.resolution!;
      updateIssueFields(site, issue, { resolution: { ...r, name: i.resolutionWrittenAs } });
    }
  });
  return site;
}

export interface ProbeOptions {
  readings?: OracleReadings;
  /** The command's clock (default: the site's, long after every issue). */
  now?: number;
  /** The Jira user's zone, in which Jira reads JQL date literals (default UTC). */
  jiraUserTimeZone?: string;
}

/** Runs the command on a probe site and computes the oracle (with the given readings). */
export async function probe(
  issues: readonly ProbeIssue[],
  asOf: string,
  config: Partial<OracleConfig> = {},
  { readings, now, jiraUserTimeZone }: ProbeOptions = {},
): Promise<{ diffs: string[]; oracle: OracleReport; app: AppReport | null; run: AppRun }> {
  const site = probeSite(issues, config.timeZone ?? 'UTC', now, jiraUserTimeZone);
  const jira = await startFakeJira({ site, pageCap: 7, shortPages: true });
  try {
    return await differential(jira.url, site, { key: 'OPS', asOf, config }, readings, now);
  } finally {
    await jira.close();
  }
}
