/**
 * Log error signatures: warning and error logs (plus Xid, OOM, throttling and certificate lines of
 * any severity) mined into templates, each with first-seen time, count and whether it is new or
 * surged against the early part of the window. Sampled 1-in-k beyond ~12,000 lines (Xid lines
 * are always read).
 */
import { classifyText } from './classify';
import { labelRefs, ref } from './entities';
import { iso } from './event-series';
import { cmp } from './lanes';
import { detectOnset } from './onset';
import { all, get, raw, sampleWhere, sql } from './sql';
import { median } from './stats';
import { mineTemplates, type LogLine, type Template } from './templates';
import type { Ctx, Signal } from './types';

export interface LogRow {
  id: number;
  ts: number;
  service: string;
  status: string;
  name: string;
}

/** Xid lines are read whatever their severity (kernel logs often carry them as info). */
const RARE = "name LIKE '%xid%'";

export function fetchLogs(ctx: Ctx, problemLogs: number): { rows: LogRow[]; stride: number; query: string } {
  const { frame } = ctx;
  const stride = Math.max(1, Math.ceil(problemLogs / 12_000));
  const pick = `(status != 'ok' AND ${sampleWhere(stride)})`;
  const query = sql`SELECT id, ts, service, status, name FROM events WHERE lane = 'logs' AND ts >= ${frame.from} AND ts < ${frame.to}
    AND (${raw(pick)} OR ${raw(RARE)}) ORDER BY ts, id LIMIT 200000`;
  return { rows: all<LogRow>(ctx.db, query), stride, query };
}

/** Warning + error logs in the window from the minute rollups (to size the sample without a scan). */
export function problemLogCount(ctx: Ctx): number {
  const { frame } = ctx;
  const r = get<{ n: number | null }>(
    ctx.db,
    sql`SELECT sum(errors) + sum(warns) AS n FROM event_rollups WHERE lane = 'logs' AND level = 60000 AND bucket_ts >= ${frame.from - 60_000} AND bucket_ts < ${frame.to}`,
  );
  return r?.n ?? 0;
}

/** Error logs per bucket and service (from the fetched lines, scaled by the sampling stride). */
export function errorLogSignals(ctx: Ctx, rows: readonly LogRow[], stride: number, query: string): Signal[] {
  const { frame } = ctx;
  const per = new Map<string, { n: Float64Array; ids: number[] }>();
  for (const r of rows) {
    if (r.status !== 'error') continue;
    const e = per.get(r.service) ?? per.set(r.service, { n: new Float64Array(frame.n), ids: [] }).get(r.service);
    if (e === undefined) continue;
    const b = frame.idx(r.ts);
    e.n[b] = (e.n[b] ?? 0) + stride;
  }
  const out: Signal[] = [];
  for (const [service, e] of [...per.entries()].sort((a, b) => cmp(a[0], b[0]))) {
    const vals = Array.from(e.n);
    const o = detectOnset(vals, { direction: 'up', floor: Math.sqrt(Math.max(1, median(vals))) + 1, minAbsolute: 3, minRelative: 1 });
    if (o === null || o.strength < 0.1) continue;
    const at = frame.at(o.index);
    const ids = rows.filter((r) => r.service === service && r.status === 'error' && r.ts >= at).slice(0, 20).map((r) => r.id);
    const id = ctx.book.add({
      kind: 'anomaly',
      summary: `error logs of ${service} rose from ${Math.round(o.baseline)} to ${Math.round(o.observed)} per ${Math.round(frame.bucketMs / 1000)} s at ${iso(at)}${stride > 1 ? ' (estimated from a sample)' : ''}`,
      entities: [ref('service', service)],
      at,
      eventIds: ids,
      sql: query,
      strength: o.strength,
      facts: { baseline: o.baseline, observed: o.observed, robust_z: o.z, stride },
    });
    if (id !== null) out.push({ evidenceId: id, kind: 'log_error', entities: [ref('service', service)], at, strength: o.strength, symptom: true, direction: 'up' });
  }
  return out;
}

