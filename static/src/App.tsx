/**
 * The app shell: asks Forge for the context, picks the surface and lazily loads it (each surface is its own chunk).
 */
import { Component, lazy, Suspense, useEffect, useState, type ComponentType, type ReactNode } from 'react';
import { getBridge, type BridgeContext } from './bridge';
import { Banner, Loading } from './components/ui';
import { pickSurface, type Surface } from './surface';
import type { SurfaceProps } from './surfaces/types';

const SURFACES: Record<Exclude<Surface, 'unknown'>, ComponentType<SurfaceProps>> = {
  projectPage: lazy(() => import('./surfaces/ProjectPage')),
  macro: lazy(() => import('./surfaces/RoadmapMacro')),
  macroConfig: lazy(() => import('./surfaces/MacroConfig')),
  ideaPanel: lazy(() => import('./surfaces/IdeaPanel')),
  settings: lazy(() => import('./surfaces/SettingsPage')),
  admin: lazy(() => import('./surfaces/AdminPage')),
};

/** The resource this page was loaded from (`main` or `macro-config`), from its index.html. */
function resourceMarker(): string | undefined {
  return document.documentElement.dataset.phaseGateResource;
}

class ErrorBoundary extends Component<{ children: ReactNode }, { error: Error | null }> {
  override state: { error: Error | null } = { error: null };
  static getDerivedStateFromError(error: Error) {
    return { error };
  }
  override render() {
    if (!this.state.error) return this.props.children;
    return (
      <main className="pg-app">
        <Banner tone="error" title="Phase Gate stopped working" testId="app-crash">
          <p>{this.state.error.message}</p>
          <p>Reload the page to try again.</p>
        </Banner>
      </main>
    );
  }
}

type Boot =
  { status: 'loading' } | { status: 'ready'; context: BridgeContext } | { status: 'failed'; message: string };

export function App() {
  const [boot, setBoot] = useState<Boot>({ status: 'loading' });

  useEffect(() => {
    let cancelled = false;
    void (async () => {
      try {
        const bridge = await getBridge();
        // Dark mode: Forge sets html[data-color-mode] and loads the token values.
        void bridge.view.theme.enable().catch(() => undefined);
        const context = await bridge.view.getContext();
        if (!cancelled) setBoot({ status: 'ready', context });
      } catch (e) {
        if (!cancelled) setBoot({ status: 'failed', message: e instanceof Error ? e.message : String(e) });
      }
    })();
    return () => {
      cancelled = true;
    };
  }, []);

  if (boot.status === 'loading') {
    return (
      <main className="pg-app">
        <Loading label="Loading Phase Gate…" />
      </main>
    );
  }
  if (boot.status === 'failed') {
    return (
      <main className="pg-app">
        <Banner tone="error" title="Phase Gate could not start" testId="boot-error">
          <p>{boot.message}</p>
        </Banner>
      </main>
    );
  }
  const surface = pickSurface(boot.context, resourceMarker());
  if (surface === 'unknown') {
    return (
      <main className="pg-app">
        <Banner tone="error" title="Unknown place" testId="unknown-surface">
          <p>
            Phase Gate does not know how to show itself in module {boot.context.moduleKey} (
            {String(boot.context.extension?.type ?? 'no type')}).
          </p>
        </Banner>
      </main>
    );
  }
  const View = SURFACES[surface];
  return (
    <ErrorBoundary>
      <Suspense
        fallback={
          <main className="pg-app">
            <Loading label="Loading Phase Gate…" />
          </main>
        }
      >
        <div data-surface={surface} data-testid={`surface-${surface}`}>
          <View context={boot.context} />
        </div>
      </Suspense>
    </ErrorBoundary>
  );
}
