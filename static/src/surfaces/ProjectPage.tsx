/**
 * Project page (jira:projectPage): the ladder, the criteria, the evidence, the trend, locked ideas, data-quality
 * warnings, the age of the computation and Refresh.
 */
import { useEffect, useId, useState } from 'react';
import { computingMessage, POLLING_GAVE_UP, pollWhileComputing } from '../computing';
import type { Report } from '../../../src/core/report';
import {
  describePhaseChange,
  describeViolations,
  formatCalendarDate,
  formatHours,
  formatLimit,
  formatRate,
  plural,
} from '../../../src/core/wording';
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
import { waivedCriteria } from '../criteria';
import { isRetryable } from '../errors';
import { evidenceCount } from '../evidence';
import { formatAge, formatHoursOrNone, formatRateOrNone, sentence } from '../format';
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

function reliabilityFigures(s: ViewSnapshot): Figure[] {
  const r = s.report.reliability;
  // The report has no count of open major incidents: it is the evidence list's length (in full when trimmed).
  const openMajor = evidenceCount(s, 'openMajorIncidents').total;
  const stale = evidenceCount(s, 'staleMajorIncidents').total;
  const r2 = r.criteria.find((c) => c.id === 'R2');
  return [
    { id: 'incidents', label: `Incidents in ${r.windowDays} days`, value: String(r.incidents) },
    {
      id: 'majorIncidents',
      label: 'Major incidents',
      value: String(r.majorIncidents),
      ...listed(s, 'majorIncidents', r.majorIncidents),
    },
    {
      id: 'openIncidents',
      label: 'Open incidents',
      value: String(r.openIncidents),
      ...listed(s, 'openIncidents', r.openIncidents),
    },
    {
      id: 'openMajorIncidents',
      label: 'Open major incidents',
      value: String(openMajor),
      ...listed(s, 'openMajorIncidents', openMajor),
      note:
        `longest open ${formatHours(r.longestOpenMajorHours)}` +
        (stale > 0 && r2 ? `; ${stale} open longer than ${formatLimit(r2)}` : ''),
    },
    { id: 'restored', label: 'Restored in the window', value: String(r.restoredInWindow) },
    {
      id: 'restoreTimes',
      label: 'Median / mean restore',
      value: `${formatHoursOrNone(r.medianRestoreHours)} / ${formatHoursOrNone(r.meanRestoreHours)}`,
    },
  ];
}

