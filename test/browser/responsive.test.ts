/**
 * Every surface at 320, 400, 800 and 1280 px, in light and dark (issue #14): the page never scrolls sideways
 * (`document.scrollingElement.scrollWidth <= innerWidth`), a criterion's label never overlaps its value (nor a
 * figure's, a figure card's or a membership's), no text is cut off by its box, no ISO date, criterion code (R1, D2),
 * "undefined" or "NaN" reaches the prose, and no page logs an error. Screenshots of each surface at 400 and 1280 px in both themes go to artifacts/screenshots.
 * The same again in German (the longer words are where layouts break).
 */
import type { Page } from 'playwright-core';
import { DEMO_GATES } from '../../dev/demo-org';
import { api, browserSuite, invoke, screenshot, surfaceUrl, enrolGate } from './harness';

jest.setTimeout(180_000);

const suite = browserSuite();
const WIDTHS = [320, 400, 800, 1280] as const;
const THEMES = ['light', 'dark'] as const;

interface SurfaceCase {
  name: string;
  params: Record<string, string>;
  /** The test id that says the surface has loaded. */
  ready: string;
}

const surfaces: SurfaceCase[] = [];

beforeAll(async () => {
  const org = DEMO_GATES[0]!;
  await enrolGate(suite.url, org);
  for (const p of ['OPS', 'APP'])
    await invoke(suite.url, 'getGate', { surface: 'project', project: p }, 'admin');
  const info = await api(suite.url, '/api/info');
  const idea = info.json.ideas.find(
    (i: { project: string; category: string }) => i.project === 'IDEAS' && i.category === 'new',
  );
  surfaces.push(
    { name: 'project-OPS', params: { surface: 'project', project: 'OPS' }, ready: 'phase-ladder' },
    { name: 'project-APP', params: { surface: 'project', project: 'APP' }, ready: 'memberships' },
    { name: 'settings-ITSM', params: { surface: 'settings', project: 'ITSM' }, ready: 'settings-form' },
    { name: 'admin', params: { surface: 'admin' }, ready: 'portfolio-table' },
    { name: 'idea', params: { surface: 'idea', issue: idea.key, project: 'IDEAS' }, ready: 'idea-state' },
    { name: 'macro-ITSM', params: { surface: 'macro', macro: 'roadmap-ITSM' }, ready: 'current-phase' },
    {
      name: 'macro-config',
      params: { surface: 'macro-config', macro: 'roadmap-ITSM' },
      ready: 'macro-project-select',
    },
  );
}, 180_000);

