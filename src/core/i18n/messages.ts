/**
 * The shape of the message catalogue (docs/i18n.md). A namespace holds its English and German messages side by side;
 * the German tree must have exactly the English keys, so a message left untranslated does not compile.
 *
 * A message is a string with `{name}` placeholders, or a plural: `{ one, other }`, chosen by the locale's plural rule.
 * @example defineMessages({ en: { refresh: 'Refresh' }, de: { refresh: 'Aktualisieren' } })
 */

/** A message that depends on a count: `{ one: '{n} idea', other: '{n} ideas' }`. */
export interface Plural {
  readonly one: string;
  readonly other: string;
}

export interface MessageTree {
  readonly [key: string]: string | Plural | MessageTree;
}

/** The same keys as `T`, every message a string. */
export type SameKeys<T> = {
  readonly [K in keyof T]: T[K] extends string ? string : T[K] extends Plural ? Plural : SameKeys<T[K]>;
};

export interface Namespace<E extends MessageTree> {
  readonly en: E;
  readonly de: SameKeys<E>;
}

/** Declares a namespace of the catalogue: English first, German with the same keys. */
export function defineMessages<E extends MessageTree>(messages: { en: E; de: SameKeys<E> }): Namespace<E> {
  return messages;
}

/** True for a plural message (`{ one, other }` and nothing else). */
export function isPlural(value: unknown): value is Plural {
  if (typeof value !== 'object' || value === null) return false;
  const keys = Object.keys(value).sort();
  return keys.length === 2 && keys[0] === 'one' && keys[1] === 'other';
}

/** Dotted paths to the string messages of `T`: `'project.refresh'`. */
export type MessageKey<T, P extends string = ''> = {
  [K in keyof T & string]: T[K] extends string
    ? `${P}${K}`
    : T[K] extends Plural
      ? never
      : MessageKey<T[K], `${P}${K}.`>;
}[keyof T & string];

/** Dotted paths to the plural messages of `T`. */
export type PluralKey<T, P extends string = ''> = {
  [K in keyof T & string]: T[K] extends string
    ? never
    : T[K] extends Plural
      ? `${P}${K}`
      : PluralKey<T[K], `${P}${K}.`>;
}[keyof T & string];
