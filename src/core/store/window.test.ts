/** Window query vs a brute-force reference computed in JS over the same random data. */
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import type { EventInput } from '../../shared/events';
import { LANE_OF_KIND, type EventLaneId } from '../../shared/lanes';
import type { EventLaneResult, MetricLaneResult } from '../../shared/window';
import { scoreOf, statusOf } from './derive';
import { levelFor, windowParts } from './levels';
import { openStore } from './store';
import { llm, log, span } from './test-events';

const SPAN_MS = 600_000;

const eventArb = fc
  .record({
    ts: fc.integer({ min: 0, max: SPAN_MS - 1 }),
    kind: fc.constantFrom('llm', 'log', 'span'),
    bad: fc.constantFrom(0, 0, 0, 1, 2),
    dur: fc.integer({ min: 0, max: 5000 }),
    tok: fc.integer({ min: 0, max: 1000 }),
  })
  .map(({ ts, kind, bad, dur, tok }): EventInput => {
    if (kind === 'llm') return llm(ts, { status: bad > 0 ? 'error' : 'ok', inputTokens: tok, outputTokens: 1, costUsd: tok / 1000, latencyMs: dur });
    if (kind === 'log') return log(ts, bad === 1 ? 'warn' : bad === 2 ? 'error' : 'info');
    return span(ts, { status: bad > 0 ? 'error' : 'ok', durMs: dur });
  });

/** Documented pixel assignment: a rollup bucket by its start, raw rows by their ts (see windowParts). */
function pixelOf(ts: number, from: number, to: number, widthPx: number, level: number | null): number {
  const step = (to - from) / widthPx;
  const part = windowParts(from, to, level).find((p) => ts >= p.lo && ts < p.hi);
  const t = part?.level == null ? ts : Math.floor(ts / part.level) * part.level;
  const i = Math.floor((t - from) / step);
  return Math.min(widthPx - 1, Math.max(0, i));
}

function reference(events: EventInput[], lane: EventLaneId, from: number, to: number, widthPx: number, level: number | null) {
  const count = new Array<number>(widthPx).fill(0);
  const errors = new Array<number>(widthPx).fill(0);
  const warns = new Array<number>(widthPx).fill(0);
  const tokens = new Array<number>(widthPx).fill(0);
  const cost = new Array<number>(widthPx).fill(0);
  let total = 0;
  let best = -1;
  for (const e of events) {
    if (LANE_OF_KIND[e.kind] !== lane || e.ts < from || e.ts >= to) continue;
    total++;
    const i = pixelOf(e.ts, from, to, widthPx, level);
    const st = statusOf(e);
    count[i] = (count[i] ?? 0) + 1;
    if (st === 'error') errors[i] = (errors[i] ?? 0) + 1;
    if (st === 'warn') warns[i] = (warns[i] ?? 0) + 1;
    if (e.kind === 'llm_call') {
      tokens[i] = (tokens[i] ?? 0) + e.inputTokens + e.outputTokens;
      cost[i] = (cost[i] ?? 0) + e.costUsd;
    }
    best = Math.max(best, scoreOf(st, e.durMs ?? (e.kind === 'llm_call' ? e.latencyMs : null)));
  }
  return { count, errors, warns, tokens, cost, total, best };
}

const windowArb = fc
  .record({ a: fc.integer({ min: -10_000, max: SPAN_MS }), len: fc.integer({ min: 50, max: SPAN_MS }), widthPx: fc.integer({ min: 1, max: 80 }) })
  .map(({ a, len, widthPx }) => ({ from: Math.max(0, a), to: Math.max(0, a) + len, widthPx }));

