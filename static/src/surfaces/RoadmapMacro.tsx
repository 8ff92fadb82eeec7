/**
 * Roadmap macro (Confluence): where the organisation is on the three-phase roadmap, what the next gate needs, a small
 * trend, the ideas waiting and the steps back, for the gate (its home project) chosen in the macro's config.
 */
import { useEffect, useState } from 'react';
import type { Report } from '../../../src/core/report';
import type { GateView } from '../../../src/forge/contract';
import { api, type ApiError } from '../api';
import { openProject } from '../bridge';
import { currentAge } from '../components/GateStatus';
import { Glossary } from '../components/Glossary';
import { PhaseLadder } from '../components/PhaseLadder';
import { Trend } from '../components/Trend';
import { Banner, EmptyState, ErrorState, Icon, Loading, useNow } from '../components/ui';
import { waiverOf } from '../criteria';
import { formatAge, formatInstant, formatRateOrNone, sentence } from '../format';
import { useI18n, type I18n } from '../i18n';
import { nextGateNeeds } from '../nextGate';
import { ideasWaitingText, timesThrownBack } from '../gates';
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

/** The report's windows, which name the criteria ("Major incidents in 90 days"). */
function windowsOf(report: Report) {
  return { reliability: report.reliability.windowDays, delivery: report.delivery.windowDays };
}

/** The waived criteria with their waivers in words ("On-time rate: waived until … by …: …"). */
function macroWaivers(report: Report, { t, w }: I18n): { id: string; text: string }[] {
  return [...report.reliability.criteria, ...report.delivery.criteria]
    .filter((c) => c.waived)
    .map((c) => {
      const waiver = waiverOf(c, report.waivers);
      const label = w.criterionLabel(c.id, windowsOf(report));
      return { id: c.id, text: `${label}: ${waiver ? w.describeWaiver(waiver) : t('macro.waived')}` };
    });
}

