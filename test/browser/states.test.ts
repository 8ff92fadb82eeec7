/**
 * Browser tests of states the demo site does not reach by itself, made by rewriting the resolvers' answers in the
 * page (playwright routes on the bridge's `/api/invoke`): a busy store, an evidence list cut to fit storage; the
 * same criterion in the same words on every surface and in the CLI; and the restore chart's axis. Screenshots go to
 * artifacts/screenshots.
 */
import type { Page, Route } from 'playwright-core';
import type { Report } from '../../src/core/report';
import { criterionTarget, describeCriterion, formatValue } from '../../src/core/wording';
import { formatText } from '../../src/cli/format';
import { browserSuite, invoke, screenshot, surfaceUrl, hoverChart } from './harness';

jest.setTimeout(60_000);

const suite = browserSuite();
const { open } = suite;

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Loose = any;

/**
 * Rewrites the answers of one resolver: `rewrite` gets the real answer (or, with `fake`, none) and returns the one
 * the page sees; returning undefined lets the real answer through.
 */
async function rewrite(
  page: Page,
  functionKey: string,
  change: (result: Loose, payload: Loose) => Loose,
  fake = false,
): Promise<void> {
  await page.route('**/api/invoke', async (route: Route) => {
    const body = route.request().postDataJSON() as { functionKey: string; payload: Loose };
    // fallback(), not continue(): another rewrite of the same page may handle it.
    if (body.functionKey !== functionKey) return route.fallback();
    if (fake) {
      const result = change(undefined, body.payload);
      return result === undefined ? route.fallback() : route.fulfill({ json: { result } });
    }
    const response = await route.fetch();
    const json = (await response.json()) as { result: Loose };
    const result = change(json.result, body.payload);
    return route.fulfill({ response, json: { result: result === undefined ? json.result : result } });
  });
}

const BUSY = {
  error: { code: 'busy', message: 'another computation of PMO is being stored; try again in a minute' },
};

describe('a busy store', () => {
  it('is a passing state on the project page: "Try again" loads the page', async () => {
    const w = await open();
    let calls = 0;
    await rewrite(w.page, 'getGate', () => (++calls === 1 ? BUSY : undefined), true);
    await w.page.goto(surfaceUrl(suite.url, { surface: 'project', project: 'PMO', as: 'admin' }));
    const message = w.page.getByTestId('error-state');
    await message.waitFor();
    await expect(message.textContent()).resolves.toMatch(
      /Busy[\s\S]*Another computation of PMO is being stored/,
    );
    await expect(message.getAttribute('class')).resolves.toContain('pg-banner--warning');
    await expect(w.page.getByTestId('refresh-button').count()).resolves.toBe(1);
    await screenshot(w.page, 'project-PMO-busy');
    await message.getByRole('button', { name: 'Try again' }).click();
    await w.page.getByTestId('phase-ladder').waitFor();
    expect(w.problems).toEqual([]);
  });

  it('keeps the last good state when a refresh finds the store busy', async () => {
    const w = await open();
    await rewrite(w.page, 'refresh', () => BUSY, true);
    await w.page.goto(surfaceUrl(suite.url, { surface: 'project', project: 'PMO', as: 'admin' }));
    await w.page.getByTestId('phase-ladder').waitFor();
    await w.page.getByTestId('refresh-button').click();
    const banner = w.page.getByTestId('refresh-error');
    await banner.waitFor();
    await expect(banner.getAttribute('class')).resolves.toContain('pg-banner--warning');
    await expect(banner.textContent()).resolves.toContain('try again in a minute');
    await expect(w.page.getByTestId('phase-ladder').isVisible()).resolves.toBe(true);
    await expect(w.page.getByTestId('refresh-button').isVisible()).resolves.toBe(true);
    expect(w.problems).toEqual([]);
  });
});

