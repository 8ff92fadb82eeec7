/**
 * Admin page (jira:adminPage): set the app up for a project (create the idea issue type if missing and add it to the
 * project; the resolver reports each step) and the portfolio of configured projects.
 */
import { useId, useState } from 'react';
import { describePhaseChange } from '../../../src/core/wording';
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
import { formatAge, formatDeferral, formatInstant, formatRateOrNone, minutesSince } from '../format';
import { thrownBackText, timeInPhase, violationsText } from '../gates';
import type { SurfaceProps } from './types';

const PROJECT_KEY = /^[A-Z][A-Z0-9_]{0,49}$/;

/** What is wrong with a project key as typed, or null. */
export function projectKeyError(key: string): string | null {
  if (!key) return 'Enter a project key, e.g. OPS.';
  if (!PROJECT_KEY.test(key))
    return 'A project key is a capital letter followed by capitals, digits or _ (e.g. OPS).';
  return null;
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
  const keyError = touched ? projectKeyError(key) : null;

  const run = async (e: React.FormEvent) => {
    e.preventDefault();
    setTouched(true);
    if (projectKeyError(key) || running) return;
    setRunning(true);
    setError(null);
    setResult(null);
    setAnnouncement(`Setting up ${key}…`);
    const r = await api.setup(key);
    setRunning(false);
    if (r.ok) {
      setResult(r.data);
      const failed = r.data.steps.filter((s) => s.outcome === 'failed').length;
      setAnnouncement(
        failed ? `Set-up finished with ${failed} failed step(s).` : `Set-up of ${key} finished.`,
      );
      onDone();
    } else {
      setError(r.error);
      setAnnouncement(`Set-up failed: ${r.error.message}`);
    }
  };

  return (
    <section className="pg-card" aria-labelledby="setup-heading" data-testid="setup">
      <h2 id="setup-heading">Set up a project</h2>
      <p className="pg-subtle">
        Creates the &quot;Innovation Idea&quot; issue type if it is missing and adds it to the project.
        Running it again is safe: steps already done are skipped.
      </p>
      <form className="pg-row" onSubmit={(e) => void run(e)} noValidate>
        <div className="pg-field">
          <label htmlFor={inputId}>Project key</label>
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
            placeholder="OPS"
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
          Set up
        </button>
      </form>
      {keyError && (
        <span className="pg-field-error" id={errorId} data-testid="setup-key-error">
          <Icon name="error" />
          {keyError}
        </span>
      )}
      <span className="pg-help" id={helpId}>
        The key of a company-managed Jira project.
      </span>
      <LiveRegion message={announcement} />
      {error && <ErrorState error={error} title="Set-up failed" />}
      {!result && !running && <SetupPreview />}
      {result && (
        <div className="pg-stack pg-stack--tight" data-testid="setup-result">
          <h3>Steps</h3>
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
                  {s.outcome}
                </Lozenge>
              </li>
            ))}
          </ol>
          {result.validatorCheck && <ValidatorCheckBanner check={result.validatorCheck} />}
          {result.validatorSteps.length > 0 && result.validatorCheck?.status !== 'on' && (
            <Banner tone="info" title="Last step, by hand: add the innovation gate to the workflow">
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
  return (
    <div className="pg-stack pg-stack--tight" data-testid="setup-preview">
      <h3>What Set up does</h3>
      <ol className="pg-numbered">
        <li>Creates the &quot;Innovation Idea&quot; issue type, unless the site has one.</li>
        <li>Adds it to the project&apos;s issue types (company-managed projects).</li>
        <li>Starts computing the project&apos;s gate every hour.</li>
        <li>
          Checks whether the idea workflow carries the validator &quot;Phase Gate: innovation gate&quot;, and
          if not, says exactly where to add it: that last step is done by hand in Jira&apos;s workflow editor.
        </li>
      </ol>
    </div>
  );
}

/** Whether the idea workflow carries the validator, as Jira reported it after the set-up. */
function ValidatorCheckBanner({ check }: { check: NonNullable<SetupResult['validatorCheck']> }) {
  const tone = check.status === 'on' ? 'success' : check.status === 'missing' ? 'warning' : 'info';
  const title =
    check.status === 'on'
      ? 'The validator is in place'
      : check.status === 'missing'
        ? 'The validator is missing'
        : 'The validator could not be checked';
  return (
    <Banner tone={tone} title={title} testId="validator-check">
      <p data-testid="validator-check-summary" data-status={check.status}>
        {check.summary}
      </p>
    </Banner>
  );
}

function Portfolio({ rows, now }: { rows: PortfolioRow[]; now: number }) {
  if (rows.length === 0) {
    return (
      <EmptyState title="No configured gates yet" headingLevel={3} testId="portfolio-empty">
        <p>A gate appears here once its settings are saved or its Phase Gate page is opened.</p>
      </EmptyState>
    );
  }
  const sorted = [...rows].sort((a, b) => a.project.localeCompare(b.project));
  return (
    <div className="pg-table-wrap">
      <table className="pg-table pg-table--stack" data-testid="portfolio-table">
        <caption className="sr-only">Gates and their figures</caption>
        <thead>
          <tr>
            <th scope="col">Gate</th>
            <th scope="col">Phase</th>
            <th scope="col" className="pg-num">
              On time
            </th>
            <th scope="col" className="pg-num">
              Major incidents
            </th>
            <th scope="col">Time in phase</th>
            <th scope="col">Thrown back</th>
            <th scope="col">Violations</th>
            <th scope="col">Computed</th>
          </tr>
        </thead>
        <tbody>
          {sorted.map((r) => (
            <tr key={r.project} data-testid={`portfolio-row-${r.project}`}>
              <th scope="row">
                <span className="pg-stack pg-stack--none">
                  <strong>{r.name}</strong>
                  <span className="pg-subtle">
                    home <IssueLink issueKey={r.project} />
                  </span>
                </span>
              </th>
              <td data-label="Phase" data-testid={`portfolio-phase-${r.project}`}>
                {r.phase === null ? (
                  <span className="pg-subtle">not computed</span>
                ) : (
                  <span className="pg-stack pg-stack--none">
                    <span>
                      {r.phase} · {r.phaseName ?? ''}
                    </span>
                    {r.innovationUnlocked !== null && (
                      <Lozenge tone={r.innovationUnlocked ? 'success' : 'default'}>
                        {r.innovationUnlocked ? 'Ideas unlocked' : 'Ideas locked'}
                      </Lozenge>
                    )}
                  </span>
                )}
              </td>
              <td className="pg-num" data-label="On time" data-testid={`portfolio-ontime-${r.project}`}>
                {r.phase === null ? '—' : formatRateOrNone(r.onTimeRate)}
              </td>
              <td
                className="pg-num"
                data-label="Major incidents"
                data-testid={`portfolio-major-${r.project}`}
              >
                {r.majorIncidents ?? '—'}
              </td>
              <td data-label="Time in phase" data-testid={`portfolio-since-${r.project}`}>
                {timeInPhase(r)}
              </td>
              <td data-label="Thrown back" className="pg-wrap">
                <span className="pg-stack pg-stack--none">
                  <span data-testid={`portfolio-thrown-${r.project}`}>
                    {thrownBackText(r.timesThrownBack)}
                  </span>
                  {r.lastStepBack && (
                    <span className="pg-subtle" data-testid={`portfolio-stepback-${r.project}`}>
                      last {describePhaseChange(r.lastStepBack)}
                    </span>
                  )}
                </span>
              </td>
              <td
                data-label="Violations"
                className="pg-wrap"
                data-testid={`portfolio-violations-${r.project}`}
              >
                {violationsText(r.violations)}
              </td>
              <td
                data-label="Computed"
                className="pg-wrap"
                title={r.computedAt ? formatInstant(r.computedAt) : undefined}
                data-testid={`portfolio-computed-${r.project}`}
              >
                <span className="pg-stack pg-stack--none">
                  <span>{r.computedAt ? formatAge(minutesSince(r.computedAt, now)) : '—'}</span>
                  {r.lastError && (
                    <span className="pg-text-danger" data-testid={`portfolio-error-${r.project}`}>
                      last attempt failed: {r.lastError}
                    </span>
                  )}
                  {r.deferred && (
                    <span className="pg-subtle" data-testid={`portfolio-deferred-${r.project}`}>
                      {formatDeferral(r.deferred)}
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
  return (
    <main className="pg-app pg-stack">
      <header className="pg-stack pg-stack--tight">
        <h1>Phase Gate</h1>
        <p className="pg-subtle">
          Reliable systems → On-time delivery → Innovation, across your Jira projects.
        </p>
      </header>
      <SetupSection onDone={refreshQuietly} />
      <section className="pg-card" aria-labelledby="portfolio-heading">
        <div className="pg-card__head">
          <h2 id="portfolio-heading">Portfolio of gates</h2>
          <button
            type="button"
            className="pg-button pg-button--small"
            onClick={reload}
            data-testid="portfolio-reload"
          >
            <Icon name="refresh" /> Reload
          </button>
        </div>
        {state.status === 'loading' && <Loading label="Loading the portfolio…" />}
        {state.status === 'error' && <ErrorState error={state.error} onRetry={reload} />}
        {state.status === 'ok' && <Portfolio rows={state.data} now={now} />}
      </section>
    </main>
  );
}
