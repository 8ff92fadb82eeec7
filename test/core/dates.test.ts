import {
  addDays,
  calendarDateOf,
  daysBetween,
  endOfDayIn,
  inWindow,
  isCalendarDate,
  isTimeZone,
  parseJiraDateTime,
  previousMonthEnds,
  startOfDayIn,
} from '../../src/core/dates';

describe('dates', () => {
  test('a calendar date must be a real YYYY-MM-DD date', () => {
    expect(isCalendarDate('2026-05-01')).toBe(true);
    expect(isCalendarDate('2028-02-29')).toBe(true);
    expect(isCalendarDate('2026-02-29')).toBe(false);
    expect(isCalendarDate('2026-13-01')).toBe(false);
    expect(isCalendarDate('2026-5-1')).toBe(false);
    expect(isCalendarDate('01/05/2026')).toBe(false);
  });

  test('calendar arithmetic crosses months, leap days and DST without drift', () => {
    expect(addDays('2026-02-28', 1)).toBe('2026-03-01');
    expect(addDays('2028-02-28', 1)).toBe('2028-02-29');
    expect(addDays('2026-03-29', -1)).toBe('2026-03-28');
    expect(addDays('2026-01-01', -1)).toBe('2025-12-31');
    expect(daysBetween('2026-05-01', '2026-05-05')).toBe(4);
    expect(daysBetween('2026-05-05', '2026-05-01')).toBe(-4);
  });

  test('calendar arithmetic does not depend on the process time zone', () => {
    // addDays must not go through new Date('YYYY-MM-DD') in local time.
    expect(addDays('2026-10-25', 1)).toBe('2026-10-26');
    expect(addDays('2026-03-08', 1)).toBe('2026-03-09');
  });

  test('Jira datetimes are read with their own +hhmm offset', () => {
    expect(parseJiraDateTime('2024-05-01T10:20:30.000+0000')).toBe(Date.parse('2024-05-01T10:20:30Z'));
    expect(parseJiraDateTime('2024-05-01T10:20:30.000-0530')).toBe(Date.parse('2024-05-01T15:50:30Z'));
    expect(parseJiraDateTime('2024-05-01T10:20:30.000+1000')).toBe(Date.parse('2024-05-01T00:20:30Z'));
    expect(parseJiraDateTime('2024-05-01T10:20:30+05:30')).toBe(Date.parse('2024-05-01T04:50:30Z'));
    expect(parseJiraDateTime('2024-05-01T10:20:30.000Z')).toBe(Date.parse('2024-05-01T10:20:30Z'));
  });

  test('malformed datetimes are not guessed', () => {
    expect(parseJiraDateTime('2024-05-01')).toBeNull();
    expect(parseJiraDateTime('yesterday')).toBeNull();
    expect(parseJiraDateTime('2024-13-45T10:00:00.000+0000')).toBeNull();
  });

  test('an instant becomes a calendar date in the configured zone', () => {
    const t = Date.parse('2026-03-01T02:00:00Z');
    expect(calendarDateOf(t, 'UTC')).toBe('2026-03-01');
    expect(calendarDateOf(t, 'America/New_York')).toBe('2026-02-28');
    expect(calendarDateOf(Date.parse('2026-06-30T22:30:00Z'), 'Europe/Paris')).toBe('2026-07-01');
  });

  test('day boundaries follow DST in the zone', () => {
    // Europe/Paris switches to summer time on 2026-03-29: that day has 23 hours.
    expect(endOfDayIn('2026-03-29', 'Europe/Paris') - startOfDayIn('2026-03-29', 'Europe/Paris')).toBe(
      23 * 3600_000,
    );
    expect(startOfDayIn('2026-07-01', 'Europe/Paris')).toBe(Date.parse('2026-06-30T22:00:00Z'));
    expect(endOfDayIn('2026-06-30', 'UTC')).toBe(Date.parse('2026-07-01T00:00:00Z'));
  });

  test('window of N days ending at asOf: asOf − N < D ≤ asOf', () => {
    expect(inWindow('2026-06-30', '2026-06-30', 90)).toBe(true);
    expect(inWindow('2026-04-02', '2026-06-30', 90)).toBe(true); // asOf − 89
    expect(inWindow('2026-04-01', '2026-06-30', 90)).toBe(false); // asOf − 90
    expect(inWindow('2026-07-01', '2026-06-30', 90)).toBe(false);
    expect(inWindow('2026-06-30', '2026-06-30', 1)).toBe(true);
    expect(inWindow('2026-06-29', '2026-06-30', 1)).toBe(false);
  });

  test('the trend uses the month-ends before asOf', () => {
    expect(previousMonthEnds('2026-06-15', 3)).toEqual(['2026-03-31', '2026-04-30', '2026-05-31']);
    expect(previousMonthEnds('2026-03-31', 2)).toEqual(['2026-01-31', '2026-02-28']);
  });

  test('time zones are IANA names', () => {
    expect(isTimeZone('Europe/Paris')).toBe(true);
    expect(isTimeZone('Mars/Olympus')).toBe(false);
    expect(isTimeZone('')).toBe(false);
  });
});
