import { Component, lazy, Suspense, type ReactNode } from 'react';
import type { TrendPoint } from '../../../src/core/report';
import { formatHoursOrNone, formatRateOrNone } from '../format';
import { trendRows, trendSummary, type TrendRow } from '../trend';
import { useI18n } from '../i18n';
import { Loading } from './ui';

const TrendChart = lazy(() => import('./TrendChart'));

/** If the chart's chunk cannot load, the table still tells the story (`failed` is its note, in the viewer's words). */
class ChartBoundary extends Component<{ children: ReactNode; failed: string }, { failed: boolean }> {
  override state = { failed: false };
  static getDerivedStateFromError() {
    return { failed: true };
  }
  override render() {
    return this.state.failed ? <p className="pg-subtle">{this.props.failed}</p> : this.props.children;
  }
}

function TrendTable({ rows, compact }: { rows: TrendRow[]; compact: boolean }) {
  const { t, w } = useI18n();
  return (
    <div className="pg-table-wrap">
      <table className="pg-table pg-table--stack" data-testid="trend-table">
        <caption className="sr-only">{t('ui.tableCaption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('ui.colAsOf')}</th>
            <th scope="col" className="pg-num">
              {t('ui.phase')}
            </th>
            <th scope="col" className="pg-num">
              {t('ui.colOnTime')}
            </th>
            <th scope="col" className="pg-num">
              {t('ui.colRestore')}
            </th>
            <th scope="col" className="pg-num">
              {t('ui.colMajor')}
            </th>
            {!compact && (
              <th scope="col" className="pg-num">
                {t('ui.colDecided')}
              </th>
            )}
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.asOf}>
              <th scope="row">{r.label}</th>
              <td className="pg-num" data-label={t('ui.phase')}>
                {r.phase}
              </td>
              <td className="pg-num" data-label={t('ui.colOnTime')}>
                {formatRateOrNone(r.onTimeRate, w)}
              </td>
              <td className="pg-num" data-label={t('ui.colRestore')}>
                {formatHoursOrNone(r.medianRestoreHours, w)}
              </td>
              <td className="pg-num" data-label={t('ui.colMajor')}>
                {r.majorIncidents}
              </td>
              {!compact && (
                <td className="pg-num" data-label={t('ui.colDecided')}>
                  {r.decided}
                </td>
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** The trend: a text summary, the charts (lazy) and the same data as a table. */
export function Trend({
  points,
  compact = false,
  onTimeTarget,
  restoreTarget,
  majorLimit,
}: {
  points: readonly TrendPoint[];
  compact?: boolean;
  onTimeTarget?: number | null;
  restoreTarget?: number | null;
  /** The most major incidents the window allows (R1's limit). */
  majorLimit?: number | null;
}) {
  const { t, w } = useI18n();
  const rows = trendRows(points, w);
  if (rows.length === 0) return <p className="pg-subtle">{t('ui.trendNone')}</p>;
  return (
    <div className="pg-stack pg-stack--tight" data-testid="trend">
      <p className="pg-subtle" data-testid="trend-summary">
        {trendSummary(rows, w)}
      </p>
      <ChartBoundary failed={t('ui.chartFailed')}>
        <Suspense fallback={<Loading label={t('ui.chartLoading')} />}>
          <TrendChart
            rows={rows}
            variant={compact ? 'compact' : 'full'}
            onTimeTarget={onTimeTarget}
            restoreTarget={restoreTarget}
            majorLimit={majorLimit}
          />
        </Suspense>
      </ChartBoundary>
      <details>
        <summary>{t('ui.showTable')}</summary>
        <TrendTable rows={rows} compact={compact} />
      </details>
    </div>
  );
}
