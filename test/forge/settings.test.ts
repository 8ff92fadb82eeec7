/**
 * The settings that prevent mistakes (issue #10): pickers filled from the site (`getSettingsChoices`), messages in the
 * page's words, the stale-form guard, version numbers and what each version changed, and the data-quality warning for
 * a name the site has but no source project does.
 */
jest.mock('@forge/api', () => require('./fakePlatform').forgeApiModule());
jest.mock('@forge/kvs', () => require('./fakePlatform').forgeKvsModule());
jest.mock('@forge/events', () => require('./fakePlatform').forgeEventsModule());

import { clearPermissionCache } from '../../src/forge/permissions';
import { clearProjectCache } from '../../src/forge/projects';
import {
  saveSettings as storeSettings,
  STORAGE_KEYS,
  StaleSettingsError,
  type SettingsDoc,
} from '../../src/forge/storage';
import { DEFAULT_CONFIG } from '../../src/core/config';
import { formatDateTime, wordsFor } from '../../src/core/wording';
import { platform } from './fakePlatform';
import { idOf, invoke, projectPage, seedProject, standardGrants } from './harness';

const asAdmin = { account: 'u-admin', ...projectPage('OPS') };

/** zod's own vocabulary, which must never reach the user. */
const ZOD_WORDS = /Too small|Too big|Invalid input|Invalid option|expected|Unrecognized|>=|<=/;

/** Serves `GET /rest/api/3/label` in pages of `size` over `labels`. */
function serveLabels(labels: string[], size: number) {
  platform.jira.overrides.push({
    match: (c) => c.method === 'GET' && c.path.split('?')[0] === '/rest/api/3/label',
    reply: (c) => {
      const q = new URLSearchParams(c.path.split('?')[1] ?? '');
      const startAt = Number(q.get('startAt') ?? 0);
      const values = labels.slice(startAt, startAt + size);
      return {
        status: 200,
        body: {
          startAt,
          maxResults: size,
          total: labels.length,
          isLast: startAt + values.length >= labels.length,
          values,
        },
      };
    },
  });
}

function storedSettings(): SettingsDoc | undefined {
  return platform.kvs.value<SettingsDoc>(STORAGE_KEYS.settings(idOf('OPS')));
}

beforeEach(() => {
  platform.reset();
  clearPermissionCache();
  clearProjectCache();
  seedProject(platform.jira, 'OPS', { onTime: 2, ideas: 1 });
  standardGrants(platform.jira);
  seedProject(platform.jira, 'ITSM', { onTime: 0 });
  platform.jira.projects.get('ITSM')!.issueTypes = ['Incident', 'Task'];
  platform.jira.grant('u-admin', 'ITSM', { browse: true });
  platform.jira.addProject('SECRET');
});

describe('getSettingsChoices', () => {
  test("offers each source project's issue types with their level, the site's priorities in order, resolutions and every page of labels", async () => {
    serveLabels(['alpha', 'beta', 'gamma', 'not-an-incident', 'security'], 2);
    const choices = await invoke('getSettingsChoices', { incidentProjects: ['ITSM'] }, asAdmin);
    expect(choices.project).toBe('OPS');
    expect(choices.incidents).toEqual([
      {
        key: 'ITSM',
        name: 'Project ITSM',
        types: [
          { id: '10001', name: 'Incident', hierarchyLevel: 0 },
          { id: '10003', name: 'Task', hierarchyLevel: 0 },
        ],
      },
    ]);
    // Delivery and ideas read the home project (the form named no other).
    expect(choices.deliveries.map((p: { key: string }) => p.key)).toEqual(['OPS']);
    expect(choices.deliveries[0].types).toContainEqual({ id: '10002', name: 'Epic', hierarchyLevel: 1 });
    expect(choices.ideas[0].types.map((t: { name: string }) => t.name)).toContain('Innovation Idea');
    expect(choices.priorities.map((p: { name: string }) => p.name)).toEqual([
      'Highest',
      'High',
      'Medium',
      'Low',
      'Lowest',
    ]);
    expect(choices.resolutions.map((r: { name: string }) => r.name)).toEqual(
      expect.arrayContaining(['Done', "Won't Do", 'Duplicate']),
    );
    expect(choices.labels).toEqual(['alpha', 'beta', 'gamma', 'not-an-incident', 'security']);
    expect(choices.labelsComplete).toBe(true);
    expect(platform.jira.count('GET', /\/label$/, 'u-admin')).toBe(3);
    // Read as the admin, as the save's name check is.
    expect(platform.jira.count('GET', /\/label$/, 'app')).toBe(0);
    expect(choices.missingProjects).toEqual([]);
  });

  test('is for administrators of the home project only', async () => {
    for (const account of ['u-viewer', 'u-outsider']) {
      const answer = await invoke('getSettingsChoices', {}, { account, ...projectPage('OPS') });
      expect(answer).toEqual({ error: { code: 'forbidden', message: expect.any(String) } });
    }
    expect(platform.jira.count('GET', /\/label$/)).toBe(0);
  });

  test('a source project the admin cannot browse is not read: it is listed as missing, nothing of it returned', async () => {
    serveLabels([], 10);
    const choices = await invoke('getSettingsChoices', { incidentProjects: ['SECRET'] }, asAdmin);
    expect(choices.incidents).toEqual([]);
    expect(choices.missingProjects).toEqual(['SECRET']);
    expect(platform.jira.count('GET', /project\/SECRET$/)).toBe(0);
  });

  test('a site that cannot list its labels still gives the other choices (labels typed by hand)', async () => {
    platform.jira.override(
      (c) => c.method === 'GET' && c.path.split('?')[0] === '/rest/api/3/label',
      () => ({ status: 404, body: { errorMessages: ['Not found'] } }),
    );
    const choices = await invoke('getSettingsChoices', {}, asAdmin);
    expect(choices.labels).toEqual([]);
    expect(choices.labelsComplete).toBe(false);
    expect(choices.priorities.length).toBeGreaterThan(0);
  });

  test('rejects unknown fields and malformed project keys', async () => {
    expect((await invoke('getSettingsChoices', { colour: 'red' }, asAdmin)).error.code).toBe('bad-request');
    expect(
      (await invoke('getSettingsChoices', { incidentProjects: ['not a key'] }, asAdmin)).error.code,
    ).toBe('bad-request');
  });
});

