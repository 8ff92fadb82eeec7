import { DEFAULT_CONFIG, parseConfig } from '../../src/core/config';

describe('configuration', () => {
  test('defaults are the spec defaults', () => {
    expect(DEFAULT_CONFIG).toEqual({
      timeZone: 'UTC',
      excludedResolutions: ['Duplicate', "Won't Do", 'Cannot Reproduce', 'Declined'],
      incidentTypes: ['Incident'],
      incidentExemptLabels: ['not-an-incident', 'external-cause'],
      majorPriorities: ['Highest', 'High'],
      reliabilityWindowDays: 90,
      maxMajorIncidents: 2,
      maxMedianRestoreHours: 24,
      deliverableTypes: ['Epic'],
      graceDays: 0,
      deliveryWindowDays: 180,
      minDecided: 5,
      minOnTimeRate: 0.8,
      sustainDays: 1,
      ideaType: 'Innovation Idea',
      ideaBypassLabels: ['reliability', 'security'],
      maxSnapshotAgeHours: 48,
    });
  });

  test.each([
    [{ bogus: 1 }, 'unknown key bogus'],
    [{ graceDays: 'two' }, 'graceDays:'],
    [{ minOnTimeRate: 1.5 }, 'minOnTimeRate: a rate from 0 to 1'],
    [{ reliabilityWindowDays: 0 }, 'reliabilityWindowDays: at least 1 day'],
    [{ deliveryWindowDays: -5 }, 'deliveryWindowDays: at least 1 day'],
    [{ incidentTypes: [] }, 'incidentTypes: at least one incident type is needed'],
    [{ deliverableTypes: [''] }, 'deliverableTypes'],
    [{ timeZone: 'Mars/Olympus' }, 'timeZone: unknown time zone "Mars/Olympus"'],
    [{ sustainDays: 1.5 }, 'sustainDays: a whole number of days'],
    [
      { incidentJql: 'project = X ORDER BY created' },
      'incidentJql: an extra JQL clause cannot contain ORDER BY',
    ],
  ])('rejects %j naming the key', (input, message) => {
    expect(() => parseConfig(input)).toThrow(message);
  });

  test('keeps given values and fills the rest', () => {
    const c = parseConfig({ graceDays: 2, timeZone: 'Europe/Paris', incidentJql: 'component = Payments' });
    expect(c).toMatchObject({
      graceDays: 2,
      timeZone: 'Europe/Paris',
      incidentJql: 'component = Payments',
      minDecided: 5,
    });
  });
});
