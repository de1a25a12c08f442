/**
 * Metric series in the window: bucketed (avg, max, min) in SQL, then onset detection per series
 * with the direction and kind its name implies; labels give the entities (pod → workload, node,
 * GPU, model, service).
 */
import { CANONICAL_NAMES } from '../connectors/prometheus/packs';
import { labelRefs } from './entities';
import { iso } from './event-series';
import { meaningOf, type MetricMeaning } from './metric-semantics';
import { detectOnset } from './onset';
import { all, raw, sql } from './sql';
import { median, round } from './stats';
import type { Ctx, Signal } from './types';

export interface SeriesData {
  id: number;
  name: string;
  labels: Record<string, string>;
  unit: string | null;
  avg: (number | null)[];
  max: (number | null)[];
  min: (number | null)[];
  meaning: MetricMeaning;
  entities: string[];
}

const MAX_SERIES = 5_000;

export function bucketQuery(ctx: Ctx, seriesFilter = ''): string {
  const { frame } = ctx;
  return sql`SELECT series_id AS id, (ts - ${frame.from}) / ${frame.bucketMs} AS b, avg(value) AS avg, max(value) AS max, min(value) AS min
    FROM metric_points WHERE series_id IN (SELECT id FROM metric_series${raw(seriesFilter === '' ? '' : ` WHERE ${seriesFilter}`)}) AND ts >= ${frame.from} AND ts < ${frame.to}
    GROUP BY series_id, b ORDER BY series_id, b`;
}

export function loadSeries(ctx: Ctx): SeriesData[] {
  const { frame, db } = ctx;
  const meta = new Map<number, { name: string; labels_json: string; unit: string | null }>();
  for (const r of all<{ id: number; name: string; labels_json: string; unit: string | null }>(db, 'SELECT id, name, labels_json, unit FROM metric_series ORDER BY id'))
    meta.set(r.id, r);
  if (meta.size === 0) return [];
  const out = new Map<number, SeriesData>();
  for (const r of all<{ id: number; b: number; avg: number; max: number; min: number }>(db, bucketQuery(ctx))) {
    let s = out.get(r.id);
    if (s === undefined) {
      if (out.size >= MAX_SERIES) continue;
      const m = meta.get(r.id);
      if (m === undefined) continue;
      let labels: Record<string, string>;
      try {
        labels = JSON.parse(m.labels_json) as Record<string, string>;
      } catch {
        labels = {};
      }
      const name = CANONICAL_NAMES[m.name] ?? m.name;
      s = {
        id: r.id,
        name,
        labels,
        unit: m.unit,
        avg: new Array<number | null>(frame.n).fill(null),
        max: new Array<number | null>(frame.n).fill(null),
        min: new Array<number | null>(frame.n).fill(null),
        meaning: meaningOf(name),
        entities: labelRefs(labels),
      };
      out.set(r.id, s);
    }
    if (r.b < 0 || r.b >= frame.n) continue;
    s.avg[r.b] = r.avg;
    s.max[r.b] = r.max;
    s.min[r.b] = r.min;
  }
  return [...out.values()];
}

/** Increase per bucket of a counter (resets count from zero). */
export function increases(max: readonly (number | null)[]): (number | null)[] {
  let prev: number | null = null;
  return max.map((v) => {
    if (v === null) return null;
    const d = prev === null ? null : v >= prev ? v - prev : v;
    prev = v;
    return d;
  });
}

const labelText = (s: SeriesData): string => {
  const keys = ['pod', 'Hostname', 'node', 'instance', 'gpu', 'model_name', 'service', 'container', 'namespace'];
  const parts = keys.filter((k) => s.labels[k] !== undefined && s.labels[k] !== '').map((k) => `${k}=${s.labels[k] ?? ''}`);
  return parts.length > 0 ? `{${parts.slice(0, 4).join(', ')}}` : '';
};

