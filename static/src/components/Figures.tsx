import { useId, useRef, useState } from 'react';
import type { EvidenceIssue } from '../../../src/forge/contract';
import { api, type ApiError, type EvidenceList } from '../api';
import { evidenceNote } from '../evidence';
import { formatDateOrNone, formatInstantDate } from '../format';
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

function meta(issue: EvidenceIssue): string {
  const parts: string[] = [];
  if (issue.priority) parts.push(`Priority ${issue.priority}`);
  if (issue.created) parts.push(`created ${formatInstantDate(issue.created)}`);
  if (issue.dueDate) parts.push(`due ${formatDateOrNone(issue.dueDate)}`);
  if (issue.resolved) parts.push(`resolved ${formatInstantDate(issue.resolved)}`);
  return parts.join(' · ');
}

function FigureRow({ figure }: { figure: Figure }) {
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
      ? evidenceNote(state.issues.length, { total: count, stored: figure.stored ?? count })
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
              {open ? 'Hide' : 'Show'} issues
              <span className="sr-only"> for {figure.label}</span>
            </button>
          )}
        </span>
      </div>
      {expandable && (
        <div id={panelId} hidden={!open} data-testid={`evidence-${figure.list}`}>
          {state.status === 'loading' && <Loading label={`Loading ${figure.label.toLowerCase()}…`} />}
          {state.status === 'error' && <ErrorState error={state.error} onRetry={load} />}
          {state.status === 'ok' &&
            (state.issues.length === 0 ? (
              <p className="pg-subtle">
                {note ?? 'No issues (they may have changed since the last computation).'}
              </p>
            ) : (
              <>
                <ul className="pg-evidence" aria-label={`${figure.label}: issues`}>
                  {state.issues.map((issue) => (
                    <li key={issue.key} className="pg-evidence__item">
                      <IssueLink issueKey={issue.key} />
                      <span className="pg-evidence__summary" title={issue.summary}>
                        {issue.summary || <span className="pg-subtle">(no summary visible)</span>}
                      </span>
                      {issue.status ? <Lozenge>{issue.status}</Lozenge> : <span />}
                      {meta(issue) && <span className="pg-evidence__meta">{meta(issue)}</span>}
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
