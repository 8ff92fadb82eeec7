/**
 * Roadmap macro (Confluence): where the organisation is on the three-phase roadmap, what the next gate needs, a small
 * trend, the ideas waiting and the steps back, for the gate (its home project) chosen in the macro's config.
 */
import { useEffect, useState } from 'react';
import type { GateView } from '../../../src/forge/contract';
import { api, type ApiError } from '../api';
import { describePhaseChange, formatCalendarDate } from '../../../src/core/wording';
import { openProject } from '../bridge';
import { ComputedAge, currentAge } from '../components/GateStatus';
import { Glossary } from '../components/Glossary';
import { PhaseLadder } from '../components/PhaseLadder';
import { Trend } from '../components/Trend';
import { Banner, EmptyState, ErrorState, Icon, Loading, useNow } from '../components/ui';
import { waivedCriteria } from '../criteria';
import { formatAge, formatRateOrNone, sentence } from '../format';
import { ideasWaitingText, thrownBackText } from '../gates';
import { nextGateName, nextGateNeeds } from '../nextGate';
import type { SurfaceProps } from './types';

type State =
  | { status: 'loading' }
  | { status: 'error'; error: ApiError }
  | { status: 'ok'; view: GateView; receivedAt: number };

/** The project chosen in the macro's config, if any. */
export function configuredProject(context: SurfaceProps['context']): string | null {
  const p = context.extension.config?.project;
  return typeof p === 'string' && p.trim() ? p.trim() : null;
}