describe('window query vs brute force', () => {
  test('event lanes: counts, errors, warns, tokens, cost per bucket; totals; top item', () => {
    fc.assert(
      fc.property(fc.array(eventArb, { minLength: 0, maxLength: 1500 }), fc.array(windowArb, { minLength: 1, maxLength: 6 }), (events, windows) => {
        const store = openStore(':memory:');
        const w = store.bulk({ batchSize: 97 });
        for (const e of events) w.event(e);
        w.commit();
        for (const win of windows) {
          const res = store.window({ ...win, lanes: [{ type: 'events', lane: 'llm' }, { type: 'events', lane: 'logs' }, { type: 'events', lane: 'traces' }] });
          for (const lr of res.lanes as EventLaneResult[]) {
            const level = lr.mode === 'items' ? null : levelFor(res.bucketMs);
            const ref = reference(events, lr.lane, win.from, win.to, win.widthPx, level);
            expect(lr.total).toBe(ref.total);
            expect(lr.buckets.count).toEqual(ref.count);
            expect(lr.buckets.errors).toEqual(ref.errors);
            expect(lr.buckets.warns).toEqual(ref.warns);
            expect(lr.buckets.tokens).toEqual(ref.tokens);
            lr.buckets.costUsd.forEach((c, i) => expect(c).toBeCloseTo(ref.cost[i] ?? 0, 9));
            expect(lr.mode).toBe(ref.total <= win.widthPx ? 'items' : 'buckets');
            if (lr.mode === 'items') expect(lr.items).toHaveLength(ref.total);
            else expect(lr.items.length).toBeLessThanOrEqual(200);
            for (const it of lr.items) expect(it.ts >= win.from && it.ts < win.to).toBe(true);
            if (ref.total > 0) {
              const top = Math.max(...lr.items.map((it) => scoreOf(it.status, it.durMs)));
              expect(top).toBe(ref.best);
            }
          }
        }
        store.close();
      }),
      { numRuns: 25 },
    );
  });

  test('windows aligned to the level the store picks are exact per bucket', () => {
    fc.assert(
      fc.property(
        fc.array(eventArb, { minLength: 200, maxLength: 800 }),
        fc.constantFrom(100, 500, 2_000, 10_000, 60_000),
        fc.integer({ min: 0, max: 50 }),
        fc.integer({ min: 1, max: 6 }),
        fc.integer({ min: 1, max: 40 }),
        (events, unit, k, m, widthPx) => {
          const step = m * unit;
          const level = levelFor(step) ?? 100;
          fc.pre(step % level === 0);
          const store = openStore(':memory:');
          const w = store.bulk();
          for (const e of events) w.event(e);
          w.commit();
          const from = k * level;
          const to = from + step * widthPx;
          const res = store.window({ from, to, widthPx, lanes: [{ type: 'events', lane: 'traces' }] });
          const lr = res.lanes[0] as EventLaneResult;
          const ref = reference(events, 'traces', from, to, widthPx, null);
          expect(lr.buckets.count).toEqual(ref.count);
          expect(lr.buckets.errors).toEqual(ref.errors);
          store.close();
        },
      ),
      { numRuns: 40 },
    );
  });

  test('metric lanes: min, max, last per bucket', () => {
    const pointsArb = fc.uniqueArray(fc.integer({ min: 0, max: SPAN_MS - 1 }), { minLength: 0, maxLength: 800 }).chain((ts) =>
      fc.tuple(fc.constant(ts), fc.array(fc.double({ min: -1e6, max: 1e6, noNaN: true }).map((v) => v + 0), { minLength: ts.length, maxLength: ts.length })),
    );
    fc.assert(
      fc.property(fc.array(pointsArb, { minLength: 1, maxLength: 3 }), fc.array(windowArb, { minLength: 1, maxLength: 5 }), (seriesPts, windows) => {
        const store = openStore(':memory:');
        const w = store.bulk({ batchSize: 53 });
        const ids = seriesPts.map((_, i) => w.series({ name: 'DCGM_FI_DEV_GPU_UTIL', labels: { gpu: String(i) }, lane: 'gpu', unit: '%' }));
        seriesPts.forEach(([ts, vals], s) => ts.forEach((t, j) => w.point(ids[s] ?? 0, t, vals[j] ?? 0)));
        w.series({ name: 'DCGM_FI_DEV_FB_USED', labels: {}, lane: 'gpu' });
        w.commit();
        for (const win of windows) {
          const res = store.window({ ...win, lanes: [{ type: 'metrics', lane: 'gpu' }] });
          const lr = res.lanes[0] as MetricLaneResult;
          expect(lr.metric).toBe('DCGM_FI_DEV_GPU_UTIL');
          expect(lr.metrics).toEqual(['DCGM_FI_DEV_FB_USED', 'DCGM_FI_DEV_GPU_UTIL']);
          expect(lr.series).toHaveLength(seriesPts.length);
          const level = levelFor(res.bucketMs);
          lr.series.forEach((sr, s) => {
            const [ts, vals] = seriesPts[s] ?? [[], []];
            const min = new Array<number | null>(win.widthPx).fill(null);
            const max = new Array<number | null>(win.widthPx).fill(null);
            const last = new Array<number | null>(win.widthPx).fill(null);
            const lastTs = new Array<number>(win.widthPx).fill(-1);
            ts.forEach((t, j) => {
              if (t < win.from || t >= win.to) return;
              const v = vals[j] ?? 0;
              const i = pixelOf(t, win.from, win.to, win.widthPx, level);
              min[i] = Math.min(min[i] ?? Infinity, v);
              max[i] = Math.max(max[i] ?? -Infinity, v);
              if (t > (lastTs[i] ?? -1)) {
                lastTs[i] = t;
                last[i] = v;
              }
            });
            expect(sr.min).toEqual(min);
            expect(sr.max).toEqual(max);
            expect(sr.last).toEqual(last);
          });
        }
        store.close();
      }),
      { numRuns: 30 },
    );
  });
});

