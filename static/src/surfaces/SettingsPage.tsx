/**
 * Gate settings (jira:projectSettingsPage): one field per configuration key, validated in the browser with the same
 * schema as the resolvers, saved with `saveSettings`; previous versions can be restored. Read-only for people who
 * cannot administer the project.
 */
import { useEffect, useId, useMemo, useRef, useState } from 'react';
import type { GateSourcesView, SettingsView } from '../../../src/forge/contract';
import { api, type ApiError } from '../api';
import { ProjectPicker } from '../components/ProjectPicker';
import { Banner, ErrorState, Icon, LiveRegion, Loading } from '../components/ui';
import { resolvedNote } from '../gates';
import { formatInstant, formatSavedBy } from '../format';
import {
  configToForm,
  FIELDS,
  isDirty,
  mapServerErrors,
  SECTIONS,
  validateForm,
  type FieldErrors,
  type FieldSpec,
  type FormValues,
  type SettingsKey,
} from '../settingsForm';
import type { SurfaceProps } from './types';

type State =
  { status: 'loading' } | { status: 'error'; error: ApiError } | { status: 'ok'; settings: SettingsView };

function timeZones(): string[] {
  try {
    return (
      (Intl as unknown as { supportedValuesOf?: (k: string) => string[] }).supportedValuesOf?.('timeZone') ??
      []
    );
  } catch {
    return [];
  }
}

function Field({
  spec,
  value,
  error,
  readOnly,
  onChange,
  timeZoneListId,
  resolved,
}: {
  spec: FieldSpec;
  value: string;
  error: string | undefined;
  readOnly: boolean;
  onChange: (key: SettingsKey, value: string) => void;
  timeZoneListId: string;
  /** What the last computation resolved this field to (the stored report's `sources`), if anything. */
  resolved: string | null;
}) {
  const id = `field-${spec.key}`;
  const helpId = `help-${spec.key}`;
  const errorId = `error-${spec.key}`;
  const resolvedId = `resolved-${spec.key}`;
  const describedBy = [error ? errorId : null, helpId, resolved ? resolvedId : null]
    .filter(Boolean)
    .join(' ');
  const common = {
    id,
    name: spec.key,
    value,
    readOnly,
    'aria-invalid': error ? true : undefined,
    'aria-describedby': describedBy,
    'data-testid': `settings-field-${spec.key}`,
  } as const;
  const numeric = spec.kind === 'integer' || spec.kind === 'number';
  const wide = spec.kind === 'jql' || spec.kind === 'waivers';
  let control: React.ReactNode;
  if (spec.kind === 'projects') {
    control = (
      <ProjectPicker
        id={id}
        value={value}
        onChange={(v) => onChange(spec.key, v)}
        readOnly={readOnly}
        invalid={Boolean(error)}
        describedBy={describedBy}
        testId={`settings-field-${spec.key}`}
        label={spec.label}
      />
    );
  } else if (spec.kind === 'jql' || spec.kind === 'waivers') {
    control = (
      <textarea
        {...common}
        className="pg-input"
        rows={spec.kind === 'waivers' ? 3 : 2}
        spellCheck={false}
        onChange={(e) => onChange(spec.key, e.target.value)}
      />
    );
  } else if (spec.kind === 'choice') {
    control = (
      <select
        {...common}
        className="pg-input"
        disabled={readOnly}
        onChange={(e) => onChange(spec.key, e.target.value)}
      >
        {(spec.choices ?? []).map((c) => (
          <option key={c.value} value={c.value}>
            {c.label}
          </option>
        ))}
      </select>
    );
  } else if (spec.kind === 'boolean') {
    control = (
      <input
        {...common}
        value={undefined}
        type="checkbox"
        checked={value === 'true'}
        disabled={readOnly}
        onChange={(e) => onChange(spec.key, e.target.checked ? 'true' : 'false')}
      />
    );
  } else {
    control = (
      <input
        {...common}
        className={`pg-input${numeric ? ' pg-input--narrow' : ''}`}
        type="text"
        inputMode={numeric ? (spec.kind === 'integer' ? 'numeric' : 'decimal') : undefined}
        list={spec.kind === 'timeZone' ? timeZoneListId : undefined}
        autoComplete="off"
        spellCheck={false}
        onChange={(e) => onChange(spec.key, e.target.value)}
      />
    );
  }
  return (
    <div className={`pg-field${wide || spec.kind === 'projects' ? ' pg-field--wide' : ''}`}>
      <label htmlFor={id}>{spec.label}</label>
      <div className="pg-input-wrap">
        {control}
        {spec.unit && <span className="pg-subtle">{spec.unit}</span>}
      </div>
      {error && (
        <span className="pg-field-error" id={errorId} data-testid={`settings-error-${spec.key}`}>
          <Icon name="error" />
          <span>{error}</span>
        </span>
      )}
      <span className="pg-help" id={helpId}>
        {spec.help}
      </span>
      {resolved && (
        <span className="pg-resolved" id={resolvedId} data-testid={`settings-resolved-${spec.key}`}>
          {resolved}
        </span>
      )}
    </div>
  );
}

