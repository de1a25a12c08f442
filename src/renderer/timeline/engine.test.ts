import { describe, expect, it } from 'vitest';
import type { WindowResult } from '../../shared/window';
import { TimelineEngine } from './engine';
import { layoutLanes } from './layout';
import { prepareWindow } from './prepare';
import { LANE_ORDER } from '../../shared/lanes';

/** A 2D context that accepts every call and records fills (happy-dom and Node have none). */
function fakeCanvas(): { canvas: HTMLCanvasElement; calls: string[] } {
  const calls: string[] = [];
  const ctx = new Proxy(
    {},
    {
      get: (_t, prop) => {
        if (prop === 'measureText') return (s: string) => ({ width: s.length * 7 });
        return (...args: unknown[]) => calls.push(`${String(prop)}(${args.length})`);
      },
      set: () => true,
    },
  );
  const canvas = {
    width: 0,
    height: 0,
    style: {},
    getContext: () => ctx,
    getBoundingClientRect: () => ({ left: 100, top: 50, width: 1000, height: 600 }),
  } as unknown as HTMLCanvasElement;
  return { canvas, calls };
}

const T0 = 1_773_450_000_000;
const WIN: WindowResult = {
  from: T0 - 60_000,
  to: T0 + 120_000,
  widthPx: 1800,
  bucketMs: 100,
  resolution: 'raw',
  tookMs: 1,
  lanes: [
    {
      type: 'events',
      lane: 'traces',
      total: 3,
      mode: 'items',
      buckets: { t0: T0 - 60_000, step: 100, count: [], errors: [], warns: [], tokens: [], costUsd: [] },
      items: [
        { id: 1, ts: T0 + 10_000, durMs: 5_000, kind: 'span', service: 'api', name: 'GET /a', status: 'ok', tokens: null, costUsd: null },
        { id: 2, ts: T0 + 30_000, durMs: 1_000, kind: 'span', service: 'api', name: 'GET /b', status: 'error', tokens: null, costUsd: null },
        { id: 3, ts: T0 + 90_000, durMs: 1_000, kind: 'span', service: 'api', name: 'off screen', status: 'ok', tokens: null, costUsd: null },
      ],
    },
  ],
};

function engineWithData(): TimelineEngine {
  const { canvas } = fakeCanvas();
  const e = new TimelineEngine(canvas);
  e.setSize(1000, 600);
  e.set('boxes', layoutLanes(LANE_ORDER, new Set(), 600));
  e.set('data', prepareWindow(WIN));
  e.setView({ from: T0, to: T0 + 60_000 });
  e.draw();
  return e;
}

describe('TimelineEngine', () => {
  it('records a hit box per drawn item, at its time and duration, in viewport pixels', () => {
    const e = engineWithData();
    const t = e.hitTargets();
    expect(t.map((h) => h.id).sort()).toEqual([1, 2]);
    const a = t.find((h) => h.id === 1);
    // 60 s over 1000 px: 10 s → x 166.7, 5 s → 83.3 px wide; canvas at left 100.
    expect(a?.x).toBeCloseTo(100 + 166.67, 1);
    expect(a?.w).toBeCloseTo(83.33, 1);
    expect(a).toMatchObject({ lane: 'traces', kind: 'span', name: 'GET /a' });
  });

  it('finds the item under a plot-local point', () => {
    const e = engineWithData();
    const b = e.hitTargets().find((h) => h.id === 2);
    if (!b) throw new Error('no box');
    expect(e.itemAt(b.x - 100 + b.w / 2, b.y - 50 + b.h / 2)?.item.id).toBe(2);
    expect(e.itemAt(900, 5)).toBeNull();
  });

  it('follows panning: items move with the view', () => {
    const e = engineWithData();
    e.setView({ from: T0 + 25_000, to: T0 + 95_000 });
    e.draw();
    const ids = e.hitTargets().map((h) => h.id).sort();
    expect(ids).toEqual([2, 3]);
  });

  it('writes the visible range to its output element', () => {
    const { canvas } = fakeCanvas();
    const e = new TimelineEngine(canvas);
    const out = { textContent: '' } as HTMLElement;
    e.outputs.visibleRange = out;
    e.setView({ from: T0, to: T0 + 60_000 });
    e.draw();
    expect(out.textContent).toBe('2026-03-14 01:00:00 – 01:01:00 UTC');
  });
});
