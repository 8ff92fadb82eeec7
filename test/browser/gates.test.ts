/**
 * Browser tests of gates across projects (issue #11) in the preview, in Debian's Chromium: the gate editor (project
 * pickers, what each name resolved to, refusals on their field), a source project's page listing the gate it counts
 * toward and linking to it, the roadmap macro on a gate, and the portfolio's figures for a Jira administrator only.
 * The organisation gate "Northwind IT" (DEMO_GATES) is saved first, as an administrator would.
 */
import type { Report } from '../../src/core/report';
import { formatCalendarDate, formatRate } from '../../src/core/wording';
import { DEMO_GATES } from '../../dev/demo-org';
import { browserSuite, enrolGate, expectNoProblems, invoke, screenshot, surfaceUrl } from './harness';

jest.setTimeout(90_000);

const suite = browserSuite();
const ORG = DEMO_GATES[0]!;
let org: Report;

beforeAll(async () => {
  const view = await enrolGate(suite.url, ORG);
  org = view.snapshot.report;
  expect(org.gate.name).toBe('Northwind IT');
  // A stand-alone gate too, for the portfolio and the claim on IDEAS below.
  await invoke(suite.url, 'getGate', { surface: 'project', project: 'OPS' }, 'admin');
}, 180_000);

describe('the gate editor', () => {
  it('shows the sources as picked projects with what each name resolved to, and adds and removes a project', async () => {
    const w = await suite.open({ width: 1100, height: 900 });
    await w.page.goto(surfaceUrl(suite.url, { surface: 'settings', project: ORG.home, as: 'admin' }));
    await w.page.getByTestId('settings-form').waitFor();
    await expect(w.page.getByTestId('settings-field-name').inputValue()).resolves.toBe('Northwind IT');
    for (const key of ['APP', 'DATA', 'INFRA']) {
      await w.page.getByTestId(`settings-field-deliveryProjects-tag-${key}`).waitFor();
    }
    await w.page.getByTestId('settings-field-ideaProjects-tag-IDEAS').waitFor();
    // What each name resolved to at the last computation, beside its field.
    const incidents = w.page.getByTestId('settings-resolved-incidentProjects');
    await incidents.waitFor();
    const incidentType = org.sources.incidents.types[0]!;
    await expect(incidents.textContent()).resolves.toContain(`${incidentType.name} (id ${incidentType.id})`);
    const majors = await w.page.getByTestId('settings-resolved-majorPriorities').textContent();
    for (const p of org.sources.incidents.majorPriorities) expect(majors).toContain(p.name);
    await expect(w.page.getByTestId('settings-resolved-deliveryProjects').textContent()).resolves.toContain(
      org.sources.deliverables.projects.join(', '),
    );
    await screenshot(w.page, 'gate-editor-ITSM');

    // The picker searches the projects the admin can browse; picking adds a tag, the tag's button removes it.
    const search = w.page.getByTestId('settings-field-deliveryProjects');
    await search.fill('OPS');
    await w.page.getByTestId('settings-field-deliveryProjects-option-OPS').click();
    await w.page.getByTestId('settings-field-deliveryProjects-tag-OPS').waitFor();
    await expect(w.page.getByTestId('settings-reset').getAttribute('aria-disabled')).resolves.toBe('false');
    await screenshot(w.page, 'gate-editor-picking');
    await w.page.getByTestId('settings-field-deliveryProjects-remove-OPS').click();
    await expect(w.page.getByTestId('settings-field-deliveryProjects-tag-OPS').count()).resolves.toBe(0);
    // Keyboard: a key typed in full and Enter adds it; Backspace in the empty box removes the last tag.
    await search.fill('LAB');
    await search.press('Enter');
    await w.page.getByTestId('settings-field-deliveryProjects-tag-LAB').waitFor();
    await search.press('Backspace');
    await expect(w.page.getByTestId('settings-field-deliveryProjects-tag-LAB').count()).resolves.toBe(0);
    expectNoProblems(w);
  });

  it("offers only the site's priorities, and a name the site does not know is refused in the page's words", async () => {
    const w = await suite.open({ width: 1100, height: 900 });
    await w.page.goto(surfaceUrl(suite.url, { surface: 'settings', project: ORG.home, as: 'admin' }));
    await w.page.getByTestId('settings-form').waitFor();
    // Issue #10: the names are picked from the site's, not typed.
    const picker = w.page.getByTestId('settings-field-majorPriorities');
    await picker.locator('input[type=checkbox]').first().waitFor();
    const top = org.sources.incidents.majorPriorities[0]!.name;
    await w.page.getByTestId(`settings-choice-majorPriorities-${top}`).waitFor();
    await expect(w.page.getByTestId('settings-choice-majorPriorities-Blocker').count()).resolves.toBe(0);
    await screenshot(w.page, 'gate-editor-priority-picker');
    // Sent anyway (an old page, a script), it is refused on its field, naming the site's choices.
    const answer = await invoke(
      suite.url,
      'saveSettings',
      { surface: 'settings', project: ORG.home },
      'admin',
      {
        config: { majorPriorities: ['Blocker'] },
      },
    );
    expect(answer.ok).toBe(false);
    expect(answer.errors).toEqual([
      {
        path: 'majorPriorities',
        message: expect.stringMatching(/^Major priorities: "Blocker" does not exist/),
      },
    ]);
    expect(answer.errors[0].message).toContain(top);
    const settings = await invoke(
      suite.url,
      'getSettings',
      { surface: 'settings', project: ORG.home },
      'admin',
    );
    expect(settings.config.majorPriorities).toBeUndefined();
    expectNoProblems(w);
  });

  it("refuses a second gate's claim on the ideas project on that field, naming the other gate", async () => {
    const w = await suite.open({ width: 1100, height: 900 });
    await w.page.goto(surfaceUrl(suite.url, { surface: 'settings', project: 'OPS', as: 'admin' }));
    await w.page.getByTestId('settings-form').waitFor();
    const ideas = w.page.getByTestId('settings-field-ideaProjects');
    await ideas.fill('IDEAS');
    await w.page.getByTestId('settings-field-ideaProjects-option-IDEAS').click();
    await w.page.getByTestId('settings-save').click();
    const error = w.page.getByTestId('settings-error-ideaProjects');
    await error.waitFor();
    await expect(error.textContent()).resolves.toContain('Northwind IT');
    await screenshot(w.page, 'gate-editor-refused-claim');
    expectNoProblems(w);
  });
});

