/**
 * The per-project configuration (docs/metrics.md "Common rules"): one JSON document, validated by a schema.
 * Unknown keys and wrong types are rejected with the key named; missing keys take the defaults.
 */
import { z } from 'zod';
import { daysBetween, isCalendarDate, isTimeZone } from './dates';

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

/** The defaults of docs/metrics.md "Sources and id matching" that are names (a default name the site does not know is skipped silently). */
export const DEFAULT_INCIDENT_TYPES: readonly string[] = ['Incident', '[System] Incident'];
export const DEFAULT_EXCLUDED_RESOLUTIONS: readonly string[] = [
  'Duplicate',
  "Won't Do",
  'Cannot Reproduce',
  'Declined',
];

const projectKeys = (what: string) =>
  z
    .array(
      z
        .string()
        .trim()
        .toUpperCase()
        .regex(/^[A-Z][A-Z0-9_]{0,254}$/, `${what}: a Jira project key such as ITSM`),
    )
    .min(1, `${what}: at least one project`)
    .max(50, `${what}: at most 50 projects`)
    .refine((keys) => new Set(keys).size === keys.length, `${what}: a project is listed twice`)
    .optional();

const calendarDate = z
  .string()
  .refine(isCalendarDate, { error: (issue) => `${JSON.stringify(issue.input)} is not a date (YYYY-MM-DD)` });

/** The criteria a waiver may cover: never R0 ("unknown is never a pass"). */
export const WAIVABLE = ['R1', 'R2', 'R3', 'D1', 'D2', 'D3'] as const;

const WaiverSchema = z
  .object({
    criterion: z.string().refine((c) => (WAIVABLE as readonly string[]).includes(c), {
      error: (issue) =>
        issue.input === 'R0'
          ? 'R0 "incidents are recorded" can never be waived'
          : `criterion must be one of ${WAIVABLE.join(', ')}`,
    }),
    from: calendarDate,
    until: calendarDate,
    reason: z.string().trim().min(1, 'a reason is needed').max(500, 'a reason of at most 500 characters'),
    approver: z
      .string()
      .trim()
      .min(1, 'an approver is needed')
      .max(500, 'an approver of at most 500 characters'),
  })
  .strict()
  .superRefine((w, ctx) => {
    if (!isCalendarDate(w.from) || !isCalendarDate(w.until)) return;
    if (w.until < w.from) ctx.addIssue({ code: 'custom', path: ['until'], message: 'until is before from' });
    else if (daysBetween(w.from, w.until) > 90)
      ctx.addIssue({ code: 'custom', path: ['until'], message: 'a waiver lasts at most 90 days' });
  });

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
    /** The gate's display name (default: the home project's name). */
    name: z.string().trim().min(1, 'a name must not be empty').max(255).optional(),
    /** The sources (docs/metrics.md "Sources and id matching"); each defaults to the home project. */
    incidentProjects: projectKeys('incidentProjects'),
    deliveryProjects: projectKeys('deliveryProjects'),
    ideaProjects: projectKeys('ideaProjects'),
    /** Omitted: DEFAULT_EXCLUDED_RESOLUTIONS, each skipped silently where the site lacks it. */
    excludedResolutions: nameList('resolutions').optional(),
    /** Omitted: DEFAULT_INCIDENT_TYPES, each skipped silently where the site lacks it. */
    incidentTypes: nonEmptyNameList('incident types', 'incident type').optional(),
    incidentJql: jqlClause,
    incidentExemptLabels: nameList('labels').default(['not-an-incident', 'external-cause']),
    /** Omitted: the two highest priorities in the site's order. */
    majorPriorities: nonEmptyNameList('priorities', 'priority').optional(),
    reliabilityWindowDays: wholeDays(730).default(90),
    maxMajorIncidents: z.number().int('a whole number').min(0).max(100_000).default(2),
    maxMedianRestoreHours: z.number().gt(0, 'more than 0 hours').max(100_000).default(24),
    /** Omitted: every issue type at hierarchy level 1 (the epic level). */
    deliverableTypes: nonEmptyNameList('deliverable types', 'deliverable type').optional(),
    deliveryJql: jqlClause,
    graceDays: z.number().int('a whole number of days').min(0).max(365).default(0),
    deliveryWindowDays: wholeDays(1095).default(180),
    minDecided: z.number().int('a whole number').min(1).max(100_000).default(5),
    minOnTimeRate: z.number().min(0, 'a rate from 0 to 1').max(1, 'a rate from 0 to 1').default(0.8),
    sustainDays: wholeDays(90).default(1),
    /** Which due date the D rules use (docs/metrics.md "Committed due date"). */
    dueDateBasis: z.enum(['committed', 'current']).default('committed'),
    budgetCheck: z.boolean().default(false),
    budgetTolerance: z
      .number()
      .min(0, 'a tolerance from 0 to 10')
      .max(10, 'a tolerance from 0 to 10')
      .default(0.1),
    minOnBudgetRate: z.number().min(0, 'a rate from 0 to 1').max(1, 'a rate from 0 to 1').default(0.8),
    waivers: z
      .array(WaiverSchema)
      .max(WAIVABLE.length)
      .refine(
        (ws) => new Set(ws.map((w) => w.criterion)).size === ws.length,
        'at most one waiver per criterion',
      )
      .default([]),
    ideaType: z.string().trim().min(1).max(255).default('Innovation Idea'),
    ideaBypassLabels: nameList('labels').default(['reliability', 'security']),
    /** Account ids whose bypass labels count; empty: the administrators of the idea's project. */
    ideaBypassApprovers: z.array(z.string().trim().min(1).max(128)).max(200).default([]),
    maxSnapshotAgeHours: z
      .number()
      .gt(0)
      .max(24 * 90)
      .default(48),
  })
  .strict();

/** A complete, validated configuration. */
export type Config = z.output<typeof ConfigSchema>;
export type Waiver = z.output<typeof WaiverSchema> & { criterion: (typeof WAIVABLE)[number] };
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
