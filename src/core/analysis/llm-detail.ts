/**
 * LLM calls in detail, from a bounded sample (every k-th row, so about 12,000 rows whatever the
 * volume) plus every row the injection prefilter lets through: provider error rates, refusal and
 * policy-violation rates, output tokens, prompt-version and model regressions, and cost per call
 * against up to 7 days of history.
 */
import { ref } from './entities';
import { iso } from './event-series';
import { FLAG_INJECTION_SUSPECT } from '../store/flags';
import { cmp } from './lanes';
import { detectOnset } from './onset';
import { isPolicyViolation, isRefusal } from './refusal';
import { all, get, raw, sampleWhere, sql } from './sql';
import { median, round, strengthOfZ } from './stats';
import type { Ctx, Signal, SignalKind } from './types';

export interface LlmRow {
  id: number;
  ts: number;
  service: string;
  status: string;
  trace_id: string | null;
  model: string;
  provider: string | null;
  pv: string | null;
  fr: string | null;
  et: string | null;
  ov: number | null;
  ot: number | null;
  cost_usd: number | null;
  dur_ms: number | null;
  op: string | null;
  pol: string | null;
  sampled: number;
  suspect: string | null;
}

const SAMPLE_TARGET = 12_000;

/**
 * LLM calls the injection prefilter flagged at ingest (text-bearing calls whose text may hold an
 * injection; see src/core/store/flags.ts). `flags > 0` lets SQLite use the small partial index
 * `events_flagged`; the bit test then picks the flag.
 */
const FLAGGED = `flags > 0 AND flags & ${FLAG_INJECTION_SUSPECT}`;

export function strideFor(count: number): number {
  return Math.max(1, Math.ceil(count / SAMPLE_TARGET));
}

export function laneCount(ctx: Ctx, lane: string): number {
  const r = get<{ n: number }>(ctx.db, sql`SELECT count(*) AS n FROM events WHERE lane = ${lane} AND ts >= ${ctx.frame.from} AND ts < ${ctx.frame.to}`);
  return r?.n ?? 0;
}

export function llmRowsQuery(ctx: Ctx, stride: number): string {
  const { frame } = ctx;
  const sampled = sampleWhere(stride);
  // Two arms so each uses its own index: the sample (by id, from the lane index) and the rows
  // the prefilter flagged outside the sample (from the partial index). Ordered as one scan would be.
  const columns = `id, ts, service, status, trace_id, name AS model, json_extract(body, '$.provider') AS provider,
      json_extract(body, '$.promptVersion') AS pv, json_extract(body, '$.finishReason') AS fr, json_extract(body, '$.errorType') AS et,
      json_extract(body, '$.outputValid') AS ov, json_extract(body, '$.outputTokens') AS ot, cost_usd, dur_ms,
      substr(json_extract(body, '$.outputPreview'), 1, 400) AS op,
      CASE WHEN body LIKE '%policy%' OR body LIKE '%guardrail%' OR body LIKE '%moderation%' OR body LIKE '%safety%' THEN json_extract(body, '$.attrs') END AS pol`;
  return sql`SELECT ${raw(columns)}, 1 AS sampled, CASE WHEN ${raw(FLAGGED)} THEN body END AS suspect
    FROM events WHERE lane = 'llm' AND ts >= ${frame.from} AND ts < ${frame.to} AND ${raw(sampled)}
    UNION ALL
    SELECT ${raw(columns)}, 0 AS sampled, body AS suspect
    FROM events WHERE lane = 'llm' AND ts >= ${frame.from} AND ts < ${frame.to} AND ${raw(FLAGGED)} AND NOT (${raw(sampled)})
    ORDER BY ts, id`;
}

interface Tally {
  n: Float64Array;
  bad: Float64Array;
  total: number;
  badTotal: number;
  first: number;
  ids: number[];
}

function tally(n: number): Tally {
  return { n: new Float64Array(n), bad: new Float64Array(n), total: 0, badTotal: 0, first: Infinity, ids: [] };
}

function bump(t: Tally, b: number, bad: boolean, ts: number, id: number): void {
  t.n[b] = (t.n[b] ?? 0) + 1;
  t.total++;
  t.first = Math.min(t.first, ts);
  if (bad) {
    t.bad[b] = (t.bad[b] ?? 0) + 1;
    t.badTotal++;
    if (t.ids.length < 20) t.ids.push(id);
  }
}

