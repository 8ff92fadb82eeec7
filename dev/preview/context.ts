/**
 * The surfaces of the preview and the Forge context of each: what `view.getContext()` answers in the browser and
 * what the preview passes to the resolver function as `context` — the module key from manifest.yml and the
 * module-specific `extension` (project, issue, macro config), shaped as Jira and Confluence send them.
 *
 * As in Forge, the extension is the browser's claim: the resolvers must check it (they do, as the user).
 */
import { moduleKey, type PreviewManifest } from './manifest';
import type { PreviewSite, PreviewUser } from './site';

export const SURFACES = ['project', 'settings', 'admin', 'idea', 'macro', 'macro-config'] as const;
export type SurfaceName = (typeof SURFACES)[number];

/** A surface as named in a preview URL: `?surface=project&project=OPS`, `?surface=macro&macro=roadmap-OPS`, … */
export interface SurfaceParams {
  surface: SurfaceName;
  project?: string;
  issue?: string;
  macro?: string;
  /** The viewer's Atlassian language (`view.getContext().locale`); en-GB unless `?locale=de-DE`. */
  locale?: string;
}

export interface MacroInstance {
  id: string;
  /** What `view.submit({ config })` saved; null until the macro is configured. */
  config: Record<string, unknown> | null;
}

const TOKEN = /^[A-Za-z0-9_.:-]{1,100}$/;

/** Reads surface parameters (from a query string or a JSON body); null when they name no surface. */
export function parseSurface(input: Record<string, unknown> | URLSearchParams): SurfaceParams | null {
  const get = (k: string): string | undefined => {
    const v = input instanceof URLSearchParams ? input.get(k) : input[k];
    return typeof v === 'string' && TOKEN.test(v) ? v : undefined;
  };
  const surface = get('surface');
  if (!surface || !(SURFACES as readonly string[]).includes(surface)) return null;
  const out: SurfaceParams = { surface: surface as SurfaceName };
  const project = get('project');
  const issue = get('issue');
  const macro = get('macro');
  const locale = get('locale');
  if (locale && /^[a-z]{2}([-_][A-Za-z]{2})?$/.test(locale)) out.locale = locale;
  if (project) out.project = project;
  if (issue) out.issue = issue;
  if (macro) out.macro = macro;
  return out;
}

export interface ContextDeps {
  manifest: PreviewManifest;
  site: PreviewSite;
  macros: Map<string, MacroInstance>;
}

/** The cloud id of the preview's site (the platform's `installContext` names it). */
export const PREVIEW_CLOUD_ID = '00000000-0000-4000-8000-0000000ce11d';
export const INSTALL_CONTEXT = `ari:cloud:jira::site/${PREVIEW_CLOUD_ID}`;

function projectRef(site: PreviewSite, key: string | undefined) {
  if (!key) return undefined;
  const p = site.projects.find((x) => x.key === key);
  // An unknown key is passed on as claimed: the resolver must refuse it.
  return { id: p?.id ?? '0', key, type: p?.projectTypeKey ?? 'software' };
}

/** The context of a surface for a viewing user, as Forge's front end hands it to the app. */
export function buildContext(
  params: SurfaceParams,
  user: PreviewUser,
  deps: ContextDeps,
): Record<string, unknown> {
  const { manifest, site } = deps;
  let key: string;
  let extension: Record<string, unknown>;
  let localId = `preview-${params.surface}`;
  switch (params.surface) {
    case 'project':
      key = moduleKey(manifest, 'jira:projectPage');
      extension = { type: 'jira:projectPage', project: projectRef(site, params.project) };
      break;
    case 'settings':
      key = moduleKey(manifest, 'jira:projectSettingsPage');
      extension = { type: 'jira:projectSettingsPage', project: projectRef(site, params.project) };
      break;
    case 'admin':
      key = moduleKey(manifest, 'jira:adminPage');
      extension = { type: 'jira:adminPage' };
      break;
    case 'idea': {
      key = moduleKey(manifest, 'jira:issuePanel');
      const idea = site.ideas.find((i) => i.key === params.issue);
      const projectKey = params.project ?? idea?.project ?? params.issue?.replace(/-\d+$/, '');
      extension = {
        type: 'jira:issuePanel',
        issue: params.issue
          ? { id: idea?.id ?? '0', key: params.issue, type: 'Innovation Idea', typeId: '0' }
          : undefined,
        project: projectRef(site, projectKey),
        isNewToIssue: false,
      };
      break;
    }
    case 'macro':
    case 'macro-config': {
      key = moduleKey(manifest, 'macro');
      const instance = params.macro ? deps.macros.get(params.macro) : undefined;
      const configuring = params.surface === 'macro-config';
      localId = params.macro ?? 'preview-macro';
      extension = {
        type: 'macro',
        content: { id: '98765', type: 'page' },
        space: { id: '4321', key: 'NW' },
        isEditing: configuring,
        references: [],
        macro: { isConfiguring: configuring },
        ...(instance?.config ? { config: instance.config } : {}),
      };
      break;
    }
  }
  return {
    accountId: user.accountId,
    cloudId: PREVIEW_CLOUD_ID,
    siteUrl: site.siteUrl,
    moduleKey: key,
    localId,
    locale: params.locale ?? 'en-GB',
    timezone: 'UTC',
    environmentType: 'DEVELOPMENT',
    environmentId: 'preview',
    extension,
  };
}