describe('a big first view (issue #12)', () => {
  it('says "Computing the gate — about N s", polls getGate, and shows the gate when it arrives', async () => {
    const w = await open();
    let calls = 0;
    // The first two answers say computing (as a first view past its deadline does); then the real answer.
    await rewrite(w.page, 'getGate', (real: Loose) =>
      ++calls <= 2
        ? { ...real, snapshot: null, ageMinutes: null, computing: { etaSeconds: 35 - 5 * calls } }
        : real,
    );
    await w.page.goto(surfaceUrl(suite.url, { surface: 'project', project: 'PMO', as: 'admin' }));
    const computing = w.page.getByTestId('computing');
    await computing.waitFor();
    await expect(computing.textContent()).resolves.toMatch(/Computing the gate — about 30 s/);
    await expect(w.page.getByTestId('empty-state').count()).resolves.toBe(0);
    await screenshot(w.page, 'project-computing');
    await w.page.getByText('Computing the gate — about 25 s').waitFor({ timeout: 15_000 });
    await w.page.getByTestId('phase-ladder').waitFor({ timeout: 15_000 });
    await expect(computing.count()).resolves.toBe(0);
    expect(calls).toBe(3); // polling stopped once the snapshot arrived
    await w.page.waitForTimeout(6000);
    expect(calls).toBe(3);
    await screenshot(w.page, 'project-computing-done');
  });
});

describe('an evidence list cut to fit storage', () => {
  it('counts in full (evidenceTotals) and says "showing N of M" under the list', async () => {
    const w = await open();
    let majors = 0;
    let openMajorTotal = 0;
    await rewrite(w.page, 'getGate', (view) => {
      // The resolver sends counts, never keys: a cut list is one whose stored count is below its total.
      const s = view.snapshot;
      expect(s.evidence.majorIncidents).toEqual([]);
      majors = s.evidenceTotals.majorIncidents;
      openMajorTotal = s.evidenceTotals.openMajorIncidents + 40;
      s.evidenceStored = { ...s.evidenceStored, majorIncidents: 1 };
      s.evidenceTotals = { ...s.evidenceTotals, openMajorIncidents: openMajorTotal };
      return view;
    });
    // What getEvidence reads is the stored (cut) list.
    await rewrite(w.page, 'getEvidence', (issues, payload) =>
      payload.list === 'majorIncidents' ? issues.slice(0, 1) : issues,
    );
    await w.page.goto(surfaceUrl(suite.url, { surface: 'project', project: 'OPS', as: 'admin' }));
    await w.page.getByTestId('phase-ladder').waitFor();
    expect(majors).toBeGreaterThan(1);
    // The count the page derives from the list's length is the full one.
    await expect(w.page.getByTestId('figure-openMajorIncidents').textContent()).resolves.toContain(
      String(openMajorTotal),
    );
    await expect(w.page.getByTestId('figure-majorIncidents').textContent()).resolves.toContain(
      String(majors),
    );
    await w.page.getByTestId('evidence-toggle-majorIncidents').click();
    const note = w.page.getByTestId('evidence-partial-majorIncidents');
    await note.waitFor();
    await expect(note.textContent()).resolves.toContain(`Showing 1 of ${majors}`);
    await screenshot(w.page, 'project-OPS-evidence-trimmed');
    expect(w.problems).toEqual([]);
  });
});