function Versions({
  settings,
  onRestore,
  busy,
  viewer,
}: {
  settings: SettingsView;
  onRestore: (version: number) => void;
  busy: boolean;
  viewer: string | undefined;
}) {
  const [confirming, setConfirming] = useState<number | null>(null);
  if (settings.versions.length === 0) {
    return <p className="pg-subtle">No earlier versions: the settings have not been changed yet.</p>;
  }
  return (
    <ul className="pg-versions" data-testid="settings-versions">
      {settings.versions.map((v) => (
        <li key={v.version} className="pg-version" data-testid={`settings-version-${v.version}`}>
          <span>
            <strong>Version {v.version}</strong>{' '}
            <span className="pg-subtle">
              saved {formatInstant(v.savedAt)} by {formatSavedBy(v.savedBy, viewer)}
            </span>
          </span>
          {settings.canAdminister &&
            (confirming === v.version ? (
              <span className="pg-row">
                <span>Replace the current settings with version {v.version}?</span>
                <button
                  type="button"
                  className="pg-button pg-button--primary pg-button--small"
                  aria-disabled={busy}
                  onClick={() => {
                    if (busy) return;
                    setConfirming(null);
                    onRestore(v.version);
                  }}
                  data-testid={`settings-restore-confirm-${v.version}`}
                >
                  Restore
                </button>
                <button
                  type="button"
                  className="pg-button pg-button--small"
                  onClick={() => setConfirming(null)}
                >
                  Cancel
                </button>
              </span>
            ) : (
              <button
                type="button"
                className="pg-button pg-button--small"
                aria-disabled={busy}
                onClick={() => !busy && setConfirming(v.version)}
                data-testid={`settings-restore-${v.version}`}
              >
                Restore
                <span className="sr-only"> version {v.version}</span>
              </button>
            ))}
        </li>
      ))}
    </ul>
  );
}

/** Where the "resolved to" notes come from: the last computation, and whether the settings changed since. */
function SourcesNote({ view }: { view: GateSourcesView | null }) {
  if (!view) return null;
  if (!view.sources) {
    return (
      <p className="pg-subtlest" data-testid="settings-sources-none">
        What each name resolves to is shown here after the first computation of the gate.
      </p>
    );
  }
  return (
    <p className="pg-subtlest" data-testid="settings-sources-note">
      Beside each field: what the computation of {formatInstant(view.computedAt)} read.
      {view.pending ? ' The settings changed since; the next computation reads the new ones.' : ''}
    </p>
  );
}

