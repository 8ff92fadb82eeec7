/**
 * Every Jira request the app makes, one function each, with its path as a LITERAL `route` template from
 * '@forge/api'. Atlassian's permission linter reads these literals and checks each against the manifest's scopes;
 * a path built at run time would be invisible to it, so no other module builds a path.
 *
 * Shapes follow Jira Cloud REST v3 (developer.atlassian.com/cloud/jira/platform/rest/v3). Schemas check only what
 * the app reads and let every other property through.
 */
import { route } from '@forge/api';
import { z } from 'zod';
import type { JiraClient } from './client';

/** An id Jira sends as a string or a number. */
export const JiraId = z.union([z.string(), z.number()]).transform(String);
const Id = JiraId;

/** Issue types, priorities, resolutions: `name` is the site's (possibly translated) name. */
export const SiteObject = z
  .object({ id: Id, name: z.string(), untranslatedName: z.string().optional() })
  .passthrough();
export type SiteObject = z.infer<typeof SiteObject>;

export const IssueTypeDetails = SiteObject.extend({
  hierarchyLevel: z.number().optional(),
  subtask: z.boolean().optional(),
  scope: z.unknown().optional(),
});
export type IssueTypeDetails = z.infer<typeof IssueTypeDetails>;

export const ProjectDetails = z
  .object({
    id: Id,
    key: z.string(),
    name: z.string().optional(),
    issueTypes: z.array(IssueTypeDetails).optional(),
  })
  .passthrough();
export type ProjectDetails = z.infer<typeof ProjectDetails>;

/** `PageBean…`: offset paging, last page flagged by `isLast`. */
const page = <T extends z.ZodType>(item: T) =>
  z
    .object({
      values: z.array(item),
      isLast: z.boolean().optional(),
      startAt: z.number().optional(),
      maxResults: z.number().optional(),
      total: z.number().optional(),
    })
    .passthrough();

export const StatusDetails = z
  .object({
    id: Id,
    name: z.string().optional(),
    statusCategory: z.object({ key: z.string() }).passthrough().nullish(),
  })
  .passthrough();
export type StatusDetails = z.infer<typeof StatusDetails>;

/** `GET /statuses/search`: the category is a constant, not an object. */
export const JiraStatus = z
  .object({ id: Id, name: z.string().optional(), statusCategory: z.string().optional() })
  .passthrough();

export const SearchPage = z.object({
  issues: z.array(
    z.object({
      id: Id.optional(),
      key: z.string(),
      fields: z.record(z.string(), z.unknown()).optional(),
    }),
  ),
  isLast: z.boolean().optional(),
  nextPageToken: z.string().nullish(),
});
export type SearchPage = z.infer<typeof SearchPage>;

export const UserRef = z
  .object({ accountId: z.string().optional(), displayName: z.string().nullish() })
  .passthrough();

export const ChangeItem = z
  .object({
    field: z.string().optional(),
    fieldId: z.string().optional(),
    from: z.string().nullish(),
    fromString: z.string().nullish(),
    to: z.string().nullish(),
    toString: z.string().nullish(),
  })
  .passthrough();
export type ChangeItem = z.infer<typeof ChangeItem>;

export const ChangeHistory = z
  .object({
    id: Id.optional(),
    created: z.string(),
    author: UserRef.nullish(),
    items: z.array(ChangeItem).default([]),
  })
  .passthrough();
export type ChangeHistory = z.infer<typeof ChangeHistory>;

export const BulkChangelogs = z.object({
  issueChangeLogs: z
    .array(z.object({ issueId: Id, changeHistories: z.array(ChangeHistory).default([]) }).passthrough())
    .default([]),
  nextPageToken: z.string().nullish(),
});
export type BulkChangelogs = z.infer<typeof BulkChangelogs>;

export const BulkIssues = z.object({
  issues: z
    .array(z.object({ id: Id, key: z.string(), fields: z.record(z.string(), z.unknown()).optional() }))
    .default([]),
  issueErrors: z
    .array(z.object({ id: Id.optional(), errorMessage: z.string().optional() }).passthrough())
    .default([]),
});
export type BulkIssues = z.infer<typeof BulkIssues>;

