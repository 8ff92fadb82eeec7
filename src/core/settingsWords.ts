/**
 * The settings in the settings page's words (issue #10, "messages in the product's words"): the name of every key
 * as the page labels it, every validation problem as a sentence naming the field ("Major incidents allowed must be 0
 * or more", never zod's "Too small: expected number to be >=0"), and what a saved version changed
 * ("Major incidents allowed 2 → 1"). The resolvers and the page use the same words.
 */
import type { z } from 'zod';
import type { Config } from './config';

export type SettingKey = keyof Config;

/** Every configuration key as the settings page labels it. */
export const SETTING_LABELS: Record<SettingKey, string> = {
  timeZone: 'Time zone',
  name: 'Gate name',
  incidentProjects: 'Incident projects',
  deliveryProjects: 'Delivery projects',
  ideaProjects: 'Idea projects',
  excludedResolutions: 'Excluded resolutions',
  incidentTypes: 'Incident issue types',
  incidentJql: 'Extra incident JQL',
  incidentExemptLabels: 'Exemption labels',
  majorPriorities: 'Major priorities',
  reliabilityWindowDays: 'Reliability window',
  maxMajorIncidents: 'Major incidents allowed',
  maxMedianRestoreHours: 'Restore target',
  deliverableTypes: 'Deliverable issue types',
  deliveryJql: 'Extra delivery JQL',
  graceDays: 'Grace',
  deliveryWindowDays: 'Delivery window',
  minDecided: 'Fewest decided deliverables',
  minOnTimeRate: 'On-time target',
  dueDateBasis: 'Due date that counts',
  budgetCheck: 'Check budgets (D3)',
  budgetTolerance: 'Budget tolerance',
  minOnBudgetRate: 'On-budget target',
  sustainDays: 'Sustain period',
  ideaType: 'Idea issue type',
  ideaBypassLabels: 'Bypass labels',
  ideaBypassApprovers: 'Bypass approvers',
  maxSnapshotAgeHours: 'Oldest usable gate state',
  waivers: 'Waivers',
};

/** Keys stored as a fraction (0.8) and entered on the page as a percentage ("80"). */
export const PERCENT_KEYS: ReadonlySet<SettingKey> = new Set<SettingKey>([
  'minOnTimeRate',
  'minOnBudgetRate',
  'budgetTolerance',
]);

const UNITS: Partial<Record<SettingKey, 'days' | 'hours'>> = {
  reliabilityWindowDays: 'days',
  graceDays: 'days',
  deliveryWindowDays: 'days',
  sustainDays: 'days',
  maxMedianRestoreHours: 'hours',
  maxSnapshotAgeHours: 'hours',
};

const WAIVER_PARTS: Record<string, string> = {
  criterion: 'the criterion',
  from: 'the start date',
  until: 'the end date',
  reason: 'the reason',
  approver: 'the approver',
};

function isSettingKey(key: string): key is SettingKey {
  return Object.prototype.hasOwnProperty.call(SETTING_LABELS, key);
}

/** The label of a key ("maxMajorIncidents" → "Major incidents allowed"); an unknown key is quoted. */
export function settingLabel(key: string): string {
  return isSettingKey(key) ? SETTING_LABELS[key] : `"${key}"`;
}

/** A fraction as the page shows it: 0.8 → "80 %" (unrounded beyond what floating point needs). */
export function percentText(fraction: number): string {
  return `${Math.round(fraction * 1e6) / 1e4} %`;
}

/** A bound of a number field in the field's unit: "1 day", "24 hours", "80 %", "2". */
function amount(key: SettingKey | null, n: number): string {
  if (key && PERCENT_KEYS.has(key)) return percentText(n);
  const unit = key ? UNITS[key] : undefined;
  if (unit === 'days') return `${n} day${n === 1 ? '' : 's'}`;
  if (unit === 'hours') return `${n} hour${n === 1 ? '' : 's'}`;
  return String(n);
}

/** zod's own messages (English, in its terms): never shown; the sentence is built from the issue instead. */
const ZOD_DEFAULT = /^(Too small|Too big|Invalid|Unrecognized|Expected)/;

type Issue = z.core.$ZodIssue;

function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
  let v: unknown = input;
  for (const p of path) {
    if (v === null || typeof v !== 'object') return undefined;
    v = (v as Record<PropertyKey, unknown>)[p];
  }
  return v;
}

function typeWords(expected: string, key: SettingKey | null): string {
  switch (expected) {
    case 'int':
      return key && UNITS[key] === 'days' ? 'a whole number of days' : 'a whole number';
    case 'number':
      return 'a number';
    case 'boolean':
      return 'on or off';
    case 'array':
      return 'a list';
    case 'string':
      return 'text';
    default:
      return `a ${expected}`;
  }
}

