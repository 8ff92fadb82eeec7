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

async function settingsPage(project: string, as: string): Promise<Watched> {
  const w = await suite.open({ width: 1100, height: 900 });
  await w.page.goto(surfaceUrl(suite.url, { surface: 'settings', project, as }));
  await w.page.getByTestId('settings-form').waitFor();
  return w;
}

describe('settings page', () => {
  it('refuses an on-time rate target of 1.5 on its field, and saves nothing', async () => {
    // The lead administers PMO.
    const w = await settingsPage('PMO', 'lead');
    const field = w.page.getByTestId('settings-field-minOnTimeRate');
    await expect(field.inputValue()).resolves.toBe(String(DEFAULT_CONFIG.minOnTimeRate));
    await field.fill('1.5');
    await w.page.getByTestId('settings-save').click();
    const error = w.page.getByTestId('settings-error-minOnTimeRate');
    await error.waitFor();
    await expect(error.textContent()).resolves.not.toBe('');
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
    await w.page.getByTestId('settings-field-minOnTimeRate').fill('0.5');
    await w.page.getByTestId('settings-save').click();
    await w.page.getByTestId('settings-saved').waitFor();
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
    const w = await settingsPage('OPS', 'lead');
    await w.page.getByTestId('settings-read-only').waitFor();
    await screenshot(w.page, 'settings-OPS-read-only');
    expect(w.problems).toEqual([]);
  });
});
