/**
 * The gate settings form: one field per key of the configuration (src/core/config.ts), the conversion between the
 * form's text values and a configuration document, and validation with the same schema the resolvers use.
 */
import { ConfigSchema, type Config, type Waiver } from '../../src/core/config';
import type { Key } from '../../src/core/i18n';
import { settingLabels, settingsIssues } from '../../src/core/settingsWords';
import { wordsFor, type Words } from '../../src/core/wording';

/** The default of the functions that take the viewer's words: English. */
const ENGLISH = wordsFor('en-US');

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

/** The sections of the form, in order, with their title and description. */
const SECTION_WORDS: [SectionId, Key, Key][] = [
  ['gate', 'settings.section.gateTitle', 'settings.section.gateDescription'],
  ['general', 'settings.section.generalTitle', 'settings.section.generalDescription'],
  ['reliability', 'settings.section.reliabilityTitle', 'settings.section.reliabilityDescription'],
  ['delivery', 'settings.section.deliveryTitle', 'settings.section.deliveryDescription'],
  ['innovation', 'settings.section.innovationTitle', 'settings.section.innovationDescription'],
  ['waivers', 'settings.section.waiversTitle', 'settings.section.waiversDescription'],
];

/** The sections in a language (English by default). */
export function sectionsFor(words: Words = ENGLISH): { id: SectionId; title: string; description: string }[] {
  const { t } = words.translator;
  return SECTION_WORDS.map(([id, title, description]) => ({
    id,
    title: t(title),
    description: t(description),
  }));
}

export const SECTIONS: { id: SectionId; title: string; description: string }[] = sectionsFor();

/** A field without its words: those come from the catalogue (namespace `settings`), in the viewer's language. */
type FieldBase = Omit<FieldSpec, 'label' | 'help' | 'unit' | 'choices'> & {
  unit?: 'days' | 'hours' | 'percent';
  choices?: string[];
};

/** Every configuration key, in the order of the form. */
const BASE: FieldBase[] = [
  {
    key: 'timeZone',
    kind: 'timeZone',
    section: 'general',
  },
  {
    key: 'name',
    kind: 'text',
    section: 'gate',
    optional: true,
  },
  {
    key: 'incidentProjects',
    kind: 'projects',
    section: 'gate',
    optional: true,
  },
  {
    key: 'deliveryProjects',
    kind: 'projects',
    section: 'gate',
    optional: true,
  },
  {
    key: 'ideaProjects',
    kind: 'projects',
    section: 'gate',
    optional: true,
  },
  {
    key: 'excludedResolutions',
    kind: 'list',
    picker: 'resolutions',
    section: 'general',
    optional: true,
  },
  {
    key: 'incidentTypes',
    kind: 'list',
    picker: 'incidentTypes',
    section: 'reliability',
    optional: true,
  },
  {
    key: 'incidentJql',
    kind: 'jql',
    section: 'reliability',
  },
  {
    key: 'incidentExemptLabels',
    kind: 'list',
    picker: 'labels',
    section: 'reliability',
  },
  {
    key: 'majorPriorities',
    kind: 'list',
    picker: 'priorities',
    section: 'reliability',
    optional: true,
  },
  {
    key: 'reliabilityWindowDays',
    kind: 'integer',
    section: 'reliability',
    unit: 'days',
  },
  {
    key: 'maxMajorIncidents',
    kind: 'integer',
    section: 'reliability',
  },
  {
    key: 'maxMedianRestoreHours',
    kind: 'number',
    section: 'reliability',
    unit: 'hours',
    step: 0.5,
  },
  {
    key: 'deliverableTypes',
    kind: 'list',
    picker: 'deliverableTypes',
    section: 'delivery',
    optional: true,
  },
  {
    key: 'deliveryJql',
    kind: 'jql',
    section: 'delivery',
  },
  {
    key: 'graceDays',
    kind: 'integer',
    section: 'delivery',
    unit: 'days',
  },
  {
    key: 'deliveryWindowDays',
    kind: 'integer',
    section: 'delivery',
    unit: 'days',
  },
  {
    key: 'minDecided',
    kind: 'integer',
    section: 'delivery',
  },
  {
    key: 'minOnTimeRate',
    kind: 'percent',
    unit: 'percent',
    section: 'delivery',
    step: 1,
  },
  {
    key: 'dueDateBasis',
    kind: 'choice',
    section: 'delivery',
    choices: ['committed', 'current'],
  },
  {
    key: 'budgetCheck',
    kind: 'boolean',
    section: 'delivery',
  },
  {
    key: 'budgetTolerance',
    kind: 'percent',
    unit: 'percent',
    section: 'delivery',
    step: 5,
  },
  {
    key: 'minOnBudgetRate',
    kind: 'percent',
    unit: 'percent',
    section: 'delivery',
    step: 1,
  },
  {
    key: 'sustainDays',
    kind: 'integer',
    section: 'innovation',
    unit: 'days',
  },
  {
    key: 'ideaType',
    kind: 'text',
    picker: 'ideaType',
    section: 'innovation',
  },
  {
    key: 'ideaBypassLabels',
    kind: 'list',
    picker: 'labels',
    section: 'innovation',
  },
  {
    key: 'ideaBypassApprovers',
    kind: 'list',
    section: 'innovation',
  },
  {
    key: 'maxSnapshotAgeHours',
    kind: 'number',
    section: 'innovation',
    unit: 'hours',
  },
  {
    key: 'waivers',
    kind: 'waivers',
    section: 'waivers',
  },
];

