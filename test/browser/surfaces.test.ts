/**
 * Browser tests of the local preview, in Debian's Chromium: every demo project's page shows its phase and figures,
 * the roadmap macro renders once its config is saved, the idea panel shows locked and unlocked ideas, a user without
 * browse permission is refused, Refresh works, the admin page lists the configured projects — and no page logs an
 * error. Screenshots go to artifacts/screenshots.
 */
import type { Report } from '../../src/core/report';
import { formatCriterionValue } from '../../static/src/format';
import {
  api,
  browserSuite,
  expectedReport,
  expectNoProblems,
  invoke,
  pageTimings,
  phrasesIn,
  saveArtifact,
  screenshot,
  surfaceUrl,
} from './harness';

jest.setTimeout(60_000);

const suite = browserSuite();
const { open } = suite;
let today: string;
const expected = new Map<string, Report>();

beforeAll(async () => {
  const info = await api(suite.url, '/api/info');
  today = info.json.today;
  for (const key of ['OPS', 'PMO', 'DIG', 'LAB']) expected.set(key, await expectedReport(today, key));
}, 120_000);

describe('project page', () => {
  const pageLoads: Record<string, { ladderMs: number | null; invokeMs: number | null }> = {};

  it.each(['OPS', 'PMO', 'DIG'])('%s shows its phase and the figures behind it', async (key) => {
    const report = expected.get(key)!;
    const w = await open();
    await w.page.goto(surfaceUrl(suite.url, { surface: 'project', project: key, as: 'admin' }));
    await w.page.getByTestId('phase-ladder').waitFor();
    pageLoads[key] = await pageTimings(w.page);

    await expect(
      w.page.locator('[data-testid^="phase-"][aria-current="step"]').getAttribute('data-phase'),
    ).resolves.toBe(String(report.phase));
    await expect(w.page.getByTestId('current-phase').textContent()).resolves.toContain(
      `Phase ${report.phase} of 3`,
    );
    // Phases below the current one are met; the current one is not (phase 3 is met when innovation is unlocked).
    for (let n = 1; n <= 3; n++) {
      const state = await w.page.getByTestId(`phase-${n}`).getAttribute('data-state');
      if (n < report.phase) expect(state).toBe('met');
      if (n === report.phase && n < 3) expect(state).not.toBe('met');
    }
    for (const c of [...report.reliability.criteria, ...report.delivery.criteria]) {
      const item = w.page.getByTestId(`criterion-${c.id}`);
      await expect(item.getAttribute('data-met')).resolves.toBe(String(c.met));
      await expect(item.textContent()).resolves.toContain(formatCriterionValue(c));
    }
    await expect(w.page.getByTestId('computed-age').isVisible()).resolves.toBe(true);
    await screenshot(w.page, `project-${key}`);
    expectNoProblems(w);
  });

  it('LAB, with too few deliverables, says "not enough data" for delivery instead of failing it', async () => {
    const report = expected.get('LAB')!;
    expect(report.delivery.criteria.find((c) => c.id === 'D1')?.met).toBe(false);
    const w = await open();
    await w.page.goto(surfaceUrl(suite.url, { surface: 'project', project: 'LAB', as: 'admin' }));
    await w.page.getByTestId('phase-ladder').waitFor();
    await expect(w.page.getByTestId('criterion-D1').getAttribute('data-state')).resolves.toBe('insufficient');
    // The on-time rate has no data then: "not enough data" too, not a failure.
    await expect(w.page.getByTestId('criterion-D2').getAttribute('data-state')).resolves.toBe('insufficient');
    // No delivery decided and no incident restored in 12 months: a note in place of empty axes, and the summary in
    // words.
    await w.page.getByTestId('trend-chart-empty-onTime').waitFor();
    await expect(w.page.getByTestId('trend-chart-empty-restore').textContent()).resolves.toContain(
      'No incidents restored',
    );
    await expect(w.page.getByTestId('trend-chart-onTime').count()).resolves.toBe(0);
    await expect(w.page.getByTestId('trend-summary').textContent()).resolves.not.toContain('no data');
    await screenshot(w.page, 'project-LAB');
    expectNoProblems(w);
  });

  it('Refresh right after a computation says it did not recompute, and when it will', async () => {
    const w = await open();
    await w.page.goto(surfaceUrl(suite.url, { surface: 'project', project: 'PMO', as: 'lead' }));
    await w.page.getByTestId('phase-ladder').waitFor();
    const before = (await api(suite.url, '/api/metrics')).json.resolvers.refresh?.count ?? 0;
    // The first Refresh computes (or finds the page's own computation moments old); the second, right after it, is
    // throttled and says so.
    await w.page.getByTestId('refresh-button').click();
    await w.page
      .getByTestId('live-status')
      .filter({ hasText: /phase 2\.|Not recomputed/ })
      .waitFor({ state: 'attached' });
    await w.page.getByTestId('refresh-button').click();
    const note = w.page.getByTestId('refresh-note');
    await note.waitFor();
    await expect(note.textContent()).resolves.toMatch(
      /Not recomputed: the gate was refreshed moments ago\. Refresh again after \d{1,2} [A-Z][a-z]{2} \d{4}, \d{2}:\d{2}/,
    );
    await expect(w.page.getByTestId('live-status').textContent()).resolves.not.toContain('Recomputed');
    await w.page.getByTestId('refresh-button').filter({ hasNotText: 'Refreshing' }).waitFor();
    const after = (await api(suite.url, '/api/metrics')).json.resolvers.refresh.count;
    expect(after).toBe(before + 2);
    await expect(w.page.getByTestId('refresh-button').textContent()).resolves.toContain('Refresh');
    await expect(w.page.getByTestId('current-phase').textContent()).resolves.toContain('Phase 2 of 3');
    expectNoProblems(w);
  });

  it('opens an evidence issue in the demo issue view (router.open)', async () => {
    const report = expected.get('OPS')!;
    expect(report.reliability.majorIncidents).toBeGreaterThan(0);
    const w = await open();
    await w.page.goto(surfaceUrl(suite.url, { surface: 'project', project: 'OPS', as: 'admin' }));
    await w.page.getByTestId('phase-ladder').waitFor();
    await w.page.getByTestId('evidence-toggle-majorIncidents').click();
    const link = w.page
      .getByTestId('evidence-majorIncidents')
      .locator('[data-testid^="issue-link-"]')
      .first();
    await link.waitFor();
    const key = (await link.getAttribute('data-testid'))!.replace('issue-link-', '');
    const [issuePage] = await Promise.all([w.context.waitForEvent('page'), link.click()]);
    await issuePage.getByTestId('issue-key').waitFor();
    await expect(issuePage.getByTestId('issue-key').textContent()).resolves.toBe(key);
    await screenshot(w.page, 'project-OPS-evidence');
    expectNoProblems(w);
  });

  it('is dark with ?theme=dark', async () => {
    const w = await open();
    await w.page.goto(
      surfaceUrl(suite.url, { surface: 'project', project: 'DIG', as: 'admin', theme: 'dark' }),
    );
    await w.page.getByTestId('phase-ladder').waitFor();
    await expect(w.page.locator('html').getAttribute('data-color-mode')).resolves.toBe('dark');
    await screenshot(w.page, 'project-DIG-dark');
    expectNoProblems(w);
  });

  afterAll(() => saveArtifact('page-loads.json', pageLoads));
});