export function llmSignals(ctx: Ctx, rows: readonly LlmRow[], stride: number, query: string): Signal[] {
  const { frame } = ctx;
  const sample = rows.filter((r) => r.sampled === 1);
  const out: Signal[] = [];
  const per = (key: (r: LlmRow) => string | null, bad: (r: LlmRow) => boolean): Map<string, Tally> => {
    const m = new Map<string, Tally>();
    for (const r of sample) {
      const k = key(r);
      if (k === null) continue;
      let t = m.get(k);
      if (t === undefined) {
        t = tally(frame.n);
        m.set(k, t);
      }
      bump(t, frame.idx(r.ts), bad(r), r.ts, r.id);
    }
    return new Map([...m.entries()].sort((a, b) => cmp(a[0], b[0])));
  };
  const quality = (r: LlmRow): boolean => r.status === 'error' || r.ov === 0 || isRefusal(r.fr, r.op);
  const rateSignal = (kind: SignalKind, label: string, tallies: Map<string, Tally>, entities: (k: string) => string[], symptom: boolean): void => {
    for (const [k, t] of tallies) {
      if (t.badTotal < 3) continue;
      const vals = Array.from(t.n, (x, i) => (x >= 3 ? (t.bad[i] ?? 0) / x : null));
      const early = Math.max(5, Math.floor(0.35 * frame.n));
      const n0 = t.n.subarray(0, early).reduce((a, x) => a + x, 0);
      const p = Math.max(0.002, n0 > 0 ? t.bad.subarray(0, early).reduce((a, x) => a + x, 0) / n0 : t.badTotal / Math.max(1, t.total));
      const perBucket = n0 > 0 ? n0 / early : t.total / frame.n;
      const o = detectOnset(vals, { direction: 'up', floor: 0.005 + Math.sqrt((p * (1 - p)) / Math.max(1, perBucket)), minAbsolute: 0.02, minRelative: 0.5 });
      if (o === null || o.strength < 0.08) continue;
      const at = frame.at(o.index);
      const id = ctx.book.add({
        kind: 'monitor',
        summary: `${label} of ${k} rose from ${round(o.baseline * 100, 1)}% to ${round(o.observed * 100, 1)}% at ${iso(at)}${stride > 1 ? ` (1 in ${stride} calls sampled)` : ''}`,
        entities: entities(k),
        at,
        eventIds: t.ids,
        sql: query,
        strength: o.strength,
        facts: { monitor: label, baseline: o.baseline, observed: o.observed, robust_z: round(o.z, 2), sampled_calls: t.total, bad_calls: t.badTotal, stride },
      });
      if (id !== null) out.push({ evidenceId: id, kind, entities: entities(k), at, strength: o.strength, symptom, direction: 'up' });
    }
  };

  // Provider error rate (outages, rate limits): per provider, across models.
  const providerModels = new Map<string, Set<string>>();
  for (const r of sample) if (r.provider !== null) (providerModels.get(r.provider) ?? providerModels.set(r.provider, new Set()).get(r.provider))?.add(r.model);
  rateSignal('llm_error', 'LLM provider error rate', per((r) => r.provider, (r) => r.status === 'error'), (k) => [ref('provider', k), ...[...(providerModels.get(k) ?? [])].slice(0, 5).map((m) => ref('model', m))], true);
  rateSignal('refusal', 'refusal rate', per((r) => r.service, (r) => isRefusal(r.fr, r.op)), (k) => [ref('service', k)], true);
  rateSignal('policy_violation', 'policy-violation rate', per((r) => r.service, (r) => isPolicyViolation(r.fr, r.et, r.pol)), (k) => [ref('service', k)], true);

  out.push(...outputTokenSignals(ctx, sample, stride, query));
  out.push(...dimensionSignals(ctx, sample, stride, query));
  out.push(...versionRegressions(ctx, sample, 'pv', quality, query));
  out.push(...versionRegressions(ctx, sample, 'model', quality, query));
  const hist = costHistory(ctx, rows.length === 0 ? 0 : sample.reduce((s, r) => s + (r.cost_usd ?? 0), 0) / Math.max(1, sample.length));
  if (hist !== null) out.push(hist);
  return out;
}

