import { pickSurface } from '../../static/src/surface';

describe('which surface to render', () => {
  test('by module type', () => {
    expect(pickSurface({ extension: { type: 'jira:projectPage' } }, 'main')).toBe('projectPage');
    expect(pickSurface({ extension: { type: 'jira:projectSettingsPage' } }, 'main')).toBe('settings');
    expect(pickSurface({ extension: { type: 'jira:adminPage' } }, 'main')).toBe('admin');
    expect(pickSurface({ extension: { type: 'jira:issuePanel' } }, 'main')).toBe('ideaPanel');
    expect(pickSurface({ extension: { type: 'macro' } }, 'main')).toBe('macro');
  });

  test('the macro-config resource is always the config dialog', () => {
    expect(pickSurface({ extension: { type: 'macro' } }, 'macro-config')).toBe('macroConfig');
  });

  test('the config flag Forge sets when config shares the macro resource', () => {
    expect(pickSurface({ extension: { type: 'macro', macro: { isConfiguring: true } } }, 'main')).toBe(
      'macroConfig',
    );
    expect(pickSurface({ extension: { type: 'macro', macro: { isConfiguring: false } } }, 'main')).toBe(
      'macro',
    );
  });

  test('only the module types of the manifest: no guessing from module keys or other types', () => {
    expect(pickSurface({ extension: {} }, undefined)).toBe('unknown');
    expect(pickSurface({ extension: { type: 'jira:issueContext' } }, 'main')).toBe('unknown');
    expect(pickSurface({ extension: { type: 'confluence:macro' } }, 'main')).toBe('unknown');
    expect(pickSurface({ extension: { type: 'jira:dashboardGadget' } }, 'main')).toBe('unknown');
    expect(pickSurface({ extension: { type: 'toString' } }, 'main')).toBe('unknown');
  });
});
