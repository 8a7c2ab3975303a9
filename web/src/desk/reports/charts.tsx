/**
 * The dashboard's charts (recharts). None relies on colour alone: the two series of a chart differ by
 * pattern (solid vs hatched bars, solid vs dashed lines with round vs square points) and bars carry
 * their values. The charts are pictures for sighted users (aria-hidden); every figure is also in the
 * table beside each chart (ChartCard), which screen readers use.
 */
import { useId } from 'react';
import {
  Area,
  AreaChart,
  Bar,
  BarChart,
  CartesianGrid,
  LabelList,
  Legend,
  Line,
  LineChart,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';

const tick = { fill: 'var(--muted)', fontSize: 12 };
const grid = <CartesianGrid strokeDasharray="3 3" stroke="var(--border)" />;
const tooltip = (
  <Tooltip
    contentStyle={{ background: 'var(--surface)', border: '1px solid var(--border)', color: 'var(--text)' }}
  />
);
const label = { fill: 'var(--text)', fontSize: 12 } as const;

/** A diagonal hatch in `color`, for the second series of a bar chart. */
function Hatch({ id, color }: { id: string; color: string }) {
  return (
    <defs>
      <pattern id={id} width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
        <rect width="6" height="6" fill="var(--surface)" />
        <line x1="0" y1="0" x2="0" y2="6" stroke={color} strokeWidth="3" />
      </pattern>
    </defs>
  );
}

/**
 * An x-axis label over two lines, split at its comma ("Median, business" → "Median" / "business"), its
 * font made smaller when the longer line would not fit its share of the axis (German at 375 px): four
 * labels side by side on one line overlapped there.
 */
function WrappedTick({
  x,
  y,
  payload,
  width,
  visibleTicksCount,
}: {
  x?: number;
  y?: number;
  payload?: { value?: string | number };
  width?: number;
  visibleTicksCount?: number;
}) {
  const lines = String(payload?.value ?? '').split(/,\s*/);
  const room = width && visibleTicksCount ? width / visibleTicksCount - 4 : Infinity;
  // About 0.62 em per character in the UI's sans-serif fonts.
  const longest = Math.max(...lines.map((l) => l.length)) * 0.62;
  const fontSize = Math.max(9, Math.min(tick.fontSize, room / longest));
  return (
    <text
      className="report-wrapped-tick"
      x={x}
      y={y}
      textAnchor="middle"
      fill={tick.fill}
      fontSize={fontSize}
    >
      {lines.map((line, i) => (
        <tspan key={i} x={x} dy={i === 0 ? fontSize : fontSize + 2}>
          {line}
        </tspan>
      ))}
    </text>
  );
}

function SquareDot(props: { cx?: number; cy?: number; index?: number }) {
  const { cx, cy } = props;
  if (cx === undefined || cy === undefined) return null;
  return <rect x={cx - 3} y={cy - 3} width={6} height={6} fill="var(--chart-b)" />;
}

export interface SeriesRow {
  period: string;
  created: number;
  resolved: number;
  backlog: number;
}

/** Created (solid line, round points) vs resolved (dashed line, square points) per period. */
export function VolumeChart({
  rows,
  names,
}: {
  rows: SeriesRow[];
  names: { created: string; resolved: string };
}) {
  return (
    <ResponsiveContainer width="100%" height="100%">
      <LineChart data={rows} margin={{ top: 8, right: 12, bottom: 4, left: -16 }} accessibilityLayer={false}>
        {grid}
        <XAxis dataKey="period" tick={tick} minTickGap={16} />
        <YAxis allowDecimals={false} tick={tick} />
        {tooltip}
        <Legend />
        <Line
          dataKey="created"
          name={names.created}
          stroke="var(--chart-a)"
          strokeWidth={2}
          dot={{ r: 3, fill: 'var(--chart-a)' }}
          legendType="circle"
          isAnimationActive={false}
        />
        <Line
          dataKey="resolved"
          name={names.resolved}
          stroke="var(--chart-b)"
          strokeWidth={2}
          strokeDasharray="6 4"
          dot={<SquareDot />}
          legendType="square"
          isAnimationActive={false}
        />
      </LineChart>
    </ResponsiveContainer>
  );
}

export function BacklogChart({ rows, name }: { rows: SeriesRow[]; name: string }) {
  return (
    <ResponsiveContainer width="100%" height="100%">
      <AreaChart data={rows} margin={{ top: 8, right: 12, bottom: 4, left: -16 }} accessibilityLayer={false}>
        {grid}
        <XAxis dataKey="period" tick={tick} minTickGap={16} />
        <YAxis allowDecimals={false} tick={tick} />
        {tooltip}
        <Area
          dataKey="backlog"
          name={name}
          stroke="var(--chart-a)"
          fill="var(--chart-a-soft)"
          strokeWidth={2}
          isAnimationActive={false}
        />
      </AreaChart>
    </ResponsiveContainer>
  );
}

export interface PairRow {
  name: string;
  a: number | null;
  b: number | null;
}

/** Two series side by side: `a` solid, `b` hatched, each bar labelled with its value. */
export function PairBarChart({
  rows,
  names,
  format,
}: {
  rows: PairRow[];
  names: { a: string; b: string };
  format: (v: number) => string;
}) {
  const hatch = `hatch-${useId().replace(/:/g, '')}`;
  return (
    <ResponsiveContainer width="100%" height="100%">
      <BarChart data={rows} margin={{ top: 20, right: 12, bottom: 4, left: -16 }} accessibilityLayer={false}>
        <Hatch id={hatch} color="var(--chart-b)" />
        {grid}
        <XAxis dataKey="name" tick={<WrappedTick />} interval={0} height={40} />
        <YAxis tick={tick} />
        {tooltip}
        <Legend />
        <Bar dataKey="a" name={names.a} fill="var(--chart-a)" isAnimationActive={false}>
          <LabelList dataKey="a" position="top" style={label} formatter={(v) => fmt(v, format)} />
        </Bar>
        <Bar
          dataKey="b"
          name={names.b}
          fill={`url(#${hatch})`}
          stroke="var(--chart-b)"
          isAnimationActive={false}
        >
          <LabelList dataKey="b" position="top" style={label} formatter={(v) => fmt(v, format)} />
        </Bar>
      </BarChart>
    </ResponsiveContainer>
  );
}

const fmt = (v: unknown, format: (v: number) => string) => (typeof v === 'number' ? format(v) : '');

export interface ValueRow {
  name: string;
  value: number | null;
}

/** One series as horizontal bars, each labelled with its value (channel mix, SLA, CSAT). */
export function ValueBarChart({
  rows,
  name,
  format,
  max,
}: {
  rows: ValueRow[];
  name: string;
  format: (v: number) => string;
  max?: number;
}) {
  return (
    <ResponsiveContainer width="100%" height="100%">
      <BarChart
        data={rows}
        layout="vertical"
        margin={{ top: 4, right: 48, bottom: 4, left: 8 }}
        accessibilityLayer={false}
      >
        {grid}
        <XAxis type="number" domain={[0, max ?? 'auto']} tick={tick} allowDecimals={false} />
        <YAxis type="category" dataKey="name" tick={tick} width={96} />
        {tooltip}
        <Bar dataKey="value" name={name} fill="var(--chart-a)" isAnimationActive={false}>
          <LabelList dataKey="value" position="right" style={label} formatter={(v) => fmt(v, format)} />
        </Bar>
      </BarChart>
    </ResponsiveContainer>
  );
}
