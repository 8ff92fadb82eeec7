/**
 * The per-project configuration (SPEC section 4): one JSON document, validated by a schema.
 * Unknown keys and wrong types are rejected with the key named; missing keys take the defaults.
 */
import { z } from 'zod';
import { isTimeZone } from './dates';

const nameList = (what: string) =>
  z
    .array(z.string().trim().min(1, `${what} must not be empty strings`).max(255))
    .max(50, `at most 50 ${what}`);

const nonEmptyNameList = (what: string, one: string) =>
  nameList(what).min(1, `at least one ${one} is needed`);

const jqlClause = z
  .string()
  .trim()
  .max(2000, 'a JQL clause of at most 2000 characters')
  .refine((s) => !/\border\s+by\b/i.test(s), 'an extra JQL clause cannot contain ORDER BY')
  .optional();

const wholeDays = (max: number) => z.number().int('a whole number of days').min(1, 'at least 1 day').max(max);

export const ConfigSchema = z
  .object({
    timeZone: z
      .string()
      .refine(isTimeZone, {
        error: (issue) =>
          `unknown time zone ${JSON.stringify(issue.input)} (use an IANA name such as Europe/Paris)`,
      })
      .default('UTC'),
    excludedResolutions: nameList('resolutions').default([
      'Duplicate',
      "Won't Do",
      'Cannot Reproduce',
      'Declined',
    ]),
    incidentTypes: nonEmptyNameList('incident types', 'incident type').default(['Incident']),
    incidentJql: jqlClause,
    incidentExemptLabels: nameList('labels').default(['not-an-incident', 'external-cause']),
    majorPriorities: nonEmptyNameList('priorities', 'priority').default(['Highest', 'High']),
    reliabilityWindowDays: wholeDays(730).default(90),
    maxMajorIncidents: z.number().int('a whole number').min(0).max(100_000).default(2),
    maxMedianRestoreHours: z.number().gt(0, 'more than 0 hours').max(100_000).default(24),
    deliverableTypes: nonEmptyNameList('deliverable types', 'deliverable type').default(['Epic']),
    deliveryJql: jqlClause,
    graceDays: z.number().int('a whole number of days').min(0).max(365).default(0),
    deliveryWindowDays: wholeDays(1095).default(180),
    minDecided: z.number().int('a whole number').min(1).max(100_000).default(5),
    minOnTimeRate: z.number().min(0, 'a rate from 0 to 1').max(1, 'a rate from 0 to 1').default(0.8),
    sustainDays: wholeDays(90).default(1),
    ideaType: z.string().trim().min(1).max(255).default('Innovation Idea'),
    ideaBypassLabels: nameList('labels').default(['reliability', 'security']),
    maxSnapshotAgeHours: z
      .number()
      .gt(0)
      .max(24 * 90)
      .default(48),
  })
  .strict();

/** A complete, validated configuration. */
export type Config = z.output<typeof ConfigSchema>;
/** What a user may write: every key optional. */
export type ConfigInput = z.input<typeof ConfigSchema>;

export const DEFAULT_CONFIG: Config = ConfigSchema.parse({});

/** A configuration problem, with the key it concerns. */
export class ConfigError extends Error {
  constructor(
    message: string,
    readonly issues: { path: string; message: string }[],
  ) {
    super(message);
    this.name = 'ConfigError';
  }
}

/** Turns zod issues into `key: message` lines. */
export function describeIssues(error: z.ZodError): { path: string; message: string }[] {
  return error.issues.map((issue) => {
    const path = issue.path.map(String).join('.');
    if (issue.code === 'unrecognized_keys') {
      const keys = issue.keys.map((k) => (path ? `${path}.${k}` : k));
      return {
        path: keys[0] ?? path,
        message: `unknown key${keys.length > 1 ? 's' : ''} ${keys.join(', ')}`,
      };
    }
    return { path, message: path ? `${path}: ${issue.message}` : issue.message };
  });
}

/**
 * Validates a configuration document and fills in the defaults.
 * @example parseConfig({ graceDays: 2 }).deliveryWindowDays // 180
 * @throws ConfigError naming each bad key, e.g. "minOnTimeRate: a rate from 0 to 1"
 */
export function parseConfig(input: unknown): Config {
  const result = ConfigSchema.safeParse(input ?? {});
  if (result.success) return result.data;
  const issues = describeIssues(result.error);
  throw new ConfigError(`invalid configuration: ${issues.map((i) => i.message).join('; ')}`, issues);
}
