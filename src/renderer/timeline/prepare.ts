/**
 * Turns one fetched WindowResult into draw-ready typed arrays, once per result: item times,
 * ends, status codes and packed rows; bucket maxima; metric y-ranges (null → NaN).
 */
import type { EventLaneId, LaneId, MetricLaneId } from '../../shared/lanes';
import type { EventItem, EventLaneResult, MetricLaneResult, WindowResult } from '../../shared/window';

export const STATUS_OK = 0;
export const STATUS_WARN = 1;
export const STATUS_ERROR = 2;
export const MAX_ROWS = 24;

export interface PreparedEventLane {
  type: 'events';
  lane: EventLaneId;
  total: number;
  mode: 'items' | 'buckets';
  items: EventItem[];
  ts: Float64Array;
  end: Float64Array;
  status: Uint8Array;
  row: Uint8Array;
  rows: number;
  t0: number;
  step: number;
  count: Float64Array;
  errors: Float64Array;
  warns: Float64Array;
  maxCount: number;
  /** Cached label widths (px) for alert/change labels; -1 = not measured. */
  labelW: Float32Array;
}

export interface PreparedSeries {
  id: number;
  name: string;
  label: string;
  unit: string | null;
  t0: number;
  step: number;
  min: Float64Array;
  max: Float64Array;
  last: Float64Array;
  /**
   * Largest run of empty buckets still bridged by the line: when buckets are finer than the
   * scrape interval most are empty, and a sample every few buckets is still one line.
   */
  maxGap: number;
}

export interface PreparedMetricLane {
  type: 'metrics';
  lane: MetricLaneId;
  metric: string | null;
  metrics: string[];
  unit: string | null;
  series: PreparedSeries[];
  yMin: number;
  yMax: number;
}

export type PreparedLane = PreparedEventLane | PreparedMetricLane;

export interface PreparedWindow {
  from: number;
  to: number;
  widthPx: number;
  bucketMs: number;
  resolution: string;
  tookMs: number;
  lanes: PreparedLane[];
  byLane: Partial<Record<LaneId, PreparedLane>>;
}

export function statusCode(s: EventItem['status']): number {
  return s === 'error' ? STATUS_ERROR : s === 'warn' ? STATUS_WARN : STATUS_OK;
}

/**
 * Greedy interval packing: each item takes the first row free at its start (an item occupies
 * at least `minMs`). Items must be sorted by ts. Returns the number of rows used (<= maxRows;
 * overflow reuses the row that frees first).
 */
export function packRows(ts: Float64Array, end: Float64Array, minMs: number, out: Uint8Array, maxRows = MAX_ROWS): number {
  const rowEnd = new Float64Array(maxRows).fill(-Infinity);
  let used = 0;
  for (let i = 0; i < ts.length; i++) {
    const t = ts[i] ?? 0;
    const e = Math.max(end[i] ?? t, t + minMs);
    let r = -1;
    let soonest = 0;
    for (let k = 0; k < maxRows; k++) {
      if ((rowEnd[k] ?? 0) <= t) {
        r = k;
        break;
      }
      if ((rowEnd[k] ?? 0) < (rowEnd[soonest] ?? 0)) soonest = k;
    }
    if (r < 0) r = soonest;
    rowEnd[r] = e;
    out[i] = r;
    if (r + 1 > used) used = r + 1;
  }
  return used;
}

function toF64(a: ReadonlyArray<number | null>): Float64Array {
  const out = new Float64Array(a.length);
  for (let i = 0; i < a.length; i++) {
    const v = a[i];
    out[i] = v === null || v === undefined ? NaN : v;
  }
  return out;
}

