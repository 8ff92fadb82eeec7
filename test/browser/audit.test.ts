/**
 * Issue #13 in the preview, in Debian's Chromium: the organisation gate "Northwind IT" went 1→2→1→2 over the year;
 * its step back says what did it on the project page and in the roadmap macro; the project page counts the ideas
 * that got around the gate and shows the audit trail (collapsed, newest first) with a CSV download of the same days.
 */
import { readFileSync } from 'node:fs';
import type { PhaseChange, Report } from '../../src/core/report';
import { describePhaseChange, formatCalendarDate } from '../../src/core/wording';
import type { AuditView } from '../../src/forge/contract';
import { DEMO_GATES } from '../../dev/demo-org';
import { browserSuite, enrolGate, expectNoProblems, invoke, screenshot, surfaceUrl } from './harness';

jest.setTimeout(90_000);

const suite = browserSuite();
const ORG = DEMO_GATES[0]!;
let org: Report;
let back: PhaseChange;

beforeAll(async () => {
  const view = await enrolGate(suite.url, ORG);
  org = view.snapshot.report;
  back = org.phaseChanges.find((c) => c.to < c.from)!;
  expect(back).toBeDefined();
}, 180_000);

/** The words the page shows for a change ("Thrown back to phase 1 … on 4 Jul 2026: 3 major incidents (limit 2)"). */
const shown = (c: PhaseChange) => {
  const t = describePhaseChange(c);
  return t.charAt(0).toUpperCase() + t.slice(1);
};

describe('the cause of a step back', () => {
  it('is named on the project page and in the macro, with the figure and its limit', async () => {
    // The demo's step back: a third major incident in the 90-day window (limit 2).
    expect(back.cause).toEqual([
      { id: 'R1', value: expect.any(Number), unit: 'count', op: '<=', limit: 2, waiverEnded: false },
    ]);
    const words = `${shown(back)}`;
    expect(words).toMatch(/: \d+ major incidents \(limit 2\)$/);

    const w = await suite.open({ width: 1280, height: 900 });
    await w.page.goto(surfaceUrl(suite.url, { surface: 'project', project: ORG.home, as: 'admin' }));
    const steps = w.page.getByTestId('phase-changes');
    await steps.waitFor();
    await steps.locator('summary').click();
    await expect(steps.textContent()).resolves.toContain(words);
    await screenshot(w.page, 'project-step-back-cause-ITSM');

    await w.page.goto(surfaceUrl(suite.url, { surface: 'macro', macro: 'roadmap-ITSM', as: 'admin' }));
    const macroSteps = w.page.getByTestId('phase-changes');
    await macroSteps.waitFor();
    await expect(macroSteps.textContent()).resolves.toContain(words);
    expectNoProblems(w);
  });
});

describe('the project page', () => {
  it('counts the ideas that got around the gate', async () => {
    const w = await suite.open({ width: 1280, height: 900 });
    await w.page.goto(surfaceUrl(suite.url, { surface: 'project', project: ORG.home, as: 'admin' }));
    const v = w.page.getByTestId('violations');
    await v.waitFor();
    // None flagged in the demo.
    await expect(v.textContent()).resolves.toBe(
      'No idea was moved or changed away from the idea type while locked.',
    );
    expectNoProblems(w);
  });

  it('shows the audit trail collapsed, then newest first, and downloads the same days as CSV', async () => {
    const stored = (await invoke(
      suite.url,
      'getAudit',
      { surface: 'project', project: ORG.home },
      'admin',
    )) as AuditView;
    expect(stored.days.length).toBeGreaterThan(0);
    const newest = stored.days[0]!;
    expect(newest.day).toBe(org.asOf);
    expect(newest.phase).toBe(org.phase);

    const w = await suite.open({ width: 1280, height: 900 });
    await w.page.goto(surfaceUrl(suite.url, { surface: 'project', project: ORG.home, as: 'admin' }));
    const trail = w.page.getByTestId('audit-trail');
    await trail.waitFor();
    await expect(trail.getAttribute('open')).resolves.toBeNull(); // collapsed by default
    await expect(w.page.getByTestId('audit-table').count()).resolves.toBe(0); // not loaded until opened
    await trail.locator('summary').click();
    const row = w.page.getByTestId(`audit-row-${newest.day}`);
    await row.waitFor();
    const text = (await row.textContent()) ?? '';
    expect(text).toContain(formatCalendarDate(newest.day));
    expect(text).toContain(`Phase ${newest.phase}`);
    expect(text).toContain(newest.settingsVersion ? `version ${newest.settingsVersion}` : 'defaults');
    const firstRow = w.page.getByTestId('audit-table').locator('tbody tr').first();
    await expect(firstRow.getAttribute('data-testid')).resolves.toBe(`audit-row-${newest.day}`);
    await screenshot(w.page, 'project-audit-trail-ITSM');

    const [download] = await Promise.all([
      w.page.waitForEvent('download'),
      w.page.getByTestId('audit-download').click(),
    ]);
    expect(download.suggestedFilename()).toBe(`phase-gate-audit-${ORG.home}-${newest.day}.csv`);
    const csv = readFileSync((await download.path())!, 'utf8');
    const lines = csv.split('\r\n');
    expect(lines.at(-1)).toBe(''); // every record ends with CRLF
    expect(lines[0]!.split(',').slice(0, 3)).toEqual(['day', 'computed_at', 'phase']);
    expect(lines.length - 2).toBe(stored.days.length); // a header, one row per day
    expect(lines[1]!.startsWith(`${newest.day},${newest.at},${newest.phase},`)).toBe(true);
    expectNoProblems(w);
  });
});

describe('the portfolio', () => {
  it('shows the latest step back with its cause, and the violations column', async () => {
    const w = await suite.open({ width: 1280, height: 900 });
    await w.page.goto(surfaceUrl(suite.url, { surface: 'admin', as: 'admin' }));
    await w.page.getByTestId('portfolio-row-ITSM').waitFor();
    const last = [...org.phaseChanges].reverse().find((c) => c.to < c.from)!;
    await expect(w.page.getByTestId('portfolio-stepback-ITSM').textContent()).resolves.toBe(
      `last ${describePhaseChange(last)}`,
    );
    await expect(w.page.getByTestId('portfolio-violations-ITSM').textContent()).resolves.toBe('none');
    await screenshot(w.page, 'admin-portfolio-step-back');
    expectNoProblems(w);
  });
});
