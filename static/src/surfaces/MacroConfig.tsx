/**
 * The roadmap macro's custom config dialog: pick a Jira project (from `listProjects`, the projects the viewer can
 * browse) and save it with `view.submit({ config: { project } })`.
 */
import { useEffect, useId, useMemo, useState } from 'react';
import { api, type ApiError, type ProjectOption } from '../api';
import { getBridge } from '../bridge';
import { Banner, ErrorState, Icon, LiveRegion, Loading } from '../components/ui';
import { configuredProject } from './RoadmapMacro';
import type { SurfaceProps } from './types';

type State =
  { status: 'loading' } | { status: 'error'; error: ApiError } | { status: 'ok'; projects: ProjectOption[] };

export default function MacroConfig({ context }: SurfaceProps) {
  const initial = configuredProject(context);
  const [state, setState] = useState<State>({ status: 'loading' });
  const [filter, setFilter] = useState('');
  const [selected, setSelected] = useState<string>(initial ?? '');
  const [saving, setSaving] = useState(false);
  const [saveError, setSaveError] = useState<string | null>(null);
  const [touched, setTouched] = useState(false);
  const selectId = useId();
  const filterId = useId();
  const errorId = useId();

  const load = () => {
    setState({ status: 'loading' });
    void api
      .listProjects()
      .then((r) => setState(r.ok ? { status: 'ok', projects: r.data } : { status: 'error', error: r.error }));
  };
  useEffect(load, []);

  const visible = useMemo(() => {
    if (state.status !== 'ok') return [];
    const q = filter.trim().toLowerCase();
    const list = q
      ? state.projects.filter((p) => p.key.toLowerCase().includes(q) || p.name.toLowerCase().includes(q))
      : state.projects;
    // Keep the chosen project in the list even when the filter would hide it.
    const chosen = state.projects.find((p) => p.key === selected);
    return chosen && !list.includes(chosen) ? [chosen, ...list] : list;
  }, [state, filter, selected]);

  const missing = touched && !selected;

  const save = async (e: React.FormEvent) => {
    e.preventDefault();
    setTouched(true);
    if (!selected || saving || state.status !== 'ok') return;
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
        {state.status === 'ok' && state.projects.length === 0 && (
          <Banner tone="info" title="No Jira projects">
            <p>Your Jira account cannot browse any project on this site.</p>
          </Banner>
        )}
        {state.status === 'ok' && state.projects.length > 0 && (
          <>
            {state.projects.length > 8 && (
              <div className="pg-field">
                <label htmlFor={filterId}>Filter projects</label>
                <input
                  id={filterId}
                  className="pg-input"
                  type="search"
                  value={filter}
                  onChange={(e) => setFilter(e.target.value)}
                  placeholder="Key or name"
                  autoComplete="off"
                />
              </div>
            )}
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
              {initial && !state.projects.some((p) => p.key === initial) && (
                <span className="pg-help">
                  The current project, {initial}, is not among the projects you can browse.
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
            aria-disabled={saving || state.status !== 'ok'}
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
