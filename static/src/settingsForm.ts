/**
 * The gate settings form: one field per key of the configuration (src/core/config.ts), the conversion between the
 * form's text values and a configuration document, and validation with the same schema the resolvers use.
 */
import { ConfigSchema, type Config, type Waiver } from '../../src/core/config';
import { SETTING_LABELS, settingsIssues } from '../../src/core/settingsWords';

export type SettingsKey = keyof Config;

/**
 * `list`: comma-separated names; `projects`: comma-separated project keys; `choice`: one of `choices`; `boolean`: a
 * checkbox ("true" / "false"); `waivers`: one waiver a line, `criterion | from | until | approver | reason`;
 * `percent`: a fraction stored (0.8), a percentage typed ("80").
 */
export type FieldKind =
  | 'list'
  | 'projects'
  | 'integer'
  | 'number'
  | 'percent'
  | 'text'
  | 'timeZone'
  | 'jql'
  | 'choice'
  | 'boolean'
  | 'waivers';

/**
 * Which of the site's choices (`getSettingsChoices`) a field picks from: the issue types of its source projects, the
 * priorities, the resolutions, or the labels (a label not on the site yet may still be typed).
 */
export type PickerKind =
  'incidentTypes' | 'deliverableTypes' | 'ideaType' | 'priorities' | 'resolutions' | 'labels';

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
  /** Offered as a picker filled from the site when the choices are known. */
  picker?: PickerKind;
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
    label: SETTING_LABELS.timeZone,
    kind: 'timeZone',
    section: 'general',
    help: 'IANA name, e.g. Europe/Paris. Timestamps become calendar dates in this zone.',
  },
  {
    key: 'name',
    label: `${SETTING_LABELS.name} (optional)`,
    kind: 'text',
    section: 'gate',
    optional: true,
    help: "Shown on every surface. Empty: the home project's name.",
  },
  {
    key: 'incidentProjects',
    label: `${SETTING_LABELS.incidentProjects} (optional)`,
    kind: 'projects',
    section: 'gate',
    optional: true,
    help: 'The projects whose incidents count, e.g. your service desk. Empty: this project.',
  },
  {
    key: 'deliveryProjects',
    label: `${SETTING_LABELS.deliveryProjects} (optional)`,
    kind: 'projects',
    section: 'gate',
    optional: true,
    help: 'The projects whose deliverables (epics) count. Empty: this project.',
  },
  {
    key: 'ideaProjects',
    label: `${SETTING_LABELS.ideaProjects} (optional)`,
    kind: 'projects',
    section: 'gate',
    optional: true,
    help: 'The projects whose ideas this gate holds back. Two gates may not list the same idea project. Empty: this project.',
  },
  {
    key: 'excludedResolutions',
    label: `${SETTING_LABELS.excludedResolutions} (optional)`,
    kind: 'list',
    picker: 'resolutions',
    section: 'general',
    optional: true,
    help: "Issues resolved with one of these are ignored everywhere. Empty: Duplicate, Won't Do, Cannot Reproduce and Declined, where the site has them.",
  },
  {
    key: 'incidentTypes',
    label: `${SETTING_LABELS.incidentTypes} (optional)`,
    kind: 'list',
    picker: 'incidentTypes',
    section: 'reliability',
    optional: true,
    help: 'None chosen: Incident and [System] Incident, where the site has them.',
  },
  {
    key: 'incidentJql',
    label: `${SETTING_LABELS.incidentJql} (optional)`,
    kind: 'jql',
    section: 'reliability',
    help: 'A clause added to the incident search, e.g. component = Payments. No ORDER BY.',
  },
  {
    key: 'incidentExemptLabels',
    label: SETTING_LABELS.incidentExemptLabels,
    kind: 'list',
    picker: 'labels',
    section: 'reliability',
    help: 'Incidents with one of these labels do not count.',
  },
  {
    key: 'majorPriorities',
    label: `${SETTING_LABELS.majorPriorities} (optional)`,
    kind: 'list',
    picker: 'priorities',
    section: 'reliability',
    optional: true,
    help: "The priorities that make an incident major. None chosen: the site's two highest priorities.",
  },
  {
    key: 'reliabilityWindowDays',
    label: SETTING_LABELS.reliabilityWindowDays,
    kind: 'integer',
    section: 'reliability',
    unit: 'days',
    help: 'Incidents created in this many days ending today count (1–730).',
  },
  {
    key: 'maxMajorIncidents',
    label: SETTING_LABELS.maxMajorIncidents,
    kind: 'integer',
    section: 'reliability',
    help: 'R1: major incidents in the window must not exceed this.',
  },
  {
    key: 'maxMedianRestoreHours',
    label: SETTING_LABELS.maxMedianRestoreHours,
    kind: 'number',
    section: 'reliability',
    unit: 'hours',
    step: 0.5,
    help: 'R2/R3: the median time to restore, and the longest-open major incident, must not exceed this.',
  },
  {
    key: 'deliverableTypes',
    label: `${SETTING_LABELS.deliverableTypes} (optional)`,
    kind: 'list',
    picker: 'deliverableTypes',
    section: 'delivery',
    optional: true,
    help: 'None chosen: every issue type at the epic level.',
  },
  {
    key: 'deliveryJql',
    label: `${SETTING_LABELS.deliveryJql} (optional)`,
    kind: 'jql',
    section: 'delivery',
    help: 'A clause added to the deliverable search, e.g. labels = roadmap. No ORDER BY.',
  },
  {
    key: 'graceDays',
    label: SETTING_LABELS.graceDays,
    kind: 'integer',
    section: 'delivery',
    unit: 'days',
    help: 'A deliverable resolved this many days after its due date still counts as on time (0–365).',
  },
  {
    key: 'deliveryWindowDays',
    label: SETTING_LABELS.deliveryWindowDays,
    kind: 'integer',
    section: 'delivery',
    unit: 'days',
    help: 'Deliverables decided in this many days ending today count (1–1095).',
  },
  {
    key: 'minDecided',
    label: SETTING_LABELS.minDecided,
    kind: 'integer',
    section: 'delivery',
    help: 'D1: below this, delivery is "not enough data", never a pass.',
  },
  {
    key: 'minOnTimeRate',
    label: SETTING_LABELS.minOnTimeRate,
    kind: 'percent',
    unit: '%',
    section: 'delivery',
    step: 1,
    help: 'D2: the share of decided deliverables delivered on time, from 0 to 100 %, e.g. 80.',
  },
  {
    key: 'dueDateBasis',
    label: SETTING_LABELS.dueDateBasis,
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
    label: SETTING_LABELS.budgetCheck,
    kind: 'boolean',
    section: 'delivery',
    help: 'Compare time spent with the original estimate of each decided deliverable.',
  },
  {
    key: 'budgetTolerance',
    label: SETTING_LABELS.budgetTolerance,
    kind: 'percent',
    unit: '%',
    section: 'delivery',
    step: 5,
    help: 'D3: a deliverable is on budget when time spent is at most the estimate plus this share of it, e.g. 10.',
  },
  {
    key: 'minOnBudgetRate',
    label: SETTING_LABELS.minOnBudgetRate,
    kind: 'percent',
    unit: '%',
    section: 'delivery',
    step: 1,
    help: 'D3: the share of measured deliverables on budget, from 0 to 100 %, e.g. 80.',
  },
  {
    key: 'sustainDays',
    label: SETTING_LABELS.sustainDays,
    kind: 'integer',
    section: 'innovation',
    unit: 'days',
    help: 'Both phases must be met on each of this many days before ideas unlock (1–90).',
  },
  {
    key: 'ideaType',
    label: SETTING_LABELS.ideaType,
    kind: 'text',
    picker: 'ideaType',
    section: 'innovation',
    help: 'The issue type of staff ideas.',
  },
  {
    key: 'ideaBypassLabels',
    label: SETTING_LABELS.ideaBypassLabels,
    kind: 'list',
    picker: 'labels',
    section: 'innovation',
    help: 'Ideas with one of these labels are never locked.',
  },
  {
    key: 'ideaBypassApprovers',
    label: SETTING_LABELS.ideaBypassApprovers,
    kind: 'list',
    section: 'innovation',
    help: "Comma-separated Atlassian account ids whose bypass labels count. Empty: the idea project's administrators.",
  },
  {
    key: 'maxSnapshotAgeHours',
    label: SETTING_LABELS.maxSnapshotAgeHours,
    kind: 'number',
    section: 'innovation',
    unit: 'hours',
    help: 'Older than this, the gate state is unknown and ideas stay locked.',
  },
  {
    key: 'waivers',
    label: SETTING_LABELS.waivers,
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

/** "80 %" → "80". */
function withoutPercent(text: string): string {
  return text.endsWith('%') ? text.slice(0, -1).trim() : text;
}

/** 0.8 → "80", 0.125 → "12.5" (no floating-point noise). */
export function percentOf(fraction: number): string {
  return String(Math.round(fraction * 1e6) / 1e4);
}

/** A configuration shown in the form: lists joined with ", ", waivers one a line, absent optional keys as "". */
export function configToForm(config: Config): FormValues {
  const values = {} as FormValues;
  for (const f of FIELDS) {
    const v = config[f.key];
    if (f.kind === 'waivers') values[f.key] = config.waivers.map((w) => waiverLine(w as Waiver)).join('\n');
    else if (f.kind === 'percent' && typeof v === 'number') values[f.key] = percentOf(v);
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
      case 'number':
      case 'percent': {
        const text = f.kind === 'percent' ? withoutPercent(raw) : raw;
        const n = text === '' ? NaN : Number(text.replace(',', '.'));
        if (!Number.isFinite(n)) {
          errors[f.key] =
            raw === ''
              ? `${SETTING_LABELS[f.key]}: enter a number`
              : `${SETTING_LABELS[f.key]}: "${raw}" is not a number`;
        } else input[f.key] = f.kind === 'percent' ? Math.round(n * 1e4) / 1e6 : n;
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
    // The same sentences as the server's (src/core/settingsWords.ts): the field named in the page's words.
    for (const issue of settingsIssues(result.error, input)) {
      const key = issue.path.split('.')[0] ?? '';
      if (!isSettingsKey(key) || errors[key] !== undefined) continue;
      errors[key] = issue.message;
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
  if (f.kind === 'integer' || f.kind === 'number' || f.kind === 'percent')
    return v === '' ? '' : String(Number(withoutPercent(v).replace(',', '.')));
  return v;
}
