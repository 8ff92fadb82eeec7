/**
 * Project page (jira:projectPage): the ladder, the criteria, the evidence, the trend, locked ideas, data-quality
 * warnings, the age of the computation and Refresh.
 */
import { useEffect, useId, useState } from 'react';
import { computingMessage, pollingGaveUp, pollWhileComputing } from '../computing';
import type { Report } from '../../../src/core/report';
import type { Words } from '../../../src/core/wording';
import type { GateView } from '../../../src/forge/contract';
import { api, type ApiError, type EvidenceList } from '../api';
import { AuditTrail } from '../components/AuditTrail';
import { CriteriaList } from '../components/Criteria';
import { Figures, type Figure } from '../components/Figures';
import { Glossary } from '../components/Glossary';
import { Memberships } from '../components/Memberships';
import { ComputedAge, currentAge, GateBanners } from '../components/GateStatus';
import { PhaseLadder } from '../components/PhaseLadder';
import { Trend } from '../components/Trend';
import {
  Banner,
  EmptyState,
  ErrorState,
  errorTitle,
  Icon,
  LiveRegion,
  Loading,
  Lozenge,
  useNow,
} from '../components/ui';
import { waivedCriteria, windowsOf } from '../criteria';
import { errorMessage, isRetryable } from '../errors';
import { evidenceCount } from '../evidence';
import { formatAge, sentence } from '../format';
import { useI18n } from '../i18n';
import { deliveryState, ideaCount, phaseStateLabel, reliabilityState } from '../ladder';
import { nextGateName, nextGateNeeds } from '../nextGate';
import { refreshMessage } from '../refresh';
import type { SurfaceProps } from './types';

type PageState =
  | { status: 'loading' }
  | { status: 'error'; error: ApiError }
  | { status: 'ok'; view: GateView; receivedAt: number };

type ViewSnapshot = NonNullable<GateView['snapshot']>;

/** A figure backed by an evidence list: the count is the report's (exact); `stored` is what the list kept. */
function listed(
  s: ViewSnapshot,
  list: EvidenceList,
  count: number,
): Pick<Figure, 'list' | 'count' | 'stored'> {
  const { total, stored } = evidenceCount(s, list);
  // A trimmed list knows its full length; an intact one is as long as the report's count.
  return { list, count: Math.max(count, total), stored };
}

function reliabilityFigures(s: ViewSnapshot, w: Words): Figure[] {
  const { t } = w.translator;
  const orNone = (hours: number | null) =>
    hours === null || !Number.isFinite(hours) ? t('wording.noData') : w.formatHours(hours);
  const r = s.report.reliability;
  // The report has no count of open major incidents: it is the evidence list's length (in full when trimmed).
  const openMajor = evidenceCount(s, 'openMajorIncidents').total;
  const stale = evidenceCount(s, 'staleMajorIncidents').total;
  const r2 = r.criteria.find((c) => c.id === 'R2');
  return [
    { id: 'incidents', label: t('project.incidentsIn', { days: r.windowDays }), value: String(r.incidents) },
    {
      id: 'majorIncidents',
      label: t('project.majorIncidents'),
      value: String(r.majorIncidents),
      ...listed(s, 'majorIncidents', r.majorIncidents),
    },
    {
      id: 'openIncidents',
      label: t('project.openIncidents'),
      value: String(r.openIncidents),
      ...listed(s, 'openIncidents', r.openIncidents),
    },
    {
      id: 'openMajorIncidents',
      label: t('project.openMajorIncidents'),
      value: String(openMajor),
      ...listed(s, 'openMajorIncidents', openMajor),
      note:
        stale > 0 && r2
          ? t('project.longestOpenStale', {
              hours: w.formatHours(r.longestOpenMajorHours),
              n: stale,
              limit: w.formatLimit(r2),
            })
          : t('project.longestOpen', { hours: w.formatHours(r.longestOpenMajorHours) }),
    },
    { id: 'restored', label: t('project.restored'), value: String(r.restoredInWindow) },
    {
      id: 'restoreTimes',
      label: t('project.restoreTimes'),
      value: `${orNone(r.medianRestoreHours)} / ${orNone(r.meanRestoreHours)}`,
    },
  ];
}

