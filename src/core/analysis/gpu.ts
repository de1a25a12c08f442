/**
 * GPU and inference: Xid errors (from logs and the DCGM last-Xid gauge) with the catalogue's
 * meaning and action, thermal and power throttling (clock event reasons), framebuffer memory
 * pressure, and KV-cache saturation by level.
 */
import { decodeClockEventReasons } from '../connectors/prometheus/dcgm';
import { labelRefs, ref } from './entities';
import { iso } from './event-series';
import { cmp } from './lanes';
import type { LogRow } from './logs';
import type { SeriesData } from './metrics';
import { all, sql } from './sql';
import type { Ctx, Signal } from './types';
import { xidInText, xidInfo } from './xid';

interface XidHit {
  code: number;
  ts: number;
  id: number;
  entities: string[];
}

export function xidSignals(ctx: Ctx, logs: readonly LogRow[], logQuery: string, series: readonly SeriesData[]): Signal[] {
  const hits: XidHit[] = [];
  const candidates = logs.filter((r) => /xid/i.test(r.name)).slice(0, 500);
  if (candidates.length > 0) {
    const attrs = new Map<number, Record<string, unknown>>();
    for (const r of all<{ id: number; a: string | null }>(ctx.db, `SELECT id, json_extract(body, '$.attrs') AS a FROM events WHERE id IN (${candidates.map((c) => c.id).join(', ')})`)) {
      try {
        if (r.a !== null) attrs.set(r.id, JSON.parse(r.a) as Record<string, unknown>);
      } catch {
        // not JSON: no attributes
      }
    }
    for (const r of candidates) {
      const a = attrs.get(r.id) ?? {};
      const code = typeof a['gpu.xid'] === 'number' ? a['gpu.xid'] : xidInText(r.name);
      if (code === null || !Number.isInteger(code) || code <= 0) continue;
      const node = typeof a['host.name'] === 'string' ? a['host.name'] : typeof a['k8s.node.name'] === 'string' ? a['k8s.node.name'] : r.service;
      const gpu = typeof a['gpu.index'] === 'string' || typeof a['gpu.index'] === 'number' ? String(a['gpu.index']) : null;
      const entities = [...(gpu !== null ? [ref('gpu', `${node}/${gpu}`)] : []), ref('node', node), ...labelRefs(a).filter((e) => !e.startsWith('service:'))];
      hits.push({ code, ts: r.ts, id: r.id, entities });
    }
  }
  for (const s of series) {
    if (!/XID_ERRORS/i.test(s.name)) continue;
    s.max.forEach((v, i) => {
      if (v !== null && v > 0 && Number.isInteger(v) && (i === 0 || s.max[i - 1] !== v)) hits.push({ code: v, ts: ctx.frame.at(i), id: -1, entities: s.entities });
    });
  }
  const groups = new Map<string, XidHit[]>();
  for (const h of hits) {
    const k = `${h.entities[0] ?? ''}\u0000${h.code}`;
    (groups.get(k) ?? groups.set(k, []).get(k))?.push(h);
  }
  const out: Signal[] = [];
  for (const [, hs] of [...groups.entries()].sort((a, b) => cmp(a[0], b[0])).slice(0, 20)) {
    hs.sort((a, b) => a.ts - b.ts);
    const h0 = hs[0] as XidHit;
    const info = xidInfo(h0.code);
    const strength = info.origin === 'hardware' ? Math.min(0.95, 0.8 + 0.03 * hs.length) : info.origin === 'driver' ? 0.55 : Math.min(0.5, 0.25 + 0.05 * hs.length);
    const entities = [...new Set(hs.flatMap((h) => h.entities))].slice(0, 8);
    const id = ctx.book.add({
      kind: 'gpu',
      summary: `Xid ${h0.code} on ${entities.slice(0, 2).join(', ') || 'a GPU'} (${hs.length}×, first ${iso(h0.ts)}): ${info.meaning}. Recommended: ${info.action}`,
      entities,
      at: h0.ts,
      eventIds: hs.map((h) => h.id).filter((i) => i >= 0),
      sql: logQuery,
      strength,
      facts: { xid: h0.code, meaning: info.meaning, action: info.action, origin: info.origin, count: hs.length },
    });
    if (id !== null) out.push({ evidenceId: id, kind: 'xid', entities, at: h0.ts, strength, symptom: false, direction: 'up', failureClass: 'gpu', detail: { xid: h0.code, origin: info.origin } });
  }
  return out;
}

