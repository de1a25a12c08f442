/**
 * The `store_query` runner: a runbook's read-only question to Sitrep's own store (events of one
 * kind in the window, filtered, measured, grouped). Bounded: at most MAX_ROWS events are read,
 * and the answer says when it was cut.
 */
import { durationMs } from '../runbooks/duration';
import type { EventStore } from '../store/api';
import type { QueryOutput, QueryRunner } from './diagnostics';

const MAX_ROWS = 100_000;
const MAX_GROUPS = 50;

type Json = string | number | boolean | null;

/** A field of an event: its own (service, status, tokens…) or one of its attributes. */
function fieldOf(row: { service: string; name: string; status: string; dur_ms: number | null; tokens: number | null; cost_usd: number | null }, body: Record<string, unknown>, field: string): Json {
  if (field in body && (typeof body[field] !== 'object' || body[field] === null)) return body[field] as Json;
  const attrs = body.attrs;
  if (typeof attrs === 'object' && attrs !== null && field in attrs) {
    const v = (attrs as Record<string, unknown>)[field];
    return typeof v === 'object' && v !== null ? JSON.stringify(v) : (v as Json);
  }
  switch (field) {
    case 'service':
      return row.service;
    case 'name':
      return row.name;
    case 'status':
      return row.status;
    case 'duration_ms':
      return row.dur_ms;
    case 'tokens':
      return row.tokens;
    case 'cost_usd':
      return row.cost_usd;
  }
  return null;
}

const p95 = (xs: number[]): number | null => {
  if (xs.length === 0) return null;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil(0.95 * s.length) - 1)] ?? null;
};

export function storeRunner(store: EventStore): QueryRunner {
  return (params, window) => {
    const kind = String(params.events);
    const range = typeof params.range === 'string' ? durationMs(params.range) : null;
    const from = range === null ? window.from : Math.max(0, window.to - range);
    const where = (typeof params.where === 'object' && params.where !== null ? params.where : {}) as Record<string, Json>;
    const measure = String(params.measure);
    const field = typeof params.field === 'string' ? params.field : null;
    const groupBy = Array.isArray(params.group_by) ? params.group_by.map(String) : [];
    const limit = typeof params.limit === 'number' ? params.limit : 20;
    const rows = store.sql
      .prepare('SELECT ts, service, name, status, dur_ms, tokens, cost_usd, body FROM events WHERE kind = ? AND ts >= ? AND ts < ? ORDER BY ts LIMIT ?')
      .all(kind, from, window.to, MAX_ROWS + 1) as { ts: number; service: string; name: string; status: string; dur_ms: number | null; tokens: number | null; cost_usd: number | null; body: string }[];
    const truncated = rows.length > MAX_ROWS;
    const groups = new Map<string, { key: Record<string, Json>; n: number; errors: number; values: number[]; distinct: Set<string>; samples: Json[] }>();
    for (const r of rows.slice(0, MAX_ROWS)) {
      let body: Record<string, unknown>;
      try {
        body = JSON.parse(r.body) as Record<string, unknown>;
      } catch {
        continue;
      }
      // Template values arrive as strings: compare as text, so `false` matches "false".
      if (!Object.entries(where).every(([k, v]) => String(fieldOf(r, body, k)) === String(v))) continue;
      const key = Object.fromEntries(groupBy.map((g) => [g, fieldOf(r, body, g)]));
      const id = JSON.stringify(key);
      let g = groups.get(id);
      if (g === undefined) {
        if (groups.size >= MAX_GROUPS) continue;
        groups.set(id, (g = { key, n: 0, errors: 0, values: [], distinct: new Set(), samples: [] }));
      }
      g.n++;
      if (r.status === 'error') g.errors++;
      const v = field === null ? null : fieldOf(r, body, field);
      if (typeof v === 'number') g.values.push(v);
      if (v !== null) g.distinct.add(String(v));
      if (g.samples.length < limit) g.samples.push({ ts: r.ts, service: r.service, name: r.name.slice(0, 200), status: r.status } as unknown as Json);
    }
    const out = [...groups.values()].map((g) => {
      const value =
        measure === 'count' ? g.n : measure === 'error_rate' ? (g.n === 0 ? 0 : g.errors / g.n) : measure === 'sum' ? g.values.reduce((a, b) => a + b, 0) : measure === 'p95' ? p95(g.values) : measure === 'distinct' ? g.distinct.size : g.n;
      return { group: g.key, value, ...(measure === 'samples' ? { samples: g.samples } : {}) };
    });
    const result: QueryOutput = {
      data: { events: kind, from, to: window.to, measure, groups: out, scanned: Math.min(rows.length, MAX_ROWS), truncated } as unknown as QueryOutput['data'],
      samples: out.map((o) => (typeof o.value === 'number' ? o.value : 0)),
    };
    return Promise.resolve(result);
  };
}
