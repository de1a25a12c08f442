/**
 * Anomalies of the event lanes: error rate, latency, traffic, invalid structured output, tokens and
 * cost per call, tool error rate, error-log rate, per service and per endpoint / model / tool.
 */
import type { EventLaneId } from '../../shared/lanes';
import { ref } from './entities';
import type { KeyAgg } from './lanes';
import { byService, ratio } from './lanes';
import { detectOnset, type Onset, type OnsetOptions } from './onset';
import { raw, sql } from './sql';
import { all } from './sql';
import { median, round } from './stats';
import type { Ctx, Signal, SignalKind } from './types';

type Metric = 'error_rate' | 'warn_rate' | 'latency' | 'traffic' | 'tokens_per_call' | 'cost_per_call';

interface SeriesSpec {
  metric: Metric;
  kind: SignalKind;
  label: string;
  symptom: boolean;
}

const LANE_SPECS: Record<EventLaneId, SeriesSpec[]> = {
  traces: [
    { metric: 'error_rate', kind: 'error_rate', label: 'error rate', symptom: true },
    { metric: 'latency', kind: 'latency', label: 'mean latency', symptom: true },
    { metric: 'traffic', kind: 'traffic', label: 'request rate', symptom: false },
  ],
  llm: [
    { metric: 'error_rate', kind: 'llm_error', label: 'LLM call error rate', symptom: true },
    { metric: 'warn_rate', kind: 'invalid_output', label: 'invalid structured-output rate', symptom: true },
    { metric: 'latency', kind: 'latency', label: 'LLM call latency', symptom: true },
    { metric: 'tokens_per_call', kind: 'tokens', label: 'tokens per LLM call', symptom: false },
    { metric: 'cost_per_call', kind: 'cost', label: 'cost per LLM call', symptom: false },
    { metric: 'traffic', kind: 'traffic', label: 'LLM call rate', symptom: false },
  ],
  agent: [
    { metric: 'error_rate', kind: 'tool_error', label: 'tool error rate', symptom: true },
    { metric: 'traffic', kind: 'agent_frequency', label: 'tool call rate', symptom: false },
  ],
  logs: [{ metric: 'error_rate', kind: 'log_error', label: 'error-log rate', symptom: true }],
  alerts: [],
  changes: [],
};

function values(g: KeyAgg, m: Metric, minCount: number): (number | null)[] {
  switch (m) {
    case 'error_rate':
      return ratio(g.errors, g.count, minCount);
    case 'warn_rate':
      return ratio(g.warns, g.count, minCount);
    case 'latency':
      return ratio(g.durSum, g.durN, minCount);
    case 'traffic':
      return Array.from(g.count);
    case 'tokens_per_call':
      return ratio(g.tokens, g.count, minCount);
    case 'cost_per_call':
      return ratio(g.cost, g.count, minCount);
  }
}

function optionsFor(m: Metric, vals: readonly (number | null)[], g: KeyAgg): OnsetOptions | null {
  const present = vals.filter((v): v is number => v !== null);
  if (present.length < 8) return null;
  const med = median(present);
  switch (m) {
    case 'error_rate':
    case 'warn_rate': {
      // Binomial noise of the early part of the window (the incident itself must not widen it).
      const bad = m === 'error_rate' ? g.errors : g.warns;
      const early = Math.max(5, Math.floor(0.35 * g.count.length));
      const n0 = sum(g.count.subarray(0, early));
      const p = Math.max(0.002, n0 > 0 ? sum(bad.subarray(0, early)) / n0 : sum(bad) / Math.max(1, g.total));
      const perBucket = Math.max(1, (n0 > 0 ? n0 / early : g.total / Math.max(1, present.length)));
      return { direction: 'up', floor: 0.005 + Math.sqrt((p * (1 - p)) / perBucket), minAbsolute: 0.02, minRelative: 0.5 };
    }
    case 'latency':
      return { direction: 'up', floor: 0.05 * med, minRelative: 0.3 };
    case 'traffic':
      return { direction: 'both', floor: Math.sqrt(Math.max(1, med)) + 1, minRelative: 0.4, minAbsolute: 3 };
    case 'tokens_per_call':
    case 'cost_per_call':
      return { direction: 'up', floor: 0.05 * med, minRelative: 0.3 };
  }
}

const sum = (a: Float64Array): number => a.reduce((s, x) => s + x, 0);

function entitiesOf(lane: EventLaneId, g: KeyAgg): string[] {
  const svc = ref('service', g.service);
  if (g.name === '*' || g.name === '(other)') return [svc];
  switch (lane) {
    case 'traces':
      return [ref('endpoint', `${g.service} ${g.name}`), svc];
    case 'llm':
      return [ref('model', g.name), svc];
    case 'agent':
      return [ref('tool', g.name), svc];
    default:
      return [svc];
  }
}

function describe(lane: EventLaneId, g: KeyAgg): string {
  if (g.name === '*') return g.service;
  switch (lane) {
    case 'traces':
      return `${g.service} ${g.name}`;
    case 'llm':
      return `${g.service} → model ${g.name}`;
    case 'agent':
      return `${g.service} → tool ${g.name}`;
    default:
      return g.service;
  }
}

