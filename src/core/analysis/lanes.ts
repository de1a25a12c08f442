/**
 * Per-bucket aggregates of the event lanes, keyed by (service, name): counts, errors, warnings,
 * durations, tokens and cost. Aggregated in SQL one bucket at a time (small sorts that stay in
 * cache: measured about twice as fast as one GROUP BY over the whole window at 1M events).
 */
import type Database from 'better-sqlite3';
import type { EventLaneId } from '../../shared/lanes';
import type { Frame } from './frame';

export interface KeyAgg {
  service: string;
  name: string;
  count: Float64Array;
  errors: Float64Array;
  warns: Float64Array;
  durSum: Float64Array;
  durN: Float64Array;
  tokens: Float64Array;
  cost: Float64Array;
  total: number;
}

interface Row {
  service: string;
  name: string;
  n: number;
  e: number;
  w: number;
  d: number | null;
  dn: number;
  t: number | null;
  c: number | null;
}

/** Most (service, name) keys kept per lane; the rest are folded into `(other)` per service. */
const MAX_KEYS = 400;

function newAgg(service: string, name: string, n: number): KeyAgg {
  const z = (): Float64Array => new Float64Array(n);
  return { service, name, count: z(), errors: z(), warns: z(), durSum: z(), durN: z(), tokens: z(), cost: z(), total: 0 };
}

/** Columns each lane needs (fewer aggregates measured ~40% faster on the largest lane). */
const COLUMNS: Record<EventLaneId, string> = {
  traces: "count(*) AS n, sum(status = 'error') AS e, 0 AS w, sum(dur_ms) AS d, count(dur_ms) AS dn, NULL AS t, NULL AS c",
  llm: "count(*) AS n, sum(status = 'error') AS e, sum(status = 'warn') AS w, sum(dur_ms) AS d, count(dur_ms) AS dn, sum(tokens) AS t, sum(cost_usd) AS c",
  agent: "count(*) AS n, sum(status = 'error') AS e, 0 AS w, sum(dur_ms) AS d, count(dur_ms) AS dn, NULL AS t, NULL AS c",
  logs: "count(*) AS n, sum(status = 'error') AS e, sum(status = 'warn') AS w, NULL AS d, 0 AS dn, NULL AS t, NULL AS c",
  alerts: "count(*) AS n, sum(status = 'error') AS e, sum(status = 'warn') AS w, NULL AS d, 0 AS dn, NULL AS t, NULL AS c",
  changes: "count(*) AS n, 0 AS e, 0 AS w, NULL AS d, 0 AS dn, NULL AS t, NULL AS c",
};

/** `byName: false` groups by service only (logs, whose display name is the message). */
export function aggregateLane(db: Database.Database, frame: Frame, lane: EventLaneId, byName = true): KeyAgg[] {
  const stmt = db.prepare(
    `SELECT service, ${byName ? 'name' : "'*' AS name"}, ${COLUMNS[lane]}
       FROM events WHERE lane = ? AND ts >= ? AND ts < ? GROUP BY service${byName ? ', name' : ''}`,
  );
  const map = new Map<string, KeyAgg>();
  for (let i = 0; i < frame.n; i++) {
    const a = frame.at(i);
    const b = Math.min(frame.to, a + frame.bucketMs);
    for (const r of stmt.all(lane, a, b) as Row[]) {
      const key = `${r.service}\u0000${r.name}`;
      let g = map.get(key);
      if (g === undefined) {
        g = newAgg(r.service, r.name, frame.n);
        map.set(key, g);
      }
      g.count[i] = (g.count[i] ?? 0) + r.n;
      g.errors[i] = (g.errors[i] ?? 0) + r.e;
      g.warns[i] = (g.warns[i] ?? 0) + r.w;
      g.durSum[i] = (g.durSum[i] ?? 0) + (r.d ?? 0);
      g.durN[i] = (g.durN[i] ?? 0) + r.dn;
      g.tokens[i] = (g.tokens[i] ?? 0) + (r.t ?? 0);
      g.cost[i] = (g.cost[i] ?? 0) + (r.c ?? 0);
      g.total += r.n;
    }
  }
  const all = [...map.values()].sort((x, y) => y.total - x.total || cmp(x.service, y.service) || cmp(x.name, y.name));
  if (all.length <= MAX_KEYS) return all;
  const kept = all.slice(0, MAX_KEYS);
  const other = new Map<string, KeyAgg>();
  for (const g of all.slice(MAX_KEYS)) {
    let o = other.get(g.service);
    if (o === undefined) {
      o = newAgg(g.service, '(other)', frame.n);
      other.set(g.service, o);
    }
    addInto(o, g);
  }
  return [...kept, ...other.values()];
}

export function addInto(into: KeyAgg, g: KeyAgg): void {
  for (let i = 0; i < into.count.length; i++) {
    into.count[i] = (into.count[i] ?? 0) + (g.count[i] ?? 0);
    into.errors[i] = (into.errors[i] ?? 0) + (g.errors[i] ?? 0);
    into.warns[i] = (into.warns[i] ?? 0) + (g.warns[i] ?? 0);
    into.durSum[i] = (into.durSum[i] ?? 0) + (g.durSum[i] ?? 0);
    into.durN[i] = (into.durN[i] ?? 0) + (g.durN[i] ?? 0);
    into.tokens[i] = (into.tokens[i] ?? 0) + (g.tokens[i] ?? 0);
    into.cost[i] = (into.cost[i] ?? 0) + (g.cost[i] ?? 0);
  }
  into.total += g.total;
}

/** Sums keys by service (name `*`). */
export function byService(keys: readonly KeyAgg[], n: number): KeyAgg[] {
  const m = new Map<string, KeyAgg>();
  for (const g of keys) {
    let s = m.get(g.service);
    if (s === undefined) {
      s = newAgg(g.service, '*', n);
      m.set(g.service, s);
    }
    addInto(s, g);
  }
  return [...m.values()].sort((x, y) => y.total - x.total || cmp(x.service, y.service));
}

export const cmp = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** Ratio per bucket, null where the denominator is below `minDen`. */
export function ratio(num: Float64Array, den: Float64Array, minDen = 1): (number | null)[] {
  return Array.from(num, (x, i) => ((den[i] ?? 0) >= minDen ? x / (den[i] ?? 1) : null));
}
