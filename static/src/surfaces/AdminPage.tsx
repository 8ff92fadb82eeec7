/**
 * Admin page (jira:adminPage): set the app up for a project (create the idea issue type if missing and add it to the
 * project; the resolver reports each step) and the portfolio of configured projects.
 */
import { useId, useState } from 'react';
import type { PortfolioRow } from '../../../src/forge/contract';
import { api, type ApiError, type SetupResult } from '../api';
import { useApi } from '../components/useApi';
import {
  Banner,
  EmptyState,
  ErrorState,
  Icon,
  IssueLink,
  LiveRegion,
  Loading,
  Lozenge,
  useNow,
} from '../components/ui';
import { errorMessage } from '../errors';
import { formatAge, formatInstant, minutesSince, viewerTimeZone } from '../format';
import { timeInPhase, timesThrownBack, violationsText } from '../gates';
import { i18nFor, useI18n, type I18n } from '../i18n';
import type { SurfaceProps } from './types';

const PROJECT_KEY = /^[A-Z][A-Z0-9_]{0,49}$/;

/** What is wrong with a project key as typed, or null. */
export function projectKeyError(key: string, i18n: I18n = i18nFor('en-US')): string | null {
  if (!key) return i18n.t('admin.keyEmpty');
  if (!PROJECT_KEY.test(key)) return i18n.t('admin.keyInvalid');
  return null;
}

/** An outcome of a set-up step, in words (the resolver sends the code). */
function outcomeText(outcome: SetupResult['steps'][number]['outcome'], i18n: I18n): string {
  return outcome === 'done'
    ? i18n.t('admin.outcomeDone')
    : outcome === 'skipped'
      ? i18n.t('admin.outcomeSkipped')
      : i18n.t('admin.outcomeFailed');
}

function SetupSection({ onDone }: { onDone: () => void }) {
  const [key, setKey] = useState('');
  const [touched, setTouched] = useState(false);
  const [running, setRunning] = useState(false);
  const [result, setResult] = useState<SetupResult | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [announcement, setAnnouncement] = useState('');
  const inputId = useId();
  const errorId = useId();
  const helpId = useId();
  const i18n = useI18n();
  const { t, plural, w } = i18n;
  const keyError = touched ? projectKeyError(key, i18n) : null;

  const run = async (e: React.FormEvent) => {
    e.preventDefault();
    setTouched(true);
    if (projectKeyError(key) || running) return;
    setRunning(true);
    setError(null);
    setResult(null);
    setAnnouncement(t('admin.settingUp', { project: key }));
    const r = await api.setup(key);
    setRunning(false);
    if (r.ok) {
      setResult(r.data);
      const failed = r.data.steps.filter((s) => s.outcome === 'failed').length;
      setAnnouncement(
        failed ? plural('admin.setupFinishedFailed', failed) : t('admin.setupFinished', { project: key }),
      );
      onDone();
    } else {
      setError(r.error);
      setAnnouncement(t('admin.setupFailedBecause', { message: errorMessage(r.error, w) }));
    }
  };

  return (
    <section className="pg-card" aria-labelledby="setup-heading" data-testid="setup">
      <h2 id="setup-heading">{t('admin.setupHeading')}</h2>
      <p className="pg-subtle">{t('admin.setupIntro')}</p>
      <form className="pg-row" onSubmit={(e) => void run(e)} noValidate>
        <div className="pg-field">
          <label htmlFor={inputId}>{t('admin.projectKey')}</label>
          <input
            id={inputId}
            className="pg-input pg-input--narrow"
            value={key}
            onChange={(e) => setKey(e.target.value.toUpperCase().trim())}
            onBlur={() => key && setTouched(true)}
            aria-invalid={keyError ? true : undefined}
            aria-describedby={keyError ? `${errorId} ${helpId}` : helpId}
            autoComplete="off"
            spellCheck={false}
            placeholder="OPS" // i18n-ignore: an example project key, not a word
            data-testid="setup-project-key"
          />
        </div>
        <button
          type="submit"
          aria-disabled={running}
          data-testid="setup-button"
          className="pg-button pg-button--primary pg-align-end"
        >
          {running && <Icon name="spinner" />}
          {t('admin.setUp')}
        </button>
      </form>
      {keyError && (
        <span className="pg-field-error" id={errorId} data-testid="setup-key-error">
          <Icon name="error" />
          {keyError}
        </span>
      )}
      <span className="pg-help" id={helpId}>
        {t('admin.keyHelp')}
      </span>
      <LiveRegion message={announcement} />
      {error && <ErrorState error={error} title={t('admin.setupFailed')} />}
      {!result && !running && <SetupPreview />}
      {result && (
        <div className="pg-stack pg-stack--tight" data-testid="setup-result">
          <h3>{t('admin.steps')}</h3>
          <ol className="pg-steps">
            {result.steps.map((s, i) => (
              <li key={`${s.name}-${i}`} data-outcome={s.outcome} data-testid={`setup-step-${i}`}>
                <Icon name={s.outcome === 'done' ? 'check' : s.outcome === 'skipped' ? 'dash' : 'cross'} />
                <span>
                  <strong>{s.name}</strong>
                  {s.detail && <span className="pg-subtle"> — {s.detail}</span>}
                </span>
                <Lozenge
                  tone={s.outcome === 'done' ? 'success' : s.outcome === 'failed' ? 'danger' : 'default'}
                >
                  {outcomeText(s.outcome, i18n)}
                </Lozenge>
              </li>
            ))}
          </ol>
          {result.validatorCheck && <ValidatorCheckBanner check={result.validatorCheck} />}
          {result.validatorSteps.length > 0 && result.validatorCheck?.status !== 'on' && (
            <Banner tone="info" title={t('admin.byHand')}>
              <ol className="pg-numbered" data-testid="validator-steps">
                {result.validatorSteps.map((s) => (
                  <li key={s}>{s}</li>
                ))}
              </ol>
            </Banner>
          )}
        </div>
      )}
    </section>
  );
}

