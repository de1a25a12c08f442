/**
 * Agent actions in detail: how tool errors split by outcome (invalid arguments and denials point
 * at the agent, timeouts and errors at the tool's backend), tool calls per trace (loops), and
 * tool combinations never seen in the baseline part of the window.
 */
import { ref } from './entities';
import { iso } from './event-series';
import { FLAG_INJECTION_SUSPECT } from '../store/flags';
import { cmp } from './lanes';
import { detectOnset } from './onset';
import { all, raw, sql } from './sql';
import { median, round } from './stats';
import type { Ctx, Signal } from './types';

export interface OutcomeMix {
  tool: string;
  service: string;
  outcomes: Record<string, number>;
}

/** Actions the injection prefilter flagged at ingest (text-bearing ones; see src/core/store/flags.ts). */
const FLAGGED = `(flags & ${FLAG_INJECTION_SUSPECT})`;

export interface AgentRow {
  id: number;
  ts: number;
  service: string;
  name: string;
  status: string;
  trace_id: string | null;
  outcome: string | null;
  traced: number;
  suspect: string | null;
}

/**
 * One pass over the window's agent actions: every failed action (with its outcome), the actions
 * of a sample of traces (by the trace id's last hex digit; all of them below ~15k actions), and
 * every action the injection prefilter flags.
 */
export function fetchAgentRows(ctx: Ctx, actions: number): { rows: AgentRow[]; query: string } {
  const { frame } = ctx;
  const traced = traceFilter(actions);
  const query = sql`SELECT id, ts, service, name, status, trace_id, CASE WHEN status = 'error' THEN json_extract(body, '$.outcome') END AS outcome,
      CASE WHEN ${raw(traced)} THEN 1 ELSE 0 END AS traced, CASE WHEN ${raw(FLAGGED)} THEN body END AS suspect
    FROM events WHERE lane = 'agent' AND ts >= ${frame.from} AND ts < ${frame.to} AND (status = 'error' OR ${raw(traced)} OR ${raw(FLAGGED)})`;
  return { rows: all<AgentRow>(ctx.db, query), query };
}

/** Error outcomes per (service, tool) in the window. */
export function outcomeMix(rows: readonly AgentRow[]): OutcomeMix[] {
  const m = new Map<string, OutcomeMix>();
  for (const r of rows) {
    if (r.status !== 'error') continue;
    const k = `${r.service}\u0000${r.name}`;
    const e = m.get(k) ?? m.set(k, { tool: r.name, service: r.service, outcomes: {} }).get(k);
    if (e !== undefined) e.outcomes[r.outcome ?? 'error'] = (e.outcomes[r.outcome ?? 'error'] ?? 0) + 1;
  }
  return [...m.values()].sort((a, b) => cmp(a.service + a.tool, b.service + b.tool));
}

/** Share of a tool's errors that are the agent's doing (invalid arguments, denied). */
export function misuseShare(m: OutcomeMix | undefined): number {
  if (m === undefined) return 0;
  const total = Object.values(m.outcomes).reduce((s, x) => s + x, 0);
  return total === 0 ? 0 : ((m.outcomes.invalid_args ?? 0) + (m.outcomes.denied ?? 0)) / total;
}

interface TraceRow {
  trace_id: string;
  t: number;
  n: number;
  tools: string;
  service: string;
}

/** Condition keeping the actions of a sample of traces, by the trace id's last hex digit (all below ~15k actions). */
function traceFilter(actions: number): string {
  const keep = Math.max(1, Math.min(16, Math.ceil((16 * 15_000) / Math.max(1, actions))));
  if (keep >= 16) return 'trace_id IS NOT NULL';
  const digits = '0123456789abcdef'.slice(0, keep).split('');
  return `lower(substr(trace_id, -1)) IN (${digits.map((d) => `'${d}'`).join(', ')})`;
}