export const BulkPermissionGrants = z.object({
  globalPermissions: z.array(z.string()).default([]),
  projectPermissions: z
    .array(z.object({ permission: z.string(), projects: z.array(Id).default([]) }).passthrough())
    .default([]),
});

export const ProjectRole = z
  .object({
    id: Id.optional(),
    name: z.string().optional(),
    actors: z
      .array(
        z
          .object({
            type: z.string().optional(),
            actorUser: z.object({ accountId: z.string() }).passthrough().nullish(),
          })
          .passthrough(),
      )
      .default([]),
  })
  .passthrough();

export const ParsedJql = z.object({
  queries: z.array(
    z
      .object({
        query: z.string().optional(),
        errors: z.array(z.string()).optional(),
        warnings: z.array(z.string()).optional(),
      })
      .passthrough(),
  ),
});

type Schema<T> = z.ZodType<T>;

// ---------------------------------------------------------------------------------------------------------------
// Projects and site metadata

/** `GET /rest/api/3/project/{key}`: 404 when it does not exist or the caller cannot browse it. */
export function getProject(client: JiraClient, key: string) {
  return client.requestJira(route`/rest/api/3/project/${key}`, { method: 'GET', schema: ProjectDetails });
}

/** `GET /rest/api/3/project/{key}`, read with the caller's own schema. */
export function getProjectAs<T>(client: JiraClient, key: string, schema: Schema<T>) {
  return client.requestJira(route`/rest/api/3/project/${key}`, { method: 'GET', schema });
}

/** `GET /rest/api/3/project/{key}?expand=issueTypes`: the project with the issue types it uses. */
export function getProjectWithIssueTypes(client: JiraClient, key: string) {
  return client.requestJira(route`/rest/api/3/project/${key}?expand=${'issueTypes'}`, {
    method: 'GET',
    schema: ProjectDetails,
  });
}

/** `GET /rest/api/3/issuetype/project?projectId=`: the issue types of one project. */
export function getIssueTypesForProject(client: JiraClient, projectId: string) {
  return client.requestJira(route`/rest/api/3/issuetype/project?projectId=${projectId}`, {
    method: 'GET',
    schema: z.array(IssueTypeDetails),
  });
}

/** `GET /rest/api/3/issuetype`: every issue type the caller can see. */
export function getAllIssueTypes(client: JiraClient) {
  return client.requestJira(route`/rest/api/3/issuetype`, {
    method: 'GET',
    schema: z.array(IssueTypeDetails),
  });
}

/** `POST /rest/api/3/issuetype`. */
export function createIssueType<T>(
  client: JiraClient,
  body: { name: string; description?: string; type?: string; hierarchyLevel?: number },
  schema: Schema<T>,
) {
  return client.requestJira(route`/rest/api/3/issuetype`, { method: 'POST', body, schema });
}

/** `GET /rest/api/3/priority/search`: one page of priorities, in the site's order (highest first). */
export function searchPriorities(client: JiraClient, startAt: number, maxResults: number) {
  return client.requestJira(route`/rest/api/3/priority/search?startAt=${startAt}&maxResults=${maxResults}`, {
    method: 'GET',
    schema: page(SiteObject),
  });
}

/** `GET /rest/api/3/priority` (older sites): every priority, in the site's order. */
export function getPriorities(client: JiraClient) {
  return client.requestJira(route`/rest/api/3/priority`, { method: 'GET', schema: z.array(SiteObject) });
}

/** `GET /rest/api/3/resolution/search`: one page of resolutions. */
export function searchResolutions(client: JiraClient, startAt: number, maxResults: number) {
  return client.requestJira(
    route`/rest/api/3/resolution/search?startAt=${startAt}&maxResults=${maxResults}`,
    { method: 'GET', schema: page(SiteObject) },
  );
}

/** `GET /rest/api/3/resolution` (older sites). */
export function getResolutions(client: JiraClient) {
  return client.requestJira(route`/rest/api/3/resolution`, { method: 'GET', schema: z.array(SiteObject) });
}

/** `GET /rest/api/3/status`: every status with its category (read:jira-work). */
export function getStatuses(client: JiraClient) {
  return client.requestJira(route`/rest/api/3/status`, { method: 'GET', schema: z.array(StatusDetails) });
}