const fmt = (m: Metric, v: number): string => {
  if (m === 'error_rate' || m === 'warn_rate') return `${round(v * 100, 1)}%`;
  if (m === 'latency') return `${Math.round(v)} ms`;
  if (m === 'cost_per_call') return `$${v.toPrecision(3)}`;
  if (m === 'traffic') return `${Math.round(v)}/bucket`;
  return `${Math.round(v)}`;
};

/** Signals of one lane: per service, then per (service, name) key when it adds something. */
export function laneSignals(ctx: Ctx, lane: EventLaneId, keys: readonly KeyAgg[]): Signal[] {
  const { frame } = ctx;
  const out: Signal[] = [];
  const services = byService(keys, frame.n);
  const keyCount = new Map<string, number>();
  for (const k of keys) keyCount.set(k.service, (keyCount.get(k.service) ?? 0) + 1);
  // A service with one key is analysed through that key (which names the model, tool or endpoint too).
  const groups: { g: KeyAgg; perKey: boolean }[] = [
    ...services.filter((g) => lane === 'logs' || (keyCount.get(g.service) ?? 0) > 1).map((g) => ({ g, perKey: false })),
    ...(lane === 'logs' ? [] : keys.filter((k) => k.name !== '(other)').slice(0, 200).map((g) => ({ g, perKey: (keyCount.get(g.service) ?? 0) > 1 }))),
  ];
  const found: { g: KeyAgg; spec: SeriesSpec; onset: Onset; perKey: boolean }[] = [];
  for (const { g, perKey } of groups) {
    for (const spec of LANE_SPECS[lane]) {
      const minCount = spec.metric === 'traffic' ? 0 : 5;
      const vals = values(g, spec.metric, minCount);
      const opts = optionsFor(spec.metric, vals, g);
      if (opts === null) continue;
      const onset = detectOnset(vals, opts);
      if (onset === null || onset.strength < 0.08) continue;
      found.push({ g, spec, onset, perKey });
    }
  }
  found.sort((a, b) => b.onset.strength - a.onset.strength || a.onset.index - b.onset.index);
  let perKeyKept = 0;
  for (const f of found.slice(0, 80)) {
    if (f.perKey && ++perKeyKept > 40) continue;
    const s = toSignal(ctx, lane, f.g, f.spec, f.onset);
    if (s !== null) out.push(s);
  }
  return out;
}

function toSignal(ctx: Ctx, lane: EventLaneId, g: KeyAgg, spec: SeriesSpec, o: Onset): Signal | null {
  const { frame, book } = ctx;
  const at = frame.at(o.index);
  const where = sql`lane = ${lane} AND service = ${g.service}${raw(g.name === '*' ? '' : sql` AND name = ${g.name}`)}`;
  const bucketed = sql`SELECT (ts - ${frame.from}) / ${frame.bucketMs} AS bucket, count(*) AS n, sum(status = 'error') AS errors,
      sum(status = 'warn') AS warns, avg(dur_ms) AS mean_ms, sum(tokens) AS tokens, sum(cost_usd) AS cost_usd
    FROM events WHERE ${raw(where)} AND ts >= ${frame.from} AND ts < ${frame.to} GROUP BY bucket ORDER BY bucket`;
  const statusFilter = spec.metric === 'error_rate' ? " AND status = 'error'" : spec.metric === 'warn_rate' ? " AND status = 'warn'" : '';
  const ids = all<{ id: number }>(
    ctx.db,
    sql`SELECT id FROM events WHERE ${raw(where + statusFilter)} AND ts >= ${at} AND ts < ${Math.min(frame.to, at + 5 * frame.bucketMs)} ORDER BY ts LIMIT 20`,
  ).map((r) => r.id);
  const dirWord = o.direction === 'up' ? 'rose' : 'fell';
  const summary = `${spec.label} of ${describe(lane, g)} ${dirWord} from ${fmt(spec.metric, o.baseline)} to ${fmt(spec.metric, o.observed)} at ${iso(at)}${o.noisy ? ' (a noisy series)' : ''}`;
  const symptom = spec.symptom && (spec.metric !== 'latency' || o.direction === 'up');
  const kind: SignalKind = spec.metric === 'traffic' && o.direction === 'down' && o.observed < 0.2 * o.baseline ? 'error_rate' : spec.kind;
  const id = book.add({
    kind: spec.kind === 'tool_error' || spec.kind === 'invalid_output' || spec.kind === 'llm_error' ? 'monitor' : 'anomaly',
    summary,
    entities: entitiesOf(lane, g),
    at,
    eventIds: ids,
    sql: bucketed,
    strength: o.strength,
    facts: {
      series: spec.label,
      baseline: o.baseline,
      observed: o.observed,
      peak: o.peak,
      robust_z: round(o.z, 2),
      direction: o.direction,
      onset_bucket: o.index,
      bucket_ms: frame.bucketMs,
      noisy_baseline: o.noisy,
      baseline_max_z: round(o.preMaxZ, 2),
      events: g.total,
    },
  });
  if (id === null) return null;
  return {
    evidenceId: id,
    kind,
    entities: entitiesOf(lane, g),
    at,
    strength: o.strength * (spec.metric === 'traffic' ? 0.6 : 1),
    symptom: symptom || kind === 'error_rate',
    direction: o.direction,
    detail: { lane, metric: spec.metric, service: g.service, name: g.name, baseline: o.baseline, observed: o.observed },
  };
}

export const iso = (t: number): string => new Date(t).toISOString().replace('.000Z', 'Z');
