/**
 * Failed spans in detail (a bounded sample): which dependency the failing client calls go to
 * (peer.service, server.address, URL host, database system), what the status messages say, and
 * the endpoints and users behind the failures (for the blast radius).
 */
import { classifyText } from './classify';
import { peerOf, ref } from './entities';
import { iso } from './event-series';
import { cmp } from './lanes';
import { detectOnset } from './onset';
import { all, raw, sampleWhere, sql } from './sql';
import type { Ctx, FailureClass, Signal } from './types';

export interface FailedSpan {
  id: number;
  ts: number;
  service: string;
  name: string;
  spanKind: string | null;
  peer: string | null;
  route: string | null;
  user: string | null;
  message: string;
}

export const USER_KEYS = ['user.id', 'enduser.id', 'user_id', 'userId', 'session.user_id', 'customer.id', 'user'];

function userOf(attrs: Record<string, unknown>): string | null {
  for (const k of USER_KEYS) {
    const v = attrs[k];
    if (typeof v === 'string' && v.length > 0) return v;
    if (typeof v === 'number') return String(v);
  }
  return null;
}

export function fetchFailedSpans(ctx: Ctx, errorCount: number): { spans: FailedSpan[]; query: string; stride: number } {
  const { frame } = ctx;
  const stride = Math.max(1, Math.ceil(errorCount / 1_500));
  const query = sql`SELECT id, ts, service, name, body FROM events WHERE lane = 'traces' AND status = 'error' AND ts >= ${frame.from} AND ts < ${frame.to}${raw(stride > 1 ? ` AND ${sampleWhere(stride)}` : '')} ORDER BY ts, id LIMIT 5000`;
  const spans: FailedSpan[] = [];
  for (const r of all<{ id: number; ts: number; service: string; name: string; body: string }>(ctx.db, query)) {
    let e: Record<string, unknown>;
    try {
      e = JSON.parse(r.body) as Record<string, unknown>;
    } catch {
      continue;
    }
    const attrs = (typeof e.attrs === 'object' && e.attrs !== null ? e.attrs : {}) as Record<string, unknown>;
    const route = typeof attrs['http.route'] === 'string' ? attrs['http.route'] : null;
    spans.push({
      id: r.id,
      ts: r.ts,
      service: r.service,
      name: r.name,
      spanKind: typeof e.spanKind === 'string' ? e.spanKind : null,
      peer: peerOf(attrs),
      route,
      user: userOf(attrs),
      message: typeof e.statusMessage === 'string' ? e.statusMessage.slice(0, 300) : '',
    });
  }
  return { spans, query, stride };
}

/**
 * Dependencies that failing client calls point at: one signal per peer with its callers, and the
 * failure class its status messages suggest (connection pool, certificate, upstream…).
 */
export function dependencySignals(ctx: Ctx, spans: readonly FailedSpan[], query: string, stride: number, instrumented: ReadonlySet<string>): Signal[] {
  const { frame } = ctx;
  const split = frame.from + 0.35 * (frame.to - frame.from);
  const byPeer = new Map<string, FailedSpan[]>();
  for (const s of spans) {
    const peer = s.peer ?? (s.spanKind === 'client' ? peerFromName(s.name, instrumented) : null);
    if (peer === null || peer === s.service) continue;
    (byPeer.get(peer) ?? byPeer.set(peer, []).get(peer))?.push(s);
  }
  const out: Signal[] = [];
  for (const [peer, ss] of [...byPeer.entries()].sort((a, b) => b[1].length - a[1].length || cmp(a[0], b[0])).slice(0, 8)) {
    const burst = failureBurst(ctx, ss, split);
    if (burst === null) continue;
    const after = ss.filter((s) => s.ts >= burst.at);
    const early = ss.length - after.length;
    const late = after.length;
    const classes = new Map<FailureClass, number>();
    const messages = new Map<string, number>();
    for (const s of after) {
      const c = classifyText(`${s.message} ${s.name}`);
      classes.set(c, (classes.get(c) ?? 0) + 1);
      if (s.message) messages.set(s.message, (messages.get(s.message) ?? 0) + 1);
    }
    const cls = [...classes.entries()].sort((a, b) => b[1] - a[1] || cmp(a[0], b[0]))[0]?.[0] ?? 'upstream';
    const message = [...messages.entries()].sort((a, b) => b[1] - a[1] || cmp(a[0], b[0]))[0]?.[0] ?? '';
    const callers = [...new Set(after.map((s) => s.service))].sort().slice(0, 5);
    const first = after[0] as FailedSpan;
    // Volume matters: a handful of failed calls is not an outage, however clean its onset.
    const volume = Math.min(1, 0.4 + 0.6 * Math.log10(1 + late * stride) / 2);
    const strength = Math.min(0.85, (0.35 + 0.1 * Math.log2(1 + late / Math.max(1, early))) * volume * burst.weight);
    if (strength < 0.1) continue;
    const entities = [ref('service', peer), ...callers.map((c) => ref('service', c))];
    const id = ctx.book.add({
      kind: 'trace_stat',
      summary: `${late * stride}${stride > 1 ? ' (est.)' : ''} failed calls from ${callers.join(', ')} to ${peer} since ${iso(first.ts)} (${early * stride} before)${message ? `, mostly: ${message.slice(0, 160)}` : ''}`,
      entities,
      at: first.ts,
      eventIds: after.slice(0, 200).map((s) => s.id),
      sql: query,
      strength,
      facts: { peer, callers: callers.join(','), failed_after: late * stride, failed_before: early * stride, class: cls, instrumented: instrumented.has(peer) },
    });
    if (id !== null) out.push({ evidenceId: id, kind: 'dependency_error', entities, at: first.ts, strength, symptom: true, direction: 'up', failureClass: cls === 'other' ? 'upstream' : cls, detail: { peer, instrumented: instrumented.has(peer) } });
  }
  return out;
}

/**
 * When a peer's failures started in earnest: the onset of its per-bucket failure count against
 * its own baseline (a steady trickle of failures is not a burst). Without a clear onset, a late
 * surge still counts, with less weight. Null: no burst at all.
 */
function failureBurst(ctx: Ctx, ss: readonly FailedSpan[], split: number): { at: number; weight: number } | null {
  const { frame } = ctx;
  const counts = new Array<number>(frame.n).fill(0);
  for (const s of ss) counts[frame.idx(s.ts)] = (counts[frame.idx(s.ts)] ?? 0) + 1;
  const o = detectOnset(counts, { direction: 'up', floor: 1, minAbsolute: 2, minRelative: 1, persist: 2 });
  if (o !== null) return { at: frame.at(o.index), weight: 1 };
  const early = ss.filter((s) => s.ts < split).length;
  const late = ss.length - early;
  const earlyRate = early / Math.max(1, split - frame.from);
  const lateRate = late / Math.max(1, frame.to - split);
  if (late < 20 || lateRate < 3 * earlyRate) return null;
  return { at: split, weight: 0.6 };
}

/** `POST payments-api /v1/x` or `GET https://host/…` → the service or host named in a client span's name. */
function peerFromName(name: string, instrumented: ReadonlySet<string>): string | null {
  for (const tok of name.split(/\s+/)) {
    if (instrumented.has(tok)) return tok;
    const m = /^https?:\/\/([^/:]+)/.exec(tok);
    if (m?.[1]) return m[1];
  }
  return null;
}