function outputTokenSignals(ctx: Ctx, sample: readonly LlmRow[], stride: number, query: string): Signal[] {
  const { frame } = ctx;
  const groups = new Map<string, { sum: Float64Array; n: Float64Array; service: string; model: string }>();
  for (const r of sample) {
    if (r.ot === null) continue;
    const k = `${r.service}\u0000${r.model}`;
    let g = groups.get(k);
    if (g === undefined) {
      g = { sum: new Float64Array(frame.n), n: new Float64Array(frame.n), service: r.service, model: r.model };
      groups.set(k, g);
    }
    const b = frame.idx(r.ts);
    g.sum[b] = (g.sum[b] ?? 0) + r.ot;
    g.n[b] = (g.n[b] ?? 0) + 1;
  }
  const out: Signal[] = [];
  for (const g of [...groups.values()].sort((a, b) => cmp(a.service + a.model, b.service + b.model))) {
    const vals = Array.from(g.sum, (x, i) => ((g.n[i] ?? 0) >= 3 ? x / (g.n[i] ?? 1) : null));
    const med = median(vals.filter((v): v is number => v !== null));
    const o = detectOnset(vals, { direction: 'up', floor: Math.max(1, 0.05 * med), minRelative: 0.3 });
    if (o === null || o.strength < 0.08) continue;
    const at = frame.at(o.index);
    const entities = [ref('model', g.model), ref('service', g.service)];
    const id = ctx.book.add({
      kind: 'trace_stat',
      summary: `output tokens per call of ${g.service} → ${g.model} rose from ${Math.round(o.baseline)} to ${Math.round(o.observed)} at ${iso(at)}`,
      entities,
      at,
      sql: query,
      strength: o.strength,
      facts: { baseline: o.baseline, observed: o.observed, robust_z: round(o.z, 2), stride },
    });
    if (id !== null) out.push({ evidenceId: id, kind: 'tokens', entities, at, strength: o.strength, symptom: false, direction: 'up', detail: { which: 'output', service: g.service } });
  }
  return out;
}

/** Latency and cost per call per provider and per prompt version, against their own baseline. */
function dimensionSignals(ctx: Ctx, sample: readonly LlmRow[], stride: number, query: string): Signal[] {
  const { frame } = ctx;
  const out: Signal[] = [];
  const dims: { label: string; key: (r: LlmRow) => string | null; ref: (k: string, r: LlmRow) => string[] }[] = [
    { label: 'provider', key: (r) => r.provider, ref: (k) => [ref('provider', k)] },
    { label: 'prompt version', key: (r) => (r.pv === null ? null : `${r.service}@${r.pv}`), ref: (k, r) => [ref('prompt', k), ref('service', r.service)] },
  ];
  const metrics: { label: string; kind: SignalKind; value: (r: LlmRow) => number | null; symptom: boolean }[] = [
    { label: 'LLM latency', kind: 'latency', value: (r) => r.dur_ms, symptom: true },
    { label: 'cost per LLM call', kind: 'cost', value: (r) => r.cost_usd, symptom: false },
  ];
  for (const d of dims) {
    const groups = new Map<string, { rows: LlmRow[] }>();
    for (const r of sample) {
      const k = d.key(r);
      if (k !== null) (groups.get(k) ?? groups.set(k, { rows: [] }).get(k))?.rows.push(r);
    }
    for (const [k, g] of [...groups.entries()].sort((a, b) => cmp(a[0], b[0]))) {
      for (const m of metrics) {
        const sum = new Float64Array(frame.n);
        const n = new Float64Array(frame.n);
        for (const r of g.rows) {
          const v = m.value(r);
          if (v === null) continue;
          const b = frame.idx(r.ts);
          sum[b] = (sum[b] ?? 0) + v;
          n[b] = (n[b] ?? 0) + 1;
        }
        const vals = Array.from(sum, (x, i) => ((n[i] ?? 0) >= 3 ? x / (n[i] ?? 1) : null));
        const med = median(vals.filter((v): v is number => v !== null));
        const o = detectOnset(vals, { direction: 'up', floor: Math.max(1e-9, 0.05 * med), minRelative: 0.3 });
        if (o === null || o.strength < 0.15) continue;
        const at = frame.at(o.index);
        const first = g.rows[0] as LlmRow;
        const entities = d.ref(k, first);
        const id = ctx.book.add({
          kind: 'trace_stat',
          summary: `${m.label} for ${d.label} ${k} rose from ${round(o.baseline, 6)} to ${round(o.observed, 6)} at ${iso(at)}${stride > 1 ? ` (1 in ${stride} calls sampled)` : ''}`,
          entities,
          at,
          sql: query,
          strength: o.strength,
          facts: { dimension: d.label, value: k, metric: m.label, baseline: o.baseline, observed: o.observed, robust_z: round(o.z, 2), stride },
        });
        if (id !== null) out.push({ evidenceId: id, kind: m.kind, entities, at, strength: o.strength, symptom: m.symptom, direction: 'up', detail: { dimension: d.label, value: k } });
      }
    }
  }
  return out;
}

/**
 * A prompt version (or model) that appeared during the window and fails more often than the ones
 * before it, per service: a two-proportion z-test on invalid output, errors and refusals.
 */