export function agentTraceSignals(ctx: Ctx, agentRows: readonly AgentRow[], query: string): Signal[] {
  const { frame } = ctx;
  const traces = new Map<string, TraceRow>();
  for (const r of agentRows) {
    if (r.traced !== 1 || r.trace_id === null) continue;
    const t = traces.get(r.trace_id);
    if (t === undefined) traces.set(r.trace_id, { trace_id: r.trace_id, t: r.ts, n: 1, tools: r.name, service: r.service });
    else {
      t.t = Math.min(t.t, r.ts);
      t.n++;
      if (!t.tools.split(',').includes(r.name)) t.tools += `,${r.name}`;
    }
  }
  const rows = [...traces.values()];
  if (rows.length < 20) return [];
  const out: Signal[] = [];

  // Tool calls per trace.
  const sum = new Float64Array(frame.n);
  const cnt = new Float64Array(frame.n);
  for (const r of rows) {
    const b = frame.idx(r.t);
    sum[b] = (sum[b] ?? 0) + r.n;
    cnt[b] = (cnt[b] ?? 0) + 1;
  }
  const vals = Array.from(sum, (x, i) => ((cnt[i] ?? 0) >= 3 ? x / (cnt[i] ?? 1) : null));
  const med = median(vals.filter((v): v is number => v !== null));
  const o = detectOnset(vals, { direction: 'up', floor: Math.max(0.2, 0.1 * med), minRelative: 0.5 });
  if (o !== null && o.strength >= 0.08) {
    const at = frame.at(o.index);
    const heavy = rows.filter((r) => r.t >= at && r.n >= 2 * Math.max(1, o.baseline)).sort((a, b) => b.n - a.n || cmp(a.trace_id, b.trace_id));
    const services = [...new Set(heavy.map((r) => r.service))].sort().slice(0, 3);
    const tools = topTools(heavy);
    const entities = [...tools.map((t) => ref('tool', t)), ...services.map((s) => ref('service', s))];
    const id = ctx.book.add({
      kind: 'monitor',
      summary: `agent action frequency: tool calls per trace rose from ${round(o.baseline, 2)} to ${round(o.observed, 2)} at ${iso(at)}${heavy[0] ? ` (up to ${heavy[0].n} in one trace)` : ''}`,
      entities,
      at,
      sql: query,
      strength: o.strength,
      facts: { monitor: 'tool calls per trace', baseline: o.baseline, observed: o.observed, max_per_trace: heavy[0]?.n ?? null, traces: rows.length },
    });
    if (id !== null) out.push({ evidenceId: id, kind: 'agent_frequency', entities, at, strength: o.strength, symptom: false, direction: 'up' });
  }

  // Tool combinations absent from the baseline (first 40% of the window).
  const split = frame.from + 0.4 * (frame.to - frame.from);
  const seen = new Set<string>();
  const later = new Map<string, { n: number; first: number; service: string }>();
  let laterTraces = 0;
  for (const r of rows) {
    const combo = r.tools.split(',').sort().join('+');
    if (r.t < split) seen.add(combo);
    else {
      laterTraces++;
      const e = later.get(combo) ?? later.set(combo, { n: 0, first: r.t, service: r.service }).get(combo);
      if (e !== undefined) {
        e.n++;
        e.first = Math.min(e.first, r.t);
      }
    }
  }
  if (seen.size === 0) return out;
  const novel = [...later.entries()]
    .filter(([c, e]) => !seen.has(c) && e.n >= Math.max(3, 0.005 * laterTraces) && c.includes('+'))
    .sort((a, b) => b[1].n - a[1].n || cmp(a[0], b[0]))
    .slice(0, 3);
  for (const [combo, e] of novel) {
    const tools = combo.split('+');
    const share = e.n / Math.max(1, laterTraces);
    const strength = Math.min(0.8, 0.25 + 4 * share);
    const entities = [...tools.map((t) => ref('tool', t)), ref('service', e.service)];
    const id = ctx.book.add({
      kind: 'monitor',
      summary: `unexpected tool combination ${tools.join(' + ')} in ${e.n} traces from ${iso(e.first)} (never in the first 40% of the window)`,
      entities,
      at: e.first,
      sql: query,
      strength,
      facts: { monitor: 'unexpected tool combinations', combination: combo, traces: e.n, share: round(share, 4) },
    });
    if (id !== null) out.push({ evidenceId: id, kind: 'tool_combo', entities, at: e.first, strength, symptom: false, direction: 'up' });
  }
  return out;
}

function topTools(rows: readonly TraceRow[]): string[] {
  const c = new Map<string, number>();
  for (const r of rows.slice(0, 200)) for (const t of r.tools.split(',')) c.set(t, (c.get(t) ?? 0) + 1);
  return [...c.entries()].sort((a, b) => b[1] - a[1] || cmp(a[0], b[0])).slice(0, 3).map(([t]) => t);
}