function prepareEvents(r: EventLaneResult, msPerPx: number): PreparedEventLane {
  const items = [...r.items].sort((a, b) => a.ts - b.ts || a.id - b.id);
  const n = items.length;
  const ts = new Float64Array(n);
  const end = new Float64Array(n);
  const status = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    const it = items[i] as EventItem;
    ts[i] = it.ts;
    end[i] = it.ts + (it.durMs ?? 0);
    status[i] = statusCode(it.status);
  }
  const row = new Uint8Array(n);
  const rows = r.lane === 'llm' || r.lane === 'traces' ? packRows(ts, end, 3 * msPerPx, row) : 1;
  const count = Float64Array.from(r.buckets.count);
  let maxCount = 0;
  for (let i = 0; i < count.length; i++) if ((count[i] ?? 0) > maxCount) maxCount = count[i] ?? 0;
  return {
    type: 'events',
    lane: r.lane,
    total: r.total,
    mode: r.mode,
    items,
    ts,
    end,
    status,
    row,
    rows: Math.max(1, rows),
    t0: r.buckets.t0,
    step: r.buckets.step,
    count,
    errors: Float64Array.from(r.buckets.errors),
    warns: Float64Array.from(r.buckets.warns),
    maxCount,
    labelW: new Float32Array(n).fill(-1),
  };
}

function seriesLabel(name: string, labels: Record<string, string>): string {
  const parts = Object.entries(labels)
    .filter(([k]) => k !== '__name__')
    .map(([k, v]) => `${k}=${v}`);
  return parts.length ? parts.join(', ') : name;
}

/** 2.5 × the median distance (in buckets) between non-empty buckets, at least 1. */
export function bridgeGap(values: Float64Array): number {
  const gaps: number[] = [];
  let prev = -1;
  for (let i = 0; i < values.length; i++) {
    if (Number.isNaN(values[i] ?? NaN)) continue;
    if (prev >= 0) gaps.push(i - prev);
    prev = i;
  }
  if (gaps.length === 0) return 1;
  gaps.sort((a, b) => a - b);
  const median = gaps[Math.floor(gaps.length / 2)] ?? 1;
  return Math.max(1, Math.ceil(median * 2.5));
}

function prepareMetrics(r: MetricLaneResult): PreparedMetricLane {
  let yMin = Infinity;
  let yMax = -Infinity;
  const series = r.series.map((s) => {
    const min = toF64(s.min);
    const max = toF64(s.max);
    for (let i = 0; i < min.length; i++) {
      const lo = min[i] ?? NaN;
      const hi = max[i] ?? NaN;
      if (lo < yMin) yMin = lo;
      if (hi > yMax) yMax = hi;
    }
    const last = toF64(s.last);
    return { id: s.id, name: s.name, label: seriesLabel(s.name, s.labels), unit: s.unit, t0: s.t0, step: s.step, min, max, last, maxGap: bridgeGap(last) };
  });
  if (!Number.isFinite(yMin) || !Number.isFinite(yMax)) {
    yMin = 0;
    yMax = 1;
  }
  if (yMax === yMin) {
    const pad = Math.abs(yMax) > 0 ? Math.abs(yMax) * 0.1 : 1;
    yMin -= pad;
    yMax += pad;
  }
  if (yMin > 0 && yMin < (yMax - yMin) * 0.5) yMin = 0;
  return { type: 'metrics', lane: r.lane, metric: r.metric, metrics: r.metrics, unit: r.unit, series, yMin, yMax };
}

export function prepareWindow(w: WindowResult): PreparedWindow {
  const msPerPx = (w.to - w.from) / Math.max(1, w.widthPx);
  const lanes = w.lanes.map((l): PreparedLane => (l.type === 'events' ? prepareEvents(l, msPerPx) : prepareMetrics(l)));
  const byLane: Partial<Record<LaneId, PreparedLane>> = {};
  for (const l of lanes) byLane[l.lane] = l;
  return { from: w.from, to: w.to, widthPx: w.widthPx, bucketMs: w.bucketMs, resolution: w.resolution, tookMs: w.tookMs, lanes, byLane };
}
