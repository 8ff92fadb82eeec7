/**
 * The ONE door to the Forge bridge.
 *
 * Inside Atlassian the UI talks to Forge through `@forge/bridge`. Outside (the local preview) a page script defines
 * `window.__PHASE_GATE_PREVIEW__` with the same small shape, and the UI uses that instead. The check happens at call
 * time, and `@forge/bridge` is imported lazily: the package grabs `globalThis.__bridge` the moment it is evaluated and
 * throws when it is missing, so it must never be evaluated in the preview.
 */

/** What the UI reads from `view.getContext()`. Only the fields listed here are used. */
export interface BridgeContext {
  /** The manifest module key, e.g. `phase-gate-page`. */
  moduleKey: string;
  accountId?: string;
  siteUrl?: string;
  locale?: string;
  timezone?: string;
  extension: BridgeExtension;
}

/**
 * The module-specific part of the context. `type` is the module type (`jira:projectPage`,
 * `jira:projectSettingsPage`, `jira:adminPage`, `jira:issuePanel`, `macro`).
 */
export interface BridgeExtension {
  type?: string;
  /** Jira project modules and the issue panel. */
  project?: { key: string; id?: string; type?: string };
  /** The issue panel. */
  issue?: { key: string; id?: string; type?: string };
  /** Confluence macro: the saved custom config. */
  config?: { project?: string } | null;
  /** Confluence macro: true while the macro's config dialog is open (set by Forge when config shares the resource). */
  macro?: { isConfiguring?: boolean };
  isEditing?: boolean;
  content?: { id?: string };
  [key: string]: unknown;
}

/**
 * The shape of `window.__PHASE_GATE_PREVIEW__`: the part of `@forge/bridge` that the UI uses.
 * A preview page defines it (before the module script runs) to run the UI outside Atlassian.
 */
export interface PhaseGatePreviewBridge {
  /** Calls a resolver; resolves with the resolver's answer (data or `{ error: { code, message } }`). */
  invoke(functionKey: string, payload?: Record<string, unknown>): Promise<unknown>;
  view: {
    getContext(): Promise<BridgeContext>;
    /** Macro config dialog: saves `{ config }` and closes the dialog. */
    submit(payload?: unknown): Promise<void>;
    /** Applies the Atlassian theme: sets `data-color-mode` (`light`/`dark`) on `<html>`. */
    theme: { enable(): Promise<void> };
    close(payload?: unknown): Promise<void>;
  };
  router: {
    /** Opens a product URL (e.g. `/browse/OPS-1`) in a new tab. */
    open(url: string): Promise<void>;
    /** Navigates the host page to a product URL. */
    navigate(url: string): Promise<void>;
  };
}

declare global {
  interface Window {
    __PHASE_GATE_PREVIEW__?: PhaseGatePreviewBridge;
  }
}

let forgeBridge: Promise<PhaseGatePreviewBridge> | null = null;

function loadForgeBridge(): Promise<PhaseGatePreviewBridge> {
  forgeBridge ??= import('@forge/bridge').then((m) => ({
    invoke: (functionKey, payload) => m.invoke(functionKey, payload) as Promise<unknown>,
    view: {
      getContext: () => m.view.getContext() as Promise<BridgeContext>,
      submit: (payload) => m.view.submit(payload),
      theme: { enable: () => m.view.theme.enable() },
      close: (payload) => m.view.close(payload),
    },
    router: {
      open: (url) => m.router.open(url),
      navigate: (url) => m.router.navigate(url),
    },
  }));
  return forgeBridge;
}

/** The bridge to use: the preview's when the page defines one, Forge's otherwise. */
export function getBridge(): Promise<PhaseGatePreviewBridge> {
  const preview = typeof window === 'undefined' ? undefined : window.__PHASE_GATE_PREVIEW__;
  return preview ? Promise.resolve(preview) : loadForgeBridge();
}

/**
 * Goes to the Phase Gate page of another project (the home of a gate): Forge's module target in Jira; in the preview,
 * `/browse/KEY`, which the preview serves as that project's phase-gate page.
 */
export async function openGatePage(home: string, moduleKey: string): Promise<void> {
  const preview = typeof window === 'undefined' ? undefined : window.__PHASE_GATE_PREVIEW__;
  if (preview) {
    await preview.router.navigate(`/browse/${encodeURIComponent(home)}`);
    return;
  }
  const m = await import('@forge/bridge');
  await m.router.navigate({ target: 'module', moduleKey, projectKey: home });
}

/** Opens a Jira project in a new tab (from the Confluence macro: "Open in Jira"). */
export async function openProject(key: string): Promise<void> {
  const bridge = await getBridge();
  await bridge.router.open(`/browse/${encodeURIComponent(key)}`);
}

/** Opens a Jira issue (plain links do not work in Forge's sandboxed iframe). */
export async function openIssue(key: string): Promise<void> {
  const bridge = await getBridge();
  await bridge.router.open(`/browse/${encodeURIComponent(key)}`);
}
