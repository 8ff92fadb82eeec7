/**
 * The gate settings form: one field per key of the configuration (src/core/config.ts), the conversion between the
 * form's text values and a configuration document, and validation with the same schema the resolvers use.
 */
import { ConfigSchema, type Config, type Waiver } from '../../src/core/config';

export type SettingsKey = keyof Config;

/**
 * `list`: comma-separated names; `projects`: comma-separated project keys; `choice`: one of `choices`; `boolean`: a
 * checkbox ("true" / "false"); `waivers`: one waiver a line, `criterion | from | until | approver | reason`.
 */
export type FieldKind =
  'list' | 'projects' | 'integer' | 'number' | 'text' | 'timeZone' | 'jql' | 'choice' | 'boolean' | 'waivers';

export type SectionId = 'gate' | 'general' | 'reliability' | 'delivery' | 'innovation' | 'waivers';

export interface FieldSpec {
  key: SettingsKey;
  label: string;
  kind: FieldKind;
  section: SectionId;
  help: string;
  unit?: string;
  step?: number;
  /** Left empty, the key is left out of the document: the core's default applies (the home project, the site's names). */
  optional?: boolean;
  /** For `choice`: the values, with their labels. */
  choices?: { value: string; label: string }[];
}

/** The columns of a waiver line, in order. */
export const WAIVER_COLUMNS = ['criterion', 'from', 'until', 'approver', 'reason'] as const;

export const SECTIONS: { id: SectionId; title: string; description: string }[] = [
  {
    id: 'gate',
    title: 'The gate and its sources',
    description:
      'One gate can read incidents, deliverables and ideas from several Jira projects. Each list left empty reads this project only.',
  },
  { id: 'general', title: 'General', description: 'How dates are read and which issues never count.' },
  {
    id: 'reliability',
    title: 'Phase 1 — Reliable systems',
    description: 'Which issues are incidents and what "reliable" means.',
  },
  {
    id: 'delivery',
    title: 'Phase 2 — On-time delivery',
    description: 'Which issues are deliverables and what "on time" means.',
  },
  { id: 'innovation', title: 'Phase 3 — Innovation gate', description: 'Ideas and the lock.' },
  {
    id: 'waivers',
    title: 'Waivers',
    description:
      'A waiver lets an unmet criterion count as met for a while (at most 90 days), with its reason and approver shown wherever the criterion appears.',
  },
];

