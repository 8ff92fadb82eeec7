/**
 * A multi-project picker (a combobox over `listProjects`, the projects the viewer can browse): the chosen projects as
 * removable tags, a search box whose suggestions come from Jira, keyboard navigation (↑ ↓ Enter Escape, Backspace
 * removes the last tag). Its value is the settings form's text for a `projects` field ("ITSM, APP").
 *
 * Test ids: `<testId>` (the search box), `<testId>-option-<KEY>`, `<testId>-tag-<KEY>`, `<testId>-remove-<KEY>`.
 */
import { useEffect, useId, useRef, useState } from 'react';
import { api, type ProjectOption } from '../api';
import { useI18n } from '../i18n';
import { splitList } from '../settingsForm';
import { Icon } from './ui';

/** Project names seen in answers, shared by every picker of the page. */
const knownNames = new Map<string, string>();

const PROJECT_KEY = /^[A-Z][A-Z0-9_]{0,49}$/;

export function ProjectPicker({
  id,
  value,
  onChange,
  readOnly,
  invalid,
  describedBy,
  testId,
  label,
}: {
  id: string;
  value: string;
  onChange: (value: string) => void;
  readOnly: boolean;
  invalid: boolean;
  describedBy: string;
  testId: string;
  /** The field's label, for the tags' remove buttons. */
  label: string;
}) {
  const { t } = useI18n();
  const chosen = splitList(value);
  const [query, setQuery] = useState('');
  const [open, setOpen] = useState(false);
  const [options, setOptions] = useState<ProjectOption[]>([]);
  const [status, setStatus] = useState<'idle' | 'loading' | 'error'>('idle');
  const [active, setActive] = useState(0);
  const seq = useRef(0);
  const listId = useId();
  const inputRef = useRef<HTMLInputElement>(null);

  useEffect(() => {
    if (!open) return;
    const mine = ++seq.current;
    setStatus('loading');
    const timer = window.setTimeout(
      () => {
        void api.listProjects(query.trim() || undefined).then((r) => {
          if (mine !== seq.current) return;
          if (r.ok) {
            for (const p of r.data) knownNames.set(p.key, p.name);
            setOptions(r.data);
            setStatus('idle');
          } else setStatus('error');
        });
      },
      query ? 250 : 0,
    );
    return () => window.clearTimeout(timer);
  }, [query, open]);

  const offered = options.filter((o) => !chosen.includes(o.key));
  const typed = query.trim().toUpperCase();
  const set = (keys: string[]) => onChange(keys.join(', '));
  const add = (key: string) => {
    if (!chosen.includes(key)) set([...chosen, key]);
    setQuery('');
    setActive(0);
    inputRef.current?.focus();
  };
  const remove = (key: string) => set(chosen.filter((k) => k !== key));

  const onKeyDown = (e: React.KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'ArrowDown') {
      e.preventDefault();
      setOpen(true);
      setActive((a) => Math.min(a + 1, Math.max(0, offered.length - 1)));
    } else if (e.key === 'ArrowUp') {
      e.preventDefault();
      setActive((a) => Math.max(0, a - 1));
    } else if (e.key === 'Enter') {
      // Enter picks the highlighted project; a full key typed by hand is taken as it is (the save checks it).
      e.preventDefault();
      // While an answer is on its way the list is the previous search's: only an exact key is taken from it.
      const pick =
        offered.find((o) => o.key === typed) ??
        (status === 'idle' ? offered[active] : undefined) ??
        (PROJECT_KEY.test(typed) ? { key: typed } : undefined);
      if (pick) add(pick.key);
    } else if (e.key === 'Escape') {
      setOpen(false);
    } else if (e.key === 'Backspace' && query === '' && chosen.length > 0) {
      remove(chosen[chosen.length - 1]!);
    }
  };

  const name = (key: string) => knownNames.get(key);
  const activeId = open && offered[active] ? `${listId}-${offered[active].key}` : undefined;

  return (
    <div className="pg-picker" data-invalid={invalid ? 'true' : undefined}>
      {chosen.length > 0 && (
        <ul className="pg-picker__tags" aria-label={t('settings.chosen', { label })}>
          {chosen.map((k) => (
            <li key={k} className="pg-tag" data-testid={`${testId}-tag-${k}`}>
              <span className="pg-tag__text" title={name(k) ? `${name(k)} (${k})` : k}>
                <strong>{k}</strong>
                {name(k) && name(k) !== k && <span className="pg-subtle"> {name(k)}</span>}
              </span>
              {!readOnly && (
                <button
                  type="button"
                  className="pg-tag__remove"
                  onClick={() => remove(k)}
                  aria-label={t('settings.picker.remove', { key: k, label })}
                  data-testid={`${testId}-remove-${k}`}
                >
                  <Icon name="cross" />
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
      {chosen.length === 0 && readOnly && (
        <span className="pg-subtle">{t('settings.picker.thisProjectOnly')}</span>
      )}
      {!readOnly && (
        <div className="pg-picker__search">
          <input
            ref={inputRef}
            id={id}
            className="pg-input"
            type="text"
            role="combobox"
            aria-expanded={open}
            aria-controls={listId}
            aria-autocomplete="list"
            aria-activedescendant={activeId}
            aria-invalid={invalid ? true : undefined}
            aria-describedby={describedBy}
            value={query}
            placeholder={chosen.length ? t('settings.picker.addProject') : t('settings.picker.search')}
            autoComplete="off"
            spellCheck={false}
            onChange={(e) => {
              setQuery(e.target.value);
              setOpen(true);
              setActive(0);
            }}
            onFocus={() => setOpen(true)}
            onBlur={() => window.setTimeout(() => setOpen(false), 150)}
            onKeyDown={onKeyDown}
            data-testid={testId}
          />
          {open && (
            <ul
              id={listId}
              role="listbox"
              className="pg-picker__list"
              aria-label={t('settings.picker.suggestions', { label })}
            >
              {status === 'loading' && offered.length === 0 && (
                <li className="pg-picker__note" role="presentation">
                  <Icon name="spinner" /> {t('settings.picker.searching')}
                </li>
              )}
              {status === 'error' && (
                <li className="pg-picker__note" role="presentation">
                  {t('settings.picker.failed')}
                </li>
              )}
              {status === 'idle' && offered.length === 0 && (
                <li className="pg-picker__note" role="presentation">
                  {query ? t('settings.picker.noMatch', { query }) : t('settings.picker.noMore')}
                </li>
              )}
              {offered.map((o, i) => (
                <li
                  key={o.key}
                  id={`${listId}-${o.key}`}
                  role="option"
                  aria-selected={i === active}
                  className="pg-picker__option"
                  // mousedown, not click: the input's blur would close the list first.
                  onMouseDown={(e) => {
                    e.preventDefault();
                    add(o.key);
                  }}
                  data-testid={`${testId}-option-${o.key}`}
                >
                  <strong>{o.key}</strong>
                  {o.name !== o.key && <span className="pg-subtle"> {o.name}</span>}
                </li>
              ))}
            </ul>
          )}
        </div>
      )}
    </div>
  );
}