export interface LogFindings {
  signals: Signal[];
  templates: Template[];
}

export function logSignals(ctx: Ctx, rows: readonly LogRow[], stride: number, query: string): LogFindings {
  const { frame } = ctx;
  const lines: LogLine[] = rows.map((r) => ({ id: r.id, ts: r.ts, service: r.service, text: r.name }));
  const templates = mineTemplates(lines, frame.n, frame.idx);
  const signals: Signal[] = [];
  const split = frame.from + 0.2 * (frame.to - frame.from);
  const scored: { t: Template; at: number; strength: number; isNew: boolean; before: number; after: number }[] = [];
  for (const t of templates.slice(0, 300)) {
    if (t.count < 3) continue;
    const vals = Array.from(t.buckets);
    const med = median(vals);
    const o = detectOnset(vals, { direction: 'up', floor: Math.sqrt(Math.max(1, med)) + 1, minAbsolute: 2, minRelative: 1 });
    const isNew = t.firstSeen >= split;
    let at: number;
    let strength: number;
    if (o !== null && !isNew) {
      at = frame.at(o.index);
      strength = Math.min(0.7, o.strength * 0.9);
    } else if (isNew) {
      at = t.firstSeen;
      strength = Math.min(0.7, 0.12 + 0.15 * Math.log10(t.count * stride));
    } else continue;
    if (strength < 0.1) continue;
    const before = vals.slice(0, frame.idx(at)).reduce((s, x) => s + x, 0);
    scored.push({ t, at, strength, isNew, before, after: t.count - before });
  }
  scored.sort((a, b) => b.strength - a.strength || a.at - b.at || cmp(a.t.id, b.t.id));
  for (const s of scored.slice(0, 25)) {
    const cls = classifyText(s.t.text);
    const extra = attrEntities(ctx, s.t.sampleIds.slice(0, 3));
    const entities = [...extra, ...s.t.services.slice(0, 5).map((x) => ref('service', x))];
    const id = ctx.book.add({
      kind: 'log_signature',
      summary: `${s.isNew ? 'new log signature' : 'log signature surged'} (${s.t.count * stride}${stride > 1 ? ' est.' : ''} lines, first seen ${iso(s.t.firstSeen)}${s.isNew ? '' : `, rising from ${iso(s.at)}`}) in ${s.t.services.slice(0, 3).join(', ')}: ${s.t.text.slice(0, 300)}`,
      entities,
      at: s.at,
      eventIds: s.t.sampleIds,
      sql: query,
      strength: s.strength,
      facts: { template: s.t.text.slice(0, 500), template_id: s.t.id, count: s.t.count * stride, first_seen: s.t.firstSeen, last_seen: s.t.lastSeen, new: s.isNew, before_onset: s.before, after_onset: s.after, class: cls, stride },
    });
    if (id !== null)
      signals.push({ evidenceId: id, kind: 'log_error', entities, at: s.at, strength: s.strength, symptom: true, direction: 'up', failureClass: cls, detail: { template: s.t.text.slice(0, 200), templateId: s.t.id, new: s.isNew } });
  }
  return { signals, templates };
}

/** Entities named in the attributes of a few sample log events (pod, node, workload…). */
function attrEntities(ctx: Ctx, ids: readonly number[]): string[] {
  if (ids.length === 0) return [];
  const out: string[] = [];
  for (const r of all<{ a: string | null }>(ctx.db, `SELECT json_extract(body, '$.attrs') AS a FROM events WHERE id IN (${ids.map((i) => Math.trunc(i)).join(', ')})`)) {
    if (r.a === null) continue;
    try {
      const attrs = JSON.parse(r.a) as unknown;
      if (typeof attrs === 'object' && attrs !== null) for (const e of labelRefs(attrs as Record<string, unknown>)) if (!out.includes(e)) out.push(e);
    } catch {
      // attributes are JSON written by the store; nothing to do if not
    }
  }
  return out.slice(0, 8);
}

export const templatesOf = (f: LogFindings): string[] => f.templates.slice(0, 30).map((t) => t.id);
