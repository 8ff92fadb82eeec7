/**
 * Translation: the one message catalogue (./catalogue) looked up by key in the viewer's language.
 * Pure: no I/O; the locale comes from the caller (the bridge's `view.getContext().locale` in the UI, the resolver's
 * context on the server). Languages shipped: English (the source) and German. docs/i18n.md.
 * @example createTranslator('de-DE').t('common.reload') // 'Laden Sie die Seite neu, …'
 * @example createTranslator('en-GB').plural('wording.causeR1', 3) // '3 major incidents'
 */
import { NAMESPACES, type Catalogue } from './catalogue';
import { isPlural, type MessageKey, type MessageTree, type Plural, type PluralKey } from './messages';

export const LOCALES = ['en-US', 'de-DE'] as const;
export type Locale = (typeof LOCALES)[number];
export type Language = 'en' | 'de';

/** The catalogue's string keys (`'common.reload'`) and plural keys (`'wording.causeR1'`). */
export type Key = MessageKey<Catalogue>;
export type PluralMessageKey = PluralKey<Catalogue>;
export type Params = Readonly<Record<string, string | number>>;

/**
 * The shipped locale for a locale tag from Forge or a browser (`de-DE`, `de_AT`, `de`, `en-GB`, `fr-FR`, none).
 * German for any German tag; English otherwise (the fallback of manifest.yml's `translations`).
 * @example pickLocale('de_CH') // 'de-DE'
 */
export function pickLocale(tag: string | null | undefined): Locale {
  return /^de(?:[-_]|$)/i.test(tag?.trim() ?? '') ? 'de-DE' : 'en-US';
}

function languageOf(locale: Locale): Language {
  return locale === 'de-DE' ? 'de' : 'en';
}

/** One language's whole tree: `{ common: {...}, wording: {...} }`. */
export function catalogueFor(language: Language): MessageTree {
  const tree: Record<string, MessageTree> = {};
  for (const [name, ns] of Object.entries(NAMESPACES)) tree[name] = ns[language] as MessageTree;
  return tree;
}

const TREES: Record<Language, MessageTree> = { en: catalogueFor('en'), de: catalogueFor('de') };

function lookup(tree: MessageTree, key: string): MessageTree[string] | undefined {
  let node: MessageTree[string] | undefined = tree;
  for (const part of key.split('.')) {
    if (typeof node !== 'object' || node === null || isPlural(node)) return undefined;
    node = (node as MessageTree)[part];
  }
  return node;
}

/** `{name}` placeholders filled from params; a placeholder without a value stays visible as `{name}`. */
export function fill(message: string, params: Params = {}): string {
  return message.replace(/\{(\w+)\}/g, (whole, name: string) =>
    Object.prototype.hasOwnProperty.call(params, name) ? String(params[name]) : whole,
  );
}

export interface Translator {
  readonly locale: Locale;
  readonly language: Language;
  /** A message, placeholders filled. */
  t(key: Key, params?: Params): string;
  /** A count's message by the language's plural rule; `{n}` is the count, formatted. */
  plural(key: PluralMessageKey, n: number, params?: Params): string;
  /** A number in the language's digits, to at most `digits` decimals (no grouping: ids and counts stay readable). */
  number(n: number, digits?: number): string;
}

const translators = new Map<Locale, Translator>();

/** The translator of a locale (German or English; any other tag reads English). */
export function createTranslator(tag: string | null | undefined): Translator {
  const locale = pickLocale(tag);
  const cached = translators.get(locale);
  if (cached) return cached;
  const language = languageOf(locale);
  const rules = new Intl.PluralRules(locale);
  const numbers = new Map<number, Intl.NumberFormat>();
  const number = (n: number, digits = 1): string => {
    let f = numbers.get(digits);
    if (!f) {
      f = new Intl.NumberFormat(locale, { maximumFractionDigits: digits, useGrouping: false });
      numbers.set(digits, f);
    }
    return f.format(n);
  };
  const message = (key: string): MessageTree[string] | undefined =>
    lookup(TREES[language], key) ?? lookup(TREES.en, key);
  const translator: Translator = {
    locale,
    language,
    number,
    t(key, params) {
      const m = message(key);
      return typeof m === 'string' ? fill(m, params) : key;
    },
    plural(key, n, params) {
      const m = message(key);
      if (!isPlural(m)) return key;
      const form: keyof Plural = rules.select(n) === 'one' ? 'one' : 'other';
      return fill(m[form], { n: number(n), ...params });
    },
  };
  translators.set(locale, translator);
  return translator;
}