/** What Set up will do, shown before it runs (the same steps it reports after). */
function SetupPreview() {
  const { t } = useI18n();
  return (
    <div className="pg-stack pg-stack--tight" data-testid="setup-preview">
      <h3>{t('admin.previewHeading')}</h3>
      <ol className="pg-numbered">
        <li>{t('admin.preview1')}</li>
        <li>{t('admin.preview2')}</li>
        <li>{t('admin.preview3')}</li>
        <li>{t('admin.preview4', { validator: t('manifest.validatorName') })}</li>
      </ol>
    </div>
  );
}

/** Whether the idea workflow carries the validator, as Jira reported it after the set-up. */
function ValidatorCheckBanner({ check }: { check: NonNullable<SetupResult['validatorCheck']> }) {
  const { t } = useI18n();
  const tone = check.status === 'on' ? 'success' : check.status === 'missing' ? 'warning' : 'info';
  const title =
    check.status === 'on'
      ? t('admin.validatorOn')
      : check.status === 'missing'
        ? t('admin.validatorMissing')
        : t('admin.validatorUnknown');
  return (
    <Banner tone={tone} title={title} testId="validator-check">
      <p data-testid="validator-check-summary" data-status={check.status}>
        {check.summary}
      </p>
    </Banner>
  );
}

