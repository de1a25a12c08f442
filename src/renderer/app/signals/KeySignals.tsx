/**
 * "Key signals": three small line charts over the brush (or the visible range), fed by
 * `timeline.window` at 240 px. recharts only here: a few hundred points at most.
 */
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { call } from '../../api/client';
import { useUi, type TimeRange } from '../../state/ui';
import { describeError } from '../ErrorBanner';
import { formatClock, formatPercent } from '../format';
import { useDebounced } from '../logs/useDebounced';
import { SIGNALS, peak, toPoints, type SignalDef } from './signalSeries';
import { useThemeColors } from './useThemeColors';
import './signals.css';

const WIDTH_PX = 240;
const sameRange = (a: TimeRange | null, b: TimeRange | null) => a === b || (!!a && !!b && a.from === b.from && a.to === b.to);
const COLORS = ['--series-1', '--series-2', '--error', '--text-muted', '--grid'] as const;

function fmt(def: SignalDef, v: number): string {
  return def.unit === 'share' ? formatPercent(v) : v.toFixed(v < 10 && v % 1 !== 0 ? 1 : 0);
}

function Signal(props: { def: SignalDef; range: TimeRange; color: string; axis: string; grid: string }) {
  const { def, range } = props;
  const from = Math.max(0, Math.floor(range.from));
  const to = Math.max(from + 1, Math.ceil(range.to));
  const q = useQuery({
    queryKey: ['signals', def.key, from, to],
    queryFn: () => call('timeline.window', { from, to, widthPx: WIDTH_PX, lanes: [def.lane] }),
    placeholderData: keepPreviousData,
  });
  const points = q.data ? toPoints(def, q.data.lanes[0]) : null;
  const top = points ? peak(points) : null;
  let body;
  if (q.isError) body = <p className="signal-note tone-text-error">{describeError(q.error)}</p>;
  else if (!q.data) body = <p className="signal-note muted">Loading…</p>;
  else if (!points || top === null) body = <p className="signal-note muted">No data in this window.</p>;
  else
    body = (
      <ResponsiveContainer width="100%" height={52}>
        <LineChart data={points} margin={{ top: 4, right: 6, bottom: 0, left: 0 }}>
          <XAxis dataKey="t" type="number" domain={[from, to]} hide />
          <YAxis
            width={44}
            domain={def.unit === 'share' ? [0, (max: number) => Math.max(max, 0.05)] : [0, 'auto']}
            tickFormatter={(v: number) => fmt(def, v)}
            tick={{ fontSize: 12, fill: props.axis }}
            stroke={props.grid}
            tickCount={3}
          />
          <Tooltip
            isAnimationActive={false}
            labelFormatter={(t) => `${formatClock(Number(t))} UTC`}
            formatter={(v) => (typeof v === 'number' ? fmt(def, v) : '–')}
          />
          <Line type="linear" dataKey="v" stroke={props.color} strokeWidth={2} dot={false} isAnimationActive={false} connectNulls />
        </LineChart>
      </ResponsiveContainer>
    );
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
  const range = useDebounced(brush ?? view, props.debounceMs ?? 300, sameRange);
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