/** `GET /rest/api/3/statuses/search`: one page of statuses (manage:jira-configuration). */
export function searchStatuses(client: JiraClient, startAt: number, maxResults: number) {
  return client.requestJira(route`/rest/api/3/statuses/search?startAt=${startAt}&maxResults=${maxResults}`, {
    method: 'GET',
    schema: page(JiraStatus),
  });
}

/** `GET /rest/api/3/status/{id}`. */
export function getStatus(client: JiraClient, id: string) {
  return client.requestJira(route`/rest/api/3/status/${id}`, { method: 'GET', schema: StatusDetails });
}

/** `GET /rest/api/3/project/search?…` (the caller's query parameters). */
export function searchProjects<T>(client: JiraClient, params: URLSearchParams, schema: Schema<T>) {
  return client.requestJira(route`/rest/api/3/project/search?${params}`, { method: 'GET', schema });
}

/** `GET /rest/api/3/project/{key}/role`: role name → role URL. */
export function getProjectRoles(client: JiraClient, key: string) {
  return client.requestJira(route`/rest/api/3/project/${key}/role`, {
    method: 'GET',
    schema: z.record(z.string(), z.string()),
  });
}

/** `GET /rest/api/3/project/{key}/role/{id}`: the role's actors. */
export function getProjectRole(client: JiraClient, key: string, roleId: string) {
  return client.requestJira(route`/rest/api/3/project/${key}/role/${roleId}`, {
    method: 'GET',
    schema: ProjectRole,
  });
}

/** `GET /rest/api/3/issuetypescheme/project?projectId=`. */
export function getIssueTypeSchemeForProject<T>(client: JiraClient, projectId: string, schema: Schema<T>) {
  return client.requestJira(route`/rest/api/3/issuetypescheme/project?projectId=${projectId}`, {
    method: 'GET',
    schema,
  });
}

/** `GET /rest/api/3/issuetypescheme/mapping?issueTypeSchemeId=…`. */
export function getIssueTypeSchemeMapping<T>(
  client: JiraClient,
  schemeId: string,
  startAt: number,
  maxResults: number,
  schema: Schema<T>,
) {
  return client.requestJira(
    route`/rest/api/3/issuetypescheme/mapping?issueTypeSchemeId=${schemeId}&startAt=${startAt}&maxResults=${maxResults}`,
    { method: 'GET', schema },
  );
}

/** `PUT /rest/api/3/issuetypescheme/{id}/issuetype`: adds issue types to a scheme. */
export function addIssueTypesToScheme(client: JiraClient, schemeId: string, issueTypeIds: string[]) {
  return client.requestJira(route`/rest/api/3/issuetypescheme/${schemeId}/issuetype`, {
    method: 'PUT',
    body: { issueTypeIds },
  });
}

/** `GET /rest/api/3/workflowscheme/project?projectId=`. */
export function getWorkflowSchemeForProject<T>(client: JiraClient, projectId: string, schema: Schema<T>) {
  return client.requestJira(route`/rest/api/3/workflowscheme/project?projectId=${projectId}`, {
    method: 'GET',
    schema,
  });
}

/**
 * `GET /rest/api/3/workflow/rule/config?types=validator`: the validators THIS app has put on a workflow's published
 * transitions (Jira returns only the calling app's rules, so it is called as the app), with each rule's transition.
 */
export function getAppValidatorRules<T>(
  client: JiraClient,
  workflowName: string,
  startAt: number,
  schema: Schema<T>,
) {
  return client.requestJira(
    route`/rest/api/3/workflow/rule/config?types=validator&workflowNames=${workflowName}&draft=false&expand=transition&startAt=${startAt}&maxResults=50`,
    { method: 'GET', schema },
  );
}

// ---------------------------------------------------------------------------------------------------------------
// Permissions

/** `GET /rest/api/3/mypermissions?projectKey=…&permissions=…`: the caller's permissions in a project. */
export function getMyProjectPermissions<T>(
  client: JiraClient,
  projectKey: string,
  permissions: string,
  schema: Schema<T>,
) {
  return client.requestJira(
    route`/rest/api/3/mypermissions?projectKey=${projectKey}&permissions=${permissions}`,
    { method: 'GET', schema },
  );
}