describe('messages in the product words', () => {
  test('every validation problem is a sentence naming the field as the page does, never zod words', async () => {
    const answer = await invoke(
      'saveSettings',
      {
        config: {
          maxMajorIncidents: -1,
          minOnTimeRate: 1.5,
          graceDays: 1.5,
          reliabilityWindowDays: 'ninety',
          maxMedianRestoreHours: 0,
          dueDateBasis: 'later',
          incidentTypes: [],
          colour: 'red',
        },
      },
      asAdmin,
    );
    expect(answer.ok).toBe(false);
    const byPath = Object.fromEntries(
      answer.errors.map((e: { path: string; message: string }) => [e.path, e.message]),
    );
    expect(byPath).toEqual({
      maxMajorIncidents: 'Major incidents allowed must be 0 or more',
      minOnTimeRate: 'On-time target must be 100 % or less',
      graceDays: 'Grace must be a whole number of days',
      reliabilityWindowDays: 'Reliability window must be a number',
      maxMedianRestoreHours: 'Restore target must be more than 0 hours',
      dueDateBasis: expect.stringMatching(/^Due date that counts must be one of/),
      incidentTypes: expect.stringMatching(/^Incident issue types: choose at least one/),
      colour: '"colour" is not a setting of Phase Gate',
    });
    for (const e of answer.errors) expect(e.message).not.toMatch(ZOD_WORDS);
    expect(storedSettings()).toBeUndefined();
  });

  test("a name the site does not know is refused in the page's words, with the site's choices", async () => {
    const answer = await invoke('saveSettings', { config: { majorPriorities: ['Critical'] } }, asAdmin);
    expect(answer.errors).toEqual([
      {
        path: 'majorPriorities',
        message: expect.stringMatching(
          /^Major priorities: "Critical" does not exist on the site .*"Highest"/,
        ),
      },
    ]);
  });

  test('waiver problems name the waiver by its line', async () => {
    const answer = await invoke(
      'saveSettings',
      {
        config: {
          waivers: [{ criterion: 'R0', from: '2026-01-01', until: '2026-02-01', reason: 'x', approver: 'y' }],
        },
      },
      asAdmin,
    );
    expect(answer.errors).toEqual([
      { path: 'waivers.0.criterion', message: 'Waiver 1: R0 "incidents are recorded" can never be waived' },
    ]);
  });
});

