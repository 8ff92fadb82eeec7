/**
 * Checks the configuration's extra JQL clauses with Jira's own parser (`POST /rest/api/3/jql/parse`), so that a bad
 * clause is reported by name before anything is computed or saved.
 */
import { parseJql } from './endpoints';
import type { Config } from '../core/config';
import type { JiraClient } from './client';

export class InvalidJqlError extends Error {
  constructor(
    readonly field: 'incidentJql' | 'deliveryJql',
    readonly messages: string[],
  ) {
    super(`${field}: Jira rejects this JQL: ${messages.join('; ')}`);
    this.name = 'InvalidJqlError';
  }
}

/** Every problem per clause; an empty list when Jira accepts them all. */
export async function checkJqlClauses(
  client: JiraClient,
  clauses: Partial<Record<'incidentJql' | 'deliveryJql', string | undefined>>,
): Promise<InvalidJqlError[]> {
  const entries = Object.entries(clauses).filter(
    (e): e is ['incidentJql' | 'deliveryJql', string] => !!e[1]?.trim(),
  );
  if (entries.length === 0) return [];
  const result = await parseJql(
    client,
    entries.map(([, q]) => q.trim()),
  );
  return entries.flatMap(([field], i) => {
    const errors = result.queries[i]?.errors ?? [];
    return errors.length ? [new InvalidJqlError(field, errors)] : [];
  });
}

/** Throws the first invalid clause of a configuration. */
export async function validateJqlClauses(
  client: JiraClient,
  config: Pick<Config, 'incidentJql' | 'deliveryJql'>,
) {
  const problems = await checkJqlClauses(client, {
    incidentJql: config.incidentJql,
    deliveryJql: config.deliveryJql,
  });
  if (problems[0]) throw problems[0];
}
