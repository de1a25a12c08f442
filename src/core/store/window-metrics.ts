/**
 * One metric lane of the window query: every series of the chosen metric (at most 64), reduced
 * to one min/max/last per pixel. Interior from the coarsest rollup level no wider than a pixel,
 * edges from finer rollups and raw points (levels.ts `windowParts`); a rollup bucket counts for
 * the pixel holding its start.
 */
import type { MetricLaneId } from '../../shared/lanes';
import type { MetricLaneResult, SeriesResult } from '../../shared/window';
import { levelFor, windowParts } from './levels';
import type { ReadStatements } from './statements';

export const MAX_SERIES = 64;

export const DEFAULT_METRIC: Record<MetricLaneId, string | null> = {
  gpu: 'DCGM_FI_DEV_GPU_UTIL',
  inference: 'vllm:num_requests_waiting',
  infra: null, // first metric alphabetically
};

interface SeriesRow {
  id: number;
  name: string;
  labels_json: string;
  unit: string | null;
}

interface Acc {
  min: (number | null)[];
  max: (number | null)[];
  last: (number | null)[];
  lastTs: Float64Array;
}

export function metricLane(
  reads: ReadStatements,
  lane: MetricLaneId,
  requested: string | undefined,
  from: number,
  to: number,
  widthPx: number,
): { result: MetricLaneResult; level: number | null } {
  const metrics = (reads.laneMetrics.all(lane) as { name: string }[]).map((r) => r.name);
  const preferred = DEFAULT_METRIC[lane];
  const metric = requested ?? (preferred !== null && metrics.includes(preferred) ? preferred : (metrics[0] ?? null));
  if (metric === null) return { result: { type: 'metrics', lane, metric, metrics, unit: null, series: [] }, level: null };

  const series = reads.seriesOfMetric.all(lane, metric, MAX_SERIES) as SeriesRow[];
  const step = (to - from) / widthPx;
  const accs = new Map<number, Acc>();
  for (const s of series) {
    accs.set(s.id, {
      min: new Array<number | null>(widthPx).fill(null),
      max: new Array<number | null>(widthPx).fill(null),
      last: new Array<number | null>(widthPx).fill(null),
      lastTs: new Float64Array(widthPx).fill(-Infinity),
    });
  }
  const clamp = (raw: number): number => (raw < 0 ? 0 : raw >= widthPx ? widthPx - 1 : raw);
  /** Rows [pixel, min, max, last, lastTs] of one series. */
  const fold = (acc: Acc, rows: unknown[][]): void => {
    for (const r of rows) {
      const i = clamp(Number(r[0]));
      const mn = Number(r[1]);
      const mx = Number(r[2]);
      const lt = Number(r[4]);
      const curMin = acc.min[i] ?? null;
      const curMax = acc.max[i] ?? null;
      if (curMin === null || mn < curMin) acc.min[i] = mn;
      if (curMax === null || mx > curMax) acc.max[i] = mx;
      if (lt >= (acc.lastTs[i] ?? -Infinity)) {
        acc.lastTs[i] = lt;
        acc.last[i] = Number(r[3]);
      }
    }
  };
  const level = series.length === 0 ? null : levelFor(step);
  const parts = windowParts(from, to, level);
  for (const s of series) {
    const acc = accs.get(s.id);
    if (acc === undefined) continue;
    for (const part of parts) {
      const p = { id: s.id, from, step, lo: part.lo, hi: part.hi };
      const rows =
        part.level === null
          ? reads.metricRawRows.raw(true).all(p)
          : reads.metricRollupRows.raw(true).all({ ...p, level: part.level });
      fold(acc, rows as unknown[][]);
    }
  }
  const out: SeriesResult[] = series.map((s) => {
    const acc = accs.get(s.id);
    return {
      id: s.id,
      name: s.name,
      labels: JSON.parse(s.labels_json) as Record<string, string>,
      unit: s.unit,
      t0: from,
      step,
      min: acc?.min ?? [],
      max: acc?.max ?? [],
      last: acc?.last ?? [],
    };
  });
  return { result: { type: 'metrics', lane, metric, metrics, unit: series[0]?.unit ?? null, series: out }, level };
}
