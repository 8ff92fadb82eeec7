/**
 * The few fields of an issue that the idea decision reads, fetched with one GET, and their facts.
 */
import { z } from 'zod';
import type { IssueFact } from '../core/facts';
import type { JiraClient } from '../jira/client';
import { JiraId as Id, getIssue } from '../jira/endpoints';
import { DataWarnings, FIELDS, statusCategoryOf, toFact } from '../jira/facts';

export const IdeaIssue = z.object({
  id: Id.optional(),
  key: z.string(),
  fields: z
    .object({
      issuetype: z.object({ id: Id.optional(), name: z.string() }).passthrough().nullish(),
      status: z
        .object({ statusCategory: z.object({ key: z.string() }).passthrough().nullish() })
        .passthrough()
        .nullish(),
      labels: z.array(z.string()).nullish(),
      resolution: z.object({ id: Id.optional(), name: z.string() }).passthrough().nullish(),
      project: z
        .object({ id: Id.optional(), key: z.string(), simplified: z.boolean().optional() })
        .passthrough(),
    })
    .passthrough(),
});
export type IdeaIssue = z.infer<typeof IdeaIssue>;

/** GET /rest/api/3/issue/{key} with only the fields the decision reads. */
export function fetchIdeaIssue(client: JiraClient, key: string): Promise<IdeaIssue> {
  return getIssue(client, key, FIELDS.ideas.join(','), IdeaIssue);
}

export { statusCategoryOf };

/**
 * The idea's facts (current status). An issue without a readable creation date still gets facts (ideas do not
 * depend on it): read as created now, which no idea rule uses.
 */
export function ideaFacts(issue: IdeaIssue, timeZone = 'UTC'): IssueFact {
  const fields = { created: new Date(0).toISOString(), ...issue.fields };
  const fact = toFact({ id: issue.id ?? issue.key, key: issue.key, fields }, timeZone, new DataWarnings());
  if (!fact) throw new Error(`unreadable idea ${issue.key}`);
  return fact;
}