/** `GET /rest/api/3/mypermissions?permissions=…`: the caller's global permissions. */
export function getMyPermissions<T>(client: JiraClient, permissions: string, schema: Schema<T>) {
  return client.requestJira(route`/rest/api/3/mypermissions?permissions=${permissions}`, {
    method: 'GET',
    schema,
  });
}

/**
 * `POST /rest/api/3/permissions/check`: which of `projectIds` grant each permission to `accountId` (checking another
 * user needs the Administer Jira permission, or the app's own authority).
 */
export function checkPermissions(
  client: JiraClient,
  body: { accountId: string; projectPermissions: { permissions: string[]; projects: number[] }[] },
) {
  return client.requestJira(route`/rest/api/3/permissions/check`, {
    method: 'POST',
    body,
    schema: BulkPermissionGrants,
  });
}

// ---------------------------------------------------------------------------------------------------------------
// Issues

const ApproximateCount = z.object({ count: z.number().int().nonnegative() });

/** `GET /rest/api/3/search/jql?…`: one page of an enhanced search. */
export function searchJqlGet(client: JiraClient, query: URLSearchParams) {
  return client.requestJira(route`/rest/api/3/search/jql?${query}`, { method: 'GET', schema: SearchPage });
}

/** `POST /rest/api/3/search/approximate-count`: about how many issues a (bounded) JQL finds — one request. */
export function approximateCount(client: JiraClient, jql: string) {
  return client.requestJira(route`/rest/api/3/search/approximate-count`, {
    method: 'POST',
    body: { jql },
    schema: ApproximateCount,
  });
}

/** `POST /rest/api/3/search/jql`: the same with the query in the body (long JQL). */
export function searchJqlPost(
  client: JiraClient,
  body: { jql: string; fields: readonly string[]; maxResults: number; nextPageToken?: string },
) {
  return client.requestJira(route`/rest/api/3/search/jql`, { method: 'POST', body, schema: SearchPage });
}

/** `POST /rest/api/3/changelog/bulkfetch`: changelogs of up to 1000 issues, filtered to ≤ 10 fields, oldest first. */
export function bulkFetchChangelogs(
  client: JiraClient,
  body: { issueIdsOrKeys: string[]; fieldIds: string[]; maxResults: number; nextPageToken?: string },
) {
  return client.requestJira(route`/rest/api/3/changelog/bulkfetch`, {
    method: 'POST',
    body,
    schema: BulkChangelogs,
  });
}

/** `POST /rest/api/3/issue/bulkfetch`: up to 100 issues with `fields`; `issueErrors` lists those Jira could not give. */
export function bulkFetchIssues(
  client: JiraClient,
  body: { issueIdsOrKeys: string[]; fields: readonly string[] },
) {
  return client.requestJira(route`/rest/api/3/issue/bulkfetch`, { method: 'POST', body, schema: BulkIssues });
}

/** `GET /rest/api/3/issue/{key}?fields=…`. */
export function getIssue<T>(client: JiraClient, key: string, fields: string, schema: Schema<T>) {
  return client.requestJira(route`/rest/api/3/issue/${key}?fields=${fields}`, { method: 'GET', schema });
}

/** `PUT /rest/api/3/issue/{key}`: edits an issue. */
export function editIssue(client: JiraClient, key: string, body: unknown) {
  return client.requestJira(route`/rest/api/3/issue/${key}`, { method: 'PUT', body });
}

/** `POST /rest/api/3/issue/{key}/comment`. */
export function addComment(client: JiraClient, key: string, body: unknown) {
  return client.requestJira(route`/rest/api/3/issue/${key}/comment`, { method: 'POST', body });
}

/** `POST /rest/api/3/jql/parse?validation=strict`. */
export function parseJql(client: JiraClient, queries: string[]) {
  return client.requestJira(route`/rest/api/3/jql/parse?validation=${'strict'}`, {
    method: 'POST',
    body: { queries },
    schema: ParsedJql,
  });
}

/** `GET /rest/api/3/label`: one page of the labels used on the site (settings pickers, issue #10). */
export function searchLabels(client: JiraClient, startAt: number, maxResults: number) {
  return client.requestJira(route`/rest/api/3/label?startAt=${startAt}&maxResults=${maxResults}`, {
    method: 'GET',
    schema: page(z.string()),
  });
}
