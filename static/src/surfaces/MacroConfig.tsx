/**
 * The roadmap macro's custom config dialog: pick a Jira project (from `listProjects`, the projects the viewer can
 * browse) and save it with `view.submit({ config: { project } })`.
 */
import { useEffect, useId, useMemo, useRef, useState } from 'react';
import { api, type ApiError, type ProjectOption } from '../api';
import { getBridge } from '../bridge';
import { Banner, ErrorState, Icon, LiveRegion, Loading } from '../components/ui';
import { projectChoices } from '../projects';
import { configuredProject } from './RoadmapMacro';
import type { SurfaceProps } from './types';

type State =
  { status: 'loading' } | { status: 'error'; error: ApiError } | { status: 'ok'; projects: ProjectOption[] };

export default function MacroConfig({ context }: SurfaceProps) {
  const initial = configuredProject(context);
  const [state, setState] = useState<State>({ status: 'loading' });
  const [query, setQuery] = useState('');
  const [searched, setSearched] = useState('');
  const [selected, setSelected] = useState<string>(initial ?? '');
  const [saving, setSaving] = useState(false);
  const [saveError, setSaveError] = useState<string | null>(null);
  const [touched, setTouched] = useState(false);
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

  const onQuery = (q: string) => {
    setQuery(q);
    search(q, 300);
  };

  const visible = useMemo(
    () => (state.status === 'ok' ? projectChoices(state.projects, selected, known.current) : []),
    [state, selected],
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
      setSaveError(err instanceof Error ? err.message : 'the settings could not be saved');
    } finally {
      setSaving(false);
    }
  };

  const cancel = () => void getBridge().then((b) => b.view.close());

  return (
    <main className="pg-app pg-app--compact">
      <form className="pg-form" onSubmit={(e) => void save(e)} noValidate data-testid="macro-config">
        <h1 className="pg-title-small">Phase-gate roadmap settings</h1>
        <p className="pg-subtle">Choose the Jira project whose roadmap this macro shows.</p>
        {state.status === 'loading' && <Loading label="Loading your Jira projects…" />}
        {state.status === 'error' &&
          (state.error.code === 'forbidden' ? (
            <Banner tone="warning" title="You can't browse Jira projects">
              <p>{state.error.message}</p>
            </Banner>
          ) : (
            <ErrorState error={state.error} onRetry={load} />
          ))}
        {noProjectsAtAll && (
          <Banner tone="info" title="No Jira projects">
            <p>Your Jira account cannot browse any project on this site.</p>
          </Banner>
        )}
        {(state.status === 'ok' || searched !== '' || query !== '') && !noProjectsAtAll && (
          <>
            <div className="pg-field">
              <label htmlFor={filterId}>Search projects</label>
              <input
                id={filterId}
                className="pg-input"
                type="search"
                value={query}
                onChange={(e) => onQuery(e.target.value)}
                placeholder="Key or name"
                autoComplete="off"
                aria-describedby={searchHelpId}
                data-testid="macro-project-search"
              />
              <span className="pg-help" id={searchHelpId} aria-live="polite">
                {state.status === 'ok' && searched !== '' && state.projects.length === 0
                  ? `No project you can browse matches "${searched}".`
                  : state.status === 'ok' && state.projects.length >= 50
                    ? 'Showing the first 50 projects; search to find others.'
                    : 'Projects you can browse in Jira.'}
              </span>
            </div>
            <div className="pg-field">
              <label htmlFor={selectId}>Jira project</label>
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
                <option value="">Select a project…</option>
                {visible.map((p) => (
                  <option key={p.key} value={p.key}>
                    {p.name === p.key ? p.key : `${p.name} (${p.key})`}
                  </option>
                ))}
              </select>
              {missing && (
                <span className="pg-field-error" id={errorId}>
                  <Icon name="error" /> Select a project.
                </span>
              )}
            </div>
          </>
        )}
        {saveError && (
          <Banner tone="error" title="Not saved">
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
            {saving && <Icon name="spinner" />}
            Save
          </button>
          <button type="button" className="pg-button pg-button--subtle" onClick={cancel}>
            Cancel
          </button>
        </div>
        <LiveRegion message={saving ? 'Saving…' : ''} />
      </form>
    </main>
  );
}
