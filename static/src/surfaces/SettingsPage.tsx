/**
 * Gate settings (jira:projectSettingsPage): one field per configuration key, validated in the browser with the same
 * schema as the resolvers, saved with `saveSettings`; previous versions can be restored. Read-only for people who
 * cannot administer the project.
 */
import { useEffect, useId, useMemo, useRef, useState } from 'react';
import type { GateSourcesView, SettingsChoices, SettingsView, TypeChoice } from '../../../src/forge/contract';
import { api, type ApiError } from '../api';
import { ProjectPicker } from '../components/ProjectPicker';
import { Banner, ErrorState, Icon, LiveRegion, Loading } from '../components/ui';
import { staleSettingsMessage } from '../../../src/core/settingsWords';
import { errorMessage } from '../errors';
import { resolvedNote } from '../gates';
import { formatInstant, formatSavedBy } from '../format';
import { useI18n, type I18n } from '../i18n';
import {
  configToForm,
  fieldsFor,
  splitList,
  isDirty,
  mapServerErrors,
  sectionsFor,
  validateForm,
  type FieldErrors,
  type FieldSpec,
  type FormValues,
  type PickerKind,
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

/** One option of a picker: the name saved, and a note (the projects that have it, its level). */
interface PickOption {
  name: string;
  note?: string;
}

function typeOptions(
  i18n: I18n,
  projects: { key: string; types: TypeChoice[] }[],
  filter: (t: TypeChoice) => boolean = () => true,
): PickOption[] {
  const byName = new Map<string, { name: string; level: number | null; projects: string[] }>();
  for (const p of projects) {
    for (const t of p.types.filter(filter)) {
      const k = t.name.toLowerCase();
      const seen = byName.get(k) ?? { name: t.name, level: t.hierarchyLevel, projects: [] };
      if (!seen.projects.includes(p.key)) seen.projects.push(p.key);
      byName.set(k, seen);
    }
  }
  return [...byName.values()].map((t) => ({
    name: t.name,
    note:
      t.level === 1
        ? i18n.t('settings.epicLevel', { projects: t.projects.join(', ') })
        : t.projects.join(', '),
  }));
}

/** The site's choices for a picker, or null when the field is typed by hand (choices unknown). */
function pickOptions(kind: PickerKind, choices: SettingsChoices, i18n: I18n): PickOption[] {
  const usable = (t: TypeChoice) => t.hierarchyLevel === null || t.hierarchyLevel >= 0;
  switch (kind) {
    case 'incidentTypes':
      return typeOptions(i18n, choices.incidents, usable);
    case 'deliverableTypes':
      return typeOptions(i18n, choices.deliveries, usable);
    case 'ideaType':
      return typeOptions(i18n, choices.ideas, usable);
    case 'priorities':
      return choices.priorities.map((p, i) => ({
        name: p.name,
        note: i < 2 ? i18n.t('settings.amongTwoHighest') : undefined,
      }));
    case 'resolutions':
      return choices.resolutions.map((r) => ({ name: r.name }));
    case 'labels':
      return choices.labels.map((l) => ({ name: l }));
  }
}

/** Checkboxes over the site's names; a saved name the site does not offer stays, flagged, until unticked. */
function CheckList({
  spec,
  value,
  options,
  readOnly,
  onChange,
  labelId,
  describedBy,
  invalid,
}: {
  spec: FieldSpec;
  value: string;
  options: PickOption[];
  readOnly: boolean;
  onChange: (key: SettingsKey, value: string) => void;
  labelId: string;
  describedBy: string;
  invalid: boolean;
}) {
  const { t } = useI18n();
  const chosen = splitList(value);
  const isChosen = (name: string) => chosen.some((c) => c.toLowerCase() === name.toLowerCase());
  const extra = chosen.filter((c) => !options.some((o) => o.name.toLowerCase() === c.toLowerCase()));
  const all: (PickOption & { missing?: boolean })[] = [
    ...options,
    ...extra.map((name) => ({ name, missing: true })),
  ];
  const toggle = (name: string, on: boolean) => {
    const next = on ? [...chosen, name] : chosen.filter((c) => c.toLowerCase() !== name.toLowerCase());
    onChange(spec.key, next.join(', '));
  };
  return (
    <div
      role="group"
      aria-labelledby={labelId}
      aria-describedby={describedBy}
      aria-invalid={invalid || undefined}
      className="pg-checklist"
      data-testid={`settings-field-${spec.key}`}
    >
      {all.length === 0 && <span className="pg-subtle">{t('settings.siteOffersNone')}</span>}
      {all.map((o) => (
        <label key={o.name} className="pg-check">
          <input
            type="checkbox"
            checked={isChosen(o.name)}
            disabled={readOnly}
            onChange={(e) => toggle(o.name, e.target.checked)}
            data-testid={`settings-choice-${spec.key}-${o.name}`}
          />
          <span>{o.name}</span>
          {o.missing ? (
            <span className="pg-field-error">{t('settings.notInSources')}</span>
          ) : (
            o.note && <span className="pg-subtlest">{o.note}</span>
          )}
        </label>
      ))}
    </div>
  );
}

/** Labels: the chosen ones as removable chips, and a box to add one (from the site's labels, or a new one). */
function LabelPicker({
  spec,
  value,
  options,
  readOnly,
  onChange,
  inputId,
  describedBy,
  invalid,
}: {
  spec: FieldSpec;
  value: string;
  options: PickOption[];
  readOnly: boolean;
  onChange: (key: SettingsKey, value: string) => void;
  inputId: string;
  describedBy: string;
  invalid: boolean;
}) {
  const { t } = useI18n();
  const [draft, setDraft] = useState('');
  const listId = `labels-${spec.key}`;
  const chosen = splitList(value);
  const known = new Set(options.map((o) => o.name));
  const add = () => {
    // Jira labels have no spaces: "needs review" becomes needs-review.
    const label = draft.trim().split(' ').filter(Boolean).join('-');
    if (!label || label.includes(',')) return;
    if (!chosen.includes(label)) onChange(spec.key, [...chosen, label].join(', '));
    setDraft('');
  };
  return (
    <div className="pg-labelpicker" data-testid={`settings-field-${spec.key}`}>
      <ul className="pg-chips" aria-label={t('settings.chosen', { label: spec.label })}>
        {chosen.map((l) => (
          <li key={l} className="pg-chip" data-testid={`settings-chip-${spec.key}-${l}`}>
            <span>{l}</span>
            {!known.has(l) && <span className="pg-subtlest"> {t('settings.notUsedYet')}</span>}
            {!readOnly && (
              <button
                type="button"
                className="pg-button pg-button--subtle pg-button--small"
                onClick={() => onChange(spec.key, chosen.filter((c) => c !== l).join(', '))}
                aria-label={t('settings.remove', { name: l })}
              >
                ×
              </button>
            )}
          </li>
        ))}
      </ul>
      {!readOnly && (
        <span className="pg-row">
          <input
            id={inputId}
            className="pg-input"
            list={listId}
            value={draft}
            autoComplete="off"
            spellCheck={false}
            aria-describedby={describedBy}
            aria-invalid={invalid || undefined}
            onChange={(e) => setDraft(e.target.value)}
            onKeyDown={(e) => {
              if (e.key === 'Enter') {
                e.preventDefault();
                add();
              }
            }}
            data-testid={`settings-add-${spec.key}`}
          />
          <button
            type="button"
            className="pg-button pg-button--small"
            onClick={add}
            aria-label={t('settings.addTo', { label: spec.label })}
          >
            {t('settings.add')}
          </button>
          <datalist id={listId}>
            {options
              .filter((o) => !chosen.includes(o.name))
              .map((o) => (
                <option key={o.name} value={o.name} />
              ))}
          </datalist>
        </span>
      )}
    </div>
  );
}

function Field({
  spec,
  value,
  error,
  readOnly,
  onChange,
  timeZoneListId,
  resolved,
  options,
}: {
  /** The site's choices for the field's picker; null: typed by hand (not loaded, or no picker). */
  options: PickOption[] | null;
  spec: FieldSpec;
  value: string;
  error: string | undefined;
  readOnly: boolean;
  onChange: (key: SettingsKey, value: string) => void;
  timeZoneListId: string;
  /** What the last computation resolved this field to (the stored report's `sources`), if anything. */
  resolved: string | null;
}) {
  const { t } = useI18n();
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
  const numeric = spec.kind === 'integer' || spec.kind === 'number' || spec.kind === 'percent';
  const labelId = `label-${spec.key}`;
  const checklist = options !== null && spec.kind === 'list' && spec.picker !== 'labels';
  const wide = spec.kind === 'jql' || spec.kind === 'waivers' || options !== null;
  let control: React.ReactNode;
  if (checklist) {
    control = (
      <CheckList
        spec={spec}
        value={value}
        options={options}
        readOnly={readOnly}
        onChange={onChange}
        labelId={labelId}
        describedBy={describedBy}
        invalid={Boolean(error)}
      />
    );
  } else if (options !== null && spec.picker === 'labels') {
    control = (
      <LabelPicker
        spec={spec}
        value={value}
        options={options}
        readOnly={readOnly}
        onChange={onChange}
        inputId={id}
        describedBy={describedBy}
        invalid={Boolean(error)}
      />
    );
  } else if (options !== null && spec.picker === 'ideaType') {
    const names = options.map((o) => o.name);
    control = (
      <select
        {...common}
        className="pg-input"
        disabled={readOnly}
        onChange={(e) => onChange(spec.key, e.target.value)}
      >
        {!names.some((n) => n.toLowerCase() === value.toLowerCase()) && (
          <option value={value}>{t('settings.notInIdeaProjects', { value })}</option>
        )}
        {options.map((o) => (
          <option key={o.name} value={o.name}>
            {o.name}
          </option>
        ))}
      </select>
    );
  } else if (spec.kind === 'projects') {
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
      {checklist ? (
        <span className="pg-field-label" id={labelId}>
          {spec.label}
        </span>
      ) : (
        <label htmlFor={id} id={labelId}>
          {spec.label}
        </label>
      )}
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

/** One row of the version list: its number, who saved it when, what it changed, and Restore. */
function VersionRow({
  version,
  title,
  detail,
  changes,
  current,
  canRestore,
  busy,
  onRestore,
}: {
  version: number;
  title: string;
  detail: string;
  changes: string[] | undefined;
  current: boolean;
  canRestore: boolean;
  busy: boolean;
  onRestore: (version: number) => void;
}) {
  const { t } = useI18n();
  const [confirming, setConfirming] = useState(false);
  return (
    <li
      className={`pg-version${current ? ' pg-version--current' : ''}`}
      data-testid={`settings-version-${version}`}
      aria-current={current ? 'true' : undefined}
    >
      <span className="pg-stack pg-stack--tight">
        <span>
          <strong>{title}</strong>
          {current && (
            <span className="pg-badge" data-testid="settings-version-current">
              {' '}
              {t('settings.current')}
            </span>
          )}{' '}
          <span className="pg-subtle">{detail}</span>
        </span>
        {changes && changes.length > 0 && (
          <ul className="pg-changes" data-testid={`settings-changes-${version}`}>
            {changes.map((c) => (
              <li key={c}>{c}</li>
            ))}
          </ul>
        )}
        {changes && changes.length === 0 && <span className="pg-subtlest">{t('settings.noChange')}</span>}
      </span>
      {canRestore &&
        !current &&
        (confirming ? (
          <span className="pg-row">
            <span>
              {version === 0
                ? t('settings.replaceWithDefaults')
                : t('settings.replaceWithVersion', { version })}
            </span>
            <button
              type="button"
              className="pg-button pg-button--primary pg-button--small"
              aria-disabled={busy}
              onClick={() => {
                if (busy) return;
                setConfirming(false);
                onRestore(version);
              }}
              data-testid={`settings-restore-confirm-${version}`}
            >
              {t('settings.restore')}
            </button>
            <button type="button" className="pg-button pg-button--small" onClick={() => setConfirming(false)}>
              {t('settings.cancel')}
            </button>
          </span>
        ) : (
          <button
            type="button"
            className="pg-button pg-button--small"
            aria-disabled={busy}
            onClick={() => !busy && setConfirming(true)}
            data-testid={`settings-restore-${version}`}
            aria-label={
              version === 0 ? t('settings.restoreDefaults') : t('settings.restoreVersion', { version })
            }
          >
            {t('settings.restore')}
          </button>
        ))}
    </li>
  );
}

/**
 * Every version, newest first: the current one marked, each with what it changed, down to version 0, the defaults
 * (always restorable). Numbers are the ones the save message gives.
 */
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
  const i18n = useI18n();
  const { t, w } = i18n;
  const saved = [...(settings.current ? [settings.current] : []), ...settings.versions];
  const oldest = saved[saved.length - 1]?.version ?? 0;
  return (
    <ul className="pg-versions" data-testid="settings-versions">
      {saved.map((v) => (
        <VersionRow
          key={v.version}
          version={v.version}
          title={t('settings.version', { version: v.version })}
          detail={t('settings.versionDetail', {
            at: formatInstant(v.savedAt, undefined, w),
            who: savedByText(v.savedBy, viewer, i18n),
          })}
          changes={settings.changes[String(v.version)]}
          current={v.version === settings.version}
          canRestore={settings.canAdminister}
          busy={busy}
          onRestore={onRestore}
        />
      ))}
      {oldest > 1 && (
        <li className="pg-subtlest" data-testid="settings-versions-dropped">
          {t('settings.versionsDropped', { last: oldest - 1 })}
        </li>
      )}
      <VersionRow
        version={0}
        title={t('settings.versionDefaults')}
        detail={t('settings.versionDefaultsDetail')}
        changes={undefined}
        current={settings.version === 0}
        canRestore={settings.canAdminister}
        busy={busy}
        onRestore={onRestore}
      />
    </ul>
  );
}

/** Where the "resolved to" notes come from: the last computation, and whether the settings changed since. */
function SourcesNote({ view }: { view: GateSourcesView | null }) {
  const { t, w } = useI18n();
  if (!view) return null;
  if (!view.sources) {
    return (
      <p className="pg-subtlest" data-testid="settings-sources-none">
        {t('settings.sourcesNone')}
      </p>
    );
  }
  return (
    <p className="pg-subtlest" data-testid="settings-sources-note">
      {t('settings.sourcesNote', { at: formatInstant(view.computedAt, undefined, w) })}
      {view.pending ? ` ${t('settings.sourcesPending')}` : ''}
    </p>
  );
}

/**
 * Who saved a settings version, in the viewer's words: "you" for the viewer; an Atlassian account id (which means
 * nothing to a reader) becomes "a project administrator"; a display name is shown as is (format.ts's formatSavedBy,
 * worded).
 */
function savedByText(savedBy: string, viewerAccountId: string | undefined, { t }: I18n): string {
  if (viewerAccountId && savedBy === viewerAccountId) return t('settings.savedByYou');
  if (!savedBy) return t('settings.someone');
  // formatSavedBy keeps a display name and replaces an account id: the same test, one place.
  return formatSavedBy(savedBy) === savedBy ? savedBy : t('settings.savedByAdmin');
}

/** "These settings were changed by you / a project administrator at <local time>; reload to see them …". */
function staleText(
  stale: { version: number; savedAt: string; savedBy: string },
  viewer: string | undefined,
  i18n: I18n,
): string {
  if (stale.version === 0) return i18n.t('settings.staleResetPage');
  return staleSettingsMessage(
    savedByText(stale.savedBy, viewer, i18n),
    formatInstant(stale.savedAt, undefined, i18n.w),
    i18n.w,
  );
}

export default function SettingsPage({ context }: SurfaceProps) {
  const i18n = useI18n();
  const { t, plural, w } = i18n;
  const FIELDS = fieldsFor(w);
  const [state, setState] = useState<State>({ status: 'loading' });
  const [values, setValues] = useState<FormValues | null>(null);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [formErrors, setFormErrors] = useState<string[]>([]);
  const [saving, setSaving] = useState(false);
  const [requestError, setRequestError] = useState<ApiError | null>(null);
  const [announcement, setAnnouncement] = useState('');
  const [saved, setSaved] = useState<string | null>(null);
  const [sources, setSources] = useState<GateSourcesView | null>(null);
  const [choices, setChoices] = useState<SettingsChoices | null>(null);
  const [warnings, setWarnings] = useState<string[]>([]);
  const [stale, setStale] = useState<string | null>(null);
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
  // The site's choices for the pickers, for the sources the form names now (admins only; typed by hand otherwise).
  const canAdminister = state.status === 'ok' && state.settings.canAdminister;
  const sourceKey = values
    ? [values.incidentProjects, values.deliveryProjects, values.ideaProjects]
        .map((v) => splitList(v).join(','))
        .join('|')
    : '';
  useEffect(() => {
    if (!canAdminister || !values) return;
    const lists = {
      incidentProjects: splitList(values.incidentProjects).map((k) => k.toUpperCase()),
      deliveryProjects: splitList(values.deliveryProjects).map((k) => k.toUpperCase()),
      ideaProjects: splitList(values.ideaProjects).map((k) => k.toUpperCase()),
    };
    const payload = Object.fromEntries(Object.entries(lists).filter(([, l]) => l.length > 0));
    let live = true;
    const timer = window.setTimeout(() => {
      void api.getSettingsChoices(payload).then((r) => {
        // A list the server refuses (a key half typed) keeps the choices already shown.
        if (live && r.ok) setChoices(r.data);
      });
    }, 300);
    return () => {
      live = false;
      window.clearTimeout(timer);
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps -- refetched when the sources change, not on every key
  }, [canAdminister, sourceKey]);

  const focusFirstError = (errs: FieldErrors) => {
    const first = FIELDS.find((f) => errs[f.key]);
    if (first) window.requestAnimationFrame(() => document.getElementById(`field-${first.key}`)?.focus());
  };

  if (state.status === 'loading' || (state.status === 'ok' && !values)) {
    return (
      <main className="pg-app">
        <Loading label={t('settings.loading')} />
      </main>
    );
  }
  if (state.status === 'error') {
    return (
      <main className="pg-app pg-stack">
        <h1>{t('settings.title')}</h1>
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
    const { config, errors: clientErrors } = validateForm(form, w);
    if (!config) {
      setErrors(clientErrors);
      const n = Object.keys(clientErrors).length;
      setAnnouncement(plural('settings.fieldsNeedAttention', n));
      focusFirstError(clientErrors);
      return;
    }
    setSaving(true);
    setStale(null);
    setAnnouncement(t('settings.saving'));
    const r = await api.saveSettings(config as unknown as Record<string, unknown>, settings.version);
    setSaving(false);
    if (!r.ok) {
      setRequestError(r.error);
      setAnnouncement(t('settings.notSaved', { message: errorMessage(r.error, w) }));
      return;
    }
    if (r.data.ok) {
      accept(r.data.settings);
      loadSources();
      setWarnings(r.data.warnings);
      // The number of the version now in force, as the version list shows it.
      const text = t('settings.savedAs', { n: r.data.settings.version });
      setSaved(`${text} ${t('settings.savedApplies')}`);
      setAnnouncement(text);
    } else if (r.data.stale) {
      // Someone saved since this form was loaded: nothing was written, and the form keeps what was typed.
      const message = staleText(r.data.stale, context.accountId, i18n);
      setStale(message);
      setAnnouncement(t('settings.notSaved', { message }));
    } else {
      const mapped = mapServerErrors(r.data.errors);
      setErrors(mapped.fieldErrors);
      setFormErrors(mapped.formErrors);
      setAnnouncement(t('settings.refused'));
      focusFirstError(mapped.fieldErrors);
    }
  };

  const restore = async (version: number) => {
    setSaving(true);
    setRequestError(null);
    setSaved(null);
    setStale(null);
    setAnnouncement(t('settings.restoring', { version }));
    const r = await api.restoreSettings(version, settings.version);
    setSaving(false);
    if (!r.ok) {
      setRequestError(r.error);
      setAnnouncement(t('settings.notRestored', { message: errorMessage(r.error, w) }));
      return;
    }
    if (!r.data.ok) {
      if (r.data.stale) setStale(staleText(r.data.stale, context.accountId, i18n));
      else setFormErrors(r.data.errors.map((e) => e.message));
      setAnnouncement(t('settings.versionNotRestored', { version }));
      return;
    }
    accept(r.data.settings);
    loadSources();
    setWarnings(r.data.warnings);
    const n = r.data.settings.version;
    const text =
      version === 0 ? t('settings.restoredDefaults', { n }) : t('settings.restoredVersion', { version, n });
    setSaved(`${text} ${t('settings.restoredApplies')}`);
    setAnnouncement(text);
  };

  const errorCount = Object.keys(errors).length;
  const project = settings.project || context.extension.project?.key || '';

  return (
    <main className="pg-app pg-stack" aria-busy={busy}>
      <header className="pg-stack pg-stack--tight">
        <h1>{project ? t('settings.titleProject', { project }) : t('settings.title')}</h1>
        <p className="pg-subtle">{t('settings.intro')}</p>
      </header>
      <LiveRegion message={announcement} />
      {readOnly && (
        <Banner tone="info" title={t('settings.readOnly')} testId="settings-read-only">
          <p>{project ? t('settings.readOnlyBody', { project }) : t('settings.readOnlyBodyThis')}</p>
        </Banner>
      )}
      {saved && (
        <Banner tone="success" testId="settings-saved">
          <p>{saved}</p>
        </Banner>
      )}
      {requestError && <ErrorState error={requestError} />}
      {stale && (
        <Banner
          tone="error"
          title={t('settings.staleTitle')}
          testId="settings-stale"
          action={
            <button
              type="button"
              className="pg-button pg-button--small"
              onClick={load}
              data-testid="settings-reload"
            >
              {t('settings.reload')}
            </button>
          }
        >
          <p>{stale}</p>
        </Banner>
      )}
      {[...new Set([...warnings, ...(choices?.warnings ?? [])])].length > 0 && (
        <Banner tone="warning" title={t('settings.dataQuality')} testId="settings-warnings">
          <ul>
            {[...new Set([...warnings, ...(choices?.warnings ?? [])])].map((w) => (
              <li key={w}>{w}</li>
            ))}
          </ul>
        </Banner>
      )}
      {choices && choices.missingProjects.length > 0 && (
        <Banner tone="info" testId="settings-missing-projects">
          <p>{t('settings.missingProjects', { projects: choices.missingProjects.join(', ') })}</p>
        </Banner>
      )}
      {(errorCount > 0 || formErrors.length > 0) && (
        <Banner tone="error" title={t('settings.notSavedTitle')} testId="settings-error-summary">
          <ul>
            {FIELDS.filter((f) => errors[f.key]).map((f) => (
              <li key={f.key}>
                <button
                  type="button"
                  className="pg-link"
                  onClick={() => document.getElementById(`field-${f.key}`)?.focus()}
                >
                  {errors[f.key]}
                </button>
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
        {sectionsFor(w).map((section) => (
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
                    resolved={sources?.sources ? resolvedNote(f.key, sources.sources, i18n.w) : null}
                    options={choices && f.picker ? pickOptions(f.picker, choices, i18n) : null}
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
              {t('settings.save')}
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
              {t('settings.discard')}
            </button>
            <span className="pg-subtle" aria-live="polite">
              {dirty ? t('settings.unsaved') : t('settings.noChanges')}
            </span>
          </div>
        )}
      </form>
      <section className="pg-card" aria-labelledby="versions-heading">
        <h2 id="versions-heading">{t('settings.versions')}</h2>
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