describe('permissions', () => {
  it('refuses OPS to a staff member who cannot browse it, clearly', async () => {
    const w = await open();
    await w.page.goto(surfaceUrl(suite.url, { surface: 'project', project: 'OPS', as: 'staff' }));
    const refusal = w.page.getByTestId('error-state');
    await refusal.waitFor();
    await expect(refusal.textContent()).resolves.toMatch(
      /do not have access[\s\S]*cannot browse project OPS/,
    );
    await expect(w.page.getByTestId('phase-ladder').count()).resolves.toBe(0);
    // Trying again or refreshing can only be refused again: neither is offered.
    await expect(refusal.getByRole('button').count()).resolves.toBe(0);
    await expect(w.page.getByTestId('refresh-button').count()).resolves.toBe(0);
    await screenshot(w.page, 'project-OPS-staff-refused');
    expectNoProblems(w);
  });

  it('shows DIG to the same staff member', async () => {
    const w = await open();
    await w.page.goto(surfaceUrl(suite.url, { surface: 'project', project: 'DIG', as: 'staff' }));
    await w.page.getByTestId('phase-ladder').waitFor();
    expectNoProblems(w);
  });
});

describe('roadmap macro', () => {
  it('renders the chosen project once its config is saved', async () => {
    const w = await open({ width: 900, height: 800 });
    const macro = `test-macro-${Date.now()}`;
    await w.page.goto(surfaceUrl(suite.url, { surface: 'macro', macro, as: 'lead' }));
    await w.page.getByTestId('macro-not-configured').waitFor();
    await screenshot(w.page, 'macro-not-configured');

    await w.page.goto(surfaceUrl(suite.url, { surface: 'macro-config', macro, as: 'lead' }));
    const select = w.page.getByTestId('macro-project-select');
    await select.waitFor();
    // The lead browses OPS, PMO and DIG: those are the projects offered.
    const offered = await select
      .locator('option')
      .evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).value));
    expect(offered.filter(Boolean).sort()).toEqual([
      'APP',
      'DATA',
      'DIG',
      'IDEAS',
      'INFRA',
      'ITSM',
      'OPS',
      'PMO',
    ]);
    await select.selectOption('PMO');
    await screenshot(w.page, 'macro-config');
    await Promise.all([
      w.page.waitForURL(/surface=macro(&|$)/),
      w.page.getByTestId('macro-config-save').click(),
    ]);

    const roadmap = w.page.getByTestId('roadmap-macro');
    await roadmap.waitFor();
    const report = expected.get('PMO')!;
    await expect(w.page.getByTestId('current-phase').textContent()).resolves.toContain(`${report.phase}`);
    await expect(roadmap.textContent()).resolves.toContain('PMO');
    await expect(
      w.page.locator('[data-testid^="phase-"][aria-current="step"]').getAttribute('data-phase'),
    ).resolves.toBe(String(report.phase));
    await screenshot(w.page, 'macro-PMO');
    // The saved config is the macro's: opening the macro again shows the same project.
    const info = await api(suite.url, '/api/info');
    expect(info.json.macros.find((m: { id: string }) => m.id === macro).config).toEqual({ project: 'PMO' });
    expectNoProblems(w);
  });
});

