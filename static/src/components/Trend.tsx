import { Component, lazy, Suspense, type ReactNode } from 'react';
import type { TrendPoint } from '../../../src/core/report';
import { formatHoursOrNone, formatRateOrNone } from '../format';
import { trendRows, trendSummary, type TrendRow } from '../trend';
import { Loading } from './ui';

const TrendChart = lazy(() => import('./TrendChart'));

/** If the chart's chunk cannot load, the table still tells the story. */
class ChartBoundary extends Component<{ children: ReactNode }, { failed: boolean }> {
  override state = { failed: false };
  static getDerivedStateFromError() {
    return { failed: true };
  }
  override render() {
    return this.state.failed ? (
      <p className="pg-subtle">The chart could not be drawn; the table below has the same figures.</p>
    ) : (
      this.props.children
    );
  }
}

function TrendTable({ rows, compact }: { rows: TrendRow[]; compact: boolean }) {
  return (
    <div className="pg-table-wrap">
      <table className="pg-table pg-table--stack" data-testid="trend-table">
        <caption className="sr-only">Trend, one row per month-end</caption>
        <thead>
          <tr>
            <th scope="col">As of</th>
            <th scope="col" className="pg-num">
              Phase
            </th>
            <th scope="col" className="pg-num">
              On-time rate
            </th>
            <th scope="col" className="pg-num">
              Median restore
            </th>
            <th scope="col" className="pg-num">
              Major incidents
            </th>
            {!compact && (
              <th scope="col" className="pg-num">
                Decided
              </th>
            )}
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.asOf}>
              <th scope="row">{r.label}</th>
              <td className="pg-num" data-label="Phase">
                {r.phase}
              </td>
              <td className="pg-num" data-label="On-time rate">
                {formatRateOrNone(r.onTimeRate)}
              </td>
              <td className="pg-num" data-label="Median restore">
                {formatHoursOrNone(r.medianRestoreHours)}
              </td>
              <td className="pg-num" data-label="Major incidents">
                {r.majorIncidents}
              </td>
              {!compact && (
                <td className="pg-num" data-label="Decided">
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
  const rows = trendRows(points);
  if (rows.length === 0)
    return <p className="pg-subtle">No trend yet: it appears after the first computation.</p>;
  return (
    <div className="pg-stack pg-stack--tight" data-testid="trend">
      <p className="pg-subtle" data-testid="trend-summary">
        {trendSummary(rows)}
      </p>
      <ChartBoundary>
        <Suspense fallback={<Loading label="Loading chart…" />}>
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
        <summary>Show the trend as a table</summary>
        <TrendTable rows={rows} compact={compact} />
      </details>
    </div>
  );
}
