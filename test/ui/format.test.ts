import { formatHours, formatRate, wordsFor } from '../../src/core/wording';
import {
  formatAge,
  formatDateOrNone,
  formatHoursOrNone,
  formatInstant,
  formatInstantDate,
  formatRateOrNone,
  formatDeferral,
  formatSavedBy,
  formatTrendLabel,
  minutesSince,
  plural,
  sentence,
} from '../../static/src/format';

describe('UI formatting', () => {
  test('rates and hours are the wording module’s, with "no data" for an absent number', () => {
    expect(formatRateOrNone(0.6667)).toBe(formatRate(0.6667));
    expect(formatRateOrNone(0.6667)).toBe('66.7%');
    expect(formatRateOrNone(0.8)).toBe('80%');
    expect(formatRateOrNone(null)).toBe('no data');
    expect(formatRateOrNone(NaN)).toBe('no data');
    expect(formatHoursOrNone(5.54)).toBe('5.5 h');
    expect(formatHoursOrNone(160.1)).toBe(formatHours(160.1));
    expect(formatHoursOrNone(160.1)).toBe('160 h (6.7 days)');
    expect(formatHoursOrNone(null)).toBe('no data');
  });

  test('ages', () => {
    expect(formatAge(0.4)).toBe('just now');
    expect(formatAge(1)).toBe('1 minute ago');
    expect(formatAge(59)).toBe('59 minutes ago');
    expect(formatAge(60)).toBe('1 hour ago');
    expect(formatAge(47 * 60)).toBe('47 hours ago');
    expect(formatAge(48 * 60)).toBe('2 days ago');
    expect(formatAge(null)).toBe('never');
    expect(minutesSince('2026-06-30T08:00:00.000Z', Date.parse('2026-06-30T08:30:00.000Z'))).toBe(30);
    expect(minutesSince(null, 0)).toBeNull();
    expect(minutesSince('not a date', 0)).toBeNull();
  });

  test('trend labels: month-ends are months, other days are days', () => {
    expect(formatTrendLabel('2026-05-31')).toBe('May 2026');
    expect(formatTrendLabel('2024-02-29')).toBe('Feb 2024');
    expect(formatTrendLabel('2026-02-28')).toBe('Feb 2026');
    expect(formatTrendLabel('2026-06-15')).toBe('15 Jun 2026');
    expect(formatTrendLabel('2026-06-30', true)).toBe('Jun ’26');
    expect(formatTrendLabel('garbage')).toBe('garbage');
    expect(formatDateOrNone('2026-06-30')).toBe('30 Jun 2026');
    expect(formatDateOrNone(null)).toBe('—');
  });

  test('small words', () => {
    expect(sentence('resolve OPS-1')).toBe('Resolve OPS-1');
    expect(sentence('')).toBe('');
    expect(plural(1, 'idea')).toBe('1 idea');
    expect(plural(2, 'idea')).toBe('2 ideas');
  });
});

describe('instants', () => {
  test('as a date, or a date and time, in the given zone, in the wording module’s format', () => {
    const iso = '2026-06-30T22:30:00.000Z';
    expect(formatInstantDate(iso, 'UTC')).toBe('30 Jun 2026');
    expect(formatInstantDate(iso, 'Europe/Paris')).toBe('1 Jul 2026');
    expect(formatInstant(iso, 'UTC')).toBe('30 Jun 2026, 22:30 UTC');
    expect(formatInstant('soon')).toBe('soon');
    expect(formatInstant(null)).toBe('—');
    expect(formatInstantDate(null)).toBe('—');
    // An unknown zone falls back to UTC rather than failing.
    expect(formatInstant(iso, 'Not/AZone')).toBe('30 Jun 2026, 22:30 UTC');
    expect(formatInstantDate(iso, 'Not/AZone')).toBe('30 Jun 2026');
  });
});

describe('who saved a version', () => {
  test('the viewer, an account id, or a name', () => {
    expect(
      formatSavedBy(
        '557058:f58131cb-b67d-43c7-b30d-6b58d40bd077',
        '557058:f58131cb-b67d-43c7-b30d-6b58d40bd077',
      ),
    ).toBe('you');
    expect(formatSavedBy('557058:f58131cb-b67d-43c7-b30d-6b58d40bd077', 'other')).toBe(
      'a project administrator',
    );
    expect(formatSavedBy('5b10a2844c20165700ede21g'.replace('g', 'f'))).toBe('a project administrator');
    expect(formatSavedBy('Alana Grant')).toBe('Alana Grant');
  });
});

describe('a deferral for the Jira points budget (issue #12)', () => {
  test('is said in the product’s words, with the next try in the wording module’s format', () => {
    expect(formatDeferral({ nextTryAt: '2026-12-03T15:00:00.000Z' }, 'UTC')).toBe(
      'Update deferred: Jira points budget — the next try is at 3 Dec 2026, 15:00 UTC',
    );
  });
});

describe('issue #14: the formats in German (the viewer’s words as the last parameter)', () => {
  const de = wordsFor('de-DE');
  test('missing values, trend labels, dates and who saved', () => {
    expect(formatRateOrNone(null, de)).toBe('keine Daten');
    expect(formatRateOrNone(0.6667, de)).toBe('66,7 %');
    expect(formatHoursOrNone(160.1, de)).toBe('160 Std. (6,7 Tage)');
    expect(formatDateOrNone('2026-06-30', de)).toBe('30. Juni 2026');
    expect(formatTrendLabel('2026-03-31', false, de)).toBe('März 2026');
    expect(formatTrendLabel('2026-12-31', true, de)).toBe('Dez. ’26');
    expect(formatInstantDate('2026-06-30T23:30:00Z', 'Europe/Paris', de)).toBe('1. Juli 2026');
    expect(formatSavedBy('5b10a2844c20165700ede21f', undefined, de)).toBe('einem Projektadministrator');
    expect(formatDeferral({ nextTryAt: '2026-12-03T15:00:00.000Z' }, 'UTC', de)).toMatch(
      /^Aktualisierung zurückgestellt: .* 3\. Dez\. 2026, 15:00 UTC$/,
    );
  });
});
