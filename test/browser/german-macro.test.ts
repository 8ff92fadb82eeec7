/**
 * Issue #14: the roadmap macro and its config dialog in German (the context locale de-DE), in Debian's Chromium at
 * 400 px — headline, next gate, idea counts, steps back, the trend's summary, table and chart labels, the dialog's
 * fields and buttons — with `<html lang="de-DE">`, no English fragment of these surfaces and no console error.
 * The macro shows the organisation gate "Northwind IT" (DEMO_GATES[0], home ITSM), as responsive.test.ts sets it up.
 */
import { DEMO_GATES } from '../../dev/demo-org';
import {
  browserSuite,
  enrolGate,
  expectNoProblems,
  phrasesIn,
  screenshot,
  surfaceUrl,
  hoverChart,
} from './harness';

jest.setTimeout(90_000);

const suite = browserSuite();

beforeAll(async () => {
  await enrolGate(suite.url, DEMO_GATES[0]!);
}, 180_000);

describe('issue #14: the roadmap macro in German', () => {
  it('reads German at 400 px, the trend chart included', async () => {
    const w = await suite.open({ width: 400, height: 900 });
    await w.page.goto(
      surfaceUrl(suite.url, { surface: 'macro', macro: 'roadmap-ITSM', as: 'admin', locale: 'de-DE' }),
    );
    await w.page.getByTestId('current-phase').waitFor();
    await w.page.getByTestId('trend-chart').waitFor();
    await expect(w.page.evaluate(() => document.documentElement.lang)).resolves.toBe('de-DE');
    const macro = w.page.getByTestId('roadmap-macro');
    // The phase ladder and the glossary are shared with the project page and worded there (not this surface's
    // texts): left out of the check.
    const text = await macro.evaluate((el) => {
      const copy = el.cloneNode(true) as HTMLElement;
      copy
        .querySelectorAll('[data-testid="phase-ladder"], [data-testid="glossary"]')
        .forEach((n) => n.remove());
      return copy.textContent ?? '';
    });
    expect(text).toContain('Roadmap von Phase Gate · Northwind IT');
    expect(text).toMatch(/Phase \d von 3 · /);
    expect(text).toMatch(/Nächstes Gate: Phase \d — |Alle Gates erreicht/);
    expect(text).toMatch(/\d+ Ideen? warte/);
    expect(text).toContain('Rückschritte im letzten Jahr');
    expect(text).toContain('In Jira öffnen');
    expect(text).toContain('Verlauf als Tabelle anzeigen');
    expect(text).toContain('Schwere Vorfälle im Zeitfenster');
    expect(text).not.toContain('..');
    await expect(w.page.getByTestId('macro-as-of').textContent()).resolves.toMatch(
      /^Stand \d{1,2}\. [A-ZÄÖÜ][a-zä]+\.? \d{4} · liest /,
    );
    expect(
      phrasesIn(text, [
        'Phase Gate roadmap',
        ' of 3',
        'Next gate',
        'All gates passed',
        'waiting',
        'locked',
        'Steps back',
        'major incidents,',
        'on time,',
        'days',
        'As of',
        'Updated',
        ' ago',
        'Open in Jira',
        'Show the trend',
        'Major incidents in the window',
        'On-time rate',
        'target',
        'needs at least',
        'needs at most',
      ]),
    ).toEqual([]);
    const pageWidth = await w.page.evaluate(() => document.documentElement.scrollWidth);
    expect(pageWidth).toBeLessThanOrEqual(400);
    await screenshot(w.page, 'macro-ITSM-de');

    // Hovering a month of the major-incident chart: its date and the figure in German words.
    const chart = w.page.getByTestId('trend-chart-major');
    const tipText = await hoverChart(w.page, chart);
    expect(tipText).toMatch(/(?:\d{1,2}\. )?[A-ZÄÖÜ][a-zä]+\.? \d{4}/);
    expect(tipText).toMatch(/\d+ schwere[r]? Vorf[aä]ll/);
    expect(tipText).not.toMatch(/major|incident/);
    await screenshot(w.page, 'macro-ITSM-de-tooltip');
    expectNoProblems(w);
  });

  it('its config dialog reads German at 400 px, and so does a macro with no gate picked yet', async () => {
    const w = await suite.open({ width: 400, height: 800 });
    await w.page.goto(
      surfaceUrl(suite.url, {
        surface: 'macro',
        macro: `german-new-${Date.now()}`,
        as: 'admin',
        locale: 'de-DE',
      }),
    );
    const empty = w.page.getByTestId('macro-not-configured');
    await empty.waitFor();
    const emptyText = (await empty.textContent()) ?? '';
    expect(emptyText).toContain('Gate in den Makroeinstellungen auswählen');
    expect(emptyText).toMatch(/Bearbeiten Sie dieses Makro/);
    expect(emptyText).not.toMatch(/Pick a gate|Edit this macro|Only people/);
    await screenshot(w.page, 'macro-not-configured-de');

    await w.page.goto(
      surfaceUrl(suite.url, {
        surface: 'macro-config',
        macro: `german-macro-${Date.now()}`,
        as: 'admin',
        locale: 'de-DE',
      }),
    );
    const select = w.page.getByTestId('macro-project-select');
    await select.waitFor();
    await select.locator('option[value="ITSM"]').waitFor({ state: 'attached' });
    await expect(w.page.evaluate(() => document.documentElement.lang)).resolves.toBe('de-DE');
    const form = w.page.getByTestId('macro-config');
    const text = (await form.textContent()) ?? '';
    expect(text).toContain('Einstellungen der Roadmap von Phase Gate');
    expect(text).toContain('Gates und Projekte suchen');
    expect(text).toContain('Gate auswählen…');
    expect(text).toContain('Speichern');
    expect(text).toContain('Abbrechen');
    await expect(select.locator('option[value="ITSM"]').textContent()).resolves.toContain(
      'Northwind IT (Heimatprojekt ITSM)',
    );
    await expect(w.page.getByTestId('macro-project-search').getAttribute('placeholder')).resolves.toBe(
      'Schlüssel oder Name',
    );
    const groups = await select
      .locator('optgroup')
      .evaluateAll((gs) => gs.map((g) => (g as HTMLOptGroupElement).label));
    expect(groups).toContain('Andere Jira-Projekte (ihr eigenes Gate)');
    expect(
      phrasesIn(text, [
        'settings',
        'Choose the gate',
        'Search gates',
        'Select a gate',
        'Projects you can browse',
        'Showing the first',
        '(home ',
        '· phase',
        'Save',
        'Cancel',
      ]),
    ).toEqual([]);
    expect(groups).not.toContain('Other Jira projects (their own gate)');

    // Saving without a gate says so in German.
    await select.selectOption('');
    // aria-disabled, not disabled: the click submits and the dialog says what is missing.
    await w.page.getByTestId('macro-config-save').click({ force: true });
    await expect(form.textContent()).resolves.toContain('Wählen Sie ein Gate aus.');
    const pageWidth = await w.page.evaluate(() => document.documentElement.scrollWidth);
    expect(pageWidth).toBeLessThanOrEqual(400);
    await screenshot(w.page, 'macro-config-de');
    expectNoProblems(w);
  });
});