export function metricSignals(ctx: Ctx, series: readonly SeriesData[]): Signal[] {
  const { frame } = ctx;
  const found: { s: SeriesData; sig: Omit<Signal, 'evidenceId'>; summary: string; facts: Record<string, number | string | boolean> }[] = [];
  for (const s of series) {
    const m = s.meaning;
    if (m.skip === true) continue;
    const vals = m.counter ? increases(s.max) : m.kind === 'oom' ? s.max : s.avg;
    const present = vals.filter((v): v is number => v !== null);
    if (present.length < 8) continue;
    const med = median(present);
    const integers = s.max.every((v) => v === null || Number.isInteger(v));
    const isRatio = m.ratio || (present.every((v) => v >= 0 && v <= 1) && /perc|ratio|usage|utili[sz]ation/i.test(s.name));
    const floor = Math.max(1e-9, 0.02 * Math.abs(med), integers ? 0.5 : 0, isRatio ? 0.01 : 0);
    const o = detectOnset(vals, {
      direction: m.direction,
      floor,
      minRelative: m.counter || integers ? 0 : 0.1,
      minAbsolute: isRatio ? 0.05 : integers ? 1 : 0,
    });
    if (o === null || o.strength < 0.1) continue;
    const at = frame.at(o.index);
    const weight = m.kind === 'metric' ? 0.7 : 1;
    const unit = s.unit !== null && s.unit !== '' ? ` ${s.unit}` : '';
    found.push({
      s,
      sig: { kind: m.kind, entities: s.entities, at, strength: o.strength * weight, symptom: m.symptom && o.direction === 'up', direction: o.direction, ...(m.failureClass ? { failureClass: m.failureClass } : {}), detail: { metric: s.name, baseline: o.baseline, observed: o.observed, peak: o.peak } },
      summary: `${m.label} ${s.name}${labelText(s)} ${o.direction === 'up' ? 'rose' : 'fell'} from ${fmt(o.baseline)} to ${fmt(o.observed)}${unit} at ${iso(at)}${m.counter ? ' (increase per bucket)' : ''}${o.noisy ? ' (a noisy series)' : ''}`,
      facts: { metric: s.name, baseline: o.baseline, observed: o.observed, peak: o.peak, robust_z: round(o.z, 2), direction: o.direction, noisy_baseline: o.noisy, baseline_max_z: round(o.preMaxZ, 2), counter: m.counter },
    });
  }
  found.sort((a, b) => b.sig.strength - a.sig.strength || a.sig.at - b.sig.at || a.s.id - b.s.id);
  const out: Signal[] = [];
  for (const f of found.slice(0, 80)) {
    const id = ctx.book.add({
      kind: f.s.meaning.kind.startsWith('gpu_') || f.s.meaning.kind === 'kv_cache' || f.s.meaning.kind === 'queue' || f.s.meaning.kind === 'xid' ? 'gpu' : 'anomaly',
      summary: f.summary,
      entities: f.sig.entities,
      at: f.sig.at,
      seriesIds: [f.s.id],
      sql: bucketQuery(ctx, `id = ${f.s.id}`),
      strength: f.sig.strength,
      facts: f.facts,
    });
    if (id !== null) out.push({ evidenceId: id, ...f.sig });
  }
  return out;
}

const fmt = (v: number): string => (Math.abs(v) >= 1000 ? String(Math.round(v)) : String(round(v, 3)));

/**
 * Resource series that appear in the middle of the window already far above their peers (a new
 * pod using many times what the other pods of the same metric use): no baseline of their own, so
 * onset detection cannot see them, yet such a newcomer is exactly what a noisy neighbour is. A
 * rollout's replacement pods use about what the old ones did and do not qualify.
 */
export function newcomerSignals(ctx: Ctx, series: readonly SeriesData[]): Signal[] {
  const { frame } = ctx;
  const RESOURCE = new Set(['cpu', 'memory', 'gpu_util']);
  const byName = new Map<string, { s: SeriesData; first: number; med: number }[]>();
  for (const s of series) {
    if (!RESOURCE.has(s.meaning.kind) || s.meaning.counter || s.meaning.direction !== 'up') continue;
    const first = s.avg.findIndex((v) => v !== null);
    const present = s.avg.filter((v): v is number => v !== null);
    if (first < 0 || present.length < 3) continue;
    (byName.get(s.name) ?? byName.set(s.name, []).get(s.name))?.push({ s, first, med: median(present) });
  }
  const out: Signal[] = [];
  for (const [name, group] of byName) {
    const settled = group.filter((g) => g.first < 0.1 * frame.n).map((g) => g.med);
    if (settled.length < 3) continue;
    const typical = median(settled);
    if (!(typical > 0)) continue;
    for (const g of group) {
      if (g.first < 0.15 * frame.n) continue;
      const ratio = g.med / typical;
      const biggest = Math.max(...settled);
      if (ratio < 4 || g.med < biggest) continue;
      const strength = Math.min(0.8, 0.35 + 0.15 * Math.log2(ratio / 4 + 1));
      const at = frame.at(g.first);
      const unit = g.s.unit !== null && g.s.unit !== '' ? ` ${g.s.unit}` : '';
      const id = ctx.book.add({
        kind: 'anomaly',
        summary: `new series ${name}${labelText(g.s)} appeared at ${iso(at)} using ${fmt(g.med)}${unit}, ${round(ratio, 1)}× the typical ${fmt(typical)}${unit} of the ${settled.length} series already there (the largest: ${fmt(biggest)})`,
        entities: g.s.entities,
        at,
        seriesIds: [g.s.id],
        sql: bucketQuery(ctx, `id = ${g.s.id}`),
        strength,
        facts: { metric: name, observed: g.med, typical, ratio: round(ratio, 2), peers: settled.length, newcomer: true },
      });
      if (id !== null) out.push({ evidenceId: id, kind: g.s.meaning.kind as Signal['kind'], entities: g.s.entities, at, strength, symptom: false, direction: 'up', detail: { metric: name, newcomer: true, observed: g.med, baseline: typical } });
    }
  }
  return out;
}
