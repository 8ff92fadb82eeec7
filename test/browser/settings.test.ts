/**
 * The gate settings page in the preview, in Debian's Chromium: a bad value is refused on its field and nothing is
 * saved; a good value is saved, the queued recompute runs, and the project's page shows the new phase; a user who
 * browses but does not administer the project sees the settings read-only. No page logs an error.
 */
import { DEFAULT_CONFIG } from '../../src/core/config';
import { api, browserSuite, expectedReport, invoke, screenshot, surfaceUrl, type Watched } from './harness';

jest.setTimeout(60_000);

const suite = browserSuite();
let today: string;

beforeAll(async () => {
  today = (await api(suite.url, '/api/info')).json.today;
}, 120_000);

async function settingsPage(project: string, as: string, pickers = true): Promise<Watched> {
  const w = await suite.open({ width: 1100, height: 900 });
  await w.page.goto(surfaceUrl(suite.url, { surface: 'settings', project, as }));
  await w.page.getByTestId('settings-form').waitFor();
  // An administrator's pickers arrive just after the form (the fields then change shape): wait for them, so that a
  // click lands where it was aimed.
  if (pickers) {
    await w.page
      .getByTestId('settings-field-majorPriorities')
      .locator('input[type=checkbox]')
      .first()
      .waitFor();
  }
  return w;
}

