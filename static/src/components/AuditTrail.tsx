/**
 * Issue #13, the audit trail on the project page: what the gate enforced each day, newest first, collapsed by default
 * (loaded when opened), with "Download CSV" built in the browser from the same JSON.
 */
import { useState } from 'react';
import type { AuditView } from '../../../src/forge/contract';
import { api, type ApiError } from '../api';
import { auditCsv, auditFileName, auditRow } from '../audit';
import { ErrorState, Loading } from './ui';

/** Days shown in the table (the CSV has every stored day). */
const SHOWN_DAYS = 30;

type State =
  | { status: 'closed' }
  | { status: 'loading' }
  | { status: 'error'; error: ApiError }
  | { status: 'ok'; view: AuditView };

/** Starts a download of `text` (Forge's Custom UI iframe allows downloads started by a user gesture). */
function download(text: string, name: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: 'text/csv;charset=utf-8' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

function AuditTable({ view }: { view: AuditView }) {
  const rows = view.days.slice(0, SHOWN_DAYS).map((d) => auditRow(d, view.timeZone));
  return (
    <div className="pg-table-wrap">
      <table className="pg-table pg-table--stack" data-testid="audit-table">
        <caption className="sr-only">What the gate enforced each day, newest first</caption>
        <thead>
          <tr>
            <th scope="col">Day</th>
            <th scope="col">Phase</th>
            <th scope="col">Ideas</th>
            <th scope="col" className="pg-num">
              Major incidents
            </th>
            <th scope="col" className="pg-num">
              Median restore
            </th>
            <th scope="col" className="pg-num">
              On-time rate
            </th>
            <th scope="col" className="pg-num">
              Decided
            </th>
            <th scope="col">Not met</th>
            <th scope="col">Waivers</th>
            <th scope="col">Settings</th>
            <th scope="col">Changes</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.day} data-testid={`audit-row-${r.day}`}>
              <th scope="row">{r.date}</th>
              <td data-label="Phase">{r.phase}</td>
              <td data-label="Ideas">{r.ideas}</td>
              <td className="pg-num" data-label="Major incidents">
                {r.majorIncidents}
              </td>
              <td className="pg-num" data-label="Median restore">
                {r.medianRestore}
              </td>
              <td className="pg-num" data-label="On-time rate">
                {r.onTimeRate}
              </td>
              <td className="pg-num" data-label="Decided">
                {r.decided}
              </td>
              <td data-label="Not met">{r.notMet}</td>
              <td data-label="Waivers" className="pg-wrap">
                {r.waivers}
              </td>
              <td data-label="Settings">{r.settings}</td>
              <td data-label="Changes" className="pg-wrap">
                {r.changes}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function AuditTrail() {
  const [state, setState] = useState<State>({ status: 'closed' });

  const load = () => {
    setState({ status: 'loading' });
    void api.getAudit().then((r) => {
      setState(r.ok ? { status: 'ok', view: r.data } : { status: 'error', error: r.error });
    });
  };

  return (
    <details
      data-testid="audit-trail"
      onToggle={(e) => {
        if ((e.currentTarget as HTMLDetailsElement).open && state.status === 'closed') load();
      }}
    >
      <summary>What the gate enforced each day</summary>
      {state.status === 'loading' && <Loading label="Loading the audit trail…" />}
      {state.status === 'error' && <ErrorState error={state.error} onRetry={load} />}
      {state.status === 'ok' &&
        (state.view.days.length === 0 ? (
          <p className="pg-subtle">No day has been recorded yet.</p>
        ) : (
          <div className="pg-stack pg-stack--tight">
            <p className="pg-subtle" data-testid="audit-summary">
              {state.view.days.length > SHOWN_DAYS
                ? `The last ${SHOWN_DAYS} of ${state.view.days.length} recorded days, newest first; the CSV has them all.`
                : `${state.view.days.length === 1 ? 'One recorded day' : `${state.view.days.length} recorded days`}, newest first.`}
            </p>
            <div>
              <button
                type="button"
                className="pg-button"
                data-testid="audit-download"
                onClick={() =>
                  download(auditCsv(state.view.days), auditFileName(state.view.project, state.view.days))
                }
              >
                Download CSV
              </button>
            </div>
            <AuditTable view={state.view} />
          </div>
        ))}
    </details>
  );
}
