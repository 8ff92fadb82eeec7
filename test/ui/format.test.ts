import {
  formatAge,
  formatCalendarDate,
  formatCriterionLabel,
  formatCriterionValue,
  formatHours,
  formatInstant,
  formatInstantDate,
  formatPercent,
  formatSavedBy,
  formatTarget,
  formatTrendLabel,
  hintText,
  minutesSince,
  parseTargetNumber,
  plural,
  prettyOperators,
  sentence,
} from '../../static/src/format';

describe('UI formatting', () => {
  test('percentages round to one decimal and drop a trailing .0', () => {
    expect(formatPercent(0.6667)).toBe('66.7%');
    expect(formatPercent(0.8)).toBe('80%');
    expect(formatPercent(1)).toBe('100%');
    expect(formatPercent(0)).toBe('0%');
    expect(formatPercent(null)).toBe('no data');
    expect(formatPercent(NaN)).toBe('no data');
  });

  test('hours: one decimal below 10, whole above, days from 72 h', () => {
    expect(formatHours(5.54)).toBe('5.5 h');
    expect(formatHours(31.5)).toBe('32 h');
    expect(formatHours(0)).toBe('0 h');
    expect(formatHours(130)).toBe('130 h (5.4 days)');
    expect(formatHours(null)).toBe('no data');
  });

  test('a criterion value is shown in its unit', () => {
    expect(formatCriterionValue({ id: 'R1', value: 3 })).toBe('3');
    expect(formatCriterionValue({ id: 'R2', value: 5.5 })).toBe('5.5 h');
    expect(formatCriterionValue({ id: 'R3', value: 52.25 })).toBe('52 h');
    expect(formatCriterionValue({ id: 'D1', value: 9 })).toBe('9');
    expect(formatCriterionValue({ id: 'D2', value: 0.6667 })).toBe('66.7%');
    expect(formatCriterionValue({ id: 'D2', value: null })).toBe('no data');
  });

  test('targets read as maths, with units', () => {
    expect(formatTarget({ id: 'R1', target: '<= 2' })).toBe('≤ 2');
    expect(formatTarget({ id: 'R2', target: '<= 24' })).toBe('≤ 24 h');
    expect(formatTarget({ id: 'D1', target: '>= 5' })).toBe('≥ 5');
    expect(formatTarget({ id: 'D2', target: '>= 80%' })).toBe('≥ 80%');
    expect(formatTarget({ id: 'D2', target: '>= 0.8' })).toBe('≥ 80%');
  });

  test('labels lose their unit note', () => {
    expect(formatCriterionLabel('Median time to restore in 90 days (hours)')).toBe(
      'Median time to restore in 90 days',
    );
    expect(formatCriterionLabel('On-time rate')).toBe('On-time rate');
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
    expect(formatCalendarDate('2026-06-30')).toBe('30 Jun 2026');
    expect(formatCalendarDate(null)).toBe('—');
  });

  test('target numbers', () => {
    expect(parseTargetNumber('<= 24')).toBe(24);
    expect(parseTargetNumber('>= 80%')).toBeCloseTo(0.8);
    expect(parseTargetNumber('>= 0.8')).toBe(0.8);
    expect(parseTargetNumber('none')).toBeNull();
  });

  test('hints lose a restatement of value and target', () => {
    expect(hintText('on-time rate 66.7%, needs 80%: about 2 more on-time deliveries')).toBe(
      'about 2 more on-time deliveries',
    );
    expect(
      hintText('2 major incidents too many; with no new ones, the count drops to 2 after 2026-07-02'),
    ).toBe('2 major incidents too many; with no new ones, the count drops to 2 after 2026-07-02');
    expect(hintText('resolve OPS-123')).toBe('resolve OPS-123');
    expect(prettyOperators('needs <= 2 and >= 5')).toBe('needs ≤ 2 and ≥ 5');
    expect(sentence('resolve OPS-1')).toBe('Resolve OPS-1');
    expect(plural(1, 'idea')).toBe('1 idea');
    expect(plural(2, 'idea')).toBe('2 ideas');
  });
});

describe('instants', () => {
  test('as a date, or a date and time, in the given zone; the ISO text when unreadable', () => {
    const iso = '2026-06-30T22:30:00.000Z';
    expect(formatInstantDate(iso, 'en-GB', 'UTC')).toBe('30 Jun 2026');
    expect(formatInstantDate(iso, 'en-GB', 'Europe/Paris')).toBe('1 Jul 2026');
    expect(formatInstant(iso, 'en-GB', 'UTC')).toBe('30 Jun 2026, 22:30');
    expect(formatInstant('soon')).toBe('soon');
    expect(formatInstantDate(null)).toBe('—');
    expect(formatInstant(iso, 'en-GB', 'Not/AZone')).toBe('2026-06-30 22:30');
    expect(formatInstantDate(iso, 'en-GB', 'Not/AZone')).toBe('2026-06-30');
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
