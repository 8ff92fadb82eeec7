/**
 * The settings in the settings page's words (issue #10, "messages in the product's words"): the name of every key
 * as the page labels it, every validation problem as a sentence naming the field ("Major incidents allowed must be 0
 * or more", never zod's "Too small: expected number to be >=0"), and what a saved version changed
 * ("Major incidents allowed 2 → 1"). The resolvers and the page use the same words, from the message catalogue
 * (namespace `settings`): every function takes the viewer's words last, English by default (the command line's).
 */
import type { z } from 'zod';
import type { Config } from './config';
import type { Key } from './i18n';
import { wordsFor, type Words } from './wording';

const ENGLISH = wordsFor('en-US');

export type SettingKey = keyof Config;

/** Every configuration key, in the page's order (an object, so that the compiler finds a key left out). */
const SETTING_ORDER = {
  timeZone: true,
  name: true,
  incidentProjects: true,
  deliveryProjects: true,
  ideaProjects: true,
  excludedResolutions: true,
  incidentTypes: true,
  incidentJql: true,
  incidentExemptLabels: true,
  majorPriorities: true,
  reliabilityWindowDays: true,
  maxMajorIncidents: true,
  maxMedianRestoreHours: true,
  deliverableTypes: true,
  deliveryJql: true,
  graceDays: true,
  deliveryWindowDays: true,
  minDecided: true,
  minOnTimeRate: true,
  dueDateBasis: true,
  budgetCheck: true,
  budgetTolerance: true,
  minOnBudgetRate: true,
  sustainDays: true,
  ideaType: true,
  ideaBypassLabels: true,
  ideaBypassApprovers: true,
  maxSnapshotAgeHours: true,
  waivers: true,
} satisfies Record<SettingKey, true>;
const SETTING_KEYS = Object.keys(SETTING_ORDER) as SettingKey[];

/** Every configuration key as the settings page labels it, in a language (English by default). */
export function settingLabels(words: Words = ENGLISH): Record<SettingKey, string> {
  const { t } = words.translator;
  return Object.fromEntries(SETTING_KEYS.map((k) => [k, t(`settings.label.${k}` as Key)])) as Record<
    SettingKey,
    string
  >;
}

/** Every configuration key as the settings page labels it (English). */
export const SETTING_LABELS: Record<SettingKey, string> = settingLabels();

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

const WAIVER_PARTS: ReadonlySet<string> = new Set(['criterion', 'from', 'until', 'reason', 'approver']);

function isSettingKey(key: string): key is SettingKey {
  return (SETTING_KEYS as readonly string[]).includes(key);
}

/** The label of a key ("maxMajorIncidents" → "Major incidents allowed"); an unknown key is quoted. */
export function settingLabel(key: string, words: Words = ENGLISH): string {
  return isSettingKey(key) ? words.translator.t(`settings.label.${key}` as Key) : `"${key}"`;
}

/** A fraction as the page shows it: 0.8 → "80 %" (unrounded beyond what floating point needs; "12,5 %" in German). */
export function percentText(fraction: number, words: Words = ENGLISH): string {
  const { t, number } = words.translator;
  return t('settings.percent', { n: number(Math.round(fraction * 1e6) / 1e4, 4) });
}

