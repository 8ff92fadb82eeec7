import { useId, useRef, useState } from 'react';
import type { EvidenceIssue } from '../../../src/forge/contract';
import { api, type ApiError, type EvidenceList } from '../api';
import { evidenceNote } from '../evidence';
import type { Words } from '../../../src/core/wording';
import { viewerTimeZone } from '../format';
import { useI18n } from '../i18n';
import { ErrorState, Icon, IssueLink, Loading, Lozenge } from './ui';

export interface Figure {
  id: string;
  label: string;
  value: string;
  /** The evidence list behind the figure, how many issues it holds in full, and how many of them were stored. */
  list?: EvidenceList;
  count?: number;
  stored?: number;
  note?: string;
}

type EvidenceState =
  | { status: 'closed' }
  | { status: 'loading' }
  | { status: 'ok'; issues: EvidenceIssue[] }
  | { status: 'error'; error: ApiError };

/** An ISO instant as the calendar date it falls on in the viewer's zone, worded in the viewer's language. */
function instantDate(iso: string, w: Words): string {
  const t = Date.parse(iso);
  if (Number.isNaN(t)) return iso;
  // en-CA writes dates as YYYY-MM-DD: the calendar date in the zone, then worded like every other date.
  const day = new Intl.DateTimeFormat('en-CA', {
    timeZone: viewerTimeZone(),
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(t);
  return w.formatCalendarDate(day);
}

function meta(issue: EvidenceIssue, w: Words): string {
  const { t } = w.translator;
  const parts: string[] = [];
  if (issue.priority) parts.push(t('project.priority', { priority: issue.priority }));
  if (issue.created) parts.push(t('project.created', { date: instantDate(issue.created, w) }));
  if (issue.dueDate) parts.push(t('project.due', { date: w.formatCalendarDate(issue.dueDate) }));
  if (issue.resolved) parts.push(t('project.resolved', { date: instantDate(issue.resolved, w) }));
  return parts.join(' · ');
}

function FigureRow({ figure }: { figure: Figure }) {
  const { t, w, locale } = useI18n();
  const [state, setState] = useState<EvidenceState>({ status: 'closed' });
  const cache = useRef<EvidenceIssue[] | null>(null);
  const panelId = useId();
  const expandable = figure.list !== undefined && (figure.count ?? 0) > 0;
  const open = state.status !== 'closed';

  const load = () => {
    if (!figure.list) return;
    if (cache.current) {
      setState({ status: 'ok', issues: cache.current });
      return;
    }
    setState({ status: 'loading' });
    void api.getEvidence(figure.list).then((r) => {
      if (r.ok) {
        cache.current = r.data;
        setState({ status: 'ok', issues: r.data });
      } else setState({ status: 'error', error: r.error });
    });
  };

  const toggle = () => (open ? setState({ status: 'closed' }) : load());
  const count = figure.count ?? 0;
  const note =
    state.status === 'ok'
      ? evidenceNote(state.issues.length, { total: count, stored: figure.stored ?? count }, w)
      : null;

  return (
    <li className="pg-figure" data-testid={`figure-${figure.id}`}>
      <div className="pg-figure__row">
        <span className="pg-figure__label">
          {figure.label}
          {figure.note && <span className="pg-subtlest"> · {figure.note}</span>}
        </span>
        <span className="pg-figure__value">
          <span>{figure.value}</span>
          {expandable && (
            <button
              type="button"
              className="pg-button pg-button--subtle pg-button--small pg-figure__toggle"
              aria-expanded={open}
              aria-controls={panelId}
              onClick={toggle}
              data-testid={`evidence-toggle-${figure.list}`}
            >
              <Icon name="chevron" />
              {open ? t('project.hideIssues') : t('project.showIssues')}
              <span className="sr-only">{t('project.issuesFor', { label: figure.label })}</span>
            </button>
          )}
        </span>
      </div>
      {expandable && (
        <div id={panelId} hidden={!open} data-testid={`evidence-${figure.list}`}>
          {state.status === 'loading' && (
            // English lowercases the figure's name in the sentence; German nouns keep their capital.
            <Loading
              label={t('project.loadingList', {
                label: locale === 'en-US' ? figure.label.toLowerCase() : figure.label,
              })}
            />
          )}
          {state.status === 'error' && <ErrorState error={state.error} onRetry={load} />}
          {state.status === 'ok' &&
            (state.issues.length === 0 ? (
              <p className="pg-subtle">{note ?? t('project.noIssues')}</p>
            ) : (
              <>
                <ul className="pg-evidence" aria-label={t('project.issuesOf', { label: figure.label })}>
                  {state.issues.map((issue) => (
                    <li key={issue.key} className="pg-evidence__item">
                      <IssueLink issueKey={issue.key} />
                      <span className="pg-evidence__summary" title={issue.summary}>
                        {issue.summary || <span className="pg-subtle">{t('project.noSummary')}</span>}
                      </span>
                      {issue.status ? <Lozenge>{issue.status}</Lozenge> : <span />}
                      {meta(issue, w) && <span className="pg-evidence__meta">{meta(issue, w)}</span>}
                    </li>
                  ))}
                </ul>
                {note && (
                  <p
                    className="pg-subtlest pg-evidence__note"
                    data-testid={`evidence-partial-${figure.list}`}
                  >
                    {note}
                  </p>
                )}
              </>
            ))}
        </div>
      )}
    </li>
  );
}

/** Key figures; those with an evidence list expand to the issues behind them (read as the viewing user). */
export function Figures({ figures, label }: { figures: Figure[]; label: string }) {
  return (
    <ul className="pg-figures" aria-label={label}>
      {figures.map((f) => (
        <FigureRow key={f.id} figure={f} />
      ))}
    </ul>
  );
}