function sentence(issue: Issue, input: unknown): string {
  const path = issue.path.map((p) => (typeof p === 'symbol' ? String(p) : p));
  const top = typeof path[0] === 'string' ? path[0] : '';
  const key = isSettingKey(top) ? top : null;
  if (issue.code === 'unrecognized_keys') {
    const where = path.length ? `${settingLabel(top)}: ` : '';
    return `${where}${issue.keys.map((k) => `"${k}"`).join(', ')} ${issue.keys.length > 1 ? 'are not settings' : 'is not a setting'} of Phase Gate`;
  }
  // Waivers: "Waiver 2: the end date …".
  if (top === 'waivers' && typeof path[1] === 'number') {
    const part = typeof path[2] === 'string' ? (WAIVER_PARTS[path[2]] ?? path[2]) : null;
    const own = ZOD_DEFAULT.test(issue.message) ? null : issue.message;
    const what =
      own ??
      (part ? `${part} is missing or not valid` : 'write criterion | from | until | approver | reason');
    return `Waiver ${path[1] + 1}: ${what}`;
  }
  const label = key ? SETTING_LABELS[key] : settingLabel(top);
  const entry = typeof path[1] === 'number' ? path[1] : null;
  const subject = entry === null ? label : `${label}, entry ${entry + 1}`;
  switch (issue.code) {
    case 'too_small':
    case 'too_big': {
      const small = issue.code === 'too_small';
      const bound = Number(small ? issue.minimum : issue.maximum);
      const inclusive = issue.inclusive !== false;
      if (issue.origin === 'number') {
        if (inclusive) return `${subject} must be ${amount(key, bound)} or ${small ? 'more' : 'less'}`;
        return `${subject} must be ${small ? 'more' : 'less'} than ${amount(key, bound)}`;
      }
      if (issue.origin === 'array') {
        if (small) {
          return `${subject}: choose at least ${bound === 1 ? 'one' : bound}, or leave it empty for the defaults`;
        }
        return `${subject}: at most ${bound}`;
      }
      if (issue.origin === 'string') {
        if (small) return `${subject} must not be empty`;
        return `${subject} must be at most ${bound} characters`;
      }
      break;
    }
    case 'invalid_type': {
      const got = valueAt(input, issue.path);
      if (issue.expected === 'int') return `${subject} must be ${typeWords('int', key)}`;
      if (got === undefined) return `${subject} is missing`;
      return `${subject} must be ${typeWords(issue.expected, key)}`;
    }
    case 'invalid_value':
      return `${subject} must be one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}`;
    case 'invalid_format': {
      const got = valueAt(input, issue.path);
      const shown = typeof got === 'string' ? `"${got}" ` : '';
      if (key === 'incidentProjects' || key === 'deliveryProjects' || key === 'ideaProjects')
        return `${label}: ${shown}is not a Jira project key such as ITSM`;
      return `${subject}: ${shown}is not in the expected form`;
    }
    default:
      break;
  }
  if (!ZOD_DEFAULT.test(issue.message)) {
    // The schema's own words (src/core/config.ts), with the key replaced by the field's label.
    const own =
      top && issue.message.startsWith(`${top}: `) ? issue.message.slice(top.length + 2) : issue.message;
    return `${subject}: ${own}`;
  }
  return `${subject} is not valid`;
}

/**
 * Every problem of a settings document as `{ path, message }`: `path` the key (and entry: "incidentTypes.0"),
 * `message` a sentence in the page's words naming the field.
 * @example settingsIssues(ConfigSchema.safeParse({ maxMajorIncidents: -1 }).error!, { maxMajorIncidents: -1 })
 *   // [{ path: 'maxMajorIncidents', message: 'Major incidents allowed must be 0 or more' }]
 */
export function settingsIssues(error: z.ZodError, input: unknown): { path: string; message: string }[] {
  return error.issues.map((issue) => {
    const path =
      issue.code === 'unrecognized_keys'
        ? [...issue.path.map(String), issue.keys[0] ?? ''].filter(Boolean).join('.')
        : issue.path.map(String).join('.');
    return { path, message: sentence(issue, input) };
  });
}

/**
 * A problem named by its key ("incidentTypes: "Critical" does not exist…", as the name check writes it) in the
 * page's words ("Incident issue types: "Critical" does not exist…").
 */
export function inPageWords(problem: { path: string; message: string }): { path: string; message: string } {
  const top = problem.path.split('.')[0] ?? '';
  if (!isSettingKey(top)) return problem;
  for (const prefix of [`${problem.path}: `, `${top}: `]) {
    if (problem.message.startsWith(prefix)) {
      return {
        path: problem.path,
        message: `${SETTING_LABELS[top]}: ${problem.message.slice(prefix.length)}`,
      };
    }
  }
  return problem;
}

/** A stored value as the version list shows it. */
export function settingValueText(key: SettingKey, value: unknown): string {
  if (value === undefined || value === null) return 'default';
  if (typeof value === 'number') return PERCENT_KEYS.has(key) ? percentText(value) : amount(key, value);
  if (typeof value === 'boolean') return value ? 'on' : 'off';
  if (Array.isArray(value)) {
    if (key === 'waivers')
      return value.length === 0 ? 'none' : `${value.length} waiver${value.length === 1 ? '' : 's'}`;
    return value.length === 0 ? 'none' : value.map(String).join(', ');
  }
  const text = String(value);
  return text === '' ? 'empty' : text.length > 80 ? `${text.slice(0, 77)}…` : text;
}

function same(a: unknown, b: unknown): boolean {
  return JSON.stringify(a ?? null) === JSON.stringify(b ?? null);
}

/**
 * What a new version changed, one line a field in the page's order of keys: "Major incidents allowed 2 → 1",
 * "Incident issue types default → Incident, Outage". `before` undefined: the defaults.
 */
export function describeChanges(before: Partial<Config>, after: Partial<Config>): string[] {
  const out: string[] = [];
  for (const key of Object.keys(SETTING_LABELS) as SettingKey[]) {
    const a = before[key];
    const b = after[key];
    if (same(a, b)) continue;
    out.push(`${SETTING_LABELS[key]} ${settingValueText(key, a)} → ${settingValueText(key, b)}`);
  }
  return out;
}

/** The refusal of a save based on an older version. `by`: a display name, "you" or an account id. */
export function staleSettingsMessage(by: string, at: string): string {
  return `These settings were changed by ${by} at ${at}; reload to see them (your changes are still in the form)`;
}
