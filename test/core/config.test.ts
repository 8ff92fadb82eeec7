import {
  DEFAULT_CONFIG,
  DEFAULT_EXCLUDED_RESOLUTIONS,
  DEFAULT_INCIDENT_TYPES,
  parseConfig,
} from '../../src/core/config';

const waiver = (over: Record<string, unknown> = {}) => ({
  criterion: 'D1',
  from: '2026-06-01',
  until: '2026-06-30',
  reason: 'migration freeze',
  approver: 'Dana (CIO)',
  ...over,
});

describe('configuration', () => {
  test('defaults are the spec defaults; site-derived names are left to the site', () => {
    expect(DEFAULT_CONFIG).toEqual({
      timeZone: 'UTC',
      incidentExemptLabels: ['not-an-incident', 'external-cause'],
      reliabilityWindowDays: 90,
      maxMajorIncidents: 2,
      maxMedianRestoreHours: 24,
      graceDays: 0,
      deliveryWindowDays: 180,
      minDecided: 5,
      minOnTimeRate: 0.8,
      sustainDays: 1,
      dueDateBasis: 'committed',
      budgetCheck: false,
      budgetTolerance: 0.1,
      minOnBudgetRate: 0.8,
      waivers: [],
      ideaType: 'Innovation Idea',
      ideaBypassLabels: ['reliability', 'security'],
      ideaBypassApprovers: [],
      maxSnapshotAgeHours: 48,
    });
    // Omitted names take these defaults when resolved against the site (SPEC §3.0).
    expect(DEFAULT_INCIDENT_TYPES).toEqual(['Incident', '[System] Incident']);
    expect(DEFAULT_EXCLUDED_RESOLUTIONS).toEqual(['Duplicate', "Won't Do", 'Cannot Reproduce', 'Declined']);
    expect(DEFAULT_CONFIG.majorPriorities).toBeUndefined();
    expect(DEFAULT_CONFIG.deliverableTypes).toBeUndefined();
    expect(DEFAULT_CONFIG.incidentProjects).toBeUndefined();
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
    [{ dueDateBasis: 'latest' }, 'dueDateBasis'],
    [{ budgetTolerance: -0.1 }, 'budgetTolerance: a tolerance from 0 to 10'],
    [{ minOnBudgetRate: 2 }, 'minOnBudgetRate: a rate from 0 to 1'],
    [{ incidentProjects: [] }, 'incidentProjects: at least one project'],
    [{ deliveryProjects: ['APP', 'app'] }, 'deliveryProjects: a project is listed twice'],
    [{ ideaProjects: ['1DEAS'] }, 'ideaProjects: a Jira project key'],
  ])('rejects %j naming the key', (input, message) => {
    expect(() => parseConfig(input)).toThrow(message);
  });

  test('keeps given values and fills the rest; project keys are trimmed and upper-cased', () => {
    const c = parseConfig({
      graceDays: 2,
      timeZone: 'Europe/Paris',
      incidentJql: 'component = Payments',
      deliveryProjects: [' app', 'DATA'],
    });
    expect(c).toMatchObject({
      graceDays: 2,
      timeZone: 'Europe/Paris',
      incidentJql: 'component = Payments',
      minDecided: 5,
      deliveryProjects: ['APP', 'DATA'],
    });
  });

  describe('waivers', () => {
    test('a valid waiver is kept', () => {
      expect(parseConfig({ waivers: [waiver()] }).waivers).toEqual([waiver()]);
    });
    test('R0 can never be waived, and the message names it', () => {
      expect(() => parseConfig({ waivers: [waiver({ criterion: 'R0' })] })).toThrow(
        /R0 "incidents are recorded" can never be waived/,
      );
    });
    test('an unknown criterion is refused', () => {
      expect(() => parseConfig({ waivers: [waiver({ criterion: 'X9' })] })).toThrow(
        'criterion must be one of R1, R2, R3, D1, D2, D3',
      );
    });
    test('until − from ≤ 90 days: 90 is accepted, 91 refused', () => {
      expect(() =>
        parseConfig({ waivers: [waiver({ from: '2026-01-01', until: '2026-04-01' })] }),
      ).not.toThrow();
      expect(() => parseConfig({ waivers: [waiver({ from: '2026-01-01', until: '2026-04-02' })] })).toThrow(
        'a waiver lasts at most 90 days',
      );
    });
    test('until before from is refused', () => {
      expect(() => parseConfig({ waivers: [waiver({ from: '2026-06-02', until: '2026-06-01' })] })).toThrow(
        'until is before from',
      );
    });
    test('two waivers for one criterion are refused', () => {
      expect(() =>
        parseConfig({ waivers: [waiver(), waiver({ from: '2026-07-01', until: '2026-07-10' })] }),
      ).toThrow('at most one waiver per criterion');
    });
    test('reason and approver must be non-empty and at most 500 characters; dates must be dates', () => {
      expect(() => parseConfig({ waivers: [waiver({ reason: '  ' })] })).toThrow('a reason is needed');
      expect(() => parseConfig({ waivers: [waiver({ approver: '' })] })).toThrow('an approver is needed');
      expect(() => parseConfig({ waivers: [waiver({ reason: 'x'.repeat(501) })] })).toThrow(
        'a reason of at most 500 characters',
      );
      expect(() => parseConfig({ waivers: [waiver({ from: '2026-02-30' })] })).toThrow('is not a date');
    });
  });
});
