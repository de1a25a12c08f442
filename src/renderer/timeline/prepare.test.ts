import { describe, expect, it } from 'vitest';
import type { EventItem, WindowResult } from '../../shared/window';
import { packRows, prepareWindow, STATUS_ERROR, STATUS_OK, STATUS_WARN } from './prepare';

function item(id: number, ts: number, durMs: number | null, status: EventItem['status'] = 'ok'): EventItem {
  return { id, ts, durMs, kind: 'span', service: 'api', name: `span ${id}`, status, tokens: null, costUsd: null };
}

const WIN: WindowResult = {
  from: 0,
  to: 1000,
  widthPx: 100,
  bucketMs: 10,
  resolution: 'raw',
  tookMs: 3,
  lanes: [
    {
      type: 'events',
      lane: 'traces',
      total: 3,
      mode: 'items',
      buckets: { t0: 0, step: 10, count: [1, 0, 2], errors: [0, 0, 1], warns: [0, 0, 0], tokens: [0, 0, 0], costUsd: [0, 0, 0] },
      items: [item(3, 25, 5, 'error'), item(1, 0, 100), item(2, 20, 10, 'warn')],
    },
    {
      type: 'metrics',
      lane: 'gpu',
      metric: 'gpu_util',
      metrics: ['gpu_util', 'gpu_mem'],
      unit: '%',
      series: [{ id: 1, name: 'gpu_util', labels: { gpu: '0' }, unit: '%', t0: 0, step: 10, min: [10, null, 30], max: [20, null, 90], last: [15, null, 80] }],
    },
  ],
};

describe('prepareWindow', () => {
  it('sorts items by time and extracts typed arrays', () => {
    const p = prepareWindow(WIN);
    const L = p.byLane.traces;
    if (L?.type !== 'events') throw new Error('traces lane missing');
    expect(L.items.map((i) => i.id)).toEqual([1, 2, 3]);
    expect([...L.ts]).toEqual([0, 20, 25]);
    expect([...L.end]).toEqual([100, 30, 30]);
    expect([...L.status]).toEqual([STATUS_OK, STATUS_WARN, STATUS_ERROR]);
    expect(L.maxCount).toBe(2);
    // The long span overlaps both others; those two overlap each other.
    expect(new Set([L.row[0], L.row[1], L.row[2]]).size).toBe(3);
  });
  it('maps nulls to NaN and derives a y-range per metric lane', () => {
    const L = prepareWindow(WIN).byLane.gpu;
    if (L?.type !== 'metrics') throw new Error('gpu lane missing');
    expect(Number.isNaN(L.series[0]?.last[1])).toBe(true);
    expect(L.yMin).toBe(0); // a range starting near 0 is anchored at 0
    expect(L.yMax).toBe(90);
    expect(L.series[0]?.label).toBe('gpu=0');
  });
});

describe('packRows', () => {
  it('reuses a row once it is free and never overlaps within a row', () => {
    const ts = Float64Array.from([0, 5, 10, 20, 21]);
    const end = Float64Array.from([10, 15, 12, 30, 22]);
    const row = new Uint8Array(5);
    const used = packRows(ts, end, 1, row);
    expect([...row]).toEqual([0, 1, 0, 0, 1]);
    expect(used).toBe(2);
  });
  it('caps the rows and wraps the overflow', () => {
    const n = 50;
    const ts = new Float64Array(n);
    const end = new Float64Array(n).fill(100);
    const row = new Uint8Array(n);
    expect(packRows(ts, end, 1, row, 8)).toBe(8);
    expect(Math.max(...row)).toBe(7);
  });
});
