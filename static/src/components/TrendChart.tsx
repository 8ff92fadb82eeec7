/**
 * The trend drawn with recharts. Loaded lazily (recharts is heavy); the same data is always available as a table.
 * The charts are hidden from screen readers: the table and the summary carry the information.
 */
import {
  CartesianGrid,
  Line,
  LineChart,
  ReferenceLine,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import { hasTrendData, niceTicks, type TrendRow } from '../trend';

export interface TrendChartProps {
  rows: TrendRow[];
  variant: 'full' | 'compact';
  /** Target on-time rate as a fraction (draws a reference line). */
  onTimeTarget?: number | null;
  /** Restore target in hours (draws a reference line). */
  restoreTarget?: number | null;
}

const AXIS_TICK = { fill: 'var(--pg-text-subtlest)', fontSize: 11 };
const TOOLTIP_STYLE = {
  background: 'var(--pg-surface-raised)',
  border: '1px solid var(--pg-border)',
  borderRadius: 4,
  color: 'var(--pg-text)',
  fontSize: 12,
};

/** In place of a chart with no point to draw: its title and a short note (readable, unlike the charts). */
function EmptyPanel({ title, note, testId }: { title: string; note: string; testId: string }) {
  return (
    <div className="pg-chart" data-testid={testId}>
      <span className="pg-chart__title">{title}</span>
      <p className="pg-chart__empty">{note}</p>
    </div>
  );
}

function Panel({
  title,
  height,
  testId,
  children,
}: {
  title: string;
  height: number;
  testId: string;
  children: React.ReactElement;
}) {
  return (
    <div className="pg-chart" aria-hidden="true" data-testid={testId}>
      <span className="pg-chart__title">{title}</span>
      <div className="pg-chart__frame" style={{ height }}>
        <ResponsiveContainer width="100%" height="100%" minWidth={0}>
          {children}
        </ResponsiveContainer>
      </div>
    </div>
  );
}

export default function TrendChart({ rows, variant, onTimeTarget, restoreTarget }: TrendChartProps) {
  const data = rows.map((r) => ({
    label: r.shortLabel,
    phase: r.phase,
    onTime: r.onTimeRate === null ? null : Math.round(r.onTimeRate * 1000) / 10,
    restore: r.medianRestoreHours === null ? null : Math.round(r.medianRestoreHours * 10) / 10,
  }));
  const height = variant === 'compact' ? 110 : 150;
  const margin = { top: 6, right: 8, bottom: 0, left: -18 };
  const common = {
    data,
    margin,
    accessibilityLayer: false,
  };
  const grid = <CartesianGrid stroke="var(--pg-chart-grid)" strokeDasharray="3 3" vertical={false} />;
  const xAxis = (
    <XAxis
      dataKey="label"
      tick={AXIS_TICK}
      tickLine={false}
      axisLine={{ stroke: 'var(--pg-chart-grid)' }}
      interval="preserveStartEnd"
      minTickGap={8}
    />
  );

  const phase = (
    <Panel title="Phase" height={height} testId="trend-chart-phase">
      <LineChart {...common}>
        {grid}
        {xAxis}
        <YAxis
          domain={[1, 3]}
          ticks={[1, 2, 3]}
          allowDecimals={false}
          tick={AXIS_TICK}
          tickLine={false}
          axisLine={false}
          tickFormatter={(v: number) => `P${v}`}
        />
        <Tooltip contentStyle={TOOLTIP_STYLE} formatter={(v) => [`Phase ${String(v)}`, 'Phase']} />
        <Line
          type="stepAfter"
          dataKey="phase"
          stroke="var(--pg-chart-1)"
          strokeWidth={2.5}
          dot={{ r: 2.5, fill: 'var(--pg-chart-1)' }}
          isAnimationActive={false}
        />
      </LineChart>
    </Panel>
  );

  /** One figure over the 12 months against its target line, or a note when it never had a value. */
  const metric = (m: {
    title: string;
    emptyNote: string;
    testId: string;
    hasData: boolean;
    dataKey: 'onTime' | 'restore';
    color: string;
    ticks: number[];
    label: string;
    unit: string;
    target: number | null;
  }) =>
    !m.hasData ? (
      <EmptyPanel title={m.title} note={m.emptyNote} testId={`trend-chart-empty-${m.testId}`} />
    ) : (
      <Panel title={m.title} height={height} testId={`trend-chart-${m.testId}`}>
        <LineChart {...common}>
          {grid}
          {xAxis}
          <YAxis
            domain={[0, m.ticks[m.ticks.length - 1]!]}
            ticks={m.ticks}
            interval={0}
            tick={AXIS_TICK}
            tickLine={false}
            axisLine={false}
          />
          <Tooltip contentStyle={TOOLTIP_STYLE} formatter={(v) => [`${String(v)}${m.unit}`, m.label]} />
          {m.target != null && (
            <ReferenceLine
              y={m.target}
              stroke="var(--pg-chart-target)"
              strokeDasharray="4 4"
              ifOverflow="extendDomain"
            />
          )}
          <Line
            type="linear"
            dataKey={m.dataKey}
            stroke={m.color}
            strokeWidth={2}
            dot={{ r: 2.5, fill: m.color }}
            connectNulls
            isAnimationActive={false}
          />
        </LineChart>
      </Panel>
    );

  const onTime = metric({
    title: 'On-time rate (%)',
    emptyNote: 'No deliveries decided in these 12 months.',
    testId: 'onTime',
    hasData: hasTrendData(rows, 'onTimeRate'),
    dataKey: 'onTime',
    color: 'var(--pg-chart-2)',
    ticks: [0, 50, 100],
    label: 'On-time rate',
    unit: '%',
    target: onTimeTarget != null ? Math.round(onTimeTarget * 1000) / 10 : null,
  });

  // Evenly spaced ticks from 0 that hold the highest median and the target line.
  const restore = metric({
    title: 'Median restore (hours)',
    emptyNote: 'No incidents restored in these 12 months.',
    testId: 'restore',
    hasData: hasTrendData(rows, 'medianRestoreHours'),
    dataKey: 'restore',
    color: 'var(--pg-chart-3)',
    ticks: niceTicks(Math.max(0, restoreTarget ?? 0, ...data.map((d) => d.restore ?? 0))),
    label: 'Median restore',
    unit: ' h',
    target: restoreTarget ?? null,
  });

  return (
    <div className="pg-charts" data-testid="trend-chart">
      {phase}
      {onTime}
      {variant === 'full' && restore}
    </div>
  );
}