function Portfolio({ rows, now }: { rows: PortfolioRow[]; now: number }) {
  const { t, w } = useI18n();
  if (rows.length === 0) {
    return (
      <EmptyState title={t('admin.portfolioEmpty')} headingLevel={3} testId="portfolio-empty">
        <p>{t('admin.portfolioEmptyBody')}</p>
      </EmptyState>
    );
  }
  const col = {
    phase: t('admin.colPhase'),
    onTime: t('admin.colOnTime'),
    major: t('admin.colMajor'),
    timeInPhase: t('admin.colTimeInPhase'),
    thrownBack: t('admin.colThrownBack'),
    violations: t('admin.colViolations'),
    computed: t('admin.colComputed'),
  };
  const sorted = [...rows].sort((a, b) => a.project.localeCompare(b.project));
  return (
    <div className="pg-table-wrap">
      <table className="pg-table pg-table--stack" data-testid="portfolio-table">
        <caption className="sr-only">{t('admin.portfolioCaption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('admin.colGate')}</th>
            <th scope="col">{col.phase}</th>
            <th scope="col" className="pg-num">
              {col.onTime}
            </th>
            <th scope="col" className="pg-num">
              {col.major}
            </th>
            <th scope="col">{col.timeInPhase}</th>
            <th scope="col">{col.thrownBack}</th>
            <th scope="col">{col.violations}</th>
            <th scope="col">{col.computed}</th>
          </tr>
        </thead>
        <tbody>
          {sorted.map((r) => (
            <tr key={r.project} data-testid={`portfolio-row-${r.project}`}>
              <th scope="row">
                <span className="pg-stack pg-stack--none">
                  <strong>{r.name}</strong>
                  <span className="pg-subtle">
                    {t('admin.home')} <IssueLink issueKey={r.project} />
                  </span>
                </span>
              </th>
              <td data-label={col.phase} data-testid={`portfolio-phase-${r.project}`}>
                {r.phase === null ? (
                  <span className="pg-subtle">{t('admin.gates.notComputed')}</span>
                ) : (
                  <span className="pg-stack pg-stack--none">
                    <span>
                      {r.phase} ·{' '}
                      {r.phase === 1 || r.phase === 2 || r.phase === 3
                        ? w.phaseName(r.phase)
                        : (r.phaseName ?? '')}
                    </span>
                    {r.innovationUnlocked !== null && (
                      <Lozenge tone={r.innovationUnlocked ? 'success' : 'default'}>
                        {r.innovationUnlocked ? t('admin.ideasUnlocked') : t('admin.ideasLocked')}
                      </Lozenge>
                    )}
                  </span>
                )}
              </td>
              <td className="pg-num" data-label={col.onTime} data-testid={`portfolio-ontime-${r.project}`}>
                {r.phase === null
                  ? '—'
                  : r.onTimeRate === null || !Number.isFinite(r.onTimeRate)
                    ? t('wording.noData')
                    : w.formatRate(r.onTimeRate)}
              </td>
              <td className="pg-num" data-label={col.major} data-testid={`portfolio-major-${r.project}`}>
                {r.majorIncidents ?? '—'}
              </td>
              <td data-label={col.timeInPhase} data-testid={`portfolio-since-${r.project}`}>
                {timeInPhase(r, w)}
              </td>
              <td data-label={col.thrownBack} className="pg-wrap">
                <span className="pg-stack pg-stack--none">
                  <span data-testid={`portfolio-thrown-${r.project}`}>
                    {timesThrownBack(r.timesThrownBack, w)}
                  </span>
                  {r.lastStepBack && (
                    <span className="pg-subtle" data-testid={`portfolio-stepback-${r.project}`}>
                      {t('admin.lastStepBack', { change: w.describePhaseChange(r.lastStepBack) })}
                    </span>
                  )}
                </span>
              </td>
              <td
                data-label={col.violations}
                className="pg-wrap"
                data-testid={`portfolio-violations-${r.project}`}
              >
                {violationsText(r.violations, w)}
              </td>
              <td
                data-label={col.computed}
                className="pg-wrap"
                title={r.computedAt ? formatInstant(r.computedAt, undefined, w) : undefined}
                data-testid={`portfolio-computed-${r.project}`}
              >
                <span className="pg-stack pg-stack--none">
                  <span>{r.computedAt ? formatAge(minutesSince(r.computedAt, now), w) : '—'}</span>
                  {r.lastError && (
                    <span className="pg-text-danger" data-testid={`portfolio-error-${r.project}`}>
                      {t('admin.lastAttemptFailed', { error: r.lastError })}
                    </span>
                  )}
                  {r.deferred && (
                    <span className="pg-subtle" data-testid={`portfolio-deferred-${r.project}`}>
                      {w.deferralNotice(Date.parse(r.deferred.nextTryAt), viewerTimeZone())}
                    </span>
                  )}
                </span>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export default function AdminPage(_props: SurfaceProps) {
  const { state, reload, refreshQuietly } = useApi(api.getPortfolio);
  const now = useNow();
  const { t, w } = useI18n();
  return (
    <main className="pg-app pg-stack">
      <header className="pg-stack pg-stack--tight">
        <h1>{t('common.product')}</h1>
        <p className="pg-subtle">
          {t('admin.subtitle', { phase1: w.phaseName(1), phase2: w.phaseName(2), phase3: w.phaseName(3) })}
        </p>
      </header>
      <SetupSection onDone={refreshQuietly} />
      <section className="pg-card" aria-labelledby="portfolio-heading">
        <div className="pg-card__head">
          <h2 id="portfolio-heading">{t('admin.portfolioHeading')}</h2>
          <button
            type="button"
            className="pg-button pg-button--small"
            onClick={reload}
            data-testid="portfolio-reload"
          >
            <Icon name="refresh" /> {t('admin.reload')}
          </button>
        </div>
        {state.status === 'loading' && <Loading label={t('admin.loadingPortfolio')} />}
        {state.status === 'error' && <ErrorState error={state.error} onRetry={reload} />}
        {state.status === 'ok' && <Portfolio rows={state.data} now={now} />}
      </section>
    </main>
  );
}
