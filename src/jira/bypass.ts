/**
 * Bypass approvals (SPEC "Ideas", v2): a bypass label counts only when a bypass approver put it there. This module
 * reads what the rule needs for ideas that carry a bypass label — who added each label (the `labels` changelog) and
 * whether those accounts administer the idea's project — and nothing for ideas without one.
 */
import type { Config } from '../core/config';
import type { IssueFact } from '../core/facts';
import { bypassLabel, labelAdder, type IsApprover } from '../core/ideas';
import { fetchChangelogs, labelAdders } from './changelog';
import type { JiraClient } from './client';
import { checkPermissions } from './endpoints';
import { JiraError } from './errors';

/** A project by id and key (permission checks take ids). */
export interface ProjectRef {
  id: string;
  key: string;
}

const NOBODY: IsApprover = () => false;

/**
 * The administrators among `accounts`, per project: one permission check per account. When Jira will not say (the
 * caller may not check other users), nobody approves and `notes` says so.
 */
export async function projectAdmins(
  client: JiraClient,
  accounts: readonly string[],
  projects: readonly ProjectRef[],
  notes: string[],
): Promise<IsApprover> {
  const admins = new Set<string>();
  const ids = projects.map((p) => Number(p.id)).filter((n) => Number.isFinite(n));
  if (ids.length === 0 || accounts.length === 0) return NOBODY;
  const byId = new Map(projects.map((p) => [p.id, p.key]));
  for (const accountId of accounts) {
    try {
      const grants = await checkPermissions(client, {
        accountId,
        projectPermissions: [{ permissions: ['ADMINISTER_PROJECTS'], projects: ids }],
      });
      for (const g of grants.projectPermissions) {
        if (g.permission !== 'ADMINISTER_PROJECTS') continue;
        for (const id of g.projects) {
          const key = byId.get(id);
          if (key) admins.add(`${accountId}\u0000${key}`);
        }
      }
    } catch (err) {
      if (err instanceof JiraError && (err.kind === 'auth' || err.kind === 'network')) throw err;
      notes.push(
        'could not check who administers the idea projects: bypass labels count only when added by an account listed in ideaBypassApprovers',
      );
      break;
    }
  }
  return (accountId, project) => admins.has(`${accountId}\u0000${project}`);
}

/** Ideas carrying a bypass label (the only ones whose changelog is read). */
export function withBypassLabel(ideas: readonly IssueFact[], config: Config): IssueFact[] {
  return ideas.filter((f) => bypassLabel(f, config) !== null);
}

/**
 * Reads who added the labels of `ideas` (in place: `labelAdders`) and, unless `ideaBypassApprovers` lists the
 * approvers, which of those accounts administer the ideas' projects.
 */
export async function readBypassApprovals(
  client: JiraClient,
  ideas: readonly IssueFact[],
  config: Config,
  projects: readonly ProjectRef[],
  notes: string[],
): Promise<IsApprover> {
  const bypassIdeas = withBypassLabel(ideas, config);
  if (bypassIdeas.length === 0) return NOBODY;
  const ref = (f: IssueFact) => f.id || f.key;
  const logs = await fetchChangelogs(client, bypassIdeas.map(ref), ['labels']);
  for (const f of bypassIdeas) f.labelAdders = labelAdders(f, logs.get(f.id) ?? logs.get(f.key) ?? []);
  if (config.ideaBypassApprovers.length > 0) return NOBODY; // the core reads the list
  const accounts = new Set<string>();
  for (const f of bypassIdeas) {
    for (const label of f.labels) {
      const who = labelAdder(f, label).accountId;
      if (who) accounts.add(who);
    }
  }
  return projectAdmins(client, [...accounts], projects, notes);
}