export default function RoadmapMacro({ context }: SurfaceProps) {
  const project = configuredProject(context);
  const [state, setState] = useState<State>({ status: 'loading' });
  const now = useNow();

  const load = () => {
    if (!project) return;
    setState({ status: 'loading' });
    void api
      .getGate()
      .then((r) =>
        setState(
          r.ok ? { status: 'ok', view: r.data, receivedAt: Date.now() } : { status: 'error', error: r.error },
        ),
      );
  };

  useEffect(load, [project]);

  if (!project) {
    return (
      <main className="pg-app pg-app--compact">
        <div className="pg-macro" data-testid="macro-not-configured">
          <EmptyState title="Pick a gate in the macro settings" headingLevel={2}>
            <p>
              Edit this macro and choose the gate (or the Jira project) whose roadmap it should show.
              {context.extension.isEditing ? '' : ' Only people who can edit the page can do this.'}
            </p>
          </EmptyState>
        </div>
      </main>
    );
  }

  let body: React.ReactNode;
  if (state.status === 'loading') body = <Loading label={`Loading the roadmap of ${project}…`} />;
  else if (state.status === 'error') {
    body =
      state.error.code === 'forbidden' ? (
        <Banner tone="warning" title={`You can't see Jira project ${project}`} testId="macro-forbidden">
          <p>
            This roadmap comes from Jira, and your Jira account has no access to {project} (or to Jira on this
            site). Ask a Jira administrator for access to see it.
          </p>
          <p className="pg-subtlest">{state.error.message}</p>
        </Banner>
      ) : (
        <ErrorState error={state.error} onRetry={load} />
      );
  } else {
    const view = state.view;
    const age = currentAge(view, state.receivedAt, now);
    const report = view.snapshot?.report;
    if (!report) {
      body = (
        <EmptyState title={`No gate data for ${project} yet`} headingLevel={3} testId="empty-state">
          <p>
            It appears here once the gate has been computed; open the project&apos;s Phase Gate page in Jira.
          </p>
          {view.lastError && <p>The last computation failed: {view.lastError.message}</p>}
        </EmptyState>
      );
    } else {
      const needs = nextGateNeeds(report);
      const gateName = nextGateName(report);
      const waived = waivedCriteria(report);
      const ideaWords = ideasWaitingText(report.ideas, report.innovationUnlocked);
      const d2 = report.delivery.criteria.find((c) => c.id === 'D2');
      const sourceProjects = [
        ...new Set([
          ...report.sources.incidents.projects,
          ...report.sources.deliverables.projects,
          ...report.sources.ideas.projects,
        ]),
      ];
      body = (
        <>
          <div className="pg-stack pg-stack--tight">
            <p data-testid="current-phase">
              <strong>
                Phase {report.phase} of 3 · {report.phaseName}
              </strong>
              {report.innovationUnlocked ? ' — innovation is unlocked.' : ''}
            </p>
            <p className="pg-subtle" data-testid="macro-as-of">
              As of {formatCalendarDate(report.asOf)} · reads {sourceProjects.join(', ')}
            </p>
            <PhaseLadder report={report} compact headingId="macro-title" />
          </div>
          {(view.stale || view.lastError) && (
            <Banner tone="warning" testId="stale-banner">
              <p>
                {view.lastError ? `The last computation failed (${view.lastError.message}). ` : ''}
                This roadmap shows the last good state, computed {formatAge(age)}.
              </p>
            </Banner>
          )}
          <section
            className="pg-stack pg-stack--tight"
            aria-labelledby="next-gate-heading"
            data-testid="next-gate"
          >
            <h3 id="next-gate-heading">{gateName ? `Next gate: ${gateName}` : 'All gates passed'}</h3>
            {needs.length > 0 ? (
              <ul className="pg-bullets">
                {needs.map((n) => (
                  <li key={n}>{sentence(n)}</li>
                ))}
              </ul>
            ) : (
              <p className="pg-subtle">
                Reliable systems and on-time delivery are sustained; ideas are unlocked.
              </p>
            )}
            {waived.length > 0 && (
              <ul className="pg-bullets pg-subtle" data-testid="waivers">
                {waived.map((w) => (
                  <li key={w.criterion.id} data-testid={`waiver-${w.criterion.id}`}>
                    {w.text}
                  </li>
                ))}
              </ul>
            )}
          </section>
          <div className="pg-kpis">
            <div className="pg-kpi" data-testid="ideas-waiting">
              <span className="pg-kpi__value pg-kpi__value--text">{ideaWords.headline}</span>
              {ideaWords.detail && (
                <span className="pg-kpi__label">
                  <Icon name={report.innovationUnlocked ? 'unlock' : 'lock'} /> {ideaWords.detail}
                </span>
              )}
            </div>
            <div className="pg-kpi">
              <span className="pg-kpi__value">{report.reliability.majorIncidents}</span>
              <span className="pg-kpi__label">major incidents, {report.reliability.windowDays} days</span>
            </div>
            <div className="pg-kpi">
              <span className="pg-kpi__value">{formatRateOrNone(report.delivery.onTimeRate)}</span>
              <span className="pg-kpi__label">on time, {report.delivery.windowDays} days</span>
            </div>
          </div>
          <section
            className="pg-stack pg-stack--tight"
            aria-labelledby="macro-steps-heading"
            data-testid="phase-changes"
          >
            <h3 id="macro-steps-heading">
              Steps back in the last year: {thrownBackText(report.timesThrownBack)}
            </h3>
            {report.phaseChanges.length > 0 ? (
              <ul className="pg-bullets">
                {report.phaseChanges.map((c) => (
                  <li key={`${c.date}-${c.to}`}>{sentence(describePhaseChange(c))}</li>
                ))}
              </ul>
            ) : (
              <p className="pg-subtle">The phase has not changed in the last year.</p>
            )}
          </section>
          <section className="pg-stack pg-stack--tight" aria-labelledby="macro-trend-heading">
            <h3 id="macro-trend-heading">Trend</h3>
            <Trend points={view.snapshot?.trend ?? []} compact onTimeTarget={d2 ? d2.limit : null} />
          </section>
          <Glossary compact />
        </>
      );
    }
  }

  const view = state.status === 'ok' ? state.view : null;
  const gate = view?.snapshot?.report.gate ?? null;
  return (
    <main className="pg-app pg-app--compact" aria-busy={state.status === 'loading'}>
      <article className="pg-macro" data-testid="roadmap-macro">
        <div className="pg-card__head">
          <h2 id="macro-title">
            Phase Gate roadmap · {gate ? gate.name : project}
            {gate && gate.name !== gate.home && <span className="pg-subtle"> (home {gate.home})</span>}
          </h2>
          <span className="pg-row pg-row--tight">
            {view?.snapshot && (
              <ComputedAge
                computedAt={view.snapshot.computedAt}
                ageMinutes={currentAge(view, state.status === 'ok' ? state.receivedAt : 0, now)}
                prefix="Updated"
              />
            )}
            <button
              type="button"
              className="pg-link"
              onClick={() => void openProject(gate?.home ?? project)}
              data-testid="macro-open-in-jira"
            >
              Open in Jira
            </button>
          </span>
        </div>
        {body}
      </article>
    </main>
  );
}