describe('membership on a project page', () => {
  it("a delivery project's page lists the organisation gate with its home and phase, and links to it", async () => {
    const w = await suite.open({ width: 1280, height: 900 });
    await w.page.goto(surfaceUrl(suite.url, { surface: 'project', project: 'APP', as: 'admin' }));
    const row = w.page.getByTestId('membership-ITSM');
    await row.waitFor();
    const text = (await row.textContent()) ?? '';
    expect(text).toContain('Northwind IT');
    expect(text).toContain('home ITSM');
    expect(text).toContain('deliverables');
    expect(text).toContain(`Phase ${org.phase}`);
    await expect(row.getAttribute('data-phase')).resolves.toBe(String(org.phase));
    await screenshot(w.page, 'project-APP-memberships');
    await Promise.all([
      w.page.waitForURL(/project=ITSM/),
      w.page.getByTestId('membership-open-ITSM').click(),
    ]);
    await w.page.getByTestId('phase-ladder').waitFor();
    expect(new URL(w.page.url()).searchParams.get('as')).toBe('admin');
    expectNoProblems(w);
  });

  it('the ideas project counts its ideas toward the gate', async () => {
    const view = await invoke(suite.url, 'getMemberships', { surface: 'project', project: 'IDEAS' }, 'admin');
    const gate = view.gates.find((g: { home: string }) => g.home === 'ITSM');
    expect(gate).toMatchObject({ name: 'Northwind IT', roles: ['ideas'], phase: org.phase });
  });

  it('a viewer who cannot browse every source of the gate is told it exists, never its name', async () => {
    // The staff member browses DIG and IDEAS only.
    const view = await invoke(suite.url, 'getMemberships', { surface: 'project', project: 'IDEAS' }, 'staff');
    expect(view.gates.map((g: { home: string }) => g.home)).not.toContain('ITSM');
    expect(view.hidden).toBe(1);
    expect(JSON.stringify(view)).not.toContain('Northwind');
  });
});

