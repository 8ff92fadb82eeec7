/**
 * Fetches what a gate is computed from (SPEC §3.0): its configured names are first resolved to the site's ids
 * (`siteNames.ts`), then incidents, deliverables and ideas are searched concurrently across their source projects by
 * id, each page turned into facts as it arrives (memory grows with the relevant issues, not with the projects'
 * history). Deliverables get their `duedate`/`status` changelog (committed due dates) and ideas with a bypass label
 * their `labels` changelog (bypass approvers). No rule depends on the text of Jira's error messages.
 */
import type { Config } from '../core/config';
import { calendarDateOf, parseJiraDateTime, type CalendarDate } from '../core/dates';
import type { GateFacts, IssueFact, StatusCategory } from '../core/facts';
import type { IsApprover } from '../core/ideas';
import type { GateScope, GateSources } from '../core/sources';
import { readBypassApprovals } from './bypass';
import { fetchDueHistories } from './changelog';
import type { JiraClient, RawIssue } from './client';
import { DataWarnings, FIELDS, issueStatus, toFact } from './facts';
import { deliverableJql, firstIncidentJql, ideaJql, incidentJql, type Bounds, type ScopeQuery } from './jql';
import { resolveSources } from './siteNames';

export type FactKind = 'incidents' | 'deliverables' | 'ideas';

export interface FetchedGate {
  project: { key: string };
  /** The home project's name (the gate's default display name). */
  homeName: string;
  facts: GateFacts;
  /** What each configured name resolved to (the report's `sources`). */
  sources: GateSources;
  /** Status id → category: of the issues read and of their changelogs (kept with stored facts for later replays). */
  statusCategories: Map<string, StatusCategory>;
  /** Whether an account may approve a bypass in an idea project (the project's administrators, asked once). */
  isApprover: (accountId: string, ideaProject: string) => boolean;
  /** The JQL finally used, for the record (null when nothing could be asked). */
  queries: Record<FactKind, string | null>;
  /** The notes about the queries themselves (a type the site does not know), also in `facts.dataWarnings`. */
  notes: string[];
  /** Each issue's data-quality problems, by kind (so that stored facts can word the same warnings again). */
  problems: Record<FactKind, Map<string, string[]>>;
  /**
   * Issue key → [id, `updated` (epoch ms)] of every issue read: its facts hold its state as of then, so a sweep soon
   * after the read need not read it again unless it changed since.
   */
  updated: Map<string, [string, number]>;
}

/** Passes every problem on to the shared warnings and remembers it by issue. */
export class IssueProblems extends DataWarnings {
  readonly byIssue = new Map<string, string[]>();

  constructor(private readonly shared: DataWarnings) {
    super();
  }

  override add(problem: string, key: string): void {
    this.shared.add(problem, key);
    const list = this.byIssue.get(key) ?? [];
    list.push(problem);
    this.byIssue.set(key, list);
  }
}

/** Options of a read: whether to read changelogs (default: as the configuration needs them). */
export interface FetchOptions {
  changelog?: boolean;
  /**
   * Called with the searches' JQL once they are known, before any is run (issue #12: a first view that would not
   * finish in time throws here and is queued instead of reading half of it).
   */
  beforeSearch?: (jql: {
    incidents: string | null;
    deliverables: string | null;
    ideas: string | null;
  }) => Promise<void>;
}

async function searchInto(
  client: JiraClient,
  jql: string | null,
  fields: readonly string[],
  onIssue: (issue: RawIssue) => void,
): Promise<string | null> {
  if (jql === null) return null;
  await client.search(jql, fields, (page) => page.forEach(onIssue));
  return jql;
}

/** R0: the created day of the earliest incident ever recorded, or null (one issue read). */
async function firstIncidentDay(
  client: JiraClient,
  q: ScopeQuery | null,
  config: Config,
  bounds: Bounds,
): Promise<CalendarDate | null> {
  if (!q) return null;
  const first = await client.first(firstIncidentJql(q, config.incidentExemptLabels, bounds), ['created']);
  const created = typeof first?.fields.created === 'string' ? parseJiraDateTime(first.fields.created) : null;
  return created === null ? null : calendarDateOf(created, config.timeZone);
}