function deliveryFigures(s: ViewSnapshot, w: Words): Figure[] {
  const { t, plural } = w.translator;
  const d = s.report.delivery;
  const figures: Figure[] = [
    {
      id: 'decided',
      label: t('project.decidedIn', { days: d.windowDays }),
      value: String(d.decided),
      note: d.dueDateBasis === 'committed' ? t('project.againstCommitted') : t('project.againstCurrent'),
    },
    { id: 'onTime', label: t('project.onTime'), value: String(d.onTime), ...listed(s, 'onTime', d.onTime) },
    {
      id: 'late',
      label: t('project.late'),
      value: String(d.late),
      ...listed(s, 'late', d.late),
      note: d.medianDaysLate === null ? undefined : plural('project.medianLate', d.medianDaysLate),
    },
    {
      id: 'overdueOpen',
      label: t('project.overdueOpen'),
      value: String(d.overdueOpen),
      ...listed(s, 'overdueOpen', d.overdueOpen),
    },
    {
      id: 'noDueDate',
      label: t('project.noDueDate'),
      value: String(d.noDueDate),
      ...listed(s, 'noDueDate', d.noDueDate),
      note: t('project.notInRate'),
    },
    {
      id: 'slipped',
      label: t('project.slipped'),
      value: String(d.slipped),
      note:
        d.medianSlipDays === null
          ? t('project.reportedNeverGated')
          : plural('project.slippedMedian', d.medianSlipDays),
    },
  ];
  if (d.budgetMeasured !== undefined) {
    const rate = d.onBudgetRate ?? null;
    figures.push(
      { id: 'budgetMeasured', label: t('project.budgetMeasured'), value: String(d.budgetMeasured) },
      {
        id: 'onBudget',
        label: t('project.onBudget'),
        value: String(d.onBudget ?? 0),
        note: t('project.onBudgetRate', {
          rate: rate === null || !Number.isFinite(rate) ? t('wording.noData') : w.formatRate(rate),
        }),
      },
    );
  }
  return figures;
}

function PhaseCard({
  number,
  title,
  met,
  stateLabel,
  tone,
  children,
}: {
  number: number;
  title: string;
  met: boolean;
  stateLabel: string;
  tone: 'success' | 'danger' | 'warning';
  children: React.ReactNode;
}) {
  const id = useId();
  const { t } = useI18n();
  return (
    <section
      className="pg-card"
      aria-labelledby={id}
      data-testid={`phase-card-${number}`}
      data-met={String(met)}
    >
      <div className="pg-card__head">
        <h2 id={id}>
          <span className="pg-subtle">{t('project.phasePrefix', { n: number })}</span>
          {title}
        </h2>
        <Lozenge tone={tone}>{stateLabel}</Lozenge>
      </div>
      {children}
    </section>
  );
}

const TONE = { met: 'success', unmet: 'danger', insufficient: 'warning' } as const;

/** Which projects, types and priorities the gate reads. */
function sourcesText(report: Report, { t }: Words['translator']): string[] {
  const names = (list: { name: string }[]) =>
    list.length ? list.map((n) => n.name).join(', ') : t('project.none');
  const { incidents, deliverables, ideas } = report.sources;
  return [
    t('project.sourcesIncidents', {
      projects: incidents.projects.join(', '),
      types: names(incidents.types),
      priorities: names(incidents.majorPriorities),
    }),
    t('project.sourcesDeliverables', {
      projects: deliverables.projects.join(', '),
      types: names(deliverables.types),
    }),
    t('project.sourcesIdeas', { projects: ideas.projects.join(', '), types: names(ideas.types) }),
  ];
}