/** Every configuration key, in the order of the form. */
export const FIELDS: FieldSpec[] = [
  {
    key: 'timeZone',
    label: 'Time zone',
    kind: 'timeZone',
    section: 'general',
    help: 'IANA name, e.g. Europe/Paris. Timestamps become calendar dates in this zone.',
  },
  {
    key: 'name',
    label: 'Gate name (optional)',
    kind: 'text',
    section: 'gate',
    optional: true,
    help: "Shown on every surface. Empty: the home project's name.",
  },
  {
    key: 'incidentProjects',
    label: 'Incident projects (optional)',
    kind: 'projects',
    section: 'gate',
    optional: true,
    help: 'The projects whose incidents count, e.g. your service desk. Empty: this project.',
  },
  {
    key: 'deliveryProjects',
    label: 'Delivery projects (optional)',
    kind: 'projects',
    section: 'gate',
    optional: true,
    help: 'The projects whose deliverables (epics) count. Empty: this project.',
  },
  {
    key: 'ideaProjects',
    label: 'Idea projects (optional)',
    kind: 'projects',
    section: 'gate',
    optional: true,
    help: 'The projects whose ideas this gate holds back. Two gates may not list the same idea project. Empty: this project.',
  },
  {
    key: 'excludedResolutions',
    label: 'Excluded resolutions (optional)',
    kind: 'list',
    section: 'general',
    optional: true,
    help: "Comma-separated. Issues resolved with one of these are ignored everywhere. Empty: Duplicate, Won't Do, Cannot Reproduce and Declined, where the site has them.",
  },
  {
    key: 'incidentTypes',
    label: 'Incident issue types (optional)',
    kind: 'list',
    section: 'reliability',
    optional: true,
    help: 'Comma-separated issue type names. Empty: Incident and [System] Incident, where the site has them.',
  },
  {
    key: 'incidentJql',
    label: 'Extra incident JQL (optional)',
    kind: 'jql',
    section: 'reliability',
    help: 'A clause added to the incident search, e.g. component = Payments. No ORDER BY.',
  },
  {
    key: 'incidentExemptLabels',
    label: 'Exemption labels',
    kind: 'list',
    section: 'reliability',
    help: 'Comma-separated. Incidents with one of these labels do not count.',
  },
  {
    key: 'majorPriorities',
    label: 'Major priorities (optional)',
    kind: 'list',
    section: 'reliability',
    optional: true,
    help: "Comma-separated priority names that make an incident major. Empty: the site's two highest priorities.",
  },
  {
    key: 'reliabilityWindowDays',
    label: 'Reliability window',
    kind: 'integer',
    section: 'reliability',
    unit: 'days',
    help: 'Incidents created in this many days ending today count (1–730).',
  },
  {
    key: 'maxMajorIncidents',
    label: 'Most major incidents allowed',
    kind: 'integer',
    section: 'reliability',
    help: 'R1: major incidents in the window must not exceed this.',
  },
  {
    key: 'maxMedianRestoreHours',
    label: 'Restore target',
    kind: 'number',
    section: 'reliability',
    unit: 'hours',
    step: 0.5,
    help: 'R2/R3: the median time to restore, and the longest-open major incident, must not exceed this.',
  },
  {
    key: 'deliverableTypes',
    label: 'Deliverable issue types (optional)',
    kind: 'list',
    section: 'delivery',
    optional: true,
    help: 'Comma-separated issue type names. Empty: every issue type at the epic level.',
  },
  {
    key: 'deliveryJql',
    label: 'Extra delivery JQL (optional)',
    kind: 'jql',
    section: 'delivery',
    help: 'A clause added to the deliverable search, e.g. labels = roadmap. No ORDER BY.',
  },
  {
    key: 'graceDays',
    label: 'Grace',
    kind: 'integer',
    section: 'delivery',
    unit: 'days',
    help: 'A deliverable resolved this many days after its due date still counts as on time (0–365).',
  },
  {
    key: 'deliveryWindowDays',
    label: 'Delivery window',
    kind: 'integer',
    section: 'delivery',
    unit: 'days',
    help: 'Deliverables decided in this many days ending today count (1–1095).',
  },
  {
    key: 'minDecided',
    label: 'Fewest decided deliverables',
    kind: 'integer',
    section: 'delivery',
    help: 'D1: below this, delivery is "not enough data", never a pass.',
  },
  {
    key: 'minOnTimeRate',
    label: 'On-time rate target',
    kind: 'number',
    section: 'delivery',
    step: 0.01,
    help: 'D2: a rate from 0 to 1, e.g. 0.8 for 80%.',
  },
  {
    key: 'dueDateBasis',
    label: 'Due date that counts',
    kind: 'choice',
    section: 'delivery',
    choices: [
      { value: 'committed', label: 'The committed due date' },
      { value: 'current', label: 'The due date as it is now' },
    ],
    help: 'Committed: the due date when work started, so moving it later does not make a late deliverable on time.',
  },
  {
    key: 'budgetCheck',
    label: 'Check budgets (D3)',
    kind: 'boolean',
    section: 'delivery',
    help: 'Compare time spent with the original estimate of each decided deliverable.',
  },
  {
    key: 'budgetTolerance',
    label: 'Budget tolerance',
    kind: 'number',
    section: 'delivery',
    step: 0.05,
    help: 'D3: a deliverable is on budget when time spent is at most the estimate times (1 + this), e.g. 0.1.',
  },
  {
    key: 'minOnBudgetRate',
    label: 'On-budget rate target',
    kind: 'number',
    section: 'delivery',
    step: 0.01,
    help: 'D3: a rate from 0 to 1, e.g. 0.8 for 80%.',
  },
  {
    key: 'sustainDays',
    label: 'Sustain period',
    kind: 'integer',
    section: 'innovation',
    unit: 'days',
    help: 'Both phases must be met on each of this many days before ideas unlock (1–90).',
  },
  {
    key: 'ideaType',
    label: 'Idea issue type',
    kind: 'text',
    section: 'innovation',
    help: 'The issue type of staff ideas.',
  },
  {
    key: 'ideaBypassLabels',
    label: 'Bypass labels',
    kind: 'list',
    section: 'innovation',
    help: 'Comma-separated. Ideas with one of these labels are never locked.',
  },
  {
    key: 'ideaBypassApprovers',
    label: 'Bypass approvers',
    kind: 'list',
    section: 'innovation',
    help: "Comma-separated Atlassian account ids whose bypass labels count. Empty: the idea project's administrators.",
  },
  {
    key: 'maxSnapshotAgeHours',
    label: 'Oldest usable gate state',
    kind: 'number',
    section: 'innovation',
    unit: 'hours',
    help: 'Older than this, the gate state is unknown and ideas stay locked.',
  },
  {
    key: 'waivers',
    label: 'Waivers',
    kind: 'waivers',
    section: 'waivers',
    help: 'One a line: criterion | from | until | approver | reason, e.g. D2 | 2026-06-01 | 2026-08-31 | Dana Ng (CIO) | migration freeze. Criteria R1–R3 and D1–D3; never R0.',
  },
];