describe('settings page', () => {
  it('refuses an on-time target of 150 % on its field in the page words, and saves nothing', async () => {
    // The lead administers PMO.
    const w = await settingsPage('PMO', 'lead');
    const field = w.page.getByTestId('settings-field-minOnTimeRate');
    // Entered as a percentage; stored as SPEC's fraction.
    await expect(field.inputValue()).resolves.toBe(String(DEFAULT_CONFIG.minOnTimeRate * 100));
    await field.fill('150');
    await w.page.getByTestId('settings-save').click();
    const error = w.page.getByTestId('settings-error-minOnTimeRate');
    await error.waitFor();
    await expect(error.textContent()).resolves.toBe('On-time target must be 100 % or less');
    await expect(field.getAttribute('aria-invalid')).resolves.toBe('true');
    await screenshot(w.page, 'settings-PMO-bad-value');

    const settings = await invoke(suite.url, 'getSettings', { surface: 'settings', project: 'PMO' }, 'lead');
    expect(settings.versions).toEqual([]);
    expect(settings.config.minOnTimeRate).toBe(DEFAULT_CONFIG.minOnTimeRate);
    const metrics = (await api(suite.url, '/api/metrics')).json;
    expect(
      metrics.recent.filter(
        (c: { functionKey: string; ok: boolean }) => c.functionKey === 'saveSettings' && c.ok,
      ),
    ).toEqual([]);
    expect(w.problems).toEqual([]);
  });

  it('saves a good value, recomputes in the background and the page shows the new phase', async () => {
    const config = { ...DEFAULT_CONFIG, minOnTimeRate: 0.5 };
    const before = await expectedReport(today, 'PMO');
    const after = await expectedReport(today, 'PMO', config);
    expect(after.phase).toBeGreaterThan(before.phase); // 6 of 10 on time: 60% passes a 50% target

    const w = await settingsPage('PMO', 'lead');
    await w.page.getByTestId('settings-field-minOnTimeRate').fill('50');
    await w.page.getByTestId('settings-save').click();
    await w.page.getByTestId('settings-saved').waitFor();
    const stored = await invoke(suite.url, 'getSettings', { surface: 'settings', project: 'PMO' }, 'lead');
    expect(stored.config.minOnTimeRate).toBe(0.5);
    await expect(w.page.getByTestId('settings-saved').textContent()).resolves.toContain(
      `Settings saved as version ${stored.version}.`,
    );
    await screenshot(w.page, 'settings-PMO-saved');

    // The save queued a recompute: the emulated queue runs it (delays scaled down).
    const idle = await api(suite.url, '/api/queue/idle?timeout=20000');
    expect(idle.json.idle).toBe(true);
    expect(idle.json.stats.done).toBeGreaterThanOrEqual(1);

    await w.page.goto(surfaceUrl(suite.url, { surface: 'project', project: 'PMO', as: 'lead' }));
    await w.page.getByTestId('phase-ladder').waitFor();
    await expect(w.page.getByTestId('current-phase').textContent()).resolves.toContain(
      `Phase ${after.phase} of 3`,
    );
    await screenshot(w.page, 'project-PMO-after-settings');
    expect(w.problems).toEqual([]);
  });

  it('is read-only for someone who browses the project but does not administer it', async () => {
    const w = await settingsPage('OPS', 'lead', false);
    await w.page.getByTestId('settings-read-only').waitFor();
    await screenshot(w.page, 'settings-OPS-read-only');
    expect(w.problems).toEqual([]);
  });

  // Issue #10: settings that prevent mistakes (DIG and LAB, as the admin: the tests above use PMO).
  it('offers the site types, priorities and labels as pickers, and saves what is ticked', async () => {
    const w = await settingsPage('DIG', 'admin');
    const priorities = w.page.getByTestId('settings-field-majorPriorities');
    await priorities.locator('input[type=checkbox]').first().waitFor();
    const choices = await invoke(
      suite.url,
      'getSettingsChoices',
      { surface: 'settings', project: 'DIG' },
      'admin',
    );
    // In the site's order, one checkbox each, none ticked (the default: the two highest).
    await expect(priorities.locator('label').allTextContents()).resolves.toEqual(
      choices.priorities.map(
        (p: { name: string }, i: number) => `${p.name}${i < 2 ? 'among the two highest' : ''}`,
      ),
    );
    const second = choices.priorities[1].name as string;
    await w.page.getByTestId(`settings-choice-majorPriorities-${second}`).check();
    const types = w.page.getByTestId('settings-field-incidentTypes');
    // Every type of the incident projects but sub-tasks (level -1), which are never incidents.
    const typeNames = choices.incidents.flatMap(
      (p: { types: { name: string; hierarchyLevel: number | null }[] }) =>
        p.types.filter((t) => t.hierarchyLevel !== -1).map((t) => t.name),
    );
    expect(typeNames.length).toBeGreaterThan(0);
    for (const name of typeNames) {
      await expect(types.getByTestId(`settings-choice-incidentTypes-${name}`).count()).resolves.toBe(1);
    }
    // A label not on the site yet may still be typed.
    await w.page.getByTestId('settings-add-ideaBypassLabels').fill('brand new');
    await w.page.getByTestId('settings-add-ideaBypassLabels').press('Enter');
    await w.page.getByTestId('settings-chip-ideaBypassLabels-brand-new').waitFor();
    // Leave the label box (its suggestion list closes) before moving on.
    await w.page.getByTestId('settings-add-ideaBypassLabels').blur();
    await screenshot(w.page, 'settings-DIG-pickers');
    w.page.on('console', (m) => console.log('CONSOLE', m.type(), m.text()));
    w.page.on('pageerror', (e) => console.log('PAGEERROR', e.message));
    await w.page.getByTestId('settings-save').click();
    await w.page.waitForTimeout(2000);
    console.log(
      'ARIA',
      await w.page.getByTestId('settings-save').getAttribute('aria-disabled'),
      await w.page.locator('main').getAttribute('aria-busy'),
    );
    await w.page.getByTestId('settings-saved').or(w.page.getByTestId('settings-error-summary')).waitFor();
    await expect(w.page.getByTestId('settings-error-summary').count()).resolves.toBe(0);
    const stored = await invoke(suite.url, 'getSettings', { surface: 'settings', project: 'DIG' }, 'admin');
    expect(stored.config.majorPriorities).toEqual([second]);
    expect(stored.config.ideaBypassLabels).toEqual([...DEFAULT_CONFIG.ideaBypassLabels, 'brand-new']);
    expect(w.problems).toEqual([]);
  });

  it('shows every refusal in the page words, never zod words', async () => {
    const w = await settingsPage('LAB', 'admin');
    await w.page.getByTestId('settings-field-maxMajorIncidents').fill('-1');
    await w.page.getByTestId('settings-field-graceDays').fill('1.5');
    await w.page.getByTestId('settings-save').click();
    await expect(w.page.getByTestId('settings-error-maxMajorIncidents').textContent()).resolves.toBe(
      'Major incidents allowed must be 0 or more',
    );
    await expect(w.page.getByTestId('settings-error-graceDays').textContent()).resolves.toBe(
      'Grace must be a whole number of days',
    );
    const text = await w.page.locator('body').innerText();
    expect(text).not.toMatch(/Too small|Too big|expected|>=|Invalid input/);
    // The server answers the same words when the browser's check is bypassed.
    const answer = await invoke(suite.url, 'saveSettings', { surface: 'settings', project: 'LAB' }, 'admin', {
      config: { maxMajorIncidents: -1 },
    });
    expect(answer.errors).toEqual([
      { path: 'maxMajorIncidents', message: 'Major incidents allowed must be 0 or more' },
    ]);
    expect(w.problems).toEqual([]);
  });

  it('refuses a save from a stale form, saying who changed it and when, and keeps what was typed', async () => {
    const before = await invoke(suite.url, 'getSettings', { surface: 'settings', project: 'LAB' }, 'admin');
    const w = await settingsPage('LAB', 'admin');
    // Someone else saves meanwhile (the form above was loaded from the version before).
    const other = await invoke(suite.url, 'saveSettings', { surface: 'settings', project: 'LAB' }, 'admin', {
      config: { ...before.config, graceDays: 3 },
      baseVersion: before.version,
    });
    expect(other.ok).toBe(true);
    await w.page.getByTestId('settings-field-maxMajorIncidents').fill('1');
    await w.page.getByTestId('settings-save').click();
    const stale = w.page.getByTestId('settings-stale');
    await stale.waitFor();
    await expect(stale.textContent()).resolves.toMatch(
      /These settings were changed by you at .*; reload to see them/,
    );
    await expect(w.page.getByTestId('settings-field-maxMajorIncidents').inputValue()).resolves.toBe('1');
    const after = await invoke(suite.url, 'getSettings', { surface: 'settings', project: 'LAB' }, 'admin');
    expect(after.version).toBe(other.settings.version);
    expect(after.config.maxMajorIncidents).toBe(before.config.maxMajorIncidents);
    await screenshot(w.page, 'settings-LAB-stale');
    // Reload shows the other save.
    await w.page.getByTestId('settings-reload').click();
    await w.page.getByTestId('settings-form').waitFor();
    await expect(w.page.getByTestId('settings-field-graceDays').inputValue()).resolves.toBe('3');
    expect(w.problems).toEqual([]);
  });

  it('lists the versions: the current one marked, what each changed, the defaults as version 0', async () => {
    const w = await settingsPage('LAB', 'admin');
    const before = await invoke(suite.url, 'getSettings', { surface: 'settings', project: 'LAB' }, 'admin');
    await w.page
      .getByTestId('settings-field-maxMajorIncidents')
      .fill(String(before.config.maxMajorIncidents - 1));
    await w.page.getByTestId('settings-save').click();
    const saved = w.page.getByTestId('settings-saved');
    await saved.waitFor();
    const n = before.version + 1;
    await expect(saved.textContent()).resolves.toContain(`Settings saved as version ${n}.`);
    const row = w.page.getByTestId(`settings-version-${n}`);
    await expect(row.getByTestId('settings-version-current').count()).resolves.toBe(1);
    await expect(row.getByTestId(`settings-changes-${n}`).textContent()).resolves.toBe(
      `Major incidents allowed ${before.config.maxMajorIncidents} → ${before.config.maxMajorIncidents - 1}`,
    );
    await expect(w.page.getByTestId('settings-version-current').count()).resolves.toBe(1);
    await expect(w.page.getByTestId('settings-version-0').textContent()).resolves.toContain(
      'Version 0 · Defaults',
    );
    await screenshot(w.page, 'settings-LAB-versions');
    // Restoring the defaults saves them as the next version.
    await w.page.getByTestId('settings-restore-0').click();
    await w.page.getByTestId('settings-restore-confirm-0').click();
    await expect(saved.textContent()).resolves.toContain(`restored as version ${n + 1}`);
    const restored = await invoke(suite.url, 'getSettings', { surface: 'settings', project: 'LAB' }, 'admin');
    expect(restored.version).toBe(n + 1);
    expect(restored.config.maxMajorIncidents).toBe(DEFAULT_CONFIG.maxMajorIncidents);
    expect(w.problems).toEqual([]);
  });
});
