/**
 * Issue #14: the project page in German (the context locale de-DE) at 400 px — the ladder, the criteria, the figures
 * and their evidence, the ideas, data quality, the glossary and Refresh read German, with German dates, hours and
 * rates, no English phrase of the page left, nothing overlapping or scrolling sideways, and no console error.
 * (The trend, the audit trail and the memberships belong to other namespaces: not asserted here.)
 */
import type { Page } from 'playwright-core';
import { DEMO_GATES } from '../../dev/demo-org';
import {
  browserSuite,
  enrolGate,
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
  await invoke(suite.url, 'getGate', { surface: 'project', project: 'OPS' }, 'admin');
}, 180_000);

/** The text of the page's own parts: without the trend, the audit trail and the memberships (other namespaces). */
function ownText(page: Page): Promise<string> {
  return page.evaluate(() => {
    const main = document.querySelector('main')!.cloneNode(true) as HTMLElement;
    for (const e of Array.from(
      main.querySelectorAll(
        '[aria-labelledby="trend-heading"], [aria-labelledby="audit-heading"], [data-testid="memberships"]',
      ),
    ))
      e.remove();
    return main.textContent ?? '';
  });
}

/** Sideways scrolling and the label/value pairs of criteria and figures overlapping. */
function layoutProblems(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const out: string[] = [];
    const root = document.scrollingElement!;
    if (root.scrollWidth > window.innerWidth) out.push(`scrolls sideways: ${root.scrollWidth} px`);
    const overlap = (a: Element, b: Element) => {
      const r = a.getBoundingClientRect();
      const s = b.getBoundingClientRect();
      const x = Math.min(r.right, s.right) - Math.max(r.left, s.left);
      const y = Math.min(r.bottom, s.bottom) - Math.max(r.top, s.top);
      return r.width > 1 && s.width > 1 && x > 0.5 && y > 0.5;
    };
    for (const [container, first, second] of [
      ['.pg-criterion', '.pg-criterion__label', '.pg-criterion__value'],
      ['.pg-figure__row', '.pg-figure__label', '.pg-figure__value'],
      ['.pg-card__head', 'h2', '.pg-lozenge'],
      ['.pg-step__top', '.pg-step__number', '.pg-lozenge'],
    ] as const) {
      for (const c of Array.from(document.querySelectorAll(container))) {
        const a = c.querySelector(first);
        const b = c.querySelector(second);
        if (a && b && overlap(a, b))
          out.push(`"${a.textContent?.trim()}" overlaps "${b.textContent?.trim()}"`);
      }
    }
    for (const e of Array.from(document.querySelectorAll<HTMLElement>('.pg-app *'))) {
      const box = e.getBoundingClientRect();
      if (box.width <= 1 || box.height <= 1) continue; // visually hidden: for screen readers
      if (e.closest('.sr-only, svg, .recharts-wrapper')) continue;
      const style = getComputedStyle(e);
      if (style.overflowX === 'visible' || style.textOverflow === 'ellipsis') continue;
      if (style.overflowX === 'auto' || style.overflowX === 'scroll') continue;
      if (e.scrollWidth > e.clientWidth + 1)
        out.push(`cut off: <${e.tagName.toLowerCase()} class="${e.className}"> "${e.textContent?.trim()}"`);
    }
    return out;
  });
}

/** English phrases of the project page that must not be left in German. */
const ENGLISH = [
  'Where ',
  ' of 3',
  'Next gate',
  'Reliable systems',
  'On-time delivery',
  'Not met',
  'Not enough data',
  'Met with a waiver',
  'target ',
  'needs ',
  'Major incidents',
  'Open incidents',
  'Restored in the window',
  'Decided in',
  'Show issues',
  'Innovation ideas',
  'Waiting (To Do)',
  'locked until',
  'Data quality',
  'What the gate reads',
  'As of ',
  'computed ',
  ' ago',
  ' days',
  'What the words mean',
  'Thrown back',
  'Refresh',
  'Computed',
  'The road travelled',
];