export default function RoadmapMacro({ context }: SurfaceProps) {
  const i18n = useI18n();
  const { t, w } = i18n;
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
          <EmptyState title={t('macro.pickGate')} headingLevel={2}>
            <p>{t(context.extension.isEditing ? 'macro.pickGateEditing' : 'macro.pickGateViewing')}</p>
          </EmptyState>
        </div>
      </main>
    );
  }

  let body: React.ReactNode;
  if (state.status === 'loading') body = <Loading label={t('macro.loading', { project })} />;
  else if (state.status === 'error') {
    body =
      state.error.code === 'forbidden' ? (
        <Banner tone="warning" title={t('macro.forbiddenTitle', { project })} testId="macro-forbidden">
          <p>{t('macro.forbiddenBody', { project })}</p>
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
        <EmptyState title={t('macro.noData', { project })} headingLevel={3} testId="empty-state">
          <p>{t('macro.noDataBody')}</p>
          {view.lastError && <p>{t('macro.lastFailed', { message: view.lastError.message })}</p>}
        </EmptyState>
      );
    } else {
      const needs = nextGateNeeds(report, i18n.w);
      const nextPhase = report.nextGate.phase;
      const waived = macroWaivers(report, i18n);
      const ideas = ideasWaitingText(report.ideas, report.innovationUnlocked, i18n.w);
      const d2 = report.delivery.criteria.find((c) => c.id === 'D2');
      const r1 = report.reliability.criteria.find((c) => c.id === 'R1');
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
                {t('macro.currentPhase', { phase: report.phase, name: w.phaseName(report.phase) })}
              </strong>
              {report.innovationUnlocked ? ` ${t('macro.innovationUnlocked')}` : ''}
            </p>
            <p className="pg-subtle" data-testid="macro-as-of">
              {t('macro.asOf', {
                date: w.formatCalendarDate(report.asOf),
                projects: sourceProjects.join(', '),
              })}
            </p>
            <PhaseLadder report={report} compact headingId="macro-title" />
          </div>
          {(view.stale || view.lastError) && (
            <Banner tone="warning" testId="stale-banner">
              <p>
                {view.lastError
                  ? t('macro.staleFailed', { message: view.lastError.message, age: formatAge(age, w) })
                  : t('macro.stale', { age: formatAge(age, w) })}
              </p>
            </Banner>
          )}
          <section
            className="pg-stack pg-stack--tight"
            aria-labelledby="next-gate-heading"
            data-testid="next-gate"
          >
            <h3 id="next-gate-heading">
              {nextPhase === null
                ? t('macro.allPassed')
                : t('macro.nextGate', { phase: nextPhase, name: w.phaseName(nextPhase) })}
            </h3>
            {needs.length > 0 ? (
              <ul className="pg-bullets">
                {needs.map((n) => (
                  <li key={n}>{sentence(n)}</li>
                ))}
              </ul>
            ) : (
              <p className="pg-subtle">{t('macro.sustained')}</p>
            )}
            {waived.length > 0 && (
              <ul className="pg-bullets pg-subtle" data-testid="waivers">
                {waived.map((x) => (
                  <li key={x.id} data-testid={`waiver-${x.id}`}>
                    {x.text}
                  </li>
                ))}
              </ul>
            )}
          </section>
          <div className="pg-kpis">
            <div className="pg-kpi" data-testid="ideas-waiting">
              <span className="pg-kpi__value pg-kpi__value--text">{ideas.headline}</span>
              {ideas.detail && (
                <span className="pg-kpi__label">
                  <Icon name={report.innovationUnlocked ? 'unlock' : 'lock'} /> {ideas.detail}
                </span>
              )}
            </div>
            <div className="pg-kpi">
              <span className="pg-kpi__value">{report.reliability.majorIncidents}</span>
              <span className="pg-kpi__label">
                {t('macro.majorKpi', { days: report.reliability.windowDays })}
              </span>
            </div>
            <div className="pg-kpi">
              <span className="pg-kpi__value">{formatRateOrNone(report.delivery.onTimeRate, w)}</span>
              <span className="pg-kpi__label">
                {t('macro.onTimeKpi', { days: report.delivery.windowDays })}
              </span>
            </div>
          </div>
          <section
            className="pg-stack pg-stack--tight"
            aria-labelledby="macro-steps-heading"
            data-testid="phase-changes"
          >
            <h3 id="macro-steps-heading">
              {t('macro.stepsBack', { count: timesThrownBack(report.timesThrownBack, i18n.w) })}
            </h3>
            {report.phaseChanges.length > 0 ? (
              <ul className="pg-bullets">
                {report.phaseChanges.map((c) => (
                  <li key={`${c.date}-${c.to}`}>{sentence(w.describePhaseChange(c))}</li>
                ))}
              </ul>
            ) : (
              <p className="pg-subtle">{t('macro.noPhaseChange')}</p>
            )}
          </section>
          <section className="pg-stack pg-stack--tight" aria-labelledby="macro-trend-heading">
            <h3 id="macro-trend-heading">{t('macro.trend')}</h3>
            <Trend
              points={view.snapshot?.trend ?? []}
              compact
              onTimeTarget={d2 ? d2.limit : null}
              majorLimit={r1 ? r1.limit : null}
            />
          </section>
          <Glossary compact />
        </>
      );
    }
  }

  const view = state.status === 'ok' ? state.view : null;
  const gate = view?.snapshot?.report.gate ?? null;
  const headerAge = view ? currentAge(view, state.status === 'ok' ? state.receivedAt : 0, now) : null;
  return (
    <main className="pg-app pg-app--compact" aria-busy={state.status === 'loading'}>
      <article className="pg-macro" data-testid="roadmap-macro">
        <div className="pg-card__head">
          <h2 id="macro-title">
            {t('macro.title', { name: gate ? gate.name : project })}
            {gate && gate.name !== gate.home && (
              <span className="pg-subtle"> {t('macro.home', { home: gate.home })}</span>
            )}
          </h2>
          <span className="pg-row pg-row--tight">
            {view?.snapshot && (
              <span
                className="pg-subtle"
                data-testid="computed-age"
                title={
                  view.snapshot.computedAt ? formatInstant(view.snapshot.computedAt, undefined, w) : undefined
                }
              >
                {headerAge === null
                  ? t('macro.notComputed')
                  : t('macro.updated', { age: formatAge(headerAge, w) })}
              </span>
            )}
            <button
              type="button"
              className="pg-link"
              onClick={() => void openProject(gate?.home ?? project)}
              data-testid="macro-open-in-jira"
            >
              {t('macro.openInJira')}
            </button>
          </span>
        </div>
        {body}
      </article>
    </main>
  );
}
