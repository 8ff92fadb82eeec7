/**
 * Fetches what a project's gate is computed from: the project, then incidents, deliverables and ideas concurrently,
 * each page turned into facts as it arrives (memory grows with the relevant issues, not the project's history).
 */
import { z } from 'zod';
import type { Config } from '../core/config';
import { type CalendarDate } from '../core/dates';
import type { GateFacts, IssueFact } from '../core/facts';
import { JiraError } from './errors';
import type { JiraClient } from './client';
import { DataWarnings, FIELDS, toFact } from './facts';
import { deliverableJql, ideaJql, incidentJql, type Bounds } from './jql';
import { jiraPath } from './transport';

const Project = z.object({
  id: z.string(),
  key: z.string(),
  name: z.string().optional(),
  style: z.string().optional(),
  simplified: z.boolean().optional(),
  issueTypes: z.array(z.object({ id: z.string(), name: z.string() }).passthrough()).optional(),
});
export type ProjectInfo = z.infer<typeof Project>;

/** The project, or a clear not-found error. */
export async function getProject(client: JiraClient, key: string): Promise<ProjectInfo> {
  try {
    return await client.request('GET', jiraPath`/rest/api/3/project/${key}`, { schema: Project });
  } catch (err) {
    if (err instanceof JiraError && err.kind === 'not-found') {
      throw new JiraError(
        'not-found',
        `project ${key} was not found, or you cannot browse it`,
        404,
        err.messages,
      );
    }
    throw err;
  }
}

/** Configured type names that exist in the project, spelled as Jira spells them. */
function existingTypes(project: ProjectInfo, wanted: readonly string[]): string[] {
  const byName = new Map((project.issueTypes ?? []).map((t) => [t.name.toLowerCase(), t.name]));
  if (byName.size === 0) return [...wanted];
  return wanted.map((w) => byName.get(w.trim().toLowerCase())).filter((n): n is string => n !== undefined);
}

export interface FetchedGate {
  project: ProjectInfo;
  facts: GateFacts;
  /** The JQL used, for the record. */
  queries: { incidents: string | null; deliverables: string | null; ideas: string | null };
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
  const project = await getProject(client, projectKey);
  const warnings = new DataWarnings();
  const notes: string[] = [];

  const typesFor = (what: string, wanted: readonly string[]) => {
    const found = existingTypes(project, wanted);
    if (found.length === 0) {
      notes.push(
        `project ${project.key} has no issue type named ${wanted.map((w) => `"${w}"`).join(' or ')}: no ${what} counted`,
      );
    }
    return found;
  };
  const incidentTypes = typesFor('incidents', config.incidentTypes);
  const deliverableTypes = typesFor('deliverables', config.deliverableTypes);
  const ideaTypes = typesFor('ideas', [config.ideaType]);

  const queries = {
    incidents: incidentTypes.length
      ? incidentJql(
          { project: project.key, types: incidentTypes, extraJql: config.incidentJql },
          config.reliabilityWindowDays,
          config.incidentExemptLabels,
          bounds,
        )
      : null,
    deliverables: deliverableTypes.length
      ? deliverableJql(
          { project: project.key, types: deliverableTypes, extraJql: config.deliveryJql },
          config.deliveryWindowDays,
          config.graceDays,
          bounds,
        )
      : null,
    ideas: ideaTypes.length ? ideaJql({ project: project.key, types: ideaTypes }) : null,
  };

  const collect = async (jql: string | null, fields: readonly string[]): Promise<IssueFact[]> => {
    const out: IssueFact[] = [];
    if (jql === null) return out;
    await client.search(jql, fields, (page) => {
      for (const issue of page) {
        const fact = toFact(issue, config.timeZone, warnings);
        if (fact) out.push(fact);
      }
    });
    return out;
  };

  const [incidents, deliverables, ideas] = await Promise.all([
    collect(queries.incidents, FIELDS.incidents),
    collect(queries.deliverables, FIELDS.deliverables),
    collect(queries.ideas, FIELDS.ideas),
  ]);
  return {
    project,
    facts: { incidents, deliverables, ideas, dataWarnings: [...notes, ...warnings.list()] },
    queries,
  };
}

export type { Bounds, CalendarDate };
