/**
 * The roadmap macro's custom config dialog: pick a gate (from `listGates`, the gates the viewer may open, by name),
 * or any other Jira project the viewer can browse (`listProjects`; its own gate), and save its home with
 * `view.submit({ config: { project } })`.
 */
import { useEffect, useId, useMemo, useRef, useState } from 'react';
import { api, type ApiError, type GateOption, type ProjectOption } from '../api';
import { getBridge } from '../bridge';
import { errorMessage } from '../errors';
import { Banner, ErrorState, Icon, LiveRegion, Loading } from '../components/ui';
import { useI18n } from '../i18n';
import { projectChoices } from '../projects';
import { configuredProject } from './RoadmapMacro';
import type { SurfaceProps } from './types';

type State =
  { status: 'loading' } | { status: 'error'; error: ApiError } | { status: 'ok'; projects: ProjectOption[] };

export default function MacroConfig({ context }: SurfaceProps) {
  const { t, w } = useI18n();
  const initial = configuredProject(context);
  const [state, setState] = useState<State>({ status: 'loading' });
  const [query, setQuery] = useState('');
  const [searched, setSearched] = useState('');
  const [selected, setSelected] = useState<string>(initial ?? '');
  const [saving, setSaving] = useState(false);
  const [saveError, setSaveError] = useState<string | null>(null);
  const [touched, setTouched] = useState(false);
  const [gates, setGates] = useState<GateOption[]>([]);
  const known = useRef(new Map<string, string>());
  const seq = useRef(0);
  const selectId = useId();
  const filterId = useId();
  const errorId = useId();
  const searchHelpId = useId();

  // Jira answers at most 50 projects per call, so a search goes back to Jira (debounced) instead of filtering here.
  const search = (q: string, delayMs: number) => {
    const mine = ++seq.current;
    const timer = window.setTimeout(() => {
      if (mine !== seq.current) return;
      if (delayMs === 0) setState({ status: 'loading' });
      void api.listProjects(q.trim() || undefined).then((r) => {
        if (mine !== seq.current) return;
        if (r.ok) {
          for (const p of r.data) known.current.set(p.key, p.name);
          setState({ status: 'ok', projects: r.data });
          setSearched(q.trim());
        } else setState({ status: 'error', error: r.error });
      });
    }, delayMs);
    return () => window.clearTimeout(timer);
  };
  const load = () => void search(query, 0);
  useEffect(() => search('', 0), []);
  useEffect(() => {
    void api.listGates().then((r) => {
      if (r.ok) setGates(r.data);
    });
  }, []);

  const onQuery = (q: string) => {
    setQuery(q);
    search(q, 300);
  };

  const gateHomes = useMemo(() => new Set(gates.map((g) => g.home)), [gates]);
  const visible = useMemo(
    () =>
      state.status === 'ok'
        ? projectChoices(state.projects, selected, known.current).filter((p) => !gateHomes.has(p.key))
        : [],
    [state, selected, gateHomes],
  );
  const q = query.trim().toLowerCase();
  const shownGates = gates.filter(
    (g) => !q || g.home.toLowerCase().includes(q) || g.name.toLowerCase().includes(q) || g.home === selected,
  );
  const noProjectsAtAll = state.status === 'ok' && state.projects.length === 0 && searched === '';

  const missing = touched && !selected;

  const save = async (e: React.FormEvent) => {
    e.preventDefault();
    setTouched(true);
    if (!selected || saving) return;
    setSaving(true);
    setSaveError(null);
    try {
      const bridge = await getBridge();
      await bridge.view.submit({ config: { project: selected } });
    } catch (err) {
      setSaveError(err instanceof Error ? err.message : t('macro.saveFailed'));
    } finally {
      setSaving(false);
    }
  };

  /** A gate's option: its name with its home when they differ, and its phase when it has one. */
  const gateOption = (g: GateOption): string => {
    const name = g.name === g.home ? g.home : t('macro.gateWithHome', { name: g.name, home: g.home });
    return g.phase === null ? name : t('macro.gateWithPhase', { gate: name, phase: g.phase });
  };

  const cancel = () => void getBridge().then((b) => b.view.close());

  return (
    <main className="pg-app pg-app--compact">
      <form className="pg-form" onSubmit={(e) => void save(e)} noValidate data-testid="macro-config">
        <h1 className="pg-title-small">{t('macro.configTitle')}</h1>
        <p className="pg-subtle">{t('macro.configIntro')}</p>
        {state.status === 'loading' && <Loading label={t('macro.loadingProjects')} />}
        {state.status === 'error' &&
          (state.error.code === 'forbidden' ? (
            <Banner tone="warning" title={t('macro.cannotBrowse')}>
              <p>{errorMessage(state.error, w)}</p>
            </Banner>
          ) : (
            <ErrorState error={state.error} onRetry={load} />
          ))}
        {noProjectsAtAll && (
          <Banner tone="info" title={t('macro.noProjects')}>
            <p>{t('macro.noProjectsBody')}</p>
          </Banner>
        )}
        {(state.status === 'ok' || searched !== '' || query !== '') && !noProjectsAtAll && (
          <>
            <div className="pg-field">
              <label htmlFor={filterId}>{t('macro.search')}</label>
              <input
                id={filterId}
                className="pg-input"
                type="search"
                value={query}
                onChange={(e) => onQuery(e.target.value)}
                placeholder={t('macro.searchPlaceholder')}
                autoComplete="off"
                aria-describedby={searchHelpId}
                data-testid="macro-project-search"
              />
              <span className="pg-help" id={searchHelpId} aria-live="polite">
                {state.status === 'ok' && searched !== '' && state.projects.length === 0
                  ? t('macro.noMatch', { query: searched })
                  : state.status === 'ok' && state.projects.length >= 50
                    ? t('macro.first50')
                    : t('macro.browsable')}
              </span>
            </div>
            <div className="pg-field">
              <label htmlFor={selectId}>{t('macro.gate')}</label>
              <select
                id={selectId}
                className="pg-select"
                value={selected}
                onChange={(e) => setSelected(e.target.value)}
                aria-invalid={missing}
                aria-describedby={missing ? errorId : undefined}
                data-testid="macro-project-select"
                required
              >
                <option value="">{t('macro.selectGate')}</option>
                {shownGates.length > 0 && (
                  <optgroup label={t('macro.gates')}>
                    {shownGates.map((g) => (
                      <option key={g.home} value={g.home} data-gate="true">
                        {gateOption(g)}
                      </option>
                    ))}
                  </optgroup>
                )}
                {visible.length > 0 && (
                  <optgroup label={t('macro.otherProjects')}>
                    {visible.map((p) => (
                      <option key={p.key} value={p.key}>
                        {p.name === p.key ? p.key : `${p.name} (${p.key})`}
                      </option>
                    ))}
                  </optgroup>
                )}
              </select>
              {missing && (
                <span className="pg-field-error" id={errorId}>
                  <Icon name={'error'} /> {t('macro.gateMissing')}
                </span>
              )}
            </div>
          </>
        )}
        {saveError && (
          <Banner tone="error" title={t('macro.notSaved')}>
            <p>{saveError}</p>
          </Banner>
        )}
        <div className="pg-row">
          <button
            type="submit"
            className="pg-button pg-button--primary"
            aria-disabled={saving || !selected}
            data-testid="macro-config-save"
          >
            {saving && <Icon name={'spinner'} />}
            {t('macro.save')}
          </button>
          <button type="button" className="pg-button pg-button--subtle" onClick={cancel}>
            {t('macro.cancel')}
          </button>
        </div>
        <LiveRegion message={saving ? t('macro.saving') : ''} />
      </form>
    </main>
  );
}
