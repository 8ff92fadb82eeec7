/**
 * `check-idea`: decides one issue with the one idea decision and the gate that governs it (SPEC §3.0): the gate whose
 * home is given (it must list the idea's project among its idea projects), else the gate of the idea's own project.
 */
import { getIssue } from '../jira/endpoints';
import { z } from 'zod';
import type { Config } from '../core/config';
import type { CalendarDate } from '../core/dates';
import type { IssueFact } from '../core/facts';
import { decideIdea, type IdeaDecision } from '../core/ideas';
import { gateScope } from '../core/sources';
import { IssueId, type JiraClient } from '../jira/client';
import { JiraError } from '../jira/errors';
import { DataWarnings, toFact } from '../jira/facts';
import { computeProjectGate } from './projectGate';

const IssueWithProject = z.object({
  id: IssueId.optional(),
  key: z.string(),
  fields: z.object({ project: z.object({ key: z.string() }).passthrough() }).passthrough(),
});

export interface IdeaCheck extends IdeaDecision {
  issue: string;
  project: string;
  /** The home of the gate that decided it. */
  gate: string;
}

/** The gate named by `--project` does not govern the idea's project: bad input (exit 2), not a Jira failure. */
export class NotGovernedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'NotGovernedError';
  }
}

async function readIssue(client: JiraClient, issueKey: string) {
  try {
    return await getIssue(
      client,
      issueKey,
      'issuetype,status,labels,resolution,resolutiondate,statuscategorychangedate,created,creator,summary,project',
      IssueWithProject,
    );
  } catch (err) {
    if (err instanceof JiraError && err.kind === 'not-found') {
      throw new JiraError(
        'not-found',
        `issue ${issueKey} was not found, or you cannot see it`,
        404,
        err.messages,
      );
    }
    throw err;
  }
}

export async function checkIdea(
  client: JiraClient,
  issueKey: string,
  config: Config,
  options: { asOf: CalendarDate; now: number; home?: string },
): Promise<IdeaCheck> {
  const issue = await readIssue(client, issueKey);
  const project = issue.fields.project.key.toUpperCase();
  const home = options.home ?? project;
  const scope = gateScope(home, config);
  if (!scope.ideaProjects.includes(project)) {
    throw new NotGovernedError(
      `the gate of ${home} does not govern ideas of ${project} (its idea projects: ${scope.ideaProjects.join(', ')})` +
        (options.home ? '' : '; name the gate with --project HOME'),
    );
  }
  const gate = await computeProjectGate(client, home, config, options);
  // The gate read every idea of its idea projects, with who added each label; fall back to the issue itself.
  const fact: IssueFact | null =
    gate.fetched.facts.ideas.find((i) => i.key === issue.key) ??
    toFact(
      { id: issue.id ?? issue.key, key: issue.key, fields: issue.fields },
      config.timeZone,
      new DataWarnings(),
    );
  const decision = fact
    ? decideIdea(
        fact,
        config,
        gate.fetched.sources,
        { kind: 'known', report: gate.report },
        gate.fetched.isApprover,
      )
    : {
        isIdea: false,
        locked: false,
        reasons: ['the issue has no readable creation date'],
        bypass: null,
        ignoredBypass: null,
      };
  return { ...decision, issue: issue.key, project, gate: home };
}