describe('idea panel', () => {
  async function firstWaitingIdea(project: string): Promise<string> {
    const info = await api(suite.url, '/api/info');
    const idea = info.json.ideas.find(
      (i: { project: string; category: string; labels: string[] }) =>
        i.project === project && i.category === 'new' && i.labels.length === 0,
    );
    return idea.key;
  }

  it.each([
    ['OPS', 'locked'],
    ['DIG', 'unlocked'],
  ])('shows a waiting idea of %s as %s', async (project, state) => {
    const report = expected.get(project)!;
    expect(report.innovationUnlocked).toBe(state === 'unlocked');
    // The gate must have been computed once (the project page above did it).
    await invoke(suite.url, 'getGate', { surface: 'project', project }, 'admin');
    const issue = await firstWaitingIdea(project);
    const w = await open({ width: 480, height: 700 });
    await w.page.goto(surfaceUrl(suite.url, { surface: 'idea', issue, project, as: 'admin' }));
    const ideaState = w.page.getByTestId('idea-state');
    await ideaState.waitFor();
    await expect(ideaState.getAttribute('data-state')).resolves.toBe(state);
    if (state === 'locked') await expect(w.page.getByTestId('idea-reasons').isVisible()).resolves.toBe(true);
    // The phase is said once: the unlocked sentence names it, the footer gives the age only.
    if (state === 'unlocked') {
      await expect(w.page.getByTestId('idea-panel').textContent()).resolves.toContain('reached phase 3');
      await expect(w.page.getByTestId('idea-gate-age').textContent()).resolves.not.toMatch(/phase/i);
    }
    await screenshot(w.page, `idea-${project}-${state}`);

    // The demo's issue view shows the same panel beside the issue, as Jira does.
    await w.page.setViewportSize({ width: 1100, height: 700 });
    await w.page.goto(`${suite.url}/browse/${issue}?as=admin`);
    await expect(w.page.getByTestId('issue-key').textContent()).resolves.toBe(issue);
    const panelState = w.page.frameLocator('iframe.panel').getByTestId('idea-state');
    await expect(panelState.getAttribute('data-state')).resolves.toBe(state);
    await screenshot(w.page, `issue-${project}-${state}`);
    expectNoProblems(w);
  });

  it('issue #14: in German (the context locale de-DE), the whole panel reads German, reasons included', async () => {
    await invoke(suite.url, 'getGate', { surface: 'project', project: 'OPS' }, 'admin');
    const issue = await firstWaitingIdea('OPS');
    const w = await open({ width: 400, height: 800 });
    await w.page.goto(
      surfaceUrl(suite.url, { surface: 'idea', issue, project: 'OPS', as: 'admin', locale: 'de-DE' }),
    );
    await w.page.getByTestId('idea-reasons').waitFor();
    await expect(w.page.evaluate(() => document.documentElement.lang)).resolves.toBe('de-DE');
    const text = (await w.page.getByTestId('idea-panel').textContent()) ?? '';
    expect(text).toContain('Gesperrt');
    expect(text).toContain('Was sie entsperren würde');
    expect(text).toMatch(/nötig: mindestens/);
    expect(text).toMatch(/Gate berechnet/);
    expect(
      phrasesIn(text, [
        'Locked',
        'What would unlock',
        'Still missing',
        'needs at least',
        'gate computed',
        ' ago',
      ]),
    ).toEqual([]);
    await screenshot(w.page, 'idea-OPS-locked-de');
    expectNoProblems(w);
  });
});

