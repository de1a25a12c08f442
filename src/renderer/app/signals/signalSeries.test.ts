import { describe, expect, it } from 'vitest';
import type { LaneResult } from '../../../shared/window';
import { SIGNALS, peak, toPoints } from './signalSeries';

const [queue, kv, llm] = SIGNALS;

function metrics(metric: string, lasts: Array<Array<number | null>>): LaneResult {
  return {
    type: 'metrics',
    lane: 'inference',
    metric,
    metrics: [metric],
    unit: null,
    series: lasts.map((last, id) => ({ id, name: metric, labels: {}, unit: null, t0: 1000, step: 10, min: last, max: last, last })),
  };
}

describe('toPoints', () => {
  it('sums series per bucket for the queue and keeps gaps as null', () => {
    const pts = toPoints(queue!, metrics('vllm:num_requests_waiting', [[1, null, 3], [2, null, null]]));
    expect(pts).toEqual([
      { t: 1000, v: 3 },
      { t: 1010, v: null },
      { t: 1020, v: 3 },
    ]);
  });
  it('takes the max for KV cache', () => {
    const pts = toPoints(kv!, metrics('vllm:gpu_cache_usage_perc', [[0.5, 0.9], [0.7, 0.2]]));
    expect(pts?.map((p) => p.v)).toEqual([0.7, 0.9]);
    expect(peak(pts ?? [])).toBe(0.9);
  });
  it('refuses a fallback metric the store chose instead', () => {
    expect(toPoints(kv!, metrics('DCGM_FI_DEV_GPU_UTIL', [[1]]))).toBeNull();
  });
  it('computes the error share of LLM calls', () => {
    const res: LaneResult = {
      type: 'events',
      lane: 'llm',
      total: 14,
      mode: 'buckets',
      items: [],
      buckets: { t0: 0, step: 5, count: [10, 0, 4], errors: [1, 0, 2], warns: [0, 0, 0], tokens: [0, 0, 0], costUsd: [0, 0, 0] },
    };
    expect(toPoints(llm!, res)).toEqual([
      { t: 0, v: 0.1 },
      { t: 5, v: null },
      { t: 10, v: 0.5 },
    ]);
  });
});
