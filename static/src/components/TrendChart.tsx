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
import { useI18n, type I18n } from '../i18n';
import { hasTrendData, niceTicks, type TrendRow } from '../trend';

export interface TrendChartProps {
  rows: TrendRow[];
  variant: 'full' | 'compact';
  /** Target on-time rate as a fraction (draws a reference line). */
  onTimeTarget?: number | null;
  /** Restore target in hours (draws a reference line). */
  restoreTarget?: number | null;
  /** The most major incidents the window allows (draws a reference line). */
  majorLimit?: number | null;
}

type Figure = 'phase' | 'onTime' | 'restore' | 'major';

interface ChartPoint {
  label: string;
  /** The as-of date in words ("30 Jun 2026"), for the tooltip. */
  asOf: string;
  phase: number;
  onTime: number | null;
  restore: number | null;
  major: number;
}

/** A figure at one point, in the viewer's words (the wording module's units). */
function figureWords(figure: Figure, point: ChartPoint, { t, plural, w }: I18n): string {
  switch (figure) {
    case 'phase':
      return t('ui.pointPhase', { phase: point.phase });
    case 'onTime':
      return point.onTime === null
        ? t('ui.noneOnTime')
        : t('ui.pointOnTime', { rate: w.formatRate(point.onTime / 100) });
    case 'restore':
      return point.restore === null
        ? t('ui.noneRestore')
        : t('ui.pointRestore', { hours: w.formatHours(point.restore) });
    case 'major':
      return plural('wording.causeR1', point.major);
  }
}

/** The tooltip: the as-of date, the figure in words and its target, never the chart library's default. */
function tooltipFor(figure: Figure, target: string | null, i18n: I18n) {
  return function TrendTooltip({
    active,
    payload,
  }: {
    active?: boolean;
    payload?: ReadonlyArray<{ payload?: ChartPoint }>;
  }) {
    const point = payload?.[0]?.payload;
    if (!active || !point) return null;
    return (
      <div className="pg-chart__tooltip" style={TOOLTIP_STYLE}>
        <strong>{point.asOf}</strong>
        <br />
        {figureWords(figure, point, i18n)}
        {target ? <span className="pg-subtle"> ({target})</span> : null}
      </div>
    );
  };
}