describe('window modes', () => {
  test('switches from items to buckets when the lane has more events than pixels', () => {
    const store = openStore(':memory:');
    const w = store.bulk();
    for (let i = 0; i < 100; i++) w.event(log(i * 1000, i === 50 ? 'error' : 'info'));
    w.commit();
    const lane = (widthPx: number) => store.window({ from: 0, to: 100_000, widthPx, lanes: [{ type: 'events', lane: 'logs' }] });
    const few = lane(100);
    expect(few.lanes[0]).toMatchObject({ mode: 'items', total: 100 });
    expect(few.resolution).toBe('raw');
    const many = lane(99);
    const r = many.lanes[0] as EventLaneResult;
    expect(r.mode).toBe('buckets');
    expect(r.total).toBe(100);
    expect(r.buckets.count.reduce((a, b) => a + b, 0)).toBe(100);
    expect(r.items.some((it) => it.status === 'error' && it.ts === 50_000)).toBe(true); // the most significant event survives
    expect(many.resolution).toBe('1s');
    const coarse = lane(10);
    expect(coarse.resolution).toBe('10s');
    expect((coarse.lanes[0] as EventLaneResult).buckets.count).toEqual(new Array(10).fill(10));
    store.close();
  });

  test('items never exceed MAX_ITEMS_PER_LANE even on a wide screen', () => {
    const store = openStore(':memory:');
    const w = store.bulk();
    for (let i = 0; i < 2500; i++) w.event(span(i * 10));
    w.commit();
    const r = store.window({ from: 0, to: 25_000, widthPx: 8000, lanes: [{ type: 'events', lane: 'traces' }] });
    const lr = r.lanes[0] as EventLaneResult;
    expect(lr.mode).toBe('buckets');
    expect(lr.total).toBe(2500);
    expect(lr.items.length).toBeLessThanOrEqual(200);
    store.close();
  });

  test('services filter reads raw rows', () => {
    const store = openStore(':memory:');
    const w = store.bulk();
    for (let i = 0; i < 300; i++) w.event(span(i * 100, { service: i % 3 === 0 ? 'a' : 'b' }));
    w.commit();
    const r = store.window({ from: 0, to: 30_000, widthPx: 10, lanes: [{ type: 'events', lane: 'traces' }], services: ['a'] });
    const lr = r.lanes[0] as EventLaneResult;
    expect(lr.total).toBe(100);
    expect(lr.buckets.count).toEqual(new Array(10).fill(10));
    expect(lr.items.every((it) => it.service === 'a')).toBe(true);
    expect(r.resolution).toBe('raw');
    store.close();
  });

  test('metric lane defaults, explicit metric and empty lanes', () => {
    const store = openStore(':memory:');
    const w = store.bulk();
    const a = w.series({ name: 'zeta', labels: {}, lane: 'infra' });
    const b = w.series({ name: 'alpha', labels: { n: '1' }, lane: 'infra', unit: 's' });
    w.point(a, 10, 1);
    w.point(b, 10, 2);
    w.commit();
    const r = store.window({ from: 0, to: 100, widthPx: 2, lanes: [{ type: 'metrics', lane: 'infra' }, { type: 'metrics', lane: 'infra', metric: 'zeta' }, { type: 'metrics', lane: 'gpu' }] });
    const [dflt, zeta, gpu] = r.lanes as MetricLaneResult[];
    expect(dflt?.metric).toBe('alpha');
    expect(dflt?.unit).toBe('s');
    expect(dflt?.series[0]?.last).toEqual([2, null]);
    expect(zeta?.series[0]?.max).toEqual([1, null]);
    expect(gpu).toMatchObject({ metric: null, metrics: [], series: [] });
    store.close();
  });
});