describe('the roadmap macro on a gate', () => {
  it('picks the gate by name and shows its as-of date, needs, ideas waiting and steps back', async () => {
    const w = await suite.open({ width: 900, height: 900 });
    const macro = `gate-macro-${Date.now()}`;
    await w.page.goto(surfaceUrl(suite.url, { surface: 'macro-config', macro, as: 'admin' }));
    const select = w.page.getByTestId('macro-project-select');
    await select.waitFor();
    const gateOption = select.locator('optgroup[label="Gates"] option[value="ITSM"]');
    await gateOption.waitFor({ state: 'attached' });
    await expect(gateOption.textContent()).resolves.toContain('Northwind IT');
    await select.selectOption('ITSM');
    await screenshot(w.page, 'macro-config-gate');
    await Promise.all([
      w.page.waitForURL(/surface=macro(&|$)/),
      w.page.getByTestId('macro-config-save').click(),
    ]);
    const roadmap = w.page.getByTestId('roadmap-macro');
    await roadmap.waitFor();
    await w.page.getByTestId('current-phase').waitFor();
    await expect(roadmap.locator('h2').textContent()).resolves.toContain('Northwind IT');
    await expect(w.page.getByTestId('macro-as-of').textContent()).resolves.toContain(
      `As of ${formatCalendarDate(org.asOf)}`,
    );
    await w.page.getByTestId('next-gate').waitFor();
    // The count and its noun together: "N ideas waiting", never a bare number over a sentence.
    const ideas = (await w.page.getByTestId('ideas-waiting').textContent()) ?? '';
    expect(ideas).toMatch(new RegExp(`^${org.ideas.waiting} ideas? waiting`));
    if (!org.innovationUnlocked && org.ideas.locked !== org.ideas.waiting) {
      expect(ideas).toContain(`${org.ideas.locked} locked`);
    }
    const steps = (await w.page.getByTestId('phase-changes').textContent()) ?? '';
    expect(steps).toContain('Steps back in the last year');
    await w.page.getByTestId('macro-open-in-jira').waitFor();
    await screenshot(w.page, 'macro-gate-ITSM');
    expectNoProblems(w);
  });
});

describe('the portfolio', () => {
  it('lists each gate with its figures for a Jira administrator', async () => {
    const w = await suite.open({ width: 1280, height: 900 });
    await w.page.goto(surfaceUrl(suite.url, { surface: 'admin', as: 'admin' }));
    const row = w.page.getByTestId('portfolio-row-ITSM');
    await row.waitFor();
    await expect(row.textContent()).resolves.toContain('Northwind IT');
    await expect(w.page.getByTestId('portfolio-phase-ITSM').textContent()).resolves.toContain(
      `${org.phase} · ${org.phaseName}`,
    );
    await expect(w.page.getByTestId('portfolio-ontime-ITSM').textContent()).resolves.toBe(
      org.delivery.onTimeRate === null ? 'no data' : formatRate(org.delivery.onTimeRate),
    );
    await expect(w.page.getByTestId('portfolio-major-ITSM').textContent()).resolves.toBe(
      String(org.reliability.majorIncidents),
    );
    const thrown = (await w.page.getByTestId('portfolio-thrown-ITSM').textContent()) ?? '';
    expect(thrown).toBe(
      org.timesThrownBack === 0
        ? 'never'
        : org.timesThrownBack === 1
          ? 'once'
          : `${org.timesThrownBack} times`,
    );
    const since = (await w.page.getByTestId('portfolio-since-ITSM').textContent()) ?? '';
    const last = org.phaseChanges[org.phaseChanges.length - 1];
    expect(since).toContain(last ? formatCalendarDate(last.date) : 'unchanged since');
    await screenshot(w.page, 'admin-portfolio');
    await w.page.setViewportSize({ width: 400, height: 900 });
    await screenshot(w.page, 'admin-portfolio-400');
    expectNoProblems(w);
  });

  it('is refused to someone who is not a Jira administrator', async () => {
    const answer = await invoke(suite.url, 'getPortfolio', { surface: 'admin' }, 'lead');
    expect(answer.error.code).toBe('forbidden');
  });
});