/** Everything wrong with the layout at the current width, in words. */
function layoutProblems(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const out: string[] = [];
    const root = document.scrollingElement!;
    if (root.scrollWidth > window.innerWidth) {
      out.push(`the page scrolls sideways: ${root.scrollWidth} px wide in ${window.innerWidth} px`);
    }
    const visible = (e: Element) => {
      const r = e.getBoundingClientRect();
      // A visually hidden element (1 px, clipped) is for screen readers.
      return r.width > 1 && r.height > 1;
    };
    const overlap = (a: Element, b: Element) => {
      const r = a.getBoundingClientRect();
      const s = b.getBoundingClientRect();
      const x = Math.min(r.right, s.right) - Math.max(r.left, s.left);
      const y = Math.min(r.bottom, s.bottom) - Math.max(r.top, s.top);
      return x > 0.5 && y > 0.5;
    };
    const pairs: [string, string, string][] = [
      ['.pg-criterion', '.pg-criterion__label', '.pg-criterion__value'],
      ['.pg-figure__row', '.pg-figure__label', '.pg-figure__value'],
      ['.pg-kpi', '.pg-kpi__value', '.pg-kpi__label'],
      ['.pg-membership', '.pg-membership__name', '.pg-membership__meta'],
    ];
    for (const [container, first, second] of pairs) {
      for (const c of Array.from(document.querySelectorAll(container))) {
        const a = c.querySelector(first);
        const b = c.querySelector(second);
        if (a && b && visible(a) && visible(b) && overlap(a, b)) {
          out.push(`"${a.textContent?.trim()}" overlaps "${b.textContent?.trim()}"`);
        }
      }
    }
    // Text cut off by its box (a deliberate ellipsis, with the whole text in its title, excepted).
    for (const e of Array.from(document.querySelectorAll<HTMLElement>('.pg-app *'))) {
      if (!visible(e) || e.closest('.sr-only, svg, .recharts-wrapper')) continue;
      const style = getComputedStyle(e);
      if (style.overflowX === 'visible' || style.textOverflow === 'ellipsis') continue;
      if (e.closest('[title]') && e.querySelector('*') === null && style.textOverflow === 'ellipsis')
        continue;
      if (e.tagName === 'INPUT' || e.tagName === 'TEXTAREA' || e.tagName === 'SELECT') continue;
      if (style.overflowX === 'auto' || style.overflowX === 'scroll') continue;
      if (e.scrollWidth > e.clientWidth + 1)
        out.push(
          `text cut off in <${e.tagName.toLowerCase()} class="${e.className}">: "${e.textContent?.trim().slice(0, 60)}"`,
        );
    }
    // Inner scroll areas must not hide a table's columns either.
    for (const e of Array.from(document.querySelectorAll<HTMLElement>('.pg-table-wrap'))) {
      if (e.scrollWidth > e.clientWidth + 1)
        out.push(`a table scrolls sideways: ${e.scrollWidth} px in ${e.clientWidth} px`);
    }
    // Dates in prose are worded ("9 Jan 2027"), never ISO. A field's help may show the input syntax it accepts.
    const parts: string[] = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const parent = n.parentElement;
      if (!parent || parent.closest('.pg-help, script, style') || parent.getClientRects().length === 0)
        continue;
      parts.push(n.textContent ?? '');
    }
    const text = parts.join(' ');
    const iso = /\b\d{4}-\d{2}-\d{2}(T[\d:.]+Z?)?\b/.exec(text);
    if (iso) out.push(`an ISO date in the text: ${iso[0]}`);
    // No criterion codes (R1, D2 …) and nothing a program leaks: people read names and numbers.
    const code = /\b[RD][0-3]\b/.exec(text);
    if (code)
      out.push(
        `a criterion code in the text: "${text.slice(Math.max(0, code.index - 30), code.index + 30)}"`,
      );
    const leak = /\b(undefined|NaN|null|\[object Object\])\b/.exec(text);
    if (leak) out.push(`"${leak[0]}" in the text`);
    return out;
  });
}

/** Opens every surface at `width` in `theme` and `locale`; returns what is wrong with each, in words. */
async function sweep(width: number, theme: (typeof THEMES)[number], locale?: string): Promise<void> {
  const problems: string[] = [];
  const w = await suite.open({ width, height: 900 });
  const tag = locale ? `${theme}, ${locale}` : theme;
  for (const s of surfaces) {
    const params: Record<string, string> = { ...s.params, as: 'admin' };
    if (theme === 'dark') params.theme = 'dark';
    if (locale) params.locale = locale;
    await w.page.goto(surfaceUrl(suite.url, params));
    await w.page.getByTestId(s.ready).first().waitFor();
    await w.page
      .getByTestId('loading')
      .first()
      .waitFor({ state: 'detached', timeout: 15_000 })
      .catch(() => undefined);
    // The charts size themselves once laid out.
    await w.page.waitForTimeout(300);
    await expect(w.page.evaluate(() => document.documentElement.dataset.colorMode)).resolves.toBe(theme);
    if (locale) await expect(w.page.evaluate(() => document.documentElement.lang)).resolves.toBe(locale);
    for (const p of await layoutProblems(w.page)) problems.push(`${s.name} at ${width} px, ${tag}: ${p}`);
    if (width === 400 || width === 1280)
      await screenshot(w.page, `responsive-${s.name}-${locale ? `${locale}-` : ''}${theme}-${width}`);
  }
  expect(problems).toEqual([]);
  expect(w.problems).toEqual([]);
  await w.close();
}

describe.each(THEMES)('every surface, %s', (theme) => {
  it.each(WIDTHS.map((w) => [w]))('fits %i px wide without overlaps', (width) => sweep(width, theme));
});

// German words run longer than English ones ("Pünktlichkeitsquote", "Wiederherstellungsziel"): the same checks in
// German, light at every width and dark at the narrowest two (issue #14).
describe('every surface in German (de-DE)', () => {
  it.each(WIDTHS.map((w) => [w]))('fits %i px wide without overlaps, light', (width) =>
    sweep(width, 'light', 'de-DE'),
  );
  it.each([[320], [400]])('fits %i px wide without overlaps, dark', (width) => sweep(width, 'dark', 'de-DE'));
});