/** The form's values: one string per key, as typed. */
export type FormValues = Record<SettingsKey, string>;

/** Field errors by key (one message each). */
export type FieldErrors = Partial<Record<SettingsKey, string>>;

const KEYS = new Set<string>(FIELDS.map((f) => f.key));

export function isSettingsKey(key: string): key is SettingsKey {
  return KEYS.has(key);
}

/** A waiver as a line of the waivers field. */
export function waiverLine(w: Waiver): string {
  return WAIVER_COLUMNS.map((c) => w[c]).join(' | ');
}

/** A configuration shown in the form: lists joined with ", ", waivers one a line, absent optional keys as "". */
export function configToForm(config: Config): FormValues {
  const values = {} as FormValues;
  for (const f of FIELDS) {
    const v = config[f.key];
    if (f.kind === 'waivers') values[f.key] = config.waivers.map((w) => waiverLine(w as Waiver)).join('\n');
    else if (Array.isArray(v)) values[f.key] = v.join(', ');
    else values[f.key] = v === undefined || v === null ? '' : String(v);
  }
  return values;
}

/** "a, b,,c " → ["a", "b", "c"]. */
export function splitList(text: string): string[] {
  return text
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
}

/**
 * The waivers field as waiver documents (validated by the schema later), or the first line that does not have its five
 * columns.
 */
export function parseWaivers(text: string): { waivers: Record<string, string>[]; error: string | null } {
  const waivers: Record<string, string>[] = [];
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = (lines[i] ?? '').trim();
    if (!line) continue;
    const cells = line.split('|').map((c) => c.trim());
    // The reason is last: a "|" inside it stays part of it.
    if (cells.length < WAIVER_COLUMNS.length) {
      return {
        waivers,
        error: `line ${i + 1}: write ${WAIVER_COLUMNS.join(' | ')}`,
      };
    }
    const reason = cells.slice(WAIVER_COLUMNS.length - 1).join(' | ');
    const [criterion, from, until, approver] = cells as [string, string, string, string];
    waivers.push({ criterion: criterion.toUpperCase(), from, until, approver, reason });
  }
  return { waivers, error: null };
}

/**
 * The form's values as a configuration document (not yet validated). A number field that is not a number is reported
 * here; an empty optional JQL clause is left out.
 */