export default function SettingsPage({ context }: SurfaceProps) {
  const [state, setState] = useState<State>({ status: 'loading' });
  const [values, setValues] = useState<FormValues | null>(null);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [formErrors, setFormErrors] = useState<string[]>([]);
  const [saving, setSaving] = useState(false);
  const [requestError, setRequestError] = useState<ApiError | null>(null);
  const [announcement, setAnnouncement] = useState('');
  const [saved, setSaved] = useState<string | null>(null);
  const [sources, setSources] = useState<GateSourcesView | null>(null);
  const formRef = useRef<HTMLFormElement>(null);
  const timeZoneListId = useId();
  const zones = useMemo(timeZones, []);

  const accept = (settings: SettingsView) => {
    setState({ status: 'ok', settings });
    setValues(configToForm(settings.config));
    setErrors({});
    setFormErrors([]);
  };

  const load = () => {
    setState({ status: 'loading' });
    void api.getSettings().then((r) => {
      if (r.ok) accept(r.data);
      else setState({ status: 'error', error: r.error });
    });
  };
  useEffect(load, []);
  // What each name resolved to at the last computation: shown beside the fields, never needed to save.
  const loadSources = () => void api.getGateSources().then((r) => setSources(r.ok ? r.data : null));
  useEffect(loadSources, []);

  const focusFirstError = (errs: FieldErrors) => {
    const first = FIELDS.find((f) => errs[f.key]);
    if (first) window.requestAnimationFrame(() => document.getElementById(`field-${first.key}`)?.focus());
  };

  if (state.status === 'loading' || (state.status === 'ok' && !values)) {
    return (
      <main className="pg-app">
        <Loading label="Loading the gate settings…" />
      </main>
    );
  }
  if (state.status === 'error') {
    return (
      <main className="pg-app pg-stack">
        <h1>Phase Gate settings</h1>
        <ErrorState error={state.error} onRetry={load} />
      </main>
    );
  }

  const settings = state.settings;
  const form = values as FormValues;
  const readOnly = !settings.canAdminister;
  const initial = configToForm(settings.config);
  const dirty = isDirty(form, initial);
  const busy = saving;

  const change = (key: SettingsKey, value: string) => {
    setValues({ ...form, [key]: value });
    setSaved(null);
    if (errors[key]) {
      const next = { ...errors };
      delete next[key];
      setErrors(next);
    }
  };

  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    if (readOnly || busy) return;
    setRequestError(null);
    setFormErrors([]);
    setSaved(null);
    const { config, errors: clientErrors } = validateForm(form);
    if (!config) {
      setErrors(clientErrors);
      const n = Object.keys(clientErrors).length;
      setAnnouncement(`Not saved: ${n} field${n === 1 ? '' : 's'} need${n === 1 ? 's' : ''} attention.`);
      focusFirstError(clientErrors);
      return;
    }
    setSaving(true);
    setAnnouncement('Saving the settings…');
    const r = await api.saveSettings(config as unknown as Record<string, unknown>);
    setSaving(false);
    if (!r.ok) {
      setRequestError(r.error);
      setAnnouncement(`Not saved: ${r.error.message}`);
      return;
    }
    if (r.data.ok) {
      accept(r.data.settings);
      loadSources();
      const version = r.data.settings.versions[0]?.version;
      const text = version === undefined ? 'Settings saved.' : `Settings saved as version ${version}.`;
      setSaved(`${text} They apply from the next computation of the gate.`);
      setAnnouncement(text);
    } else {
      const mapped = mapServerErrors(r.data.errors);
      setErrors(mapped.fieldErrors);
      setFormErrors(mapped.formErrors);
      setAnnouncement('Not saved: the settings were refused; see the fields.');
      focusFirstError(mapped.fieldErrors);
    }
  };

  const restore = async (version: number) => {
    setSaving(true);
    setRequestError(null);
    setSaved(null);
    setAnnouncement(`Restoring version ${version}…`);
    const r = await api.restoreSettings(version);
    setSaving(false);
    if (!r.ok) {
      setRequestError(r.error);
      setAnnouncement(`Not restored: ${r.error.message}`);
      return;
    }
    if (!r.data.ok) {
      setFormErrors(r.data.errors.map((e) => e.message));
      setAnnouncement(`Version ${version} was not restored.`);
      return;
    }
    accept(r.data.settings);
    setSaved(`Version ${version} restored. It applies from the next computation of the gate.`);
    setAnnouncement(`Version ${version} restored.`);
  };

  const errorCount = Object.keys(errors).length;
  const project = settings.project || context.extension.project?.key || '';

  return (
    <main className="pg-app pg-stack" aria-busy={busy}>
      <header className="pg-stack pg-stack--tight">
        <h1>Phase Gate settings{project ? ` · ${project}` : ''}</h1>
        <p className="pg-subtle">Which issues count, and the thresholds of each phase.</p>
      </header>
      <LiveRegion message={announcement} />
      {readOnly && (
        <Banner tone="info" title="Read-only" testId="settings-read-only">
          <p>Only administrators of {project || 'this project'} can change these settings.</p>
        </Banner>
      )}
      {saved && (
        <Banner tone="success" testId="settings-saved">
          <p>{saved}</p>
        </Banner>
      )}
      {requestError && <ErrorState error={requestError} />}
      {(errorCount > 0 || formErrors.length > 0) && (
        <Banner tone="error" title="The settings were not saved" testId="settings-error-summary">
          <ul>
            {FIELDS.filter((f) => errors[f.key]).map((f) => (
              <li key={f.key}>
                <button
                  type="button"
                  className="pg-link"
                  onClick={() => document.getElementById(`field-${f.key}`)?.focus()}
                >
                  {f.label}
                </button>
                : {errors[f.key]}
              </li>
            ))}
            {formErrors.map((m) => (
              <li key={m}>{m}</li>
            ))}
          </ul>
        </Banner>
      )}
      <form
        ref={formRef}
        className="pg-form"
        onSubmit={(e) => void submit(e)}
        noValidate
        data-testid="settings-form"
      >
        <datalist id={timeZoneListId}>
          {zones.map((z) => (
            <option key={z} value={z} />
          ))}
        </datalist>
        {SECTIONS.map((section) => (
          <div key={section.id} className="pg-card">
            <fieldset className="pg-fieldset" data-testid={`settings-section-${section.id}`}>
              <legend>{section.title}</legend>
              <p className="pg-subtle">{section.description}</p>
              {section.id === 'gate' && <SourcesNote view={sources} />}
              <div className="pg-fields">
                {FIELDS.filter((f) => f.section === section.id).map((f) => (
                  <Field
                    key={f.key}
                    spec={f}
                    value={form[f.key]}
                    error={errors[f.key]}
                    readOnly={readOnly}
                    onChange={change}
                    timeZoneListId={timeZoneListId}
                    resolved={sources?.sources ? resolvedNote(f.key, sources.sources) : null}
                  />
                ))}
              </div>
            </fieldset>
          </div>
        ))}
        {!readOnly && (
          <div className="pg-form-actions">
            <button
              type="submit"
              className="pg-button pg-button--primary"
              aria-disabled={busy}
              data-testid="settings-save"
            >
              {saving && <Icon name="spinner" />}
              Save settings
            </button>
            <button
              type="button"
              className="pg-button pg-button--subtle"
              onClick={() => {
                setValues(initial);
                setErrors({});
                setFormErrors([]);
              }}
              aria-disabled={!dirty}
              data-testid="settings-reset"
            >
              Discard changes
            </button>
            <span className="pg-subtle" aria-live="polite">
              {dirty ? 'Unsaved changes' : 'No changes'}
            </span>
          </div>
        )}
      </form>
      <section className="pg-card" aria-labelledby="versions-heading">
        <h2 id="versions-heading">Previous versions</h2>
        <Versions
          settings={settings}
          onRestore={(v) => void restore(v)}
          busy={busy}
          viewer={context.accountId}
        />
      </section>
    </main>
  );
}
