/**
 * The settings in the page's words (issue #10): every schema problem a sentence naming the field as the page labels
 * it, never zod's words; what a version changed, field by field.
 */
import { ConfigSchema, DEFAULT_CONFIG } from '../../src/core/config';
import { describeChanges, inPageWords, SETTING_LABELS, settingsIssues } from '../../src/core/settingsWords';

function problems(input: Record<string, unknown>) {
  const r = ConfigSchema.safeParse(input);
  if (r.success) throw new Error('expected the input to be refused');
  return settingsIssues(r.error, input);
}

describe('settings problems in the page words', () => {
  test('every key has a label', () => {
    expect(Object.keys(SETTING_LABELS).sort()).toEqual(Object.keys(ConfigSchema.shape).sort());
  });

  test('bounds speak in the field unit: count, days, hours, percent', () => {
    expect(
      problems({
        maxMajorIncidents: -1,
        reliabilityWindowDays: 0,
        deliveryWindowDays: 5000,
        maxMedianRestoreHours: 0,
        minOnTimeRate: -0.1,
        minOnBudgetRate: 2,
      }),
    ).toEqual([
      { path: 'reliabilityWindowDays', message: 'Reliability window must be 1 day or more' },
      { path: 'maxMajorIncidents', message: 'Major incidents allowed must be 0 or more' },
      { path: 'maxMedianRestoreHours', message: 'Restore target must be more than 0 hours' },
      { path: 'deliveryWindowDays', message: 'Delivery window must be 1095 days or less' },
      { path: 'minOnTimeRate', message: 'On-time target must be 0 % or more' },
      { path: 'minOnBudgetRate', message: 'On-budget target must be 100 % or less' },
    ]);
  });

  test('wrong types, empty entries, bad project keys and unknown keys are named, never in zod words', () => {
    const found = problems({
      budgetCheck: 'yes',
      sustainDays: 2.5,
      incidentExemptLabels: ['ok', ' '],
      deliveryProjects: ['app'.repeat(100)],
      colour: 'red',
    });
    expect(found).toEqual(
      expect.arrayContaining([
        { path: 'budgetCheck', message: 'Check budgets must be on or off' },
        { path: 'sustainDays', message: 'Sustain period must be a whole number of days' },
        { path: 'incidentExemptLabels.1', message: 'Exemption labels, entry 2 must not be empty' },
        { path: 'colour', message: '"colour" is not a setting of Phase Gate' },
      ]),
    );
    for (const p of found) expect(p.message).not.toMatch(/Too small|Too big|Invalid|expected|>=|<=/);
  });

  test("a problem written with the key (the name check's) is rewritten with the label", () => {
    expect(
      inPageWords({
        path: 'majorPriorities',
        message: 'majorPriorities: "Critical" does not exist on the site',
      }),
    ).toEqual({
      path: 'majorPriorities',
      message: 'Major priorities: "Critical" does not exist on the site',
    });
    // Anything else is left as it is.
    expect(inPageWords({ path: '', message: 'a sentence' })).toEqual({ path: '', message: 'a sentence' });
  });
});

describe('what a version changed', () => {
  test('one line a changed field, old → new, in the page order and units', () => {
    const after = ConfigSchema.parse({
      maxMajorIncidents: 1,
      minOnTimeRate: 0.85,
      incidentTypes: ['Incident', 'Outage'],
      budgetCheck: true,
    });
    expect(describeChanges(DEFAULT_CONFIG, after)).toEqual([
      'Incident issue types default → Incident, Outage',
      'Major incidents allowed 2 → 1',
      'On-time target 80 % → 85 %',
      'Check budgets off → on',
    ]);
    expect(describeChanges(after, after)).toEqual([]);
  });
});