function SnapshotView({ view, ageMinutes }: { view: GateView; ageMinutes: number | null }) {
  const snapshot = view.snapshot as ViewSnapshot;
  const report = snapshot.report;
  const ladderHeading = useId();
  const i18n = useI18n();
  const { t, plural, w } = i18n;
  const r = reliabilityState(report);
  const d = deliveryState(report);
  const windows = windowsOf(report);
  const needs = nextGateNeeds(report, w);
  const gateName = nextGateName(report, w);
  const waived = waivedCriteria(report, w);
  const r1 = report.reliability.criteria.find((c) => c.id === 'R1');
  const r2 = report.reliability.criteria.find((c) => c.id === 'R2');
  const d2 = report.delivery.criteria.find((c) => c.id === 'D2');
  const { ideas } = report;

  return (
    <>
      <section className="pg-stack pg-stack--tight" aria-labelledby={ladderHeading}>
        <div className="pg-section-title">
          <h2 id={ladderHeading}>{t('project.whereStands', { gate: report.gate.name })}</h2>
          <span className="pg-subtle" data-testid="current-phase">
            {t('project.currentPhase', { phase: report.phase, name: w.phaseName(report.phase) })}
          </span>
        </div>
        <PhaseLadder report={report} headingId={ladderHeading} />
        {gateName && (
          <div className="pg-next-gate" data-testid="next-gate">
            <h3>{t('project.nextGate', { name: gateName })}</h3>
            <ul className="pg-bullets">
              {needs.map((n) => (
                <li key={n}>{sentence(n)}</li>
              ))}
            </ul>
          </div>
        )}
        {waived.length > 0 && (
          <div className="pg-next-gate" data-testid="waivers">
            <h3>{t('project.waiversInForce')}</h3>
            <ul className="pg-bullets">
              {waived.map((w) => (
                <li key={w.criterion.id} data-testid={`waiver-${w.criterion.id}`}>
                  {w.text}
                </li>
              ))}
            </ul>
          </div>
        )}
        {report.phaseChanges.length > 0 && (
          <details data-testid="phase-changes">
            <summary>
              {report.timesThrownBack === 0
                ? t('project.roadNeverThrownBack')
                : plural('project.roadThrownBack', report.timesThrownBack)}
            </summary>
            <ul className="pg-bullets">
              {report.phaseChanges.map((c) => (
                <li key={`${c.date}-${c.to}`}>{sentence(w.describePhaseChange(c))}</li>
              ))}
            </ul>
          </details>
        )}
      </section>

      <div className="pg-grid">
        <PhaseCard
          number={1}
          title={w.phaseName(1)}
          met={report.reliability.met}
          stateLabel={phaseStateLabel(report, 1, w)}
          tone={TONE[r]}
        >
          <CriteriaList criteria={report.reliability.criteria} waivers={report.waivers} windows={windows} />
          <Figures figures={reliabilityFigures(snapshot, w)} label={t('project.reliabilityFigures')} />
        </PhaseCard>
        <PhaseCard
          number={2}
          title={w.phaseName(2)}
          met={report.delivery.met}
          stateLabel={phaseStateLabel(report, 2, w)}
          tone={TONE[d]}
        >
          <CriteriaList criteria={report.delivery.criteria} waivers={report.waivers} windows={windows} />
          <Figures figures={deliveryFigures(snapshot, w)} label={t('project.deliveryFigures')} />
        </PhaseCard>
      </div>

      <div className="pg-grid">
        <section className="pg-card" aria-labelledby="ideas-heading" data-testid="ideas">
          <div className="pg-card__head">
            <h2 id="ideas-heading">
              <span className="pg-subtle">{t('project.phasePrefix', { n: 3 })}</span>
              {t('project.innovationIdeas')}
            </h2>
            <Lozenge tone={report.innovationUnlocked ? 'success' : 'default'}>
              <Icon name={report.innovationUnlocked ? 'unlock' : 'lock'} />
              {report.innovationUnlocked ? t('project.unlocked') : t('project.locked')}
            </Lozenge>
          </div>
          <p data-testid="locked-ideas">{ideasSentence(report, w)}</p>
          {view.violations && (
            <p data-testid="violations" className="pg-subtle">
              {sentence(w.describeViolations(view.violations))}.
            </p>
          )}
          <Figures
            label={t('project.ideaFigures')}
            figures={[
              { id: 'ideasTotal', label: t('project.ideas'), value: ideaCount(ideas, ideas.total, w) },
              {
                id: 'ideasWaiting',
                label: t('project.waitingToDo'),
                value: ideaCount(ideas, ideas.waiting, w),
              },
              {
                id: 'ideasLocked',
                label: t('project.locked'),
                value: ideaCount(ideas, ideas.locked, w),
                ...(ideas.locked === null ? {} : listed(snapshot, 'lockedIdeas', ideas.locked)),
              },
              {
                id: 'ideasInProgress',
                label: t('project.inProgress'),
                value: ideaCount(ideas, ideas.inProgress, w),
              },
              { id: 'ideasDone', label: t('project.done'), value: ideaCount(ideas, ideas.done, w) },
            ]}
          />
        </section>
        <section className="pg-card" aria-labelledby="quality-heading" data-testid="data-quality">
          <h2 id="quality-heading">{t('project.dataQuality')}</h2>
          {report.warnings.length === 0 ? (
            <p className="pg-subtle">{t('project.noWarnings')}</p>
          ) : (
            <Banner tone="warning" title={plural('project.warnings', report.warnings.length)}>
              <ul data-testid="warnings">
                {report.warnings.map((w) => (
                  <li key={w}>{w}</li>
                ))}
              </ul>
            </Banner>
          )}
          <details data-testid="sources">
            <summary>{t('project.whatGateReads')}</summary>
            <ul className="pg-bullets">
              {sourcesText(report, w.translator).map((line) => (
                <li key={line}>{line}</li>
              ))}
            </ul>
          </details>
          <p className="pg-subtlest">
            {report.delivery.onTimeRate === null
              ? t('project.asOfNoneDecided', {
                  date: w.formatCalendarDate(report.asOf),
                  zone: report.timeZone,
                  age: formatAge(ageMinutes, w),
                })
              : t('project.asOfRate', {
                  date: w.formatCalendarDate(report.asOf),
                  zone: report.timeZone,
                  rate: w.formatRate(report.delivery.onTimeRate),
                  age: formatAge(ageMinutes, w),
                })}
          </p>
        </section>
      </div>

      <section className="pg-card" aria-labelledby="trend-heading">
        <h2 id="trend-heading">{t('project.trend')}</h2>
        <Trend
          points={snapshot.trend}
          onTimeTarget={d2 ? d2.limit : null}
          restoreTarget={r2 ? r2.limit : null}
          majorLimit={r1 ? r1.limit : null}
        />
      </section>

      <section className="pg-card" aria-labelledby="audit-heading">
        <h2 id="audit-heading">{t('project.auditTrail')}</h2>
        <AuditTrail />
      </section>
    </>
  );
}

