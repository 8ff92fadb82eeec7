/**
 * `check-idea`: reads one issue and decides it with the one idea decision, computing its project's gate live.
 */
import { z } from 'zod';
import type { Config } from '../core/config';
import type { CalendarDate } from '../core/dates';
import { decideIdea, type IdeaDecision } from '../core/ideas';
import { IssueId, type JiraClient } from '../jira/client';
import { JiraError } from '../jira/errors';
import { DataWarnings, toFact } from '../jira/facts';
import { jiraPath } from '../jira/transport';
import { computeProjectGate } from './projectGate';

const IssueWithProject = z.object({
  id: IssueId.optional(),
  key: z.string(),
  fields: z.object({ project: z.object({ key: z.string() }).passthrough() }).passthrough(),
});

export interface IdeaCheck extends IdeaDecision {
  issue: string;
  project: string;
}

export async function checkIdea(
  client: JiraClient,
  issueKey: string,
  config: Config,
  options: { asOf: CalendarDate; now: number },
): Promise<IdeaCheck> {
  let issue: z.infer<typeof IssueWithProject>;
  try {
    issue = await client.request(
      'GET',
      jiraPath`/rest/api/3/issue/${issueKey}?fields=${'issuetype,status,labels,resolution,resolutiondate,created,project'}`,
      { schema: IssueWithProject },
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
  const project = issue.fields.project.key;
  const fact = toFact(
    { id: issue.id ?? issue.key, key: issue.key, fields: issue.fields },
    config.timeZone,
    new DataWarnings(),
  );
  const facts = fact ?? { type: '', resolution: null, labels: [], statusCategory: 'unknown' as const };
  const probe = decideIdea(facts, config, { kind: 'unknown', why: '' });
  if (!probe.locked) return { ...probe, issue: issue.key, project };
  // Only a waiting idea without a bypass label needs the gate.
  const gate = await computeProjectGate(client, project, config, options);
  return { ...decideIdea(facts, config, { kind: 'known', report: gate.report }), issue: issue.key, project };
}
