/**
 * The report's two small charts (recharts, a few dozen points): the engine's precision per period,
 * and the median time to context and MTTR per period, in minutes. Loaded on their own (lazy).
 */
import { Bar, BarChart, CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { IncidentReport } from '../../../shared/contract-evals';
import { useThemeColors } from '../signals/useThemeColors';
import { minutes, pct } from './format';

const COLORS = ['--series-1', '--series-2', '--text-muted', '--grid', '--panel', '--border', '--text'] as const;

function useChartTheme() {
  const c = useThemeColors(COLORS);
  return {
    one: c['--series-1'] ?? '#58a6ff',
    two: c['--series-2'] ?? '#f0883e',
    axis: c['--text-muted'] ?? '#a3adb8',
    grid: c['--grid'] ?? '#2b323c',
    tooltip: { background: c['--panel'] ?? '#11161d', border: `1px solid ${c['--border'] ?? '#3a424d'}`, color: c['--text'] ?? '#e6edf3', fontSize: 14 },
  };
}

export function PrecisionChart(props: { report: IncidentReport }) {
  const t = useChartTheme();
  const data = props.report.precision.byPeriod.map((p) => ({ period: p.period, precision: p.precision === null ? null : Math.round(p.precision * 1000) / 10, accepted: p.accepted, rejected: p.rejected }));
  return (
    <ResponsiveContainer width="100%" height={220}>
      <BarChart data={data} margin={{ top: 8, right: 12, bottom: 4, left: 0 }}>
        <CartesianGrid stroke={t.grid} vertical={false} />
        <XAxis dataKey="period" tick={{ fontSize: 13, fill: t.axis }} stroke={t.grid} />
        <YAxis domain={[0, 100]} ticks={[0, 25, 50, 75, 100]} tickFormatter={(v: number) => `${v}%`} tick={{ fontSize: 13, fill: t.axis }} stroke={t.grid} width={48} />
        <Tooltip
          isAnimationActive={false}
          contentStyle={t.tooltip}
          cursor={{ fill: t.grid }}
          formatter={(_v, _n, item) => {
            const p = item.payload as { precision: number | null; accepted: number; rejected: number };
            return [`${p.precision === null ? 'no decisions' : pct(p.precision / 100)} (${p.accepted} accepted, ${p.rejected} rejected)`, 'precision'];
          }}
        />
        <Bar dataKey="precision" fill={t.one} isAnimationActive={false} maxBarSize={48} />
      </BarChart>
    </ResponsiveContainer>
  );
}

export function TimingChart(props: { report: IncidentReport }) {
  const t = useChartTheme();
  const data = props.report.timing.byPeriod.map((p) => ({ period: p.period, ttc: minutes(p.ttcMedianMs), mttr: minutes(p.mttrMedianMs), incidents: p.incidents }));
  return (
    <ResponsiveContainer width="100%" height={220}>
      <LineChart data={data} margin={{ top: 8, right: 12, bottom: 4, left: 0 }}>
        <CartesianGrid stroke={t.grid} vertical={false} />
        <XAxis dataKey="period" tick={{ fontSize: 13, fill: t.axis }} stroke={t.grid} />
        <YAxis tickFormatter={(v: number) => `${v}m`} tick={{ fontSize: 13, fill: t.axis }} stroke={t.grid} width={48} />
        <Tooltip isAnimationActive={false} contentStyle={t.tooltip} formatter={(v, name) => [typeof v === 'number' ? `${v} min` : '–', name === 'ttc' ? 'time to context (median)' : 'MTTR (median)']} />
        <Legend formatter={(v: string) => (v === 'ttc' ? 'Time to context' : 'MTTR')} wrapperStyle={{ fontSize: 14, color: t.axis }} />
        <Line type="linear" dataKey="ttc" stroke={t.one} strokeWidth={2} dot={{ r: 4 }} isAnimationActive={false} connectNulls />
        <Line type="linear" dataKey="mttr" stroke={t.two} strokeWidth={2} dot={{ r: 4 }} isAnimationActive={false} connectNulls />
      </LineChart>
    </ResponsiveContainer>
  );
}