export function formToInput(values: FormValues): { input: Record<string, unknown>; errors: FieldErrors } {
  const input: Record<string, unknown> = {};
  const errors: FieldErrors = {};
  for (const f of FIELDS) {
    const raw = (values[f.key] ?? '').trim();
    switch (f.kind) {
      case 'list':
      case 'projects': {
        const list = splitList(raw);
        if (!(f.optional && list.length === 0)) input[f.key] = list;
        break;
      }
      case 'integer':
      case 'number': {
        const n = raw === '' ? NaN : Number(raw.replace(',', '.'));
        if (!Number.isFinite(n)) errors[f.key] = raw === '' ? 'enter a number' : `"${raw}" is not a number`;
        else input[f.key] = n;
        break;
      }
      case 'boolean':
        input[f.key] = raw === 'true';
        break;
      case 'waivers': {
        const { waivers, error } = parseWaivers(values[f.key] ?? '');
        if (error) errors[f.key] = error;
        input[f.key] = waivers;
        break;
      }
      case 'jql':
        if (raw !== '') input[f.key] = raw;
        break;
      default:
        if (!(f.optional && raw === '')) input[f.key] = raw;
    }
  }
  return { input, errors };
}

/** Removes a leading "key: " (the core names the key in its messages; the form shows them on the field). */
function fieldMessage(key: string, message: string): string {
  const prefix = `${key}: `;
  return message.startsWith(prefix) ? message.slice(prefix.length) : message;
}

/**
 * Validates the form with the configuration schema. Returns the validated configuration (defaults filled in) or the
 * errors by field.
 */
export function validateForm(values: FormValues): { config: Config | null; errors: FieldErrors } {
  const { input, errors } = formToInput(values);
  const result = ConfigSchema.safeParse(input);
  if (!result.success) {
    for (const issue of result.error.issues) {
      const key = String(issue.path[0] ?? '');
      if (!isSettingsKey(key) || errors[key] !== undefined) continue;
      const line = key === 'waivers' && typeof issue.path[1] === 'number' ? issue.path[1] : null;
      errors[key] = line === null ? fieldMessage(key, issue.message) : `waiver ${line + 1}: ${issue.message}`;
    }
  }
  if (Object.keys(errors).length > 0 || !result.success) return { config: null, errors };
  return { config: result.data, errors: {} };
}

/**
 * Server-side errors (`{ path, message }`, path like "minOnTimeRate" or "incidentTypes.0") placed on their fields;
 * the ones that belong to no field are returned as form errors.
 */
export function mapServerErrors(list: { path: string; message: string }[]): {
  fieldErrors: FieldErrors;
  formErrors: string[];
} {
  const fieldErrors: FieldErrors = {};
  const formErrors: string[] = [];
  for (const e of list) {
    const key = e.path.split('.')[0] ?? '';
    if (isSettingsKey(key)) {
      const msg = fieldMessage(e.path, fieldMessage(key, e.message));
      fieldErrors[key] = fieldErrors[key] ? `${fieldErrors[key]}; ${msg}` : msg;
    } else {
      formErrors.push(e.message);
    }
  }
  return { fieldErrors, formErrors };
}

/** True when two sets of form values describe different configurations. */
export function isDirty(a: FormValues, b: FormValues): boolean {
  return FIELDS.some((f) => normalise(f, a[f.key]) !== normalise(f, b[f.key]));
}

function normalise(f: FieldSpec, value: string | undefined): string {
  const v = (value ?? '').trim();
  if (f.kind === 'list' || f.kind === 'projects') return splitList(v).join(',');
  if (f.kind === 'waivers') {
    return parseWaivers(v)
      .waivers.map((w) => WAIVER_COLUMNS.map((c) => w[c]).join('|'))
      .join('\n');
  }
  if (f.kind === 'integer' || f.kind === 'number') return v === '' ? '' : String(Number(v.replace(',', '.')));
  return v;
}
