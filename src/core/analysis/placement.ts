/**
 * Where pods run, from the Kubernetes scheduler's own events ("Successfully assigned NS/POD to
 * NODE"): co-location that metric labels do not always carry (a batch pod's usage series often
 * names only its namespace and pod).
 */
import type { Relations } from './relate';
import { all, sql } from './sql';
import type { Ctx } from './types';

/** Pods scheduled shortly before the window still count; older placements come from kube_pod_info. */
const LOOKBACK_MS = 15 * 60_000;
const ASSIGNED = /Successfully assigned ([^/\s]+)\/(\S+) to (\S+)/;

export function learnPlacement(ctx: Ctx, rel: Relations): number {
  const { frame } = ctx;
  const query = sql`SELECT name FROM events WHERE lane = 'logs' AND ts >= ${frame.from - LOOKBACK_MS} AND ts < ${frame.to} AND name LIKE ${'Scheduled: Successfully assigned %'} LIMIT 5000`;
  let n = 0;
  for (const r of all<{ name: string }>(ctx.db, query)) {
    const m = ASSIGNED.exec(r.name);
    if (!m?.[2] || !m[3]) continue;
    rel.learn([`pod:${m[2]}`, `node:${m[3]}`]);
    n++;
  }
  return n;
}
