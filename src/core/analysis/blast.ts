/**
 * Blast radius (share of requests to the affected services that failed after the onset, users,
 * endpoints) and the triage suggestion (severity and category).
 */
import type { BlastRadius, Hypothesis, HypothesisCategory, Triage } from '../../shared/hypotheses';
import { nameOf } from './entities';
import type { KeyAgg } from './lanes';
import { litList, get, raw, sql } from './sql';
import { round } from './stats';
import { USER_KEYS, type FailedSpan } from './traces-detail';
import type { Ctx, Signal } from './types';

export interface BlastInput {
  hypotheses: readonly Hypothesis[];
  signals: readonly Signal[];
  traces: readonly KeyAgg[];
  llm: readonly KeyAgg[];
  onset: number | null;
  failedSpans: readonly FailedSpan[];
  failedStride: number;
}

const userExpr = `coalesce(${USER_KEYS.map((k) => `json_extract(body, '$.attrs."${k}"')`).join(', ')})`;

export function blastRadius(ctx: Ctx, inp: BlastInput): { blast: BlastRadius; evidenceId: string | null } {
  const { frame } = ctx;
  const services = new Set<string>();
  for (const h of inp.hypotheses.slice(0, 1)) for (const e of h.entities) if (e.startsWith('service:')) services.add(nameOf(e));
  for (const s of inp.signals) if (s.symptom && s.strength >= 0.3) for (const e of s.entities) if (e.startsWith('service:')) services.add(nameOf(e));
  const affected = [...services].sort().slice(0, 20);
  const start = inp.onset ?? frame.from;
  const b0 = frame.idx(start);
  let req = 0;
  let failed = 0;
  const endpoints = new Map<string, number>();
  for (const g of [...inp.traces, ...inp.llm]) {
    if (!affected.includes(g.service)) continue;
    for (let i = b0; i < frame.n; i++) {
      req += g.count[i] ?? 0;
      failed += (g.errors[i] ?? 0) + (inp.llm.includes(g) ? (g.warns[i] ?? 0) : 0);
      if (inp.traces.includes(g) && (g.errors[i] ?? 0) > 0) endpoints.set(`${g.service} ${g.name}`, (endpoints.get(`${g.service} ${g.name}`) ?? 0) + (g.errors[i] ?? 0));
    }
  }
  const requestShare = req > 0 ? round(Math.min(1, failed / req), 4) : null;
  // Users: from the failed-span sample (ids in user.id, enduser.id…); the total from a bounded sample.
  let usersAffected: number | null = null;
  let usersTotal: number | null = null;
  let userQuery = '';
  const failedUsers = new Set(inp.failedSpans.filter((f) => f.ts >= start && affected.includes(f.service) && f.user !== null).map((f) => f.user));
  if (failedUsers.size > 0) {
    usersAffected = Math.round(failedUsers.size * inp.failedStride);
    userQuery = sql`SELECT count(DISTINCT u) AS n FROM (SELECT ${raw(userExpr)} AS u FROM events
      WHERE lane = 'traces' AND service IN ${raw(litList(affected))} AND ts >= ${start} AND ts < ${frame.to} LIMIT 50000)`;
    usersTotal = Math.max(usersAffected, get<{ n: number }>(ctx.db, userQuery)?.n ?? 0);
  }
  const top = [...endpoints.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).slice(0, 10).map(([e]) => e.slice(0, 512));
  const blast: BlastRadius = { requestShare, usersAffected, usersTotal, endpoints: top, services: affected.slice(0, 50) };
  if (affected.length === 0) return { blast, evidenceId: null };
  const evidenceId = ctx.book.add({
    kind: 'blast_radius',
    summary: `blast radius since ${new Date(start).toISOString()}: ${requestShare === null ? 'no request data' : `${round(requestShare * 100, 1)}% of ${req} requests to ${affected.join(', ')} failed`}${usersAffected !== null ? `; ${usersAffected} of ${usersTotal ?? '?'} users affected` : ''}${top.length > 0 ? `; endpoints ${top.slice(0, 3).join(', ')}` : ''}`,
    entities: affected.map((s) => `service:${s}`),
    at: start,
    sql: userQuery === '' ? undefined : userQuery,
    derivedFrom: [],
    strength: requestShare ?? 0,
    facts: { requests: req, failed, request_share: requestShare, users_affected: usersAffected, users_total: usersTotal, services: affected.join(',') },
  });
  return { blast, evidenceId };
}

export function triage(blast: BlastRadius, hypotheses: readonly Hypothesis[], signals: readonly Signal[], verdict: 'supported' | 'inconclusive'): Triage {
  const share = blast.requestShare ?? 0;
  const critical = signals.some((s) => s.kind === 'alert' && s.strength >= 0.5);
  const top = hypotheses[0];
  let sev = share >= 0.3 ? 1 : share >= 0.1 ? 2 : share >= 0.02 ? 3 : 4;
  if (critical) sev = Math.min(sev, 2);
  if (top?.category === 'security' && signals.some((s) => s.kind === 'injection' && Number(s.detail?.followed ?? 0) > 0)) sev = Math.min(sev, 2);
  if (top?.runbook === 'gpu-xid-unhealthy-node') sev = Math.min(sev, 3);
  if (verdict === 'inconclusive' && !critical) sev = Math.max(sev, 3);
  const category: HypothesisCategory = top?.category ?? 'infrastructure';
  const why = [
    blast.requestShare !== null ? `${round(share * 100, 1)}% of requests to the affected services failed after the onset` : 'no request data',
    critical ? 'a critical alert fired' : null,
    blast.usersAffected !== null ? `${blast.usersAffected} users affected` : null,
    top ? `leading hypothesis: ${top.title}` : 'no leading hypothesis',
  ].filter((x): x is string => x !== null);
  return { severity: `sev${sev}` as Triage['severity'], category, rationale: why.join('; ').slice(0, 1024) };
}
