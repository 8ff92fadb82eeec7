/**
 * Which surface to render, from the Forge context and the resource the page was loaded from.
 *
 * Forge puts the module type in `extension.type`: `jira:projectPage`, `jira:projectSettingsPage`, `jira:adminPage`,
 * `jira:issuePanel` and `macro` are the modules of manifest.yml.
 *
 * Macro config dialog vs macro body: the manifest points the macro's custom config at its own resource
 * (`config: { resource: macro-config }`, built to static/build/macro-config), whose index.html carries
 * `data-phase-gate-resource="macro-config"` on <html>; Forge loads that resource in the config dialog, so the page knows
 * what it is before asking for the context. Forge also sets `extension.macro.isConfiguring` when the config dialog
 * shares the macro's resource (the pattern of Atlassian's own mermaid-diagrams-viewer); that flag is honoured too, so
 * either manifest layout works.
 */
export type Surface =
  'projectPage' | 'macro' | 'macroConfig' | 'ideaPanel' | 'settings' | 'admin' | 'unknown';

export interface SurfaceContext {
  extension?: { type?: string; macro?: { isConfiguring?: boolean } } | null;
}

const BY_TYPE: Record<string, Surface> = {
  'jira:projectPage': 'projectPage',
  'jira:projectSettingsPage': 'settings',
  'jira:adminPage': 'admin',
  'jira:issuePanel': 'ideaPanel',
  macro: 'macro',
};

/**
 * @param resource the `data-phase-gate-resource` of the page (`main` or `macro-config`)
 */
export function pickSurface(context: SurfaceContext, resource: string | undefined): Surface {
  if (resource === 'macro-config') return 'macroConfig';
  const type = context.extension?.type;
  const surface: Surface | undefined = type && Object.hasOwn(BY_TYPE, type) ? BY_TYPE[type] : undefined;
  if (surface === 'macro' && context.extension?.macro?.isConfiguring === true) return 'macroConfig';
  return surface ?? 'unknown';
}
