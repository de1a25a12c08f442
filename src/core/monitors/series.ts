/**
 * Stored metric series as a Prometheus rule would see them: matched by name and label selector,
 * and sampled on an evaluation grid with Prometheus' semantics (a gauge's latest sample within the
 * 5-minute lookback; a counter's per-second rate over the last 5 minutes, resets counted).
 */
import type Database from 'better-sqlite3';

export const LOOKBACK_MS = 5 * 60_000;
/** Series one rule is evaluated on at most. */
export const MAX_MATCHED = 200;
/** Grid points at most per evaluation (the step grows for long windows). */
const MAX_GRID = 2_000;

export interface StoredSeries {
  id: number;
  name: string;
  labels: Record<string, string>;
  /** [ts, value], time order, from LOOKBACK_MS before the window to its end. */
  points: [number, number][];
}

export function seriesMeta(db: Database.Database, ids: readonly number[]): { id: number; name: string; labels: Record<string, string> }[] {
  const rows = db.prepare('SELECT id, name, labels_json FROM metric_series WHERE id IN (SELECT value FROM json_each(?)) ORDER BY id').all(JSON.stringify(ids)) as { id: number; name: string; labels_json: string }[];
  return rows.map((r) => ({ id: r.id, name: r.name, labels: parseLabels(r.labels_json) }));
}

function parseLabels(json: string): Record<string, string> {
  try {
    const v = JSON.parse(json) as unknown;
    if (typeof v !== 'object' || v === null) return {};
    return Object.fromEntries(Object.entries(v as Record<string, unknown>).filter((e): e is [string, string] => typeof e[1] === 'string'));
  } catch {
    return {};
  }
}

/** Every stored series of `name` whose labels include `selector` (what the rule's selector would match), with their points. */
export function matchSeries(db: Database.Database, name: string, selector: Readonly<Record<string, string>>, from: number, to: number): StoredSeries[] {
  const rows = db.prepare('SELECT id, labels_json FROM metric_series WHERE name = ? ORDER BY id').all(name) as { id: number; labels_json: string }[];
  const pts = db.prepare('SELECT ts, value FROM metric_points WHERE series_id = ? AND ts >= ? AND ts < ? ORDER BY ts');
  const out: StoredSeries[] = [];
  for (const r of rows) {
    const labels = parseLabels(r.labels_json);
    if (!Object.entries(selector).every(([k, v]) => labels[k] === v)) continue;
    const points = (pts.raw().all(r.id, from - LOOKBACK_MS, to) as [number, number][]).filter((p) => Number.isFinite(p[1]));
    out.push({ id: r.id, name, labels, points });
    if (out.length >= MAX_MATCHED) break;
  }
  return out;
}

/** The typical interval between samples (median), at least one second. */
export function sampleStep(series: readonly StoredSeries[]): number {
  const gaps: number[] = [];
  for (const s of series) for (let i = 1; i < s.points.length && gaps.length < 5_000; i++) gaps.push((s.points[i] as [number, number])[0] - (s.points[i - 1] as [number, number])[0]);
  if (gaps.length === 0) return 15_000;
  gaps.sort((a, b) => a - b);
  return Math.max(1_000, gaps[gaps.length >> 1] as number);
}

/** A counter in fact, not only by name: it rarely goes down (a reset now and then). Stored rates named `_total` are gauges. */
export function behavesAsCounter(series: readonly StoredSeries[]): boolean {
  let n = 0;
  let down = 0;
  for (const s of series) {
    for (let i = 1; i < s.points.length; i++) {
      n++;
      if ((s.points[i] as [number, number])[1] < (s.points[i - 1] as [number, number])[1]) down++;
    }
  }
  return n >= 4 && down <= Math.max(2, 0.02 * n);
}

export interface Grid {
  from: number;
  step: number;
  times: number[];
}

export function gridFor(from: number, to: number, step: number): Grid {
  const s = Math.max(step, Math.ceil((to - from) / MAX_GRID / 1_000) * 1_000);
  const start = Math.ceil(from / s) * s;
  const times: number[] = [];
  for (let t = start; t < to; t += s) times.push(t);
  return { from: start, step: s, times };
}

/** The series sampled on the grid: a gauge's latest value within the lookback, else null (stale). */
export function gaugeOnGrid(s: StoredSeries, grid: Grid): (number | null)[] {
  const out: (number | null)[] = [];
  let i = -1;
  for (const t of grid.times) {
    while (i + 1 < s.points.length && (s.points[i + 1] as [number, number])[0] <= t) i++;
    const p = i >= 0 ? (s.points[i] as [number, number]) : null;
    out.push(p !== null && t - p[0] <= LOOKBACK_MS ? p[1] : null);
  }
  return out;
}

/** A counter's per-second rate over the lookback at each grid time (resets counted), null with fewer than two samples. */
export function rateOnGrid(s: StoredSeries, grid: Grid): (number | null)[] {
  const out: (number | null)[] = [];
  let lo = 0;
  let hi = -1;
  for (const t of grid.times) {
    while (hi + 1 < s.points.length && (s.points[hi + 1] as [number, number])[0] <= t) hi++;
    while (lo <= hi && (s.points[lo] as [number, number])[0] <= t - LOOKBACK_MS) lo++;
    if (hi - lo < 1) {
      out.push(null);
      continue;
    }
    let inc = 0;
    for (let k = lo + 1; k <= hi; k++) {
      const a = (s.points[k - 1] as [number, number])[1];
      const b = (s.points[k] as [number, number])[1];
      inc += b >= a ? b - a : b;
    }
    const dt = ((s.points[hi] as [number, number])[0] - (s.points[lo] as [number, number])[0]) / 1_000;
    out.push(dt > 0 ? inc / dt : null);
  }
  return out;
}
