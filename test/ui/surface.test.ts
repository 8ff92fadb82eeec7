import { pickSurface } from '../../static/src/surface';

describe('which surface to render', () => {
  test('by module type', () => {
    expect(pickSurface({ moduleKey: 'x', extension: { type: 'jira:projectPage' } }, 'main')).toBe(
      'projectPage',
    );
    expect(pickSurface({ moduleKey: 'x', extension: { type: 'jira:projectSettingsPage' } }, 'main')).toBe(
      'settings',
    );
    expect(pickSurface({ moduleKey: 'x', extension: { type: 'jira:adminPage' } }, 'main')).toBe('admin');
    expect(pickSurface({ moduleKey: 'x', extension: { type: 'jira:issuePanel' } }, 'main')).toBe('ideaPanel');
    expect(pickSurface({ moduleKey: 'x', extension: { type: 'macro' } }, 'main')).toBe('macro');
  });

  test('the macro-config resource is always the config dialog', () => {
    expect(pickSurface({ moduleKey: 'roadmap', extension: { type: 'macro' } }, 'macro-config')).toBe(
      'macroConfig',
    );
  });

  test('the config flag Forge sets when config shares the macro resource', () => {
    expect(
      pickSurface(
        { moduleKey: 'roadmap', extension: { type: 'macro', macro: { isConfiguring: true } } },
        'main',
      ),
    ).toBe('macroConfig');
    expect(
      pickSurface(
        { moduleKey: 'roadmap', extension: { type: 'macro', macro: { isConfiguring: false } } },
        'main',
      ),
    ).toBe('macro');
  });

  test('falls back to the module key, else unknown', () => {
    expect(pickSurface({ moduleKey: 'phase-gate-settings', extension: {} }, undefined)).toBe('settings');
    expect(pickSurface({ moduleKey: 'phase-gate-roadmap', extension: {} }, undefined)).toBe('macro');
    expect(pickSurface({ moduleKey: 'phase-gate-page', extension: {} }, undefined)).toBe('projectPage');
    expect(pickSurface({ moduleKey: 'something', extension: { type: 'jira:dashboardGadget' } }, 'main')).toBe(
      'unknown',
    );
  });
});
