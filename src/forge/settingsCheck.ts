/**
 * What a settings save checks with Jira before anything is stored (issue #10):
 * - the extra JQL clauses, with Jira's parser: its `errors` *and* its `warnings` (a clause Jira only warns about is
 *   not silently saved as fine; the admin is told and rewrites it);
 * - every name the admin wrote (incident types, major priorities, deliverable types, excluded resolutions) against
 *   the site (`resolveSources`): a name that matches nothing is refused with the field named and the site's choices.
 */
import { ConfigError, type Config } from '../core/config';
import { gateScope } from '../core/sources';
import { wordsFor, type Words } from '../core/wording';
import type { JiraClient } from '../jira/client';
import { parseJql } from '../jira/endpoints';
import { resolveSources, type ResolvedSources } from '../jira/siteNames';

export interface FieldProblem {
  path: string;
  message: string;
}

type Clause = 'incidentJql' | 'deliveryJql';

/** Every error and warning Jira's parser has for each clause; [] when it accepts them all without a word. */
export async function checkClauses(
  client: JiraClient,
  clauses: Partial<Record<Clause, string | undefined>>,
  words: Words = wordsFor('en-US'),
): Promise<FieldProblem[]> {
  const entries = Object.entries(clauses).filter((e): e is [Clause, string] => !!e[1]?.trim());
  if (entries.length === 0) return [];
  const result = await parseJql(
    client,
    entries.map(([, q]) => q.trim()),
  );
  return entries.flatMap(([field], i) => {
    const query = result.queries[i];
    const errors = query?.errors ?? [];
    const warnings = query?.warnings ?? [];
    const out: FieldProblem[] = [];
    // Jira's own texts are in the API user's language; the sentence around them is in the admin's.
    const { t } = words.translator;
    if (errors.length)
      out.push({ path: field, message: t('settings.jqlRejected', { errors: errors.join('; ') }) });
    if (warnings.length) {
      out.push({ path: field, message: t('settings.jqlWarned', { warnings: warnings.join('; ') }) });
    }
    return out;
  });
}

/** The configuration keys whose names the admin writes and the site must know. */
const WRITTEN_NAMES = [
  'incidentTypes',
  'majorPriorities',
  'deliverableTypes',
  'excludedResolutions',
] as const;

/**
 * Resolves the gate's names on the site. Every written name the site does not know is a problem on its field (all
 * fields at once: a refused field is set aside and the rest resolved again, at most once per field).
 * @returns the resolved sources (ids of every project read), or the problems.
 */
export async function checkNames(
  client: JiraClient,
  home: string,
  config: Config,
): Promise<{ ok: true; resolved: ResolvedSources } | { ok: false; errors: FieldProblem[] }> {
  const errors: FieldProblem[] = [];
  let trying: Config = config;
  for (let attempt = 0; attempt <= WRITTEN_NAMES.length; attempt++) {
    try {
      const resolved = await resolveSources(client, gateScope(home, trying), trying);
      return errors.length ? { ok: false, errors } : { ok: true, resolved };
    } catch (err) {
      if (!(err instanceof ConfigError)) throw err;
      errors.push(...err.issues);
      const fields = err.issues
        .map((i) => i.path)
        .filter((p) => (WRITTEN_NAMES as readonly string[]).includes(p));
      if (fields.length === 0) return { ok: false, errors };
      trying = { ...trying };
      for (const f of fields) delete (trying as Partial<Config>)[f as (typeof WRITTEN_NAMES)[number]];
    }
  }
  return { ok: false, errors };
}
