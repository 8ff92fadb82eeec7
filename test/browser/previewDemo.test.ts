/**
 * `npm start` as a new user sees it (issue #11): the preview enrols the demo's gates by saving their settings, the
 * organisation gate "Northwind IT" (home ITSM) first, and its first page lists that gate at the top, with the ideas
 * of its ideas project decided by it.
 */
import { invoke, startPreview, type Preview } from './harness';

jest.setTimeout(120_000);

async function indexWhenWarm(url: string): Promise<string> {
  for (let i = 0; i < 240; i++) {
    const res = await fetch(`${url}/?as=admin`);
    const html = await res.text();
    // Warm once every demo gate home shows a phase (LAB has no incident: phase 1, reliability cannot be shown).
    const phases = html.match(/data-testid="index-phase-\d"/g) ?? [];
    if (phases.length >= 5) return html;
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error('the preview did not finish its warm-up in 120 s');
}

describe('the preview of the demo organisation', () => {
  let preview: Preview;
  beforeAll(async () => {
    preview = await startPreview({}, { warm: true });
  }, 120_000);
  afterAll(() => preview?.stop());

  it('shows the organisation gate first, enrolled by a settings save as an admin would', async () => {
    const html = await indexWhenWarm(preview.url);
    const rows = [...html.matchAll(/data-testid="project-row-([A-Z]+)"/g)].map((m) => m[1]);
    expect(rows.slice(0, 5)).toEqual(['ITSM', 'OPS', 'PMO', 'DIG', 'LAB']);
    const itsm = html.slice(html.indexOf('project-row-ITSM'), html.indexOf('project-row-OPS'));
    expect(itsm).toContain('Northwind IT');
    expect(itsm).toContain('data-testid="index-phase-2"');

    // Saved as version 1 by the admin, not read from defaults: the settings page shows the gate's sources.
    const settings = await invoke(
      preview.url,
      'getSettings',
      { surface: 'settings', project: 'ITSM' },
      'admin',
    );
    expect(JSON.stringify(settings)).toContain('Northwind IT');
  });

  it('decides the ideas of IDEAS by the organisation gate, not "gate unknown"', async () => {
    const html = await indexWhenWarm(preview.url);
    const ideas = html.slice(html.indexOf('project-row-IDEAS'));
    expect(ideas).toMatch(/link-idea-IDEAS-\d+/);
    expect(ideas.slice(0, ideas.indexOf('</tr>'))).not.toContain('gate unknown');
  });
});
