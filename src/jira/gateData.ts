/**
 * Fetches what a project's gate is computed from — incidents, deliverables and ideas, concurrently — each page turned
 * into facts as it arrives (memory grows with the relevant issues, not with the project's history). The project
 * itself is only looked up when the searches find nothing (one request fewer in the usual case).
 *
 * Only `/rest/api/3/search/jql` is needed. Jira rejects JQL naming a value that does not exist on the site
 * ("The value 'Incident' does not exist for the field 'issuetype'."): such a value is dropped from the query and
 * reported as a warning; an unknown project is reported as not found.
 */
import type { Config } from '../core/config';
import type { GateFacts, IssueFact } from '../core/facts';
import { JiraError } from './errors';
import type { JiraClient, RawIssue } from './client';
import { DataWarnings, FIELDS, toFact } from './facts';
import { jiraPath } from './transport';
import { deliverableJql, ideaJql, incidentJql, type Bounds, type ScopeQuery } from './jql';

export type FactKind = 'incidents' | 'deliverables' | 'ideas';

export interface FetchedGate {
  project: { key: string };
  facts: GateFacts;
  /** The JQL finally used, for the record (null when nothing could be asked). */
  queries: Record<FactKind, string | null>;
  /** The notes about the queries themselves (a type the site does not know), also in `facts.dataWarnings`. */
  notes: string[];
  /** Each issue's data-quality problems, by kind (so that stored facts can word the same warnings again). */
  problems: Record<FactKind, Map<string, string[]>>;
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

const MISSING_VALUE = /The value '(.+?)' does not exist for the field '([\w ]+)'/i;

/** Jira's "value does not exist" complaints, as [field, value] pairs. */
export function missingValues(err: JiraError): [string, string][] {
  return err.messages.flatMap((m) => {
    const hit = MISSING_VALUE.exec(m);
    return hit ? [[hit[2]!.toLowerCase(), hit[1]!] as [string, string]] : [];
  });
}

/** The names a query uses that Jira may not know. */
interface Vocabulary {
  types: readonly string[];
  priorities: readonly string[];
  resolutions: readonly string[];
}

const FIELD_OF: Record<string, keyof Vocabulary> = {
  issuetype: 'types',
  type: 'types',
  priority: 'priorities',
  resolution: 'resolutions',
};

/**
 * Runs one kind of search. When Jira rejects a name it does not know (a type, a priority, a resolution), the name is
 * dropped and the query asked again; `build` makes the JQL from the surviving names.
 */
async function searchKind(
  client: JiraClient,
  projectKey: string,
  what: string,
  vocabulary: Vocabulary,
  build: (v: Vocabulary) => string,
  fields: readonly string[],
  notes: string[],
  onIssue: (issue: RawIssue) => void,
): Promise<string | null> {
  let v = vocabulary;
  for (;;) {
    if (v.types.length === 0) {
      notes.push(
        `no issue type named ${vocabulary.types.map((t) => `"${t}"`).join(' or ')} in Jira: no ${what} counted`,
      );
      return null;
    }
    const jql = build(v);
    try {
      await client.search(jql, fields, (page) => page.forEach(onIssue));
      return jql;
    } catch (err) {
      if (!(err instanceof JiraError) || err.kind !== 'bad-request') throw err;
      const missing = missingValues(err);
      if (missing.some(([field]) => field === 'project')) {
        throw new JiraError(
          'not-found',
          `project ${projectKey} was not found, or you cannot browse it`,
          404,
          err.messages,
        );
      }
      const next = { ...v };
      let dropped = 0;
      for (const [field, value] of missing) {
        const key = FIELD_OF[field];
        if (!key) continue;
        const before = next[key].length;
        next[key] = next[key].filter((n) => n.toLowerCase() !== value.toLowerCase());
        dropped += before - next[key].length;
      }
      if (dropped === 0) throw err;
      v = next;
    }
  }
}

/**
 * Whether `GET /rest/api/3/project/{key}` finds the project: true, false on 404, null when it cannot tell. Only asked
 * when the searches found nothing (a proxy or test double may not serve this endpoint, so a 404 alone proves nothing).
 */
async function projectExists(client: JiraClient, projectKey: string): Promise<boolean | null> {
  try {
    await client.request('GET', jiraPath`/rest/api/3/project/${projectKey}`);
    return true;
  } catch (err) {
    if (err instanceof JiraError && err.kind === 'not-found') return false;
    if (err instanceof JiraError && (err.kind === 'auth' || err.kind === 'network')) throw err;
    return null;
  }
}

/**
 * Reads every issue that can affect the reports as of any date from `bounds.earliest` to `bounds.asOf`.
 */
export async function fetchGateFacts(
  client: JiraClient,
  projectKey: string,
  config: Config,
  bounds: Bounds,
): Promise<FetchedGate> {
  const warnings = new DataWarnings();
  const notes: string[] = [];
  const scope = (v: Vocabulary, extraJql?: string): ScopeQuery => ({
    project: projectKey,
    types: v.types,
    extraJql,
    excludedResolutions: v.resolutions,
  });
  const collector = () => {
    const out: IssueFact[] = [];
    const problems = new IssueProblems(warnings);
    const add = (issue: Parameters<typeof toFact>[0]) => {
      const fact = toFact(issue, config.timeZone, problems);
      if (fact) out.push(fact);
    };
    return { out, add, problems: problems.byIssue };
  };
  const inc = collector();
  const del = collector();
  const ide = collector();

  const vocabulary = (types: readonly string[]): Vocabulary => ({
    types,
    priorities: config.majorPriorities,
    resolutions: config.excludedResolutions,
  });
  const [incidents, deliverables, ideas] = await Promise.all([
    searchKind(
      client,
      projectKey,
      'incidents',
      vocabulary(config.incidentTypes),
      (v) =>
        incidentJql(
          scope(v, config.incidentJql),
          config.reliabilityWindowDays,
          config.incidentExemptLabels,
          v.priorities,
          bounds,
        ),
      FIELDS.incidents,
      notes,
      inc.add,
    ),
    searchKind(
      client,
      projectKey,
      'deliverables',
      vocabulary(config.deliverableTypes),
      (v) =>
        deliverableJql(scope(v, config.deliveryJql), config.deliveryWindowDays, config.graceDays, bounds),
      FIELDS.deliverables,
      notes,
      del.add,
    ),
    searchKind(
      client,
      projectKey,
      'ideas',
      vocabulary([config.ideaType]),
      (v) => ideaJql(scope(v)),
      FIELDS.ideas,
      notes,
      ide.add,
    ),
  ]);
  if (
    inc.out.length + del.out.length + ide.out.length === 0 &&
    (await projectExists(client, projectKey)) === false
  ) {
    throw new JiraError('not-found', `project ${projectKey} was not found, or you cannot browse it`, 404);
  }
  return {
    project: { key: projectKey },
    facts: {
      incidents: inc.out,
      deliverables: del.out,
      ideas: ide.out,
      dataWarnings: [...notes, ...warnings.list()],
    },
    queries: { incidents, deliverables, ideas },
    notes,
    problems: { incidents: inc.problems, deliverables: del.problems, ideas: ide.problems },
  };
}

export type { Bounds };