/** A bound of a number field in the field's unit: "1 day", "24 hours", "80 %", "2". */
function amount(key: SettingKey | null, n: number, words: Words): string {
  if (key && PERCENT_KEYS.has(key)) return percentText(n, words);
  const unit = key ? UNITS[key] : undefined;
  const { plural, number } = words.translator;
  if (unit === 'days') return plural('settings.days', n);
  if (unit === 'hours') return plural('settings.hours', n);
  return number(n, 4);
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

function typeWords(expected: string, key: SettingKey | null, words: Words): string {
  const { t } = words.translator;
  switch (expected) {
    case 'int':
      return key && UNITS[key] === 'days' ? t('settings.typeWholeDays') : t('settings.typeWhole');
    case 'number':
      return t('settings.typeNumber');
    case 'boolean':
      return t('settings.typeBoolean');
    case 'array':
      return t('settings.typeList');
    case 'string':
      return t('settings.typeText');
    default:
      return t('settings.typeOther', { type: expected });
  }
}

function sentence(issue: Issue, input: unknown, words: Words): string {
  const { t, plural } = words.translator;
  const path = issue.path.map((p) => (typeof p === 'symbol' ? String(p) : p));
  const top = typeof path[0] === 'string' ? path[0] : '';
  const key = isSettingKey(top) ? top : null;
  if (issue.code === 'unrecognized_keys') {
    const message = plural('settings.notASetting', issue.keys.length, {
      keys: issue.keys.map((k) => `"${k}"`).join(', '),
    });
    return path.length ? t('settings.inField', { label: settingLabel(top, words), message }) : message;
  }
  // Waivers: "Waiver 2: the end date …".
  if (top === 'waivers' && typeof path[1] === 'number') {
    const part =
      typeof path[2] === 'string'
        ? WAIVER_PARTS.has(path[2])
          ? t(`settings.waiverPart.${path[2]}` as Key)
          : path[2]
        : null;
    const own = ZOD_DEFAULT.test(issue.message) ? null : issue.message;
    const message =
      own ??
      (part
        ? t('settings.waiverPartInvalid', { part })
        : t('settings.waiverWrite', { columns: t('settings.waiverColumns') }));
    return t('settings.waiver', { n: path[1] + 1, message });
  }
  const label = settingLabel(top, words);
  const entry = typeof path[1] === 'number' ? path[1] : null;
  // The field as the subject of a sentence ("„Kulanzzeit“ muss …" in German).
  const subject =
    entry === null ? t('settings.subject', { label }) : t('settings.entry', { label, n: entry + 1 });
  switch (issue.code) {
    case 'too_small':
    case 'too_big': {
      const small = issue.code === 'too_small';
      const bound = Number(small ? issue.minimum : issue.maximum);
      const inclusive = issue.inclusive !== false;
      if (issue.origin === 'number') {
        const params = { subject, amount: amount(key, bound, words) };
        if (inclusive) return t(small ? 'settings.atLeastAmount' : 'settings.atMostAmount', params);
        return t(small ? 'settings.moreThan' : 'settings.lessThan', params);
      }
      if (issue.origin === 'array') {
        if (small) return plural('settings.chooseAtLeast', bound, { subject });
        return t('settings.atMostEntries', { subject, n: bound });
      }
      if (issue.origin === 'string') {
        if (small) return t('settings.notEmpty', { subject });
        return t('settings.atMostCharacters', { subject, n: bound });
      }
      break;
    }
    case 'invalid_type': {
      const got = valueAt(input, issue.path);
      if (issue.expected === 'int')
        return t('settings.mustBe', { subject, what: typeWords('int', key, words) });
      if (got === undefined) return t('settings.missing', { subject });
      return t('settings.mustBe', { subject, what: typeWords(issue.expected, key, words) });
    }
    case 'invalid_value':
      return t('settings.oneOf', { subject, values: issue.values.map((v) => JSON.stringify(v)).join(', ') });
    case 'invalid_format': {
      const got = valueAt(input, issue.path);
      const shown = typeof got === 'string';
      if (key === 'incidentProjects' || key === 'deliveryProjects' || key === 'ideaProjects') {
        return shown
          ? t('settings.notProjectKeyValue', { label, value: got })
          : t('settings.notProjectKey', { label });
      }
      return shown
        ? t('settings.notExpectedFormValue', { subject, value: got })
        : t('settings.notExpectedForm', { subject });
    }
    default:
      break;
  }
  if (!ZOD_DEFAULT.test(issue.message)) {
    // The schema's own words (src/core/config.ts), with the key replaced by the field's label.
    const own =
      top && issue.message.startsWith(`${top}: `) ? issue.message.slice(top.length + 2) : issue.message;
    return t('settings.inField', { label: subject, message: own });
  }
  return t('settings.notValid', { subject });
}

/**
 * Every problem of a settings document as `{ path, message }`: `path` the key (and entry: "incidentTypes.0"),
 * `message` a sentence in the page's words naming the field, in the words' language (English by default).
 * @example settingsIssues(ConfigSchema.safeParse({ maxMajorIncidents: -1 }).error!, { maxMajorIncidents: -1 })
 *   // [{ path: 'maxMajorIncidents', message: 'Major incidents allowed must be 0 or more' }]
 */
export function settingsIssues(
  error: z.ZodError,
  input: unknown,
  words: Words = ENGLISH,
): { path: string; message: string }[] {
  return error.issues.map((issue) => {
    const path =
      issue.code === 'unrecognized_keys'
        ? [...issue.path.map(String), issue.keys[0] ?? ''].filter(Boolean).join('.')
        : issue.path.map(String).join('.');
    return { path, message: sentence(issue, input, words) };
  });
}

/**
 * A problem named by its key ("incidentTypes: "Critical" does not exist…", as the name check writes it) in the
 * page's words ("Incident issue types: "Critical" does not exist…").
 */
export function inPageWords(
  problem: { path: string; message: string },
  words: Words = ENGLISH,
): { path: string; message: string } {
  const top = problem.path.split('.')[0] ?? '';
  if (!isSettingKey(top)) return problem;
  for (const prefix of [`${problem.path}: `, `${top}: `]) {
    if (problem.message.startsWith(prefix)) {
      return {
        path: problem.path,
        message: words.translator.t('settings.inField', {
          label: settingLabel(top, words),
          message: problem.message.slice(prefix.length),
        }),
      };
    }
  }
  return problem;
}

/** A stored value as the version list shows it. */
export function settingValueText(key: SettingKey, value: unknown, words: Words = ENGLISH): string {
  const { t, plural } = words.translator;
  if (value === undefined || value === null) return t('settings.valueDefault');
  if (typeof value === 'number') return amount(key, value, words);
  if (typeof value === 'boolean') return value ? t('settings.valueOn') : t('settings.valueOff');
  if (Array.isArray(value)) {
    if (key === 'waivers')
      return value.length === 0 ? t('settings.valueNone') : plural('settings.valueWaivers', value.length);
    return value.length === 0 ? t('settings.valueNone') : value.map(String).join(', ');
  }
  const text = String(value);
  return text === '' ? t('settings.valueEmpty') : text.length > 80 ? `${text.slice(0, 77)}…` : text;
}

function same(a: unknown, b: unknown): boolean {
  return JSON.stringify(a ?? null) === JSON.stringify(b ?? null);
}

/**
 * What a new version changed, one line a field in the page's order of keys: "Major incidents allowed 2 → 1",
 * "Incident issue types default → Incident, Outage". `before` undefined: the defaults.
 */
export function describeChanges(
  before: Partial<Config>,
  after: Partial<Config>,
  words: Words = ENGLISH,
): string[] {
  const out: string[] = [];
  for (const key of SETTING_KEYS) {
    const a = before[key];
    const b = after[key];
    if (same(a, b)) continue;
    out.push(
      words.translator.t('settings.change', {
        label: settingLabel(key, words),
        before: settingValueText(key, a, words),
        after: settingValueText(key, b, words),
      }),
    );
  }
  return out;
}

/** The refusal of a save based on an older version. `by`: a display name, "you" or an account id. */
export function staleSettingsMessage(by: string, at: string, words: Words = ENGLISH): string {
  return words.translator.t('settings.stale', { by, at });
}