function versionRegressions(ctx: Ctx, sample: readonly LlmRow[], dim: 'pv' | 'model', bad: (r: LlmRow) => boolean, query: string): Signal[] {
  const { frame } = ctx;
  const perService = new Map<string, Map<string, { n: number; bad: number; first: number; ids: number[] }>>();
  for (const r of sample) {
    const v = r[dim];
    if (v === null) continue;
    const m = perService.get(r.service) ?? perService.set(r.service, new Map()).get(r.service);
    if (m === undefined) continue;
    const t = m.get(v) ?? m.set(v, { n: 0, bad: 0, first: Infinity, ids: [] }).get(v);
    if (t === undefined) continue;
    t.n++;
    t.first = Math.min(t.first, r.ts);
    if (bad(r)) {
      t.bad++;
      if (t.ids.length < 20) t.ids.push(r.id);
    }
  }
  const out: Signal[] = [];
  const newAfter = frame.from + 0.1 * (frame.to - frame.from);
  for (const [service, versions] of [...perService.entries()].sort((a, b) => cmp(a[0], b[0]))) {
    if (versions.size < 2) continue;
    for (const [v, t] of [...versions.entries()].sort((a, b) => cmp(a[0], b[0]))) {
      if (t.first < newAfter || t.n < 20) continue;
      let n0 = 0;
      let b0 = 0;
      const older: string[] = [];
      for (const [w, u] of versions) {
        if (w === v || u.first >= t.first) continue;
        n0 += u.n;
        b0 += u.bad;
        older.push(w);
      }
      if (n0 < 20) continue;
      const p1 = t.bad / t.n;
      const p0 = b0 / n0;
      const p = (t.bad + b0) / (t.n + n0);
      const z = (p1 - p0) / Math.sqrt(Math.max(1e-9, p * (1 - p) * (1 / t.n + 1 / n0)));
      if (z < 4 || p1 - p0 < 0.02 || p1 < 1.5 * p0) continue;
      const strength = Math.min(1, strengthOfZ(z) * 1.2);
      const label = dim === 'pv' ? 'prompt version' : 'model';
      const entities = dim === 'pv' ? [ref('prompt', v), ref('prompt', `${service}@${v}`), ref('service', service)] : [ref('model', v), ref('service', service)];
      const id = ctx.book.add({
        kind: 'trace_stat',
        summary: `${label} ${v} of ${service} (first seen ${iso(t.first)}) fails ${round(p1 * 100, 1)}% of calls vs ${round(p0 * 100, 1)}% for ${older.join(', ')}`,
        entities,
        at: t.first,
        eventIds: t.ids,
        sql: query,
        strength,
        facts: { dimension: label, version: v, previous: older.join(', '), failure_rate: p1, previous_failure_rate: p0, z: round(z, 2), calls: t.n, previous_calls: n0 },
      });
      if (id !== null)
        out.push({ evidenceId: id, kind: 'version_regression', entities, at: t.first, strength, symptom: false, direction: 'up', detail: { dimension: dim, version: v, service, previous: older.join(',') } });
    }
  }
  return out;
}

const DAY = 86_400_000;

/** Cost per LLM call in the window against up to 7 days of history before it (from the hourly rollups). */
function costHistory(ctx: Ctx, windowCostPerCall: number): Signal | null {
  const { frame, db } = ctx;
  const histFrom = frame.from - 7 * DAY;
  const text = sql`SELECT sum(count) AS calls, sum(cost_usd) AS cost, min(bucket_ts) AS first FROM event_rollups
    WHERE lane = 'llm' AND level = 3600000 AND bucket_ts >= ${histFrom} AND bucket_ts + 3600000 <= ${frame.from}`;
  const h = get<{ calls: number | null; cost: number | null; first: number | null }>(db, text);
  if (h === undefined || h.calls === null || h.calls < 50 || h.cost === null || h.first === null || windowCostPerCall <= 0) return null;
  const base = h.cost / h.calls;
  if (base <= 0) return null;
  const ratio = windowCostPerCall / base;
  if (ratio < 1.5) return null;
  const hours = Math.round((frame.from - h.first) / 3_600_000);
  const strength = Math.min(0.9, (ratio - 1) / (ratio + 1));
  const id = ctx.book.add({
    kind: 'monitor',
    summary: `cost per LLM call in the window is ${round(ratio, 2)}× the ${hours < 168 ? `${hours}-hour` : '7-day'} history ($${windowCostPerCall.toPrecision(3)} vs $${base.toPrecision(3)})`,
    entities: [],
    at: frame.from,
    sql: text,
    strength,
    facts: { monitor: 'cost per request vs history', history_hours: hours, history_short: hours < 168, baseline_cost_per_call: base, window_cost_per_call: windowCostPerCall, ratio },
  });
  return id === null ? null : { evidenceId: id, kind: 'cost', entities: [], at: frame.from, strength, symptom: false, direction: 'up', detail: { ratio } };
}

export function fetchLlmRows(ctx: Ctx): { rows: LlmRow[]; stride: number; query: string } {
  const stride = strideFor(laneCount(ctx, 'llm'));
  const query = llmRowsQuery(ctx, stride);
  return { rows: all<LlmRow>(ctx.db, query), stride, query };
}
