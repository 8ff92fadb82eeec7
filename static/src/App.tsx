/**
 * The app shell: asks Forge for the context, picks the surface and lazily loads it (each surface is its own chunk).
 */
import { Component, lazy, Suspense, useEffect, useState, type ComponentType, type ReactNode } from 'react';
import { getBridge, type BridgeContext } from './bridge';
import { Banner, Loading } from './components/ui';
import { browserI18n, I18nProvider, i18nFor, useI18n } from './i18n';
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
    return <Crashed message={this.state.error.message} />;
  }
}

function Crashed({ message }: { message: string }) {
  const { t } = useI18n();
  return (
    <main className="pg-app">
      <Banner tone="error" title={t('common.crashed')} testId="app-crash">
        <p>{message}</p>
        <p>{t('common.reload')}</p>
      </Banner>
    </main>
  );
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

  // Before the bridge answers, the browser's language; then the viewer's Atlassian language.
  const early = browserI18n();
  if (boot.status === 'loading') {
    return (
      <main className="pg-app">
        <Loading label={early.t('common.loading')} />
      </main>
    );
  }
  if (boot.status === 'failed') {
    return (
      <main className="pg-app">
        <Banner tone="error" title={early.t('common.couldNotStart')} testId="boot-error">
          <p>{boot.message}</p>
        </Banner>
      </main>
    );
  }
  const surface = pickSurface(boot.context, resourceMarker());
  const { t } = i18nFor(boot.context.locale);
  if (surface === 'unknown') {
    return (
      <main className="pg-app">
        <Banner tone="error" title={t('common.unknownPlace')} testId="unknown-surface">
          <p>
            {t('common.unknownPlaceBody', {
              module: boot.context.moduleKey,
              type: String(boot.context.extension?.type ?? t('common.noType')),
            })}
          </p>
        </Banner>
      </main>
    );
  }
  const View = SURFACES[surface];
  return (
    <I18nProvider locale={boot.context.locale}>
      <ErrorBoundary>
        <Suspense
          fallback={
            <main className="pg-app">
              <Loading label={t('common.loading')} />
            </main>
          }
        >
          <div data-surface={surface} data-testid={`surface-${surface}`}>
            <View context={boot.context} />
          </div>
        </Suspense>
      </ErrorBoundary>
    </I18nProvider>
  );
}