describe('issue #14: the project page in German', () => {
  it('OPS (locked): ladder, criteria, figures, ideas, data quality, glossary and Refresh read German', async () => {
    const w = await suite.open({ width: 400, height: 900 });
    await w.page.goto(
      surfaceUrl(suite.url, { surface: 'project', project: 'OPS', as: 'admin', locale: 'de-DE' }),
    );
    await w.page.getByTestId('phase-ladder').waitFor();
    await expect(w.page.evaluate(() => document.documentElement.lang)).resolves.toBe('de-DE');

    await expect(w.page.getByTestId('current-phase').textContent()).resolves.toMatch(/^Phase \d von 3 · /);
    await expect(w.page.getByTestId('refresh-button').textContent()).resolves.toBe('Aktualisieren');
    await expect(w.page.getByTestId('computed-age').textContent()).resolves.toMatch(/^Berechnet /);

    // Open the evidence behind a figure, the road travelled and the glossary: their words are on screen too.
    const toggle = w.page.locator('[data-testid^="evidence-toggle-"]').first();
    await expect(toggle.textContent()).resolves.toContain('Vorgänge anzeigen');
    await toggle.click();
    await w.page.locator('.pg-evidence__item').first().waitFor();
    await expect(toggle.textContent()).resolves.toContain('Vorgänge ausblenden');
    await w.page.locator('[data-testid="glossary"] summary').click();
    const road = w.page.locator('[data-testid="phase-changes"] summary');
    if ((await road.count()) > 0) await road.click();

    const text = await ownText(w.page);
    for (const german of [
      'Wo ',
      'Zuverlässige Systeme → Termintreue Lieferung → Innovation',
      'Nächstes Gate: Phase',
      'Zuverlässige Systeme',
      'Termintreue Lieferung',
      'Ziel: ',
      'Schwere Vorfälle in ',
      'Offene Vorfälle',
      'Entschieden in ',
      'Innovationsideen',
      'Gesperrt',
      'Datenqualität',
      'Was das Gate liest',
      'Stand ',
      'Pünktlichkeitsquote',
      'Was die Begriffe bedeuten',
      'Zurückgeworfen',
    ])
      expect(text).toContain(german);
    // Hours, rates and dates in German: "Std.", "66,7 %", "9. Jan. 2027".
    expect(text).toMatch(/\d Std\./);
    expect(text).toMatch(/\d %/);
    expect(text).toMatch(
      /\d{1,2}\. (Jan\.|Feb\.|März|Apr\.|Mai|Juni|Juli|Aug\.|Sept\.|Okt\.|Nov\.|Dez\.) \d{4}/,
    );
    expect(phrasesIn(text, ENGLISH)).toEqual([]);

    await expect(layoutProblems(w.page)).resolves.toEqual([]);
    await screenshot(w.page, 'project-OPS-de');

    // Refresh, in German: the button, the announcement and (when it did not compute) the note.
    await w.page.getByTestId('refresh-button').click();
    await w.page.waitForFunction(
      () => document.querySelector('[data-testid="refresh-button"]')?.textContent === 'Aktualisieren',
    );
    const status = (await w.page.getByTestId('live-status').textContent()) ?? '';
    expect(status).toMatch(/^(Neu berechnet|Nicht neu berechnet|Mit den Änderungen|Phase Gate ist)/);
    expect(status).not.toMatch(/Recomputed|Not recomputed|Updated|phase \d/);
    expectNoProblems(w);
  });

  it('APP: the header and what the page shows of the gate read German', async () => {
    const w = await suite.open({ width: 400, height: 900 });
    await w.page.goto(
      surfaceUrl(suite.url, { surface: 'project', project: 'APP', as: 'admin', locale: 'de-DE' }),
    );
    await w.page.getByTestId('memberships').waitFor();
    await expect(w.page.evaluate(() => document.documentElement.lang)).resolves.toBe('de-DE');
    await expect(w.page.locator('h1').textContent()).resolves.toBe('Phase Gate · APP');
    const text = await ownText(w.page);
    expect(text).toContain('Zuverlässige Systeme → Termintreue Lieferung → Innovation');
    expect(text).toMatch(/Aktualisieren/);
    expect(
      phrasesIn(text, [
        ...ENGLISH,
        'No gate data yet',
        'The gate is computed',
        'Computing the gate',
        'Not computed yet',
      ]),
    ).toEqual([]);
    await expect(layoutProblems(w.page)).resolves.toEqual([]);
    await screenshot(w.page, 'project-APP-de');
    expectNoProblems(w);
  });
});