const THERMAL_BITS = ['hw_slowdown', 'sw_thermal', 'hw_thermal'];
const POWER_BITS = ['sw_power_cap', 'hw_power_brake'];

/** Clock event reasons per GPU: thermal or power throttling that was not there in the baseline. */
export function throttleSignals(ctx: Ctx, series: readonly SeriesData[]): Signal[] {
  const { frame, db } = ctx;
  const out: Signal[] = [];
  const split = Math.max(3, Math.floor(frame.n * 0.35));
  for (const s of series.filter((x) => /CLOCK_THROTTLE_REASONS|CLOCKS_EVENT_REASONS/i.test(x.name)).slice(0, 256)) {
    const text = sql`SELECT ts, value FROM metric_points WHERE series_id = ${s.id} AND ts >= ${frame.from} AND ts < ${frame.to} ORDER BY ts`;
    const thermal = new Array<boolean | null>(frame.n).fill(null);
    const power = new Array<boolean | null>(frame.n).fill(null);
    const reasons = new Set<string>();
    for (const p of all<{ ts: number; value: number }>(db, text)) {
      const b = frame.idx(p.ts);
      const names = decodeClockEventReasons(p.value);
      const th = names.some((n) => THERMAL_BITS.includes(n));
      const pw = names.some((n) => POWER_BITS.includes(n));
      thermal[b] = (thermal[b] ?? false) || th;
      power[b] = (power[b] ?? false) || pw;
      if (b >= split) for (const n of names) reasons.add(n);
    }
    for (const [kind, flags, label] of [
      ['gpu_throttle_thermal', thermal, 'thermal'],
      ['gpu_throttle_power', power, 'power'],
    ] as const) {
      const before = flags.slice(0, split).filter((f) => f !== null);
      const after = flags.slice(split).filter((f) => f !== null);
      if (after.length === 0) continue;
      const shareBefore = before.length === 0 ? 0 : before.filter(Boolean).length / before.length;
      const shareAfter = after.filter(Boolean).length / after.length;
      if (shareAfter < 0.15 || shareAfter <= shareBefore + 0.1) continue;
      const firstIdx = flags.findIndex((f, i) => i >= split && f === true);
      const at = frame.at(firstIdx < 0 ? split : firstIdx);
      const strength = Math.min(0.9, (shareBefore < 0.05 ? 0.55 : 0.3) + 0.4 * shareAfter);
      const id = ctx.book.add({
        kind: 'gpu',
        summary: `${label} throttling on ${s.entities[0] ?? `series ${s.id}`} from ${iso(at)}: ${Math.round(shareAfter * 100)}% of buckets (baseline ${Math.round(shareBefore * 100)}%); reasons ${[...reasons].sort().join(', ')}`,
        entities: s.entities,
        at,
        seriesIds: [s.id],
        sql: text,
        strength,
        facts: { throttle: label, share_after: shareAfter, share_before: shareBefore, reasons: [...reasons].sort().join(',') },
      });
      if (id !== null) out.push({ evidenceId: id, kind, entities: s.entities, at, strength, symptom: false, direction: 'up', failureClass: 'thermal' });
    }
  }
  return out;
}

/** Framebuffer nearly full (used / (used + free) ≥ 95%) on a GPU where it was not in the baseline. */
export function gpuMemorySignals(ctx: Ctx, series: readonly SeriesData[]): Signal[] {
  const { frame } = ctx;
  const free = new Map<string, SeriesData>();
  for (const s of series) if (/DCGM_FI_DEV_FB_FREE/i.test(s.name)) free.set(s.entities[0] ?? String(s.id), s);
  const out: Signal[] = [];
  for (const used of series.filter((s) => /DCGM_FI_DEV_FB_USED/i.test(s.name))) {
    const f = free.get(used.entities[0] ?? String(used.id));
    if (f === undefined) continue;
    const share = used.max.map((u, i) => {
      const fr = f.min[i];
      return u === null || fr === null || fr === undefined || u + fr <= 0 ? null : u / (u + fr);
    });
    const split = Math.floor(frame.n * 0.35);
    const before = share.slice(0, split).filter((x): x is number => x !== null);
    const idx = share.findIndex((x, i) => i >= split && x !== null && x >= 0.95);
    if (idx < 0 || before.some((x) => x >= 0.95)) continue;
    const at = frame.at(idx);
    const id = ctx.book.add({
      kind: 'gpu',
      summary: `GPU memory pressure on ${used.entities[0] ?? ''}: framebuffer ${Math.round((share[idx] ?? 0) * 100)}% used from ${iso(at)}`,
      entities: used.entities,
      at,
      seriesIds: [used.id, f.id],
      sql: sql`SELECT series_id, ts, value FROM metric_points WHERE series_id IN (${used.id}, ${f.id}) AND ts >= ${frame.from} AND ts < ${frame.to} ORDER BY ts`,
      strength: 0.5,
      facts: { used_share: share[idx] ?? null },
    });
    if (id !== null) out.push({ evidenceId: id, kind: 'gpu_memory', entities: used.entities, at, strength: 0.5, symptom: false, direction: 'up' });
  }
  return out;
}