describe("issue #14: refusals in the viewer's language (context.locale)", () => {
  const asGermanAdmin = { ...asAdmin, locale: 'de-DE' };

  test('in German, every validation problem is a German sentence naming the field by its German label', async () => {
    const config = { maxMajorIncidents: -1, minOnTimeRate: 1.5, graceDays: 1.5, colour: 'red' };
    const answer = await invoke('saveSettings', { config }, asGermanAdmin);
    expect(answer.ok).toBe(false);
    expect(
      Object.fromEntries(answer.errors.map((e: { path: string; message: string }) => [e.path, e.message])),
    ).toEqual({
      maxMajorIncidents: '„Erlaubte schwere Vorfälle“ muss mindestens 0 sein',
      minOnTimeRate: '„Ziel der Pünktlichkeitsquote“ darf höchstens 100 % sein',
      graceDays: '„Kulanzzeit“ muss eine ganze Zahl von Tagen sein',
      colour: '"colour" ist keine Einstellung von Phase Gate',
    });
    // The same refusal, the same paths, in English without the locale.
    const english = await invoke('saveSettings', { config }, asAdmin);
    expect(english.errors.map((e: { path: string }) => e.path)).toEqual(
      answer.errors.map((e: { path: string }) => e.path),
    );
    expect(english.errors[0].message).not.toEqual(answer.errors[0].message);
    expect(storedSettings()).toBeUndefined();
  });

  test('in German, a stale save names who changed it and when in German', async () => {
    const first = await invoke('saveSettings', { config: { graceDays: 1 }, baseVersion: 0 }, asAdmin);
    const stale = await invoke('saveSettings', { config: { graceDays: 7 }, baseVersion: 0 }, asGermanAdmin);
    expect(stale.ok).toBe(false);
    const at = wordsFor('de-DE').formatDateTime(Date.parse(first.settings.current.savedAt), 'UTC');
    expect(stale.errors).toEqual([
      {
        path: '',
        message: `Diese Einstellungen wurden von Konto u-admin geändert (${at}); laden Sie die Seite neu, um sie zu sehen (Ihre Änderungen sind noch im Formular)`,
      },
    ]);
  });
});

describe('the stale-form guard', () => {
  test('a save based on an older version is refused, naming who changed it and when; nothing is written', async () => {
    const first = await invoke('saveSettings', { config: { graceDays: 1 }, baseVersion: 0 }, asAdmin);
    expect(first.ok).toBe(true);
    expect(first.settings.version).toBe(1);
    // A colleague's form was loaded before that save (version 0, the defaults).
    platform.jira.grant('u-colleague', 'OPS', { browse: true, administerProject: true });
    const pushed = platform.pushed.length;
    const stale = await invoke(
      'saveSettings',
      { config: { graceDays: 7 }, baseVersion: 0 },
      { account: 'u-colleague', ...projectPage('OPS') },
    );
    expect(stale.ok).toBe(false);
    expect(stale.stale).toEqual({ version: 1, savedAt: first.settings.current.savedAt, savedBy: 'u-admin' });
    const at = formatDateTime(Date.parse(first.settings.current.savedAt), 'UTC'); // "3 Dec 2026, 11:50 UTC"
    expect(stale.errors).toEqual([
      {
        path: '',
        message: expect.stringContaining(
          `These settings were changed by account u-admin at ${at}; reload to see them`,
        ),
      },
    ]);
    expect(storedSettings()).toMatchObject({ version: 1, config: { graceDays: 1 } });
    expect(platform.pushed.length).toBe(pushed);
    // Reloaded (version 1), the same change saves.
    const again = await invoke(
      'saveSettings',
      { config: { graceDays: 7 }, baseVersion: 1 },
      { account: 'u-colleague', ...projectPage('OPS') },
    );
    expect(again.ok).toBe(true);
    expect(again.settings.version).toBe(2);
  });

  test('two saves from the same version at the same moment: exactly one is kept (checked inside the lease)', async () => {
    const answers = await Promise.all([
      invoke('saveSettings', { config: { graceDays: 3 }, baseVersion: 0 }, asAdmin),
      invoke('saveSettings', { config: { graceDays: 4 }, baseVersion: 0 }, asAdmin),
    ]);
    expect(answers.filter((a) => a.ok)).toHaveLength(1);
    const refused = answers.find((a) => !a.ok)!;
    expect(refused.stale.version).toBe(1);
    const kept = answers.find((a) => a.ok)!;
    expect(storedSettings()).toMatchObject({
      version: 1,
      config: { graceDays: kept.settings.config.graceDays },
    });
  });

  test('storage itself refuses a save whose base is not the current version, inside its lease', async () => {
    await storeSettings(idOf('OPS'), DEFAULT_CONFIG, 'u-admin', Date.now(), { baseVersion: 0 });
    await expect(
      storeSettings(idOf('OPS'), { ...DEFAULT_CONFIG, graceDays: 9 }, 'u-other', Date.now(), {
        baseVersion: 0,
      }),
    ).rejects.toBeInstanceOf(StaleSettingsError);
    expect(storedSettings()).toMatchObject({ version: 1, savedBy: 'u-admin', config: { graceDays: 0 } });
  });

  test('a restore is guarded the same way', async () => {
    await invoke('saveSettings', { config: { graceDays: 1 }, baseVersion: 0 }, asAdmin);
    await invoke('saveSettings', { config: { graceDays: 2 }, baseVersion: 1 }, asAdmin);
    const stale = await invoke('restoreSettings', { version: 1, baseVersion: 1 }, asAdmin);
    expect(stale.ok).toBe(false);
    expect(stale.stale.version).toBe(2);
    expect(storedSettings()!.version).toBe(2);
  });
});