/**
 * Reads every issue that can affect the reports as of any date from `bounds.earliest` to `bounds.asOf`, across the
 * gate's source projects.
 * @throws ConfigError for a configured name the site does not know; JiraError when Jira cannot be read (a project
 *   that does not exist or cannot be browsed is a not-found naming it).
 */
export async function fetchGateFacts(
  client: JiraClient,
  scope: GateScope,
  config: Config,
  bounds: Bounds,
  options: FetchOptions = {},
): Promise<FetchedGate> {
  const resolved = await resolveSources(client, scope, config);
  const { sources } = resolved;
  const warnings = new DataWarnings();
  const notes: string[] = [...resolved.warnings];
  const updated = new Map<string, [string, number]>();
  // Every issue read carries its current status with its category: what a changelog replay needs, mostly.
  const seen = new Map<string, StatusCategory>();
  const collector = () => {
    const out: IssueFact[] = [];
    const problems = new IssueProblems(warnings);
    const add = (issue: RawIssue) => {
      const fact = toFact(issue, config.timeZone, problems);
      if (fact) out.push(fact);
      const stamp = issue.fields.updated;
      const at = typeof stamp === 'string' ? parseJiraDateTime(stamp) : null;
      if (at !== null && issue.id) updated.set(issue.key, [String(issue.id), at]);
      const status = issueStatus(issue);
      if (status) seen.set(...status);
    };
    return { out, add, problems: problems.byIssue };
  };
  const inc = collector();
  const del = collector();
  const ide = collector();
  const excludedResolutionIds = sources.excludedResolutions.map((r) => r.id);
  const query = (projects: string[], types: { id: string }[], extraJql?: string): ScopeQuery | null =>
    types.length === 0
      ? null
      : { projects, typeIds: types.map((t) => t.id), extraJql, excludedResolutionIds };
  const incQ = query(sources.incidents.projects, sources.incidents.types, config.incidentJql);
  const delQ = query(sources.deliverables.projects, sources.deliverables.types, config.deliveryJql);
  const ideQ = query(sources.ideas.projects, sources.ideas.types);

  const jql = {
    incidents:
      incQ &&
      incidentJql(
        incQ,
        config.reliabilityWindowDays,
        config.incidentExemptLabels,
        sources.incidents.majorPriorities.map((p) => p.id),
        bounds,
      ),
    deliverables:
      delQ && deliverableJql(delQ, config.deliveryWindowDays, config.graceDays, bounds, config.dueDateBasis),
    ideas: ideQ && ideaJql(ideQ),
  };
  await options.beforeSearch?.(jql);

  const [incidents, deliverables, ideas, firstDay] = await Promise.all([
    searchInto(client, jql.incidents, FIELDS.incidents, inc.add),
    searchInto(
      client,
      jql.deliverables,
      config.budgetCheck ? [...FIELDS.deliverables, ...FIELDS.budget] : FIELDS.deliverables,
      del.add,
    ),
    searchInto(client, jql.ideas, FIELDS.ideas, ide.add),
    firstIncidentDay(client, incQ, config, bounds),
  ]);

  const changelog = options.changelog ?? true;
  const ref = (f: IssueFact) => f.id || f.key;
  const ideaProjects = sources.ideas.projects.flatMap((k) => {
    const p = resolved.projects.get(k);
    return p ? [p] : [];
  });
  let categories = seen;
  const [, isApprover] = await Promise.all([
    (async () => {
      // Read whatever the basis: slippage is reported either way (SPEC "The due date that counts").
      if (!changelog || del.out.length === 0) return;
      const read = await fetchDueHistories(client, del.out, seen);
      categories = read.categories;
      for (const f of del.out) f.history = read.histories.get(ref(f));
    })(),
    changelog
      ? readBypassApprovals(client, ide.out, config, ideaProjects, notes)
      : Promise.resolve<IsApprover>(() => false),
  ]);

  return {
    project: { key: scope.home },
    homeName: resolved.homeName,
    facts: {
      incidents: inc.out,
      deliverables: del.out,
      ideas: ide.out,
      dataWarnings: [...notes, ...warnings.list()],
      firstIncidentDay: firstDay,
    },
    sources,
    statusCategories: categories,
    isApprover,
    queries: { incidents, deliverables, ideas },
    notes,
    problems: { incidents: inc.problems, deliverables: del.problems, ideas: ide.problems },
    updated,
  };
}

export type { Bounds };