/** KV cache at ≥ 95% for several buckets, where the baseline stayed below 90%. */
export function kvSaturationSignals(ctx: Ctx, series: readonly SeriesData[]): Signal[] {
  const { frame } = ctx;
  const out: Signal[] = [];
  for (const s of series.filter((x) => /kv_cache_usage|gpu_cache_usage/i.test(x.name))) {
    const split = Math.floor(frame.n * 0.35);
    const vals = s.max.map((v) => (v === null ? null : v > 1.5 ? v / 100 : v));
    const before = vals.slice(0, split).filter((x): x is number => x !== null);
    if (before.length === 0 || before.filter((x) => x >= 0.9).length > 0.1 * before.length) continue;
    let run = 0;
    let start = -1;
    for (let i = split; i < vals.length; i++) {
      const v = vals[i];
      if (v !== null && v !== undefined && v >= 0.95) {
        if (run === 0) start = i;
        if (++run >= 3) break;
      } else run = 0;
    }
    if (run < 3) continue;
    const at = frame.at(start);
    const peak = Math.max(...vals.filter((x): x is number => x !== null));
    const id = ctx.book.add({
      kind: 'gpu',
      summary: `KV cache saturated on ${s.entities.slice(0, 2).join(', ')}: ≥ 95% from ${iso(at)} (peak ${Math.round(peak * 100)}%, baseline below 90%)`,
      entities: s.entities,
      at,
      seriesIds: [s.id],
      sql: sql`SELECT ts, value FROM metric_points WHERE series_id = ${s.id} AND ts >= ${frame.from} AND ts < ${frame.to} ORDER BY ts`,
      strength: 0.6,
      facts: { peak, threshold: 0.95 },
    });
    if (id !== null) out.push({ evidenceId: id, kind: 'kv_cache', entities: s.entities, at, strength: 0.6, symptom: false, direction: 'up', failureClass: 'kv_cache' });
  }
  return out;
}

/** Certificate expiry gauges (probe_ssl_earliest_cert_expiry and the like): expired or about to, in the window. */
export function certificateSignals(ctx: Ctx, series: readonly SeriesData[]): Signal[] {
  const { frame } = ctx;
  const out: Signal[] = [];
  for (const s of series.filter((x) => /ssl_earliest_cert_expiry|cert(?:ificate)?_?expir|not_?after/i.test(x.name)).slice(0, 100)) {
    const last = [...s.min].reverse().find((v): v is number => v !== null);
    if (last === undefined) continue;
    // A Unix time in seconds, else seconds left.
    const leftSec = last > 1e9 ? last - frame.to / 1000 : last;
    if (leftSec > 3 * 86_400) continue;
    const expired = leftSec <= 0;
    const at = expired && last > 1e9 ? Math.max(frame.from, Math.round(last * 1000)) : frame.from;
    const strength = expired ? 0.85 : 0.4;
    const id = ctx.book.add({
      kind: 'anomaly',
      summary: `certificate ${expired ? 'expired' : 'expires within 3 days'} for ${s.entities[0] ?? s.labels.instance ?? s.name}${expired ? ` (at ${iso(at)})` : ''}`,
      entities: s.entities,
      at,
      seriesIds: [s.id],
      sql: sql`SELECT ts, value FROM metric_points WHERE series_id = ${s.id} AND ts >= ${frame.from} AND ts < ${frame.to} ORDER BY ts`,
      strength,
      facts: { seconds_left: Math.round(leftSec), target: s.labels.instance ?? null },
    });
    if (id !== null) out.push({ evidenceId: id, kind: 'metric', entities: s.entities, at, strength, symptom: false, direction: 'down', failureClass: 'certificate' });
  }
  return out;
}