function deliveryFigures(s: ViewSnapshot): Figure[] {
  const d = s.report.delivery;
  const figures: Figure[] = [
    {
      id: 'decided',
      label: `Decided in ${d.windowDays} days`,
      value: String(d.decided),
      note: d.dueDateBasis === 'committed' ? 'against committed due dates' : 'against current due dates',
    },
    { id: 'onTime', label: 'On time', value: String(d.onTime), ...listed(s, 'onTime', d.onTime) },
    {
      id: 'late',
      label: 'Late',
      value: String(d.late),
      ...listed(s, 'late', d.late),
      note: d.medianDaysLate === null ? undefined : `median ${plural(d.medianDaysLate, 'day')} late`,
    },
    {
      id: 'overdueOpen',
      label: 'Overdue, still open',
      value: String(d.overdueOpen),
      ...listed(s, 'overdueOpen', d.overdueOpen),
    },
    {
      id: 'noDueDate',
      label: 'Without a due date',
      value: String(d.noDueDate),
      ...listed(s, 'noDueDate', d.noDueDate),
      note: 'not in the rate',
    },
    {
      id: 'slipped',
      label: 'Due date moved after commitment',
      value: String(d.slipped),
      note:
        d.medianSlipDays === null
          ? 'reported, never gated'
          : `median ${plural(d.medianSlipDays, 'day')}; reported, never gated`,
    },
  ];
  if (d.budgetMeasured !== undefined) {
    figures.push(
      { id: 'budgetMeasured', label: 'Measured for budget', value: String(d.budgetMeasured) },
      {
        id: 'onBudget',
        label: 'On budget',
        value: String(d.onBudget ?? 0),
        note: `on-budget rate ${formatRateOrNone(d.onBudgetRate ?? null)}`,
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
  return (
    <section
      className="pg-card"
      aria-labelledby={id}
      data-testid={`phase-card-${number}`}
      data-met={String(met)}
    >
      <div className="pg-card__head">
        <h2 id={id}>
          <span className="pg-subtle">Phase {number} · </span>
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
function sourcesText(report: Report): string[] {
  const names = (list: { name: string }[]) => (list.length ? list.map((n) => n.name).join(', ') : 'none');
  const { incidents, deliverables, ideas } = report.sources;
  return [
    `Incidents: ${incidents.projects.join(', ')} (types ${names(incidents.types)}; major priorities ${names(incidents.majorPriorities)})`,
    `Deliverables: ${deliverables.projects.join(', ')} (types ${names(deliverables.types)})`,
    `Ideas: ${ideas.projects.join(', ')} (types ${names(ideas.types)})`,
  ];
}

function SnapshotView({ view, ageMinutes }: { view: GateView; ageMinutes: number | null }) {
  const snapshot = view.snapshot as ViewSnapshot;
  const report = snapshot.report;
  const ladderHeading = useId();
  const r = reliabilityState(report);
  const d = deliveryState(report);
  const needs = nextGateNeeds(report);
  const gateName = nextGateName(report);
  const waived = waivedCriteria(report);
  const r1 = report.reliability.criteria.find((c) => c.id === 'R1');
  const r2 = report.reliability.criteria.find((c) => c.id === 'R2');
  const d2 = report.delivery.criteria.find((c) => c.id === 'D2');
  const { ideas } = report;

  return (
    <>
      <section className="pg-stack pg-stack--tight" aria-labelledby={ladderHeading}>
        <div className="pg-section-title">
          <h2 id={ladderHeading}>Where {report.gate.name} stands</h2>
          <span className="pg-subtle" data-testid="current-phase">
            Phase {report.phase} of 3 · {report.phaseName}
          </span>
        </div>
        <PhaseLadder report={report} headingId={ladderHeading} />
        {gateName && (
          <div className="pg-next-gate" data-testid="next-gate">
            <h3>Next gate: {gateName}</h3>
            <ul className="pg-bullets">
              {needs.map((n) => (
                <li key={n}>{sentence(n)}</li>
              ))}
            </ul>
          </div>
        )}
        {waived.length > 0 && (
          <div className="pg-next-gate" data-testid="waivers">
            <h3>Waivers in force</h3>
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
              The road travelled:{' '}
              {report.timesThrownBack === 0
                ? 'never thrown back'
                : `thrown back ${report.timesThrownBack === 1 ? 'once' : `${report.timesThrownBack} times`}`}
            </summary>
            <ul className="pg-bullets">
              {report.phaseChanges.map((c) => (
                <li key={`${c.date}-${c.to}`}>{sentence(describePhaseChange(c))}</li>
              ))}
            </ul>
          </details>
        )}
      </section>

      <div className="pg-grid">
        <PhaseCard
          number={1}
          title="Reliable systems"
          met={report.reliability.met}
          stateLabel={phaseStateLabel(report, 1)}
          tone={TONE[r]}
        >
          <CriteriaList criteria={report.reliability.criteria} waivers={report.waivers} />
          <Figures figures={reliabilityFigures(snapshot)} label="Reliability figures" />
        </PhaseCard>
        <PhaseCard
          number={2}
          title="On-time delivery"
          met={report.delivery.met}
          stateLabel={phaseStateLabel(report, 2)}
          tone={TONE[d]}
        >
          <CriteriaList criteria={report.delivery.criteria} waivers={report.waivers} />
          <Figures figures={deliveryFigures(snapshot)} label="Delivery figures" />
        </PhaseCard>
      </div>

      <div className="pg-grid">
        <section className="pg-card" aria-labelledby="ideas-heading" data-testid="ideas">
          <div className="pg-card__head">
            <h2 id="ideas-heading">
              <span className="pg-subtle">Phase 3 · </span>Innovation ideas
            </h2>
            <Lozenge tone={report.innovationUnlocked ? 'success' : 'default'}>
              <Icon name={report.innovationUnlocked ? 'unlock' : 'lock'} />
              {report.innovationUnlocked ? 'Unlocked' : 'Locked'}
            </Lozenge>
          </div>
          <p data-testid="locked-ideas">{ideasSentence(report)}</p>
          {view.violations && (
            <p data-testid="violations" className="pg-subtle">
              {sentence(describeViolations(view.violations))}.
            </p>
          )}
          <Figures
            label="Idea figures"
            figures={[
              { id: 'ideasTotal', label: 'Ideas', value: ideaCount(ideas, ideas.total) },
              { id: 'ideasWaiting', label: 'Waiting (To Do)', value: ideaCount(ideas, ideas.waiting) },
              {
                id: 'ideasLocked',
                label: 'Locked',
                value: ideaCount(ideas, ideas.locked),
                ...(ideas.locked === null ? {} : listed(snapshot, 'lockedIdeas', ideas.locked)),
              },
              {
                id: 'ideasInProgress',
                label: 'In progress',
                value: ideaCount(ideas, ideas.inProgress),
              },
              { id: 'ideasDone', label: 'Done', value: ideaCount(ideas, ideas.done) },
            ]}
          />
        </section>
        <section className="pg-card" aria-labelledby="quality-heading" data-testid="data-quality">
          <h2 id="quality-heading">Data quality</h2>
          {report.warnings.length === 0 ? (
            <p className="pg-subtle">No data-quality warnings.</p>
          ) : (
            <Banner tone="warning" title={plural(report.warnings.length, 'warning')}>
              <ul data-testid="warnings">
                {report.warnings.map((w) => (
                  <li key={w}>{w}</li>
                ))}
              </ul>
            </Banner>
          )}
          <details data-testid="sources">
            <summary>What the gate reads</summary>
            <ul className="pg-bullets">
              {sourcesText(report).map((t) => (
                <li key={t}>{t}</li>
              ))}
            </ul>
          </details>
          <p className="pg-subtlest">
            As of {formatCalendarDate(report.asOf)} ({report.timeZone});{' '}
            {report.delivery.onTimeRate === null
              ? 'no deliverable decided yet'
              : `on-time rate ${formatRate(report.delivery.onTimeRate)}`}
            , computed {formatAge(ageMinutes)}.
          </p>
        </section>
      </div>

      <section className="pg-card" aria-labelledby="trend-heading">
        <h2 id="trend-heading">Trend, last 12 months</h2>
        <Trend
          points={snapshot.trend}
          onTimeTarget={d2 ? d2.limit : null}
          restoreTarget={r2 ? r2.limit : null}
          majorLimit={r1 ? r1.limit : null}
        />
      </section>

      <section className="pg-card" aria-labelledby="audit-heading">
        <h2 id="audit-heading">Audit trail</h2>
        <AuditTrail />
      </section>
    </>
  );
}

/** The ideas card's sentence: "not found" when the idea type exists in none of the idea projects. */
function ideasSentence(report: Report): string {
  const { ideas } = report;
  if (!ideas.typeFound || ideas.waiting === null || ideas.locked === null)
    return `The idea type was not found in the idea projects (${report.sources.ideas.projects.join(', ')}): no idea can be counted.`;
  if (report.innovationUnlocked)
    return `Innovation is unlocked: ${plural(ideas.waiting, 'idea')} waiting can move on.`;
  return ideas.locked === 0
    ? 'No idea is waiting behind the gate.'
    : `${plural(ideas.locked, 'idea')} locked until phases 1 and 2 are met.`;
}

export default function ProjectPage({ context }: SurfaceProps) {
  const [state, setState] = useState<PageState>({ status: 'loading' });
  const [refreshing, setRefreshing] = useState(false);
  const [refreshError, setRefreshError] = useState<ApiError | null>(null);
  const [announcement, setAnnouncement] = useState('Loading the gate…');
  const [refreshNote, setRefreshNote] = useState<string | null>(null);
  const now = useNow();

  const load = () => {
    setState({ status: 'loading' });
    setAnnouncement('Loading the gate…');
    void api.getGate().then((r) => {
      if (r.ok) {
        setState({ status: 'ok', view: r.data, receivedAt: Date.now() });
        setAnnouncement(
          r.data.computing ? `${computingMessage(r.data.computing.etaSeconds)}.` : `Phase Gate loaded.`,
        );
      } else {
        setState({ status: 'error', error: r.error });
        setAnnouncement(`The gate could not be loaded: ${r.error.message}`);
      }
    });
  };

  useEffect(load, []);

  // Issue #12: a first computation too big for the resolver runs in the background; ask again every few seconds
  // until its snapshot (or error) arrives — bounded, and stopped when the page goes away.
  const [pollingGaveUp, setPollingGaveUp] = useState(false);
  const computing = state.status === 'ok' && state.view.computing !== undefined && !state.view.snapshot;
  useEffect(() => {
    if (!computing) return undefined;
    return pollWhileComputing(() => api.getGate().then((r) => (r.ok ? r.data : null)), {
      onView: (next) => {
        setState({ status: 'ok', view: next, receivedAt: Date.now() });
        if (!next.computing)
          setAnnouncement(next.snapshot ? 'Phase Gate computed and loaded.' : 'Phase Gate loaded.');
      },
      onGiveUp: () => {
        setPollingGaveUp(true);
        setAnnouncement(POLLING_GAVE_UP);
      },
    });
  }, [computing]);

  const busy = refreshing || state.status === 'loading';

  const refresh = () => {
    if (busy) return;
    setRefreshing(true);
    setRefreshError(null);
    setRefreshNote(null);
    setAnnouncement('Recomputing the gate…');
    void api.refresh().then((r) => {
      setRefreshing(false);
      if (r.ok) {
        setState({ status: 'ok', view: r.data, receivedAt: Date.now() });
        const message = refreshMessage(r.data);
        setAnnouncement(message.announcement);
        setRefreshNote(message.note);
      } else {
        setRefreshError(r.error);
        setAnnouncement(
          r.error.code === 'busy'
            ? `Not refreshed: ${r.error.message}`
            : `Refresh failed: ${r.error.message}`,
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
          <h1>Phase Gate{projectKey ? ` · ${projectKey}` : ''}</h1>
          <p className="pg-subtle">Reliable systems → On-time delivery → Innovation</p>
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
              {refreshing ? 'Refreshing…' : 'Refresh'}
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
          title={refreshError.code === 'busy' ? errorTitle(refreshError) : 'Refresh failed'}
          testId="refresh-error"
        >
          <p>{sentence(refreshError.message)}</p>
          {view?.snapshot && <p>The page still shows the last good state, computed {formatAge(age)}.</p>}
        </Banner>
      )}

      {state.status === 'loading' && (
        <>
          <Loading label="Loading the gate…" quiet />
          <div className="pg-skeleton" />
        </>
      )}
      {state.status === 'error' && <ErrorState error={state.error} onRetry={load} />}
      {view && <GateBanners view={view} ageMinutes={age} />}
      {view && !view.snapshot && view.computing && (
        <div className="pg-stack pg-stack--tight" data-testid="computing">
          <Loading label={`${computingMessage(view.computing.etaSeconds)}…`} quiet />
          <p className="pg-subtle">
            {pollingGaveUp
              ? POLLING_GAVE_UP
              : 'This project is large: its first computation runs in the background. The page updates by itself.'}
          </p>
        </div>
      )}
      {view && !view.snapshot && !view.computing && (
        <EmptyState title="No gate data yet" testId="empty-state">
          <p>
            The gate is computed from this project&apos;s incidents, deliverables and ideas. The first
            computation runs on a schedule; choose <strong>Refresh</strong> to compute it now.
          </p>
        </EmptyState>
      )}
      {view?.snapshot && <SnapshotView view={view} ageMinutes={age} />}
      {view && projectKey && <Memberships project={projectKey} moduleKey={context.moduleKey} />}
      {view?.snapshot && <Glossary />}
    </main>
  );
}