const AXIS_TICK = { fill: 'var(--pg-text-subtlest)', fontSize: 11 };
const TOOLTIP_STYLE = {
  background: 'var(--pg-surface-raised)',
  border: '1px solid var(--pg-border)', // i18n-ignore: CSS
  borderRadius: 4,
  color: 'var(--pg-text)',
  fontSize: 12,
  padding: '4px 8px',
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

/**
 * One chart under its title. The target line's words sit in a key beside the title, not on the line, so no data line
 * crosses them at any width.
 */
function Panel({
  title,
  targetWords,
  height,
  testId,
  children,
}: {
  title: string;
  /** The target line's words, when the chart has one. */
  targetWords?: string | null;
  height: number;
  testId: string;
  children: React.ReactElement;
}) {
  return (
    <div className="pg-chart" aria-hidden="true" data-testid={testId}>
      <span className="pg-chart__head">
        <span className="pg-chart__title">{title}</span>
        {targetWords ? (
          <span className="pg-chart__key">
            <span className="pg-chart__dash" />
            {targetWords}
          </span>
        ) : null}
      </span>
      <div className="pg-chart__frame" style={{ height }}>
        <ResponsiveContainer width="100%" height="100%" minWidth={0}>
          {children}
        </ResponsiveContainer>
      </div>
    </div>
  );
}

export default function TrendChart({
  rows,
  variant,
  onTimeTarget,
  restoreTarget,
  majorLimit,
}: TrendChartProps) {
  const i18n = useI18n();
  const { t, w } = i18n;
  const data: ChartPoint[] = rows.map((r) => ({
    label: r.shortLabel,
    asOf: r.label,
    phase: r.phase,
    onTime: r.onTimeRate === null ? null : Math.round(r.onTimeRate * 1000) / 10,
    restore: r.medianRestoreHours === null ? null : Math.round(r.medianRestoreHours * 10) / 10,
    major: r.majorIncidents,
  }));
  const height = variant === 'compact' ? 110 : 150;
  const margin = { top: 6, right: 8, bottom: 0, left: -18 };
  const shared = {
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
    <Panel title={t('ui.phase')} height={height} testId="trend-chart-phase">
      <LineChart {...shared}>
        {grid}
        {xAxis}
        <YAxis
          domain={[1, 3]}
          ticks={[1, 2, 3]}
          allowDecimals={false}
          tick={AXIS_TICK}
          tickLine={false}
          axisLine={false}
          tickFormatter={(v: number) => i18n.number(v)}
        />
        <Tooltip content={tooltipFor('phase', null, i18n)} />
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
    dataKey: 'onTime' | 'restore' | 'major';
    color: string;
    ticks: number[];
    target: number | null;
    /** The target line's label and the tooltip's target, in words ("target ≥ 80%"). */
    targetWords: string | null;
    step?: boolean;
  }) =>
    !m.hasData ? (
      <EmptyPanel title={m.title} note={m.emptyNote} testId={`trend-chart-empty-${m.testId}`} />
    ) : (
      <Panel title={m.title} targetWords={m.targetWords} height={height} testId={`trend-chart-${m.testId}`}>
        <LineChart {...shared}>
          {grid}
          {xAxis}
          <YAxis
            domain={[0, m.ticks[m.ticks.length - 1]!]}
            ticks={m.ticks}
            interval={0}
            tick={AXIS_TICK}
            tickLine={false}
            axisLine={false}
            tickFormatter={(v: number) => i18n.number(v)}
          />
          <Tooltip content={tooltipFor(m.dataKey, m.targetWords, i18n)} />
          {m.target != null && (
            <ReferenceLine
              y={m.target}
              stroke="var(--pg-chart-target)"
              strokeDasharray="4 4"
              ifOverflow="extendDomain"
            />
          )}
          <Line
            type={m.step ? 'stepAfter' : 'linear'}
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
    title: t('ui.chartOnTime'),
    emptyNote: t('ui.chartOnTimeEmpty'),
    testId: 'onTime',
    hasData: hasTrendData(rows, 'onTimeRate'),
    dataKey: 'onTime',
    color: 'var(--pg-chart-2)',
    ticks: [0, 50, 100],
    target: onTimeTarget != null ? Math.round(onTimeTarget * 1000) / 10 : null,
    targetWords: onTimeTarget != null ? t('ui.targetAtLeast', { value: w.formatRate(onTimeTarget) }) : null,
  });

  // Major incidents in the window at each month-end, against the most the window allows: what fails reliability.
  const major = metric({
    title: t('ui.chartMajor'),
    emptyNote: t('ui.chartMajorEmpty'),
    testId: 'major',
    hasData: true,
    dataKey: 'major',
    color: 'var(--pg-chart-4)',
    ticks: niceTicks(Math.max(1, majorLimit ?? 0, ...data.map((d) => d.major)), 4, true),
    target: majorLimit ?? null,
    targetWords: majorLimit != null ? t('ui.limitAtMost', { value: i18n.number(majorLimit) }) : null,
    step: true,
  });

  // Evenly spaced ticks from 0 that hold the highest median and the target line.
  const restore = metric({
    title: t('ui.chartRestore'),
    emptyNote: t('ui.chartRestoreEmpty'),
    testId: 'restore',
    hasData: hasTrendData(rows, 'medianRestoreHours'),
    dataKey: 'restore',
    color: 'var(--pg-chart-3)',
    ticks: niceTicks(Math.max(0, restoreTarget ?? 0, ...data.map((d) => d.restore ?? 0))),
    target: restoreTarget ?? null,
    targetWords: restoreTarget != null ? t('ui.targetAtMost', { value: w.formatHours(restoreTarget) }) : null,
  });

  return (
    <div className="pg-charts" data-testid="trend-chart">
      {phase}
      {major}
      {onTime}
      {variant === 'full' && restore}
    </div>
  );
}