const UNIT_KEYS = { days: 'settings.unitDays', hours: 'settings.unitHours' } as const;

const fieldsByLocale = new Map<string, FieldSpec[]>();

/**
 * Every field in a language (English by default): its label ("(optional)" when it may be left empty), help, unit and
 * choices worded by the catalogue.
 */
export function fieldsFor(words: Words = ENGLISH): FieldSpec[] {
  const cached = fieldsByLocale.get(words.translator.locale);
  if (cached) return cached;
  const { t } = words.translator;
  const labels = settingLabels(words);
  const fields = BASE.map(({ unit, choices, ...f }): FieldSpec => {
    const label = labels[f.key];
    return {
      ...f,
      label: f.optional || f.kind === 'jql' ? t('settings.optional', { label }) : label,
      help: t(`settings.help.${f.key}` as Key),
      ...(unit ? { unit: unit === 'percent' ? '%' : t(UNIT_KEYS[unit]) } : {}),
      ...(choices
        ? {
            choices: choices.map((value) => ({
              value,
              label: t(value === 'committed' ? 'settings.choiceCommitted' : 'settings.choiceCurrent'),
            })),
          }
        : {}),
    };
  });
  fieldsByLocale.set(words.translator.locale, fields);
  return fields;
}

/** Every configuration key, in the order of the form (English). */
export const FIELDS: FieldSpec[] = fieldsFor();

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
export function parseWaivers(
  text: string,
  words: Words = ENGLISH,
): { waivers: Record<string, string>[]; error: string | null } {
  const waivers: Record<string, string>[] = [];
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = (lines[i] ?? '').trim();
    if (!line) continue;
    const cells = line.split('|').map((c) => c.trim());
    // The reason is last: a "|" inside it stays part of it.
    if (cells.length < WAIVER_COLUMNS.length) {
      const { t } = words.translator;
      return { waivers, error: t('settings.waiverLine', { n: i + 1, columns: t('settings.waiverColumns') }) };
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
export function formToInput(
  values: FormValues,
  words: Words = ENGLISH,
): { input: Record<string, unknown>; errors: FieldErrors } {
  const input: Record<string, unknown> = {};
  const errors: FieldErrors = {};
  const { t } = words.translator;
  const labels = settingLabels(words);
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
              ? t('settings.enterNumber', { label: labels[f.key] })
              : t('settings.notANumber', { label: labels[f.key], value: raw });
        } else input[f.key] = f.kind === 'percent' ? Math.round(n * 1e4) / 1e6 : n;
        break;
      }
      case 'boolean':
        input[f.key] = raw === 'true';
        break;
      case 'waivers': {
        const { waivers, error } = parseWaivers(values[f.key] ?? '', words);
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
 * errors by field, in the words' language (English by default).
 */
export function validateForm(
  values: FormValues,
  words: Words = ENGLISH,
): { config: Config | null; errors: FieldErrors } {
  const { input, errors } = formToInput(values, words);
  const result = ConfigSchema.safeParse(input);
  if (!result.success) {
    // The same sentences as the server's (src/core/settingsWords.ts): the field named in the page's words.
    for (const issue of settingsIssues(result.error, input, words)) {
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
