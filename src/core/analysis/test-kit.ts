/** Small deterministic stores for the analyzers' tests: steady traffic, then a change in it. */
import type { EventInput, MetricSeriesInput } from '../../shared/events';
import type { EventStore } from '../store/api';
import { mulberry32 } from '../demo/prng';
import { openStore } from '../store/store';

export const MIN = 60_000;
export const T0 = Date.UTC(2026, 0, 10, 12, 0, 0);
/** A 60-minute window; incidents in these tests start at 35 minutes. */
export const WINDOW = { from: T0, to: T0 + 60 * MIN };
export const ONSET = T0 + 35 * MIN;

/** A tiny PRNG (mulberry32) so every test store is the same on every run. */
export const rng = mulberry32;

export function store(): EventStore {
  return openStore(':memory:');
}

/** `perMin` events per minute over the window, built by `make(ts, i, after)` where `after` is ts ≥ ONSET. */
export function steady(perMin: number, make: (ts: number, i: number, after: boolean) => EventInput | EventInput[], from = WINDOW.from, to = WINDOW.to): EventInput[] {
  const out: EventInput[] = [];
  const step = MIN / perMin;
  let i = 0;
  for (let ts = from; ts < to; ts += step) {
    const t = Math.floor(ts);
    const e = make(t, i++, t >= ONSET);
    if (Array.isArray(e)) out.push(...e);
    else out.push(e);
  }
  return out;
}

/** A metric series sampled every 15 s over the window. */
export function series(name: string, labels: Record<string, string>, value: (ts: number, after: boolean) => number, lane: MetricSeriesInput['lane'] = 'infra'): MetricSeriesInput {
  const points: [number, number][] = [];
  for (let ts = WINDOW.from; ts < WINDOW.to; ts += 15_000) points.push([ts, value(ts, ts >= ONSET)]);
  return { name, labels, lane, points };
}

export function load(s: EventStore, events: EventInput[], metrics: MetricSeriesInput[] = []): EventStore {
  const w = s.bulk();
  for (const e of events.sort((a, b) => a.ts - b.ts)) w.event(e);
  for (const m of metrics) {
    const id = w.series({ name: m.name, labels: m.labels, lane: m.lane });
    for (const [ts, v] of m.points) w.point(id, ts, v);
  }
  w.commit();
  return s;
}

export function span(ts: number, service: string, name: string, error: boolean, o: Partial<Extract<EventInput, { kind: 'span' }>> = {}): EventInput {
  return { kind: 'span', ts, service, name, spanKind: 'server', status: error ? 'error' : 'ok', durMs: 20, ...o };
}
