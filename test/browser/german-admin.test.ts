/**
 * Issue #14 in the preview, in Debian's Chromium, at 400 px: in German (the context locale de-DE) the admin page — its
 * set-up, the steps the resolver reports, the validator check and the portfolio — and the audit trail of the project
 * page read German, with no English fragment left, nothing cut and nothing scrolling sideways.
 */
import type { AuditView } from '../../src/forge/contract';
import { wordsFor } from '../../src/core/wording';
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

jest.setTimeout(90_000);

const suite = browserSuite();
const ORG = DEMO_GATES[0]!;
const de = wordsFor('de-DE');

beforeAll(async () => {
  // Configured gates, as the English admin block makes them: saved settings (and the organisation gate, which has a
  // step back and a year of audit days).
  for (const key of ['OPS', 'PMO', 'DIG']) {
    const saved = await invoke(suite.url, 'saveSettings', { surface: 'settings', project: key }, 'admin', {
      config: {},
    });
    expect(saved.ok).toBe(true);
  }
  await enrolGate(suite.url, ORG);
}, 180_000);

describe('issue #14: the admin page in German', () => {
  it('reads German at 400 px: header, set-up, portfolio', async () => {
    const w = await suite.open({ width: 400, height: 900 });
    await w.page.goto(surfaceUrl(suite.url, { surface: 'admin', as: 'admin', locale: 'de-DE' }));
    await w.page.getByTestId('portfolio-table').waitFor();
    await w.page.getByTestId('portfolio-row-ITSM').waitFor();
    await expect(w.page.evaluate(() => document.documentElement.lang)).resolves.toBe('de-DE');
    const text = (await w.page.locator('main').textContent()) ?? '';
    for (const german of [
      'Zuverlässige Systeme → Termintreue Lieferung → Innovation, in allen Ihren Jira-Projekten.',
      'Projekt einrichten',
      'Projektschlüssel',
      'Was „Einrichten“ tut',
      '„Phase Gate: Innovations-Gate“',
      'Portfolio der Gates',
      'Neu laden',
      'Heimatprojekt',
    ])
      expect(text).toContain(german);
    // The step back of the organisation gate, worded in German.
    await expect(w.page.getByTestId('portfolio-stepback-ITSM').textContent()).resolves.toMatch(
      /^zuletzt zurückgeworfen auf Phase 1 \(Zuverlässige Systeme\) am /,
    );
    await expect(w.page.getByTestId('portfolio-violations-ITSM').textContent()).resolves.toBe('keine');
    await expect(w.page.getByTestId('portfolio-since-OPS').textContent()).resolves.toMatch(
      /Tag|Tage|unbekannt/,
    );
    // The stacked table's cell labels (shown by CSS at this width) are German too.
    await expect(w.page.getByTestId('portfolio-since-OPS').getAttribute('data-label')).resolves.toBe(
      'Zeit in der Phase',
    );
    expect(
      phrasesIn(text, [
        'across your Jira projects',
        'Set up a project',
        'Project key',
        'What Set up does',
        'Creates the',
        'Portfolio of gates',
        'Reload',
        'Reliable systems',
        'On-time delivery',
        'Ideas locked',
        'Ideas unlocked',
        'not computed',
        'thrown back',
        ' ago',
        'days (since',
        'unchanged since',
        'never',
        'once',
        ' times',
      ]),
    ).toEqual([]);
    await expectFitsWidth(w);
    await screenshot(w.page, 'admin-de');
    expectNoProblems(w);
  });

  it('words the set-up steps and the validator check in German', async () => {
    const w = await suite.open({ width: 400, height: 900 });
    await w.page.goto(surfaceUrl(suite.url, { surface: 'admin', as: 'admin', locale: 'de-DE' }));
    await w.page.getByTestId('setup-preview').waitFor();
    // An empty key: the field's error, in German.
    await w.page.getByTestId('setup-button').click();
    await expect(w.page.getByTestId('setup-key-error').textContent()).resolves.toBe(
      'Geben Sie einen Projektschlüssel ein, z. B. OPS.',
    );
    await w.page.getByTestId('setup-project-key').fill('PMO');
    await w.page.getByTestId('setup-button').click();
    await w.page.getByTestId('setup-result').waitFor();
    const result = (await w.page.getByTestId('setup').textContent()) ?? '';
    for (const german of [
      'Schritte',
      'Vorgangstyp „Innovation Idea“ anlegen',
      '„Innovation Idea“ zum Projekt PMO hinzufügen',
      'Projekt PMO beobachten',
      'übersprungen',
      'Der Validator fehlt',
      'Der Validator fehlt im Ideen-Workflow „PMO: Innovation Idea Workflow“',
      'Letzter Schritt, von Hand',
      'Veröffentlichen Sie den Workflow.',
    ])
      expect(result).toContain(german);
    expect(
      phrasesIn(result, [
        'Steps',
        'Create the',
        'issue type',
        'Watch project',
        'skipped',
        'done',
        'failed',
        'Validator missing',
        'The validator',
        'Last step, by hand',
        'Open Jira settings',
        'Publish the workflow',
        'innovation gate',
      ]),
    ).toEqual([]);
    await expectFitsWidth(w);
    await screenshot(w.page, 'admin-setup-de');
    expectNoProblems(w);
  });
});

describe('issue #14: the audit trail in German', () => {
  it('reads German at 400 px on the project page', async () => {
    const stored = (await invoke(
      suite.url,
      'getAudit',
      { surface: 'project', project: ORG.home },
      'admin',
    )) as AuditView;
    const newest = stored.days[0]!;
    const w = await suite.open({ width: 400, height: 900 });
    await w.page.goto(
      surfaceUrl(suite.url, { surface: 'project', project: ORG.home, as: 'admin', locale: 'de-DE' }),
    );
    const trail = w.page.getByTestId('audit-trail');
    await trail.waitFor();
    await expect(w.page.evaluate(() => document.documentElement.lang)).resolves.toBe('de-DE');
    await expect(trail.locator('summary').textContent()).resolves.toBe(
      'Was das Gate an jedem Tag durchgesetzt hat',
    );
    await trail.locator('summary').click();
    const row = w.page.getByTestId(`audit-row-${newest.day}`);
    await row.waitFor();
    const text = (await trail.textContent()) ?? '';
    const rowText = (await row.textContent()) ?? '';
    expect(rowText).toContain(de.formatCalendarDate(newest.day));
    expect(rowText).toContain(`Phase ${newest.phase}`);
    expect(rowText).toContain(newest.settingsVersion ? `Version ${newest.settingsVersion}` : 'Standardwerte');
    expect(text).toMatch(
      /Ein erfasster Tag, neueste zuerst|erfasste Tage, neueste zuerst|Die letzten 30 von \d+ erfassten Tagen/,
    );
    expect(text).toContain('CSV herunterladen');
    await expect(row.locator('td').first().getAttribute('data-label')).resolves.toBe('Phase');
    await expect(row.locator('td').nth(3).getAttribute('data-label')).resolves.toBe(
      'Median der Wieder\u00ADherstellung',
    );
    expect(
      phrasesIn(text, [
        'What the gate enforced',
        'recorded days',
        'newest first',
        'Download CSV',
        'Major incidents',
        'Median restore',
        'On-time rate',
        'not recorded',
        'defaults',
        'version ',
        'locked (',
        'unlocked',
        'relocked',
        'no data',
        'waived',
        'until',
      ]),
    ).toEqual([]);
    await expectFitsWidth(w);
    await screenshot(w.page, 'project-audit-trail-de');
    expectNoProblems(w);
  });
});
