/**
 * The UI's door to the message catalogue (src/core/i18n): the language is the bridge's `view.getContext().locale`
 * (the viewer's Atlassian language), German for `de-*`, English otherwise. Every surface words through `useI18n()`:
 * `t` for a message, `plural` for a count, `w` for the wording module (units, dates, criteria) in that language.
 * @example const { t, w } = useI18n(); t('project.refresh'); w.formatCalendarDate('2027-01-09')
 */
import { createContext, useContext, useEffect, type ReactNode } from 'react';
import type { Translator } from '../../src/core/i18n';
import { wordsFor, type Words } from '../../src/core/wording';

export interface I18n {
  locale: Translator['locale'];
  t: Translator['t'];
  plural: Translator['plural'];
  number: Translator['number'];
  /** The wording module in the viewer's language. */
  w: Words;
}

/** The words of a locale tag (any tag; unknown languages read English). */
export function i18nFor(tag: string | null | undefined): I18n {
  const w = wordsFor(tag);
  const tr = w.translator;
  return { locale: tr.locale, t: tr.t, plural: tr.plural, number: tr.number, w };
}

/** Before the bridge answers: the browser's language. */
export function browserI18n(): I18n {
  return i18nFor(typeof navigator === 'undefined' ? undefined : navigator.language);
}

const I18nContext = createContext<I18n>(i18nFor('en-US'));

/** Gives every surface below it the viewer's language; sets `<html lang>` so screen readers read it right. */
export function I18nProvider({
  locale,
  children,
}: {
  locale: string | null | undefined;
  children: ReactNode;
}) {
  const value = i18nFor(locale);
  useEffect(() => {
    document.documentElement.lang = value.locale;
  }, [value.locale]);
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

/** The viewer's words. */
export function useI18n(): I18n {
  return useContext(I18nContext);
}
