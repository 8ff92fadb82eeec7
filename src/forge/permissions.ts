/**
 * What the current user may do, asked of Jira as that user (`GET /rest/api/3/mypermissions`), and cached briefly:
 * permission objects cost 2 points each under Jira's points-based rate limits.
 */
import { getMyPermissions, getMyProjectPermissions } from '../jira/endpoints';
import { z } from 'zod';
import type { JiraClient } from '../jira/client';
import { JiraError } from '../jira/errors';

export interface ProjectAccess {
  /**
   * Browse projects, exactly: what seeing the project's data needs. Administering the project or Jira does not imply
   * it in Jira (a permission scheme may grant one without the other), so it does not here either.
   */
  browse: boolean;
  /** Administer the project, or administer Jira. */
  administer: boolean;
  /** Administer Jira (global). */
  jiraAdmin: boolean;
}

const NO_ACCESS: ProjectAccess = { browse: false, administer: false, jiraAdmin: false };

const MyPermissions = z.object({
  permissions: z.record(z.string(), z.object({ havePermission: z.boolean().optional() }).passthrough()),
});

const TTL_MS = 60_000;
const MAX_ENTRIES = 1000;
const cache = new Map<string, { access: ProjectAccess; expires: number }>();

/** Forgets every cached answer (tests; a user's permissions changed). */
export function clearPermissionCache(): void {
  cache.clear();
}

/** The cached answer under `key`, while it is fresh. */
function fresh(key: string, now: number): ProjectAccess | undefined {
  const hit = cache.get(key);
  return hit && hit.expires > now ? hit.access : undefined;
}

function remember(key: string, access: ProjectAccess, now: number): ProjectAccess {
  if (cache.size >= MAX_ENTRIES) {
    for (const [k, v] of cache) if (v.expires <= now || cache.size >= MAX_ENTRIES) cache.delete(k);
  }
  cache.set(key, { access, expires: now + TTL_MS });
  return access;
}

/**
 * The user's `permissions` on a project, asked of Jira as the user; null for a project that is unknown or that the
 * user cannot see (Jira answers 404, 400 or 403; they are not told apart, so nothing leaks).
 */
async function myProjectPermissions(
  asUser: JiraClient,
  projectKey: string,
  permissions: string,
): Promise<z.infer<typeof MyPermissions>['permissions'] | null> {
  try {
    return (await getMyProjectPermissions(asUser, projectKey, permissions, MyPermissions)).permissions;
  } catch (err) {
    if (
      err instanceof JiraError &&
      (err.kind === 'not-found' || err.kind === 'bad-request' || err.kind === 'forbidden')
    )
      return null;
    throw err;
  }
}

/**
 * The user's access to a project. An unknown project, or one the user cannot see, is answered as no access (the
 * caller cannot tell them apart, so nothing leaks about projects the user cannot browse).
 */
export async function projectAccess(
  asUser: JiraClient,
  caller: { accountId: string; site: string },
  projectKey: string,
  now: number = Date.now(),
): Promise<ProjectAccess> {
  const key = `${caller.site}|${caller.accountId}|${projectKey}`;
  const hit = fresh(key, now);
  if (hit) return hit;
  const perms = await myProjectPermissions(
    asUser,
    projectKey,
    'BROWSE_PROJECTS,ADMINISTER_PROJECTS,ADMINISTER',
  );
  if (!perms) return remember(key, NO_ACCESS, now);
  const has = (p: string) => perms[p]?.havePermission === true;
  const jiraAdmin = has('ADMINISTER');
  return remember(
    key,
    {
      browse: has('BROWSE_PROJECTS'),
      administer: has('ADMINISTER_PROJECTS') || jiraAdmin,
      jiraAdmin,
    },
    now,
  );
}

/**
 * Whether the user may browse a project, asking Jira for that one permission (3 points, against 7 for the three of
 * `projectAccess`): what a gate's other source projects need to be seen (issue #12: a viewer of a gate over four
 * projects cost 28 points a view). A fresh full answer of `projectAccess` is used when there is one.
 */
export async function mayBrowse(
  asUser: JiraClient,
  caller: { accountId: string; site: string },
  projectKey: string,
  now: number = Date.now(),
): Promise<boolean> {
  const key = `${caller.site}|${caller.accountId}|${projectKey}`;
  const known = fresh(key, now) ?? fresh(`${key}|browse`, now);
  if (known) return known.browse;
  const perms = await myProjectPermissions(asUser, projectKey, 'BROWSE_PROJECTS');
  const browse = perms?.BROWSE_PROJECTS?.havePermission === true;
  remember(`${key}|browse`, { ...NO_ACCESS, browse }, now);
  return browse;
}

/** True when the user administers Jira (global ADMINISTER). */
export async function isJiraAdmin(
  asUser: JiraClient,
  caller: { accountId: string; site: string },
  now: number = Date.now(),
): Promise<boolean> {
  const key = `${caller.site}|${caller.accountId}|*`;
  const hit = fresh(key, now);
  if (hit) return hit.jiraAdmin;
  const result = await getMyPermissions(asUser, 'ADMINISTER', MyPermissions);
  const jiraAdmin = result.permissions.ADMINISTER?.havePermission === true;
  remember(key, { browse: false, administer: jiraAdmin, jiraAdmin }, now);
  return jiraAdmin;
}
