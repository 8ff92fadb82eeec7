/**
 * Issue #14: the settings page in German (the context locale de-DE) at 400 px, in Debian's Chromium — the demo
 * organisation gate's home (ITSM): headings, fields, help, units, pickers, versions and a refusal read German, no
 * English phrase of the page is left, `<html lang="de-DE">`, and no page logs an error. Also the memberships list (a
 * component of the settings namespace) on the project page of one of its delivery projects.
 */
import { DEMO_GATES } from '../../dev/demo-org';
import {
  browserSuite,
  enrolGate,
  expectFitsWidth,
  expectNoProblems,
  invoke,
  phrasesIn,
  screenshot,
  surfaceUrl,
} from './harness';

jest.setTimeout(120_000);

const suite = browserSuite();

beforeAll(async () => {
  await enrolGate(suite.url, DEMO_GATES[0]!);
  // A computation, so that the fields show what each name resolved to.
  await invoke(suite.url, 'getGate', { surface: 'project', project: 'ITSM' }, 'admin');
}, 120_000);

describe('issue #14: the settings page in German', () => {
  it('reads German at 400 px, a refusal included, with no English phrase left', async () => {
    const w = await suite.open({ width: 400, height: 900 });
    await w.page.goto(
      surfaceUrl(suite.url, { surface: 'settings', project: 'ITSM', as: 'admin', locale: 'de-DE' }),
    );
    await w.page.getByTestId('settings-form').waitFor();
    // The pickers arrive just after the form.
    await w.page
      .getByTestId('settings-field-majorPriorities')
      .locator('input[type=checkbox]')
      .first()
      .waitFor();
    await expect(w.page.evaluate(() => document.documentElement.lang)).resolves.toBe('de-DE');

    // A bad value, refused on its field in German.
    await w.page.getByTestId('settings-field-minOnTimeRate').fill('150');
    await w.page.getByTestId('settings-save').click();
    const error = w.page.getByTestId('settings-error-minOnTimeRate');
    await error.waitFor();
    await expect(error.textContent()).resolves.toBe(
      '„Ziel der Pünktlichkeitsquote“ darf höchstens 100 % sein',
    );

    const text = (await w.page.locator('main').textContent()) ?? '';
    for (const german of [
      'Einstellungen für Phase Gate · ITSM',
      'Das Gate und seine Quellen',
      'Phase 1 — Zuverlässige Systeme',
      'Phase 2 — Termintreue Lieferung',
      'Vorfallprojekte (optional)',
      'Erlaubte schwere Vorfälle',
      'Zeitfenster Zuverlässigkeit',
      'Tage',
      'Stunden',
      'Ausnahmen',
      'Einstellungen speichern',
      'Änderungen verwerfen',
      'Versionen',
      'Version 0 · Standardwerte',
      'Die Einstellungen wurden nicht gespeichert',
      'Als schwer gezählt:',
    ])
      expect(text).toContain(german);
    expect(
      phrasesIn(text, [
        'Phase Gate settings',
        'The gate and its sources',
        'Reliable systems',
        'On-time delivery',
        '(optional)Incident',
        'Major incidents allowed',
        'Reliability window',
        'Save settings',
        'Discard changes',
        'Unsaved changes',
        'Versions',
        'Defaults',
        'The settings were not saved',
        'must be',
        'Counted as',
        'Read ITSM',
        'Beside each field',
        'None chosen',
        'among the two highest',
        'epic level',
        ' days',
        ' hours',
      ]),
    ).toEqual([]);
    await expectFitsWidth(w);
    await screenshot(w.page, 'settings-ITSM-de');
    expectNoProblems(w);
  });

  it('the memberships list of a delivery project page reads German', async () => {
    const w = await suite.open({ width: 400, height: 900 });
    await w.page.goto(
      surfaceUrl(suite.url, { surface: 'project', project: 'APP', as: 'admin', locale: 'de-DE' }),
    );
    const list = w.page.getByTestId('memberships');
    await list.waitFor();
    const text = (await list.textContent()) ?? '';
    expect(text).toContain('Gates, in die APP einfließt');
    expect(text).toContain('Heimatprojekt ITSM');
    expect(text).toContain('liefert seine Liefergegenstände');
    expect(
      phrasesIn(text, ['counts toward', 'home ITSM', 'counts its', 'Open ', 'Not computed yet']),
    ).toEqual([]);
    await list.scrollIntoViewIfNeeded();
    await screenshot(w.page, 'memberships-APP-de');
    expectNoProblems(w);
  });
});
