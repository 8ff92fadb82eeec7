import { defineMessages } from '../messages';

/** The UI's small formats (static/src/format.ts): ages, missing values. */
export const format = defineMessages({
  en: {
    never: 'never',
    justNow: 'just now',
    minutesAgo: { one: '{n} minute ago', other: '{n} minutes ago' },
    hoursAgo: { one: '{n} hour ago', other: '{n} hours ago' },
    daysAgo: { one: '{n} day ago', other: '{n} days ago' },
  },
  de: {
    never: 'nie',
    justNow: 'gerade eben',
    minutesAgo: { one: 'vor {n} Minute', other: 'vor {n} Minuten' },
    hoursAgo: { one: 'vor {n} Stunde', other: 'vor {n} Stunden' },
    daysAgo: { one: 'vor {n} Tag', other: 'vor {n} Tagen' },
  },
});
