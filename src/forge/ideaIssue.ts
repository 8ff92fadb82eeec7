/**
 * The few fields of an issue that the idea decision reads, fetched with one GET, and their facts.
 */
import { z } from 'zod';
import type { IssueFact } from '../core/facts';
import type { JiraClient } from '../jira/client';
import { jiraPath } from '../jira/transport';

export const IdeaIssue = z.object({
  key: z.string(),
  fields: z
    .object({
      issuetype: z.object({ name: z.string() }).passthrough().nullish(),
      status: z
        .object({ statusCategory: z.object({ key: z.string() }).passthrough().nullish() })
        .passthrough()
        .nullish(),
      labels: z.array(z.string()).nullish(),
      resolution: z.object({ name: z.string() }).passthrough().nullish(),
      project: z.object({ key: z.string(), simplified: z.boolean().optional() }).passthrough(),
    })
    .passthrough(),
});
export type IdeaIssue = z.infer<typeof IdeaIssue>;

/** GET /rest/api/3/issue/{key} with only the fields the decision reads. */
export function fetchIdeaIssue(client: JiraClient, key: string): Promise<IdeaIssue> {
  return client.request(
    'GET',
    jiraPath`/rest/api/3/issue/${key}?fields=${'issuetype,status,labels,resolution,project'}`,
    { schema: IdeaIssue },
  );
}

const CATEGORY: Record<string, IssueFact['statusCategory']> = {
  new: 'new',
  indeterminate: 'indeterminate',
  done: 'done',
};

export function statusCategoryOf(key: string | null | undefined): IssueFact['statusCategory'] {
  return CATEGORY[key ?? ''] ?? 'unknown';
}

export function ideaFacts(
  issue: IdeaIssue,
): Pick<IssueFact, 'type' | 'resolution' | 'labels' | 'statusCategory'> {
  return {
    type: issue.fields.issuetype?.name ?? '',
    resolution: issue.fields.resolution?.name ?? null,
    labels: issue.fields.labels ?? [],
    statusCategory: statusCategoryOf(issue.fields.status?.statusCategory?.key),
  };
}
