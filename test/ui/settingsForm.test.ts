import { ConfigSchema, DEFAULT_CONFIG } from '../../src/core/config';
import {
  configToForm,
  FIELDS,
  formToInput,
  isDirty,
  mapServerErrors,
  splitList,
  validateForm,
} from '../../static/src/settingsForm';

describe('settings form <-> configuration', () => {
  test('the form has one field for every configuration key, and no other', () => {
    const schemaKeys = Object.keys(ConfigSchema.shape).sort();
    expect(FIELDS.map((f) => f.key).sort()).toEqual(schemaKeys);
  });

  test('the defaults survive a round trip through the form', () => {
    const values = configToForm(DEFAULT_CONFIG);
    // Optional names left out: the site-derived defaults apply.
    expect(values.excludedResolutions).toBe('');
    expect(values.incidentTypes).toBe('');
    expect(values.incidentProjects).toBe('');
    // Rates are entered as percentages; the stored config keeps SPEC's fraction.
    expect(values.minOnTimeRate).toBe('80');
    expect(values.budgetTolerance).toBe('10');
    expect(values.incidentJql).toBe('');
    expect(values.dueDateBasis).toBe('committed');
    expect(values.budgetCheck).toBe('false');
    expect(values.waivers).toBe('');
    const { input } = formToInput(values);
    expect('incidentTypes' in input).toBe(false);
    expect('name' in input).toBe(false);
    const { config, errors } = validateForm(values);
    expect(errors).toEqual({});
    expect(config).toEqual(DEFAULT_CONFIG);
  });

  test('lists are comma-separated; blanks are dropped; an empty JQL clause is left out', () => {
    expect(splitList(' a, b,, c ,')).toEqual(['a', 'b', 'c']);
    const values = {
      ...configToForm(DEFAULT_CONFIG),
      majorPriorities: 'Blocker , Critical',
      deliveryJql: '  ',
    };
    const { input } = formToInput(values);
    expect(input.majorPriorities).toEqual(['Blocker', 'Critical']);
    expect('deliveryJql' in input).toBe(false);
    expect(formToInput({ ...values, incidentJql: ' component = Payments ' }).input.incidentJql).toBe(
      'component = Payments',
    );
  });

  test('numbers: decimal comma accepted, text refused on the field', () => {
    const values = {
      ...configToForm(DEFAULT_CONFIG),
      minOnTimeRate: '75,5',
      graceDays: 'two',
      sustainDays: '',
    };
    const { input, errors } = formToInput(values);
    expect(input.minOnTimeRate).toBe(0.755);
    expect(errors.graceDays).toBe('Grace: "two" is not a number');
    expect(errors.sustainDays).toBe('Sustain period: enter a number');
    // "80 %" is read as 80 %.
    expect(formToInput({ ...values, minOnTimeRate: '80 %' }).input.minOnTimeRate).toBe(0.8);
  });

  test('the core schema validates each field and names it', () => {
    const values = {
      ...configToForm(DEFAULT_CONFIG),
      minOnTimeRate: '150',
      incidentTypes: 'Incident, ',
      majorPriorities: ' ',
      timeZone: 'Mars/Olympus',
      reliabilityWindowDays: '2.5',
      incidentJql: 'project = OPS ORDER BY created',
    };
    const { config, errors } = validateForm(values);
    expect(config).toBeNull();
    // In the page's words, the field named, never zod's (issue #10).
    expect(errors.minOnTimeRate).toBe('On-time target must be 100 % or less');
    expect(errors.incidentTypes).toBeUndefined();
    expect(errors.majorPriorities).toBeUndefined();
    expect(errors.timeZone).toMatch(/unknown time zone "Mars\/Olympus"/);
    expect(errors.reliabilityWindowDays).toBe('Reliability window must be a whole number of days');
    expect(errors.incidentJql).toBe('Extra incident JQL: an extra JQL clause cannot contain ORDER BY');
    for (const m of Object.values(errors)) expect(m).not.toMatch(/Too small|Too big|expected|>=|<=/);
    expect(Object.keys(errors).sort()).toEqual(
      ['incidentJql', 'minOnTimeRate', 'reliabilityWindowDays', 'timeZone'].sort(),
    );
  });

  test('server errors land on their fields, the rest on the form', () => {
    const { fieldErrors, formErrors } = mapServerErrors([
      { path: 'incidentJql', message: "incidentJql: Field 'bogus' does not exist" },
      { path: 'incidentTypes.0', message: 'incidentTypes.0: must not be empty strings' },
      { path: '', message: 'the settings changed meanwhile; reload' },
      { path: 'unknownKey', message: 'unknown key unknownKey' },
    ]);
    expect(fieldErrors).toEqual({
      incidentJql: "Field 'bogus' does not exist",
      incidentTypes: 'must not be empty strings',
    });
    expect(formErrors).toEqual(['the settings changed meanwhile; reload', 'unknown key unknownKey']);
  });

  test('dirty tracking ignores spacing', () => {
    const a = configToForm(DEFAULT_CONFIG);
    expect(isDirty(a, { ...a, ideaBypassLabels: ' reliability ,security', graceDays: '0.0' })).toBe(false);
    expect(isDirty(a, { ...a, waivers: '\n' })).toBe(false);
    expect(isDirty(a, { ...a, graceDays: '1' })).toBe(true);
  });

  test('waivers: one a line, criterion | from | until | approver | reason, round trip', () => {
    const values = {
      ...configToForm(DEFAULT_CONFIG),
      waivers: 'd2 | 2026-06-01 | 2026-08-30 | Dana Ng (CIO) | ERP migration freeze | no releases\n\n',
    };
    const { config, errors } = validateForm(values);
    expect(errors).toEqual({});
    expect(config?.waivers).toEqual([
      {
        criterion: 'D2',
        from: '2026-06-01',
        until: '2026-08-30',
        approver: 'Dana Ng (CIO)',
        reason: 'ERP migration freeze | no releases',
      },
    ]);
    expect(configToForm(config!).waivers).toBe(
      'D2 | 2026-06-01 | 2026-08-30 | Dana Ng (CIO) | ERP migration freeze | no releases',
    );
  });

  test('waivers: a short line, R0, or a waiver too long is refused on the field, naming the line', () => {
    const base = configToForm(DEFAULT_CONFIG);
    expect(validateForm({ ...base, waivers: 'D2 | 2026-06-01' }).errors.waivers).toBe(
      'line 1: write criterion | from | until | approver | reason',
    );
    expect(
      validateForm({ ...base, waivers: 'R0 | 2026-06-01 | 2026-06-30 | Dana | no incidents yet' }).errors
        .waivers,
    ).toBe('Waiver 1: R0 "incidents are recorded" can never be waived');
    expect(
      validateForm({ ...base, waivers: 'D1 | 2026-01-01 | 2026-06-30 | Dana | long freeze' }).errors.waivers,
    ).toBe('Waiver 1: a waiver lasts at most 90 days');
  });

  test('v2 keys: sources, due date basis and budget', () => {
    const values = {
      ...configToForm(DEFAULT_CONFIG),
      incidentProjects: 'itsm, infra',
      dueDateBasis: 'current',
      budgetCheck: 'true',
      name: 'Northwind IT',
    };
    const { config, errors } = validateForm(values);
    expect(errors).toEqual({});
    expect(config).toMatchObject({
      incidentProjects: ['ITSM', 'INFRA'],
      dueDateBasis: 'current',
      budgetCheck: true,
      name: 'Northwind IT',
    });
  });
});