describe('admin page', () => {
  it('lists the configured projects with their phase', async () => {
    // A project is configured (listed) once its settings are saved: save the defaults, as an admin would.
    for (const key of ['OPS', 'PMO', 'DIG']) {
      const saved = await invoke(suite.url, 'saveSettings', { surface: 'settings', project: key }, 'admin', {
        config: {},
      });
      expect(saved.ok).toBe(true);
    }
    const w = await open();
    await w.page.goto(surfaceUrl(suite.url, { surface: 'admin', as: 'admin' }));
    await w.page.getByTestId('portfolio-table').waitFor();
    for (const key of ['OPS', 'PMO', 'DIG']) {
      await expect(w.page.getByTestId(`portfolio-row-${key}`).textContent()).resolves.toContain(
        String(expected.get(key)!.phase),
      );
    }
    await screenshot(w.page, 'admin');
    expectNoProblems(w);
  });

  it('set-up says what it will do, then each step and whether the idea workflow carries the validator', async () => {
    const w = await open();
    await w.page.goto(surfaceUrl(suite.url, { surface: 'admin', as: 'admin' }));
    await w.page.getByTestId('setup-preview').waitFor();
    await expect(w.page.getByTestId('setup-preview').textContent()).resolves.toMatch(/validator/);
    const setUp = async (key: string) => {
      await w.page.getByTestId('setup-project-key').fill(key);
      await w.page.getByTestId('setup-button').click();
      await w.page.getByTestId('setup-result').waitFor();
    };
    // PMO's idea workflow has no validator on the demo site: the check says so, and the steps to add it follow.
    await setUp('PMO');
    const summary = w.page.getByTestId('validator-check-summary');
    await expect(summary.getAttribute('data-status')).resolves.toBe('missing');
    await expect(summary.textContent()).resolves.toContain(
      'Validator missing on the idea workflow "PMO: Innovation Idea Workflow"',
    );
    await expect(w.page.getByTestId('validator-steps').count()).resolves.toBe(1);
    await expect(w.page.getByTestId('setup-preview').count()).resolves.toBe(0);
    // IDEAS's carries it on "Start": no steps to follow by hand.
    await setUp('IDEAS');
    await expect(summary.getAttribute('data-status')).resolves.toBe('on');
    await expect(summary.textContent()).resolves.toContain('(1 transition: Start)');
    await expect(w.page.getByTestId('validator-steps').count()).resolves.toBe(0);
    // A project that does not exist: the failed step, and nothing about a workflow.
    await setUp('ZZZ');
    await expect(w.page.getByTestId('setup-step-0').getAttribute('data-outcome')).resolves.toBe('failed');
    await expect(w.page.getByTestId('validator-check').count()).resolves.toBe(0);
    await expect(w.page.getByTestId('validator-steps').count()).resolves.toBe(0);
    await screenshot(w.page, 'admin-setup');
    expectNoProblems(w);
  });
});

describe('the first page', () => {
  it('lists every demo project with a link to each surface, and switches the viewing user', async () => {
    const w = await open();
    await w.page.goto(`${suite.url}/?as=lead`);
    await expect(w.page.getByTestId('viewing-user').textContent()).resolves.toBe('Marcus Chen');
    for (const key of ['OPS', 'PMO', 'DIG', 'LAB']) {
      for (const s of ['project', 'settings', 'macro', 'macro-config']) {
        await expect(w.page.getByTestId(`link-${s}-${key}`).count()).resolves.toBe(1);
      }
    }
    await w.page.getByTestId('link-project-PMO').click();
    await w.page.getByTestId('phase-ladder').waitFor();
    expect(new URL(w.page.url()).searchParams.get('as')).toBe('lead');
    // Inserting a macro opens its config first (openOnInsert), as Confluence does.
    await w.page.goto(`${suite.url}/?as=admin`);
    await w.page.getByTestId('link-new-macro').click();
    await w.page.getByTestId('macro-project-select').waitFor();
    expect(new URL(w.page.url()).searchParams.get('surface')).toBe('macro-config');
    await w.page.goto(`${suite.url}/?as=admin`);
    await screenshot(w.page, 'index');
    expectNoProblems(w);
  });
});