/** The ideas card's sentence: "not found" when the idea type exists in none of the idea projects. */
function ideasSentence(report: Report, w: Words): string {
  const { t, plural } = w.translator;
  const { ideas } = report;
  if (!ideas.typeFound || ideas.waiting === null || ideas.locked === null)
    return t('project.ideaTypeNotFound', { projects: report.sources.ideas.projects.join(', ') });
  if (report.innovationUnlocked) return plural('project.innovationUnlockedWaiting', ideas.waiting);
  return ideas.locked === 0 ? t('project.noIdeaWaiting') : plural('project.ideasLockedUntil', ideas.locked);
}

export default function ProjectPage({ context }: SurfaceProps) {
  const i18n = useI18n();
  const { t, w } = i18n;
  const [state, setState] = useState<PageState>({ status: 'loading' });
  const [refreshing, setRefreshing] = useState(false);
  const [refreshError, setRefreshError] = useState<ApiError | null>(null);
  const [announcement, setAnnouncement] = useState(() => t('project.loadingGate'));
  const [refreshNote, setRefreshNote] = useState<string | null>(null);
  const now = useNow();

  const load = () => {
    setState({ status: 'loading' });
    setAnnouncement(t('project.loadingGate'));
    void api.getGate().then((r) => {
      if (r.ok) {
        setState({ status: 'ok', view: r.data, receivedAt: Date.now() });
        setAnnouncement(
          r.data.computing ? `${computingMessage(r.data.computing.etaSeconds, w)}.` : t('project.loaded'),
        );
      } else {
        setState({ status: 'error', error: r.error });
        setAnnouncement(t('project.couldNotLoad', { message: errorMessage(r.error, w) }));
      }
    });
  };

  // Loads once, when the page opens (a Refresh or a retry loads again); `load` words with the language of then.
  // eslint-disable-next-line react-hooks/exhaustive-deps
  useEffect(load, []);

  // Issue #12: a first computation too big for the resolver runs in the background; ask again every few seconds
  // until its snapshot (or error) arrives — bounded, and stopped when the page goes away.
  const [pollingStopped, setPollingGaveUp] = useState(false);
  const computing = state.status === 'ok' && state.view.computing !== undefined && !state.view.snapshot;
  useEffect(() => {
    if (!computing) return undefined;
    return pollWhileComputing(() => api.getGate().then((r) => (r.ok ? r.data : null)), {
      onView: (next) => {
        setState({ status: 'ok', view: next, receivedAt: Date.now() });
        if (!next.computing)
          setAnnouncement(next.snapshot ? t('project.computedAndLoaded') : t('project.loaded'));
      },
      onGiveUp: () => {
        setPollingGaveUp(true);
        setAnnouncement(pollingGaveUp(w));
      },
    });
  }, [computing, t, w]);

  const busy = refreshing || state.status === 'loading';

  const refresh = () => {
    if (busy) return;
    setRefreshing(true);
    setRefreshError(null);
    setRefreshNote(null);
    setAnnouncement(t('project.recomputing'));
    void api.refresh().then((r) => {
      setRefreshing(false);
      if (r.ok) {
        setState({ status: 'ok', view: r.data, receivedAt: Date.now() });
        const message = refreshMessage(r.data, undefined, w);
        setAnnouncement(message.announcement);
        setRefreshNote(message.note);
      } else {
        setRefreshError(r.error);
        setAnnouncement(
          r.error.code === 'busy'
            ? t('project.notRefreshed', { message: errorMessage(r.error, w) })
            : t('project.refreshFailedWith', { message: errorMessage(r.error, w) }),
        );
      }
    });
  };

  const view = state.status === 'ok' ? state.view : null;
  const age = state.status === 'ok' ? currentAge(state.view, state.receivedAt, now) : null;
  const projectKey = view?.project ?? context.extension.project?.key ?? '';
  // A refusal (forbidden) can only be answered again the same way: no Refresh, no "Try again".
  const refused =
    (state.status === 'error' && !isRetryable(state.error)) ||
    (refreshError !== null && refreshError.code === 'forbidden');

  return (
    <main className="pg-app pg-stack" aria-busy={busy}>
      <header className="pg-header">
        <div className="pg-stack pg-stack--tight">
          <h1>{projectKey ? t('project.pageTitle', { project: projectKey }) : t('common.product')}</h1>
          <p className="pg-subtle">{t('project.road')}</p>
        </div>
        <div className="pg-header__meta">
          {view && <ComputedAge computedAt={view.snapshot?.computedAt ?? null} ageMinutes={age} />}
          {!refused && (
            <button
              type="button"
              className="pg-button"
              onClick={refresh}
              aria-disabled={busy}
              data-testid="refresh-button"
            >
              <Icon name={refreshing ? 'spinner' : 'refresh'} />
              {refreshing ? t('project.refreshing') : t('project.refresh')}
            </button>
          )}
        </div>
      </header>
      <LiveRegion message={announcement} />
      {refreshNote && (
        <p className="pg-subtle" data-testid="refresh-note">
          <Icon name="info" /> {refreshNote}
        </p>
      )}

      {refreshError && (
        <Banner
          tone={refreshError.code === 'busy' ? 'warning' : 'error'}
          title={refreshError.code === 'busy' ? errorTitle(refreshError, i18n) : t('project.refreshFailed')}
          testId="refresh-error"
        >
          <p>{sentence(errorMessage(refreshError, w))}</p>
          {view?.snapshot && <p>{t('project.lastGoodState', { age: formatAge(age, w) })}</p>}
        </Banner>
      )}

      {state.status === 'loading' && (
        <>
          <Loading label={t('project.loadingGate')} quiet />
          <div className="pg-skeleton" />
        </>
      )}
      {state.status === 'error' && <ErrorState error={state.error} onRetry={load} />}
      {view && <GateBanners view={view} ageMinutes={age} />}
      {view && !view.snapshot && view.computing && (
        <div className="pg-stack pg-stack--tight" data-testid="computing">
          <Loading label={`${computingMessage(view.computing.etaSeconds, w)}…`} quiet />
          <p className="pg-subtle">
            {pollingStopped ? pollingGaveUp(w) : t('project.computingInBackground')}
          </p>
        </div>
      )}
      {view && !view.snapshot && !view.computing && (
        <EmptyState title={t('project.noDataYet')} testId="empty-state">
          <p>
            {t('project.emptyBefore')}
            <strong>{t('project.refresh')}</strong>
            {t('project.emptyAfter')}
          </p>
        </EmptyState>
      )}
      {view?.snapshot && <SnapshotView view={view} ageMinutes={age} />}
      {view && projectKey && <Memberships project={projectKey} moduleKey={context.moduleKey} />}
      {view?.snapshot && <Glossary />}
    </main>
  );
}