describe('one vocabulary', () => {
  it('a criterion reads the same on the page, in the macro and in the CLI (the wording module)', async () => {
    // The gate as the preview computed it (the resolver's answer), worded by the core's one wording module.
    const view = await invoke(suite.url, 'getGate', { surface: 'project', project: 'OPS' }, 'admin');
    const report = view.snapshot.report as Report;
    const r3 = report.reliability.criteria.find((c) => c.id === 'R3')!;
    expect(r3.met).toBe(false);
    const value = formatValue(r3);
    const target = criterionTarget(r3);
    expect(value).toMatch(/^\d+ h \([\d.]+ days\)$/); // "160 h (6.7 days)", never "(hours): 160.1"

    const page = await open({ width: 1280, height: 900 });
    await page.page.goto(surfaceUrl(suite.url, { surface: 'project', project: 'OPS', as: 'admin' }));
    const row = page.page.getByTestId('criterion-R3');
    await row.waitFor();
    const rowText = (await row.textContent()) ?? '';
    expect(rowText).toContain(value);
    expect(rowText).toContain(target);

    const macro = await open({ width: 900, height: 800 });
    await macro.page.goto(surfaceUrl(suite.url, { surface: 'macro', macro: 'roadmap-OPS', as: 'admin' }));
    const next = macro.page.getByTestId('next-gate');
    await next.waitFor();
    const lines = await next.locator('li').allTextContents();
    expect(lines).toContain(describeCriterion(r3, report.waivers));

    // The CLI prints the same value and target (src/cli/format.ts words criteria with the same module).
    const out = formatText(report);
    expect(out).toContain(`Longest-open major incident: ${value} (target ${target})`);
    expect(page.problems).toEqual([]);
    expect(macro.problems).toEqual([]);
  });
});
describe('trend charts', () => {
  it('label every target in a key beside the title, on the page and in the macro, clear of the lines', async () => {
    const report = (await invoke(suite.url, 'getGate', { surface: 'project', project: 'OPS' }, 'admin'))
      .snapshot.report as Report;
    const r1 = report.reliability.criteria.find((c) => c.id === 'R1')!;
    const surfaces: Record<string, string>[] = [
      { surface: 'project', project: 'OPS', as: 'admin' },
      { surface: 'macro', macro: 'roadmap-OPS', as: 'admin' },
    ];
    for (const params of surfaces) {
      const w = await open({ width: 400, height: 900 });
      await w.page.goto(surfaceUrl(suite.url, params));
      const major = w.page.getByTestId('trend-chart-major');
      await major.waitFor();
      await expect(major.locator('.pg-chart__key').textContent()).resolves.toBe(`limit ≤ ${r1.limit}`);
      // Every chart drawn (a chart with no point is a note instead) has its target in words, above the plot, and
      // nothing drawn inside the plot carries them.
      const charts = w.page.locator('[data-testid^="trend-chart-"]:not([data-testid="trend-chart-phase"])');
      const ids = await charts.evaluateAll((els) => els.map((e) => e.getAttribute('data-testid')!));
      const drawn = ids.filter((id) => !id.startsWith('trend-chart-empty-'));
      expect(drawn.length).toBeGreaterThanOrEqual(2);
      for (const id of drawn) {
        const chart = w.page.getByTestId(id);
        const key = chart.locator('.pg-chart__key');
        await expect(key.textContent()).resolves.toMatch(/^(target|limit) [≤≥] \d/);
        const keyBox = (await key.boundingBox())!;
        const plotBox = (await chart.locator('.recharts-surface').boundingBox())!;
        expect(keyBox.y + keyBox.height).toBeLessThanOrEqual(plotBox.y + 0.5);
        expect(keyBox.x + keyBox.width).toBeLessThanOrEqual(400);
        await expect(chart.locator('.recharts-surface').textContent()).resolves.not.toMatch(/target|limit/);
      }
      expect(w.problems).toEqual([]);
    }
  });

  it('space the restore axis evenly', async () => {
    const w = await open();
    await w.page.goto(surfaceUrl(suite.url, { surface: 'project', project: 'PMO', as: 'admin' }));
    const chart = w.page.getByTestId('trend-chart-restore');
    await chart.waitFor();
    const ticks = (
      await chart.locator('.recharts-yAxis-tick-labels .recharts-cartesian-axis-tick-value').allTextContents()
    ).map(Number);
    expect(ticks.length).toBeGreaterThanOrEqual(3);
    expect(ticks[0]).toBe(0);
    const steps = new Set(ticks.slice(1).map((t, i) => t - ticks[i]!));
    expect(steps.size).toBe(1);
    await screenshot(w.page, 'project-PMO-trend');
    expect(w.problems).toEqual([]);
  });

  it("chart the major incidents against their labelled limit, with tooltips in the product's words", async () => {
    const w = await open({ width: 1280, height: 900 });
    await w.page.goto(surfaceUrl(suite.url, { surface: 'project', project: 'OPS', as: 'admin' }));
    const report = (await invoke(suite.url, 'getGate', { surface: 'project', project: 'OPS' }, 'admin'))
      .snapshot.report as Report;
    const r1 = report.reliability.criteria.find((c) => c.id === 'R1')!;
    const chart = w.page.getByTestId('trend-chart-major');
    await chart.waitFor();
    await expect(chart.textContent()).resolves.toContain(`limit ≤ ${r1.limit}`);
    const onTime = w.page.getByTestId('trend-chart-onTime');
    if (await onTime.count()) await expect(onTime.textContent()).resolves.toMatch(/target ≥ \d+(\.\d)?%/);

    // Hovering a month shows its date and the figure in words, with the limit, not the chart library's "major: 3".
    const text = await hoverChart(w.page, chart);
    expect(text).toMatch(/\d{1,2} [A-Z][a-z]{2} \d{4}/);
    expect(text).toMatch(/\d+ major incidents?/);
    expect(text).toContain(`(limit ≤ ${r1.limit})`);
    expect(text).not.toMatch(/major\s*:/);
    await screenshot(w.page, 'project-OPS-major-incident-chart');
    expect(w.problems).toEqual([]);
  });
});
