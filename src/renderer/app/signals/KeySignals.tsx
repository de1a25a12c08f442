/**
 * "Key signals": three small line charts over the brush (or the visible range), fed by
 * `timeline.window` at 240 px. recharts only here: a few hundred points at most. The range is
 * taken once the timeline has been still (useSettledRange), and a chart re-renders from a
 * deferred copy of its data (SVG work in an interruptible render, never in a pan's frame).
 */
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { memo, useDeferredValue, useMemo, useState } from 'react';
import { Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { call } from '../../api/client';
import { useUi, type TimeRange } from '../../state/ui';
import { describeError } from '../ErrorBanner';
import { formatClock, formatPercent } from '../format';
import { useSettledRange } from '../logs/useSettledRange';
import { SIGNALS, peak, toPoints, type Point, type SignalDef } from './signalSeries';
import { useThemeColors } from './useThemeColors';
import './signals.css';

const WIDTH_PX = 240;
const COLORS = ['--series-1', '--series-2', '--error', '--text-muted', '--grid'] as const;

function fmt(def: SignalDef, v: number): string {
  return def.unit === 'share' ? formatPercent(v) : v.toFixed(v < 10 && v % 1 !== 0 ? 1 : 0);
}

interface ChartProps {
  def: SignalDef;
  points: Point[];
  from: number;
  to: number;
  color: string;
  axis: string;
  grid: string;
}

const Chart = memo(function Chart({ def, points, from, to, color, axis, grid }: ChartProps) {
  return (
    <ResponsiveContainer width="100%" height={52}>
      <LineChart data={points} margin={{ top: 4, right: 6, bottom: 0, left: 0 }}>
        <XAxis dataKey="t" type="number" domain={[from, to]} hide />
        <YAxis
          width={44}
          domain={def.unit === 'share' ? [0, (max: number) => Math.max(max, 0.05)] : [0, 'auto']}
          tickFormatter={(v: number) => fmt(def, v)}
          tick={{ fontSize: 12, fill: axis }}
          stroke={grid}
          tickCount={3}
        />
        <Tooltip
          isAnimationActive={false}
          labelFormatter={(t) => `${formatClock(Number(t))} UTC`}
          formatter={(v) => (typeof v === 'number' ? fmt(def, v) : '–')}
        />
        <Line type="linear" dataKey="v" stroke={color} strokeWidth={2} dot={false} isAnimationActive={false} connectNulls />
      </LineChart>
    </ResponsiveContainer>
  );
});

function Signal(props: { def: SignalDef; range: TimeRange; color: string; axis: string; grid: string }) {
  const { def, range } = props;
  const from = Math.max(0, Math.floor(range.from));
  const to = Math.max(from + 1, Math.ceil(range.to));
  const q = useQuery({
    queryKey: ['signals', def.key, from, to],
    queryFn: () => call('timeline.window', { from, to, widthPx: WIDTH_PX, lanes: [def.lane] }),
    placeholderData: keepPreviousData,
  });
  // The answer arrives in an urgent render; the chart follows in a deferred one.
  const data = useDeferredValue(q.data);
  const points = useMemo(() => (data ? toPoints(def, data.lanes[0]) : null), [data, def]);
  const top = useMemo(() => (points ? peak(points) : null), [points]);
  const domain = useMemo(() => (data ? { from: Math.max(0, Math.floor(data.from)), to: Math.ceil(data.to) } : null), [data]);
  let body;
  if (q.isError) body = <p className="signal-note tone-text-error">{describeError(q.error)}</p>;
  else if (!data || !domain) body = <p className="signal-note muted">Loading…</p>;
  else if (!points || top === null) body = <p className="signal-note muted">No data in this window.</p>;
  else body = <Chart def={def} points={points} from={domain.from} to={domain.to} color={props.color} axis={props.axis} grid={props.grid} />;
  return (
    <figure className="signal">
      <figcaption>
        <span>{def.title}</span>
        {top !== null ? <span className="signal-peak">peak {fmt(def, top)}</span> : null}
      </figcaption>
      {body}
    </figure>
  );
}

export function KeySignals(props: { debounceMs?: number }) {
  const brush = useUi((s) => s.brush);
  const view = useUi((s) => s.view);
  const range = useSettledRange(brush ?? view, props.debounceMs ?? 300);
  const c = useThemeColors(COLORS);
  const palette = [c['--series-1'], c['--series-2'], c['--error']];
  const [open, setOpen] = useState(true);
  return (
    <section className="panel signals" aria-label="Key signals">
      <h2 className="panel-title">
        <button type="button" className="panel-toggle" aria-expanded={open} onClick={() => setOpen(!open)}>
          {open ? '▾' : '▸'} Key signals {brush ? '(brush)' : '(view)'}
        </button>
      </h2>
      {open && range
        ? SIGNALS.map((def, i) => (
            <Signal
              key={def.key}
              def={def}
              range={range}
              color={palette[i] ?? '#888'}
              axis={c['--text-muted'] ?? '#888'}
              grid={c['--grid'] ?? '#444'}
            />
          ))
        : null}
    </section>
  );
}
