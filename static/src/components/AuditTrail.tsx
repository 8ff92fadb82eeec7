/**
 * Issue #13, the audit trail on the project page: what the gate enforced each day, newest first, collapsed by default
 * (loaded when opened), with "Download CSV" built in the browser from the same JSON.
 */
import { useState } from 'react';
import type { AuditView } from '../../../src/forge/contract';
import { api, type ApiError } from '../api';
import { auditCsv, auditFileName, auditRow } from '../audit';
import { useI18n } from '../i18n';
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
  const i18n = useI18n();
  const { t } = i18n;
  const rows = view.days.slice(0, SHOWN_DAYS).map((d) => auditRow(d, view.timeZone, i18n.w));
  const col = {
    phase: t('admin.audit.colPhase'),
    ideas: t('admin.audit.colIdeas'),
    major: t('admin.audit.colMajor'),
    restore: t('admin.audit.colRestore'),
    onTime: t('admin.audit.colOnTime'),
    decided: t('admin.audit.colDecided'),
    notMet: t('admin.audit.colNotMet'),
    waivers: t('admin.audit.colWaivers'),
    settings: t('admin.audit.colSettings'),
    changes: t('admin.audit.colChanges'),
  };
  return (
    <div className="pg-table-wrap">
      <table className="pg-table pg-table--stack" data-testid="audit-table">
        <caption className="sr-only">{t('admin.audit.caption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('admin.audit.colDay')}</th>
            <th scope="col">{col.phase}</th>
            <th scope="col">{col.ideas}</th>
            <th scope="col" className="pg-num">
              {col.major}
            </th>
            <th scope="col" className="pg-num">
              {col.restore}
            </th>
            <th scope="col" className="pg-num">
              {col.onTime}
            </th>
            <th scope="col" className="pg-num">
              {col.decided}
            </th>
            <th scope="col">{col.notMet}</th>
            <th scope="col">{col.waivers}</th>
            <th scope="col">{col.settings}</th>
            <th scope="col">{col.changes}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.day} data-testid={`audit-row-${r.day}`}>
              <th scope="row">{r.date}</th>
              <td data-label={col.phase}>{r.phase}</td>
              <td data-label={col.ideas}>{r.ideas}</td>
              <td className="pg-num" data-label={col.major}>
                {r.majorIncidents}
              </td>
              <td className="pg-num" data-label={col.restore}>
                {r.medianRestore}
              </td>
              <td className="pg-num" data-label={col.onTime}>
                {r.onTimeRate}
              </td>
              <td className="pg-num" data-label={col.decided}>
                {r.decided}
              </td>
              <td data-label={col.notMet}>{r.notMet}</td>
              <td data-label={col.waivers} className="pg-wrap">
                {r.waivers}
              </td>
              <td data-label={col.settings}>{r.settings}</td>
              <td data-label={col.changes} className="pg-wrap">
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
  const { t, plural } = useI18n();

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
      <summary>{t('admin.audit.summary')}</summary>
      {state.status === 'loading' && <Loading label={t('admin.audit.loading')} />}
      {state.status === 'error' && <ErrorState error={state.error} onRetry={load} />}
      {state.status === 'ok' &&
        (state.view.days.length === 0 ? (
          <p className="pg-subtle">{t('admin.audit.noDays')}</p>
        ) : (
          <div className="pg-stack pg-stack--tight">
            <p className="pg-subtle" data-testid="audit-summary">
              {state.view.days.length > SHOWN_DAYS
                ? t('admin.audit.lastOf', { shown: SHOWN_DAYS, n: state.view.days.length })
                : plural('admin.audit.recordedDays', state.view.days.length)}
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
                {t('admin.audit.download')}
              </button>
            </div>
            <AuditTable view={state.view} />
          </div>
        ))}
    </details>
  );
}