describe('versions', () => {
  test('numbered the same way everywhere, the current one given, each with what it changed; the defaults are version 0', async () => {
    const none = await invoke('getSettings', {}, asAdmin);
    expect(none).toMatchObject({ version: 0, current: null, versions: [], changes: {} });

    const v1 = await invoke('saveSettings', { config: { maxMajorIncidents: 1 }, baseVersion: 0 }, asAdmin);
    expect(v1.settings).toMatchObject({
      version: 1,
      current: { version: 1, savedBy: 'u-admin' },
      versions: [],
    });
    expect(v1.settings.changes).toEqual({ '1': ['Major incidents allowed 2 → 1'] });

    const v2 = await invoke(
      'saveSettings',
      { config: { maxMajorIncidents: 1, minOnTimeRate: 0.75, graceDays: 2 }, baseVersion: 1 },
      asAdmin,
    );
    expect(v2.settings.version).toBe(2);
    expect(v2.settings.versions.map((v: { version: number }) => v.version)).toEqual([1]);
    expect(v2.settings.changes['2']).toEqual(['Grace 0 days → 2 days', 'On-time target 80 % → 75 %']);
    expect(v2.settings.changes['1']).toEqual(['Major incidents allowed 2 → 1']);

    // Restoring version 0 brings the defaults back as a new version, saying what that changed.
    const v3 = await invoke('restoreSettings', { version: 0, baseVersion: 2 }, asAdmin);
    expect(v3.ok).toBe(true);
    expect(v3.settings.version).toBe(3);
    expect(v3.settings.config.maxMajorIncidents).toBe(2);
    expect(v3.settings.changes['3']).toEqual([
      'Major incidents allowed 1 → 2',
      'Grace 2 days → 0 days',
      'On-time target 75 % → 80 %',
    ]);
    const read = await invoke('getSettings', {}, { account: 'u-viewer', ...projectPage('OPS') });
    expect(read.version).toBe(3);
    expect(read.versions.map((v: { version: number }) => v.version)).toEqual([2, 1]);
  });
});

describe('data-quality warning: a name on the site but in none of the source projects', () => {
  beforeEach(() => {
    // "Outage" exists on the site (another project's scheme), not in OPS.
    // Jira lists the issue types of the projects the caller can browse: the admin browses NOC.
    platform.jira.addProject('NOC', { issueTypes: ['Outage', 'Task'] });
    platform.jira.grant('u-admin', 'NOC', { browse: true });
  });

  test('saves, with a warning on the settings page and in the report', async () => {
    const saved = await invoke(
      'saveSettings',
      { config: { incidentTypes: ['Incident', 'Outage'] } },
      asAdmin,
    );
    expect(saved.ok).toBe(true);
    expect(saved.warnings).toEqual([
      expect.stringMatching(/incident type "Outage" exists on the site but not in project OPS/),
    ]);
    const choices = await invoke('getSettingsChoices', {}, asAdmin);
    expect(choices.warnings).toEqual(saved.warnings);
    const gate = await invoke('getGate', {}, asAdmin);
    expect(gate.snapshot.report.warnings).toEqual(
      expect.arrayContaining([expect.stringMatching(/"Outage" exists on the site but not in project OPS/)]),
    );
    // Still counted by the types that are there.
    expect(gate.snapshot.report.sources.incidents.types).toEqual([{ name: 'Incident', id: '10001' }]);
  });

  test('only such names: nothing is counted, so incidents are not recorded (R0 fails), never a pass', async () => {
    const saved = await invoke('saveSettings', { config: { incidentTypes: ['Outage'] } }, asAdmin);
    expect(saved.ok).toBe(true);
    const gate = await invoke('getGate', {}, asAdmin);
    expect(gate.snapshot.report.sources.incidents.types).toEqual([]);
    expect(gate.snapshot.report.phase).toBe(1);
    expect(gate.snapshot.report.reliability.criteria.find((c: { id: string }) => c.id === 'R0').met).toBe(
      false,
    );
  });

  test('a name the site does not have at all is still refused', async () => {
    const answer = await invoke('saveSettings', { config: { incidentTypes: ['Outage', 'Nope'] } }, asAdmin);
    expect(answer.ok).toBe(false);
    expect(answer.errors).toEqual([
      { path: 'incidentTypes', message: expect.stringMatching(/"Nope" does not exist in project OPS/) },
    ]);
  });
});
