/** Reduces a `timeline.window` lane result to one small line: [{ t, v }] per bucket. */
import type { LaneRequest, LaneResult } from '../../../shared/window';

export type Reduce = 'sum' | 'max' | 'errorShare';
export interface SignalDef {
  key: string;
  title: string;
  lane: LaneRequest;
  reduce: Reduce;
  unit: 'count' | 'share';
}
export interface Point {
  t: number;
  v: number | null;
}

export const SIGNALS: readonly SignalDef[] = [
  {
    key: 'queue',
    title: 'Requests waiting (all pods)',
    lane: { type: 'metrics', lane: 'inference', metric: 'vllm:num_requests_waiting' },
    reduce: 'sum',
    unit: 'count',
  },
  {
    key: 'kv',
    title: 'KV-cache usage (busiest pod)',
    lane: { type: 'metrics', lane: 'inference', metric: 'vllm:gpu_cache_usage_perc' },
    reduce: 'max',
    unit: 'share',
  },
  {
    key: 'llm-errors',
    title: 'LLM calls failing or invalid output',
    lane: { type: 'events', lane: 'llm' },
    reduce: 'errorShare',
    unit: 'share',
  },
];

/** null when the result does not hold the signal (e.g. the store fell back to another metric). */
export function toPoints(def: SignalDef, result: LaneResult | undefined): Point[] | null {
  if (!result) return null;
  if (result.type === 'events') {
    const b = result.buckets;
    // Errors plus warnings: for LLM calls a warning is a reply whose structured output did not parse.
    return b.count.map((n, i) => ({ t: b.t0 + i * b.step, v: n > 0 ? ((b.errors[i] ?? 0) + (b.warns[i] ?? 0)) / n : null }));
  }
  if (def.lane.type === 'metrics' && def.lane.metric !== undefined && result.metric !== def.lane.metric) return null;
  const first = result.series[0];
  if (!first) return null;
  return first.last.map((_, i) => {
    let acc: number | null = null;
    for (const s of result.series) {
      const v = s.last[i];
      if (v === null || v === undefined) continue;
      acc = acc === null ? v : def.reduce === 'max' ? Math.max(acc, v) : acc + v;
    }
    return { t: first.t0 + i * first.step, v: acc };
  });
}

export function peak(points: readonly Point[]): number | null {
  let m: number | null = null;
  for (const p of points) if (p.v !== null && (m === null || p.v > m)) m = p.v;
  return m;
}
