/** Changes (deploys, rollbacks, prompt/model/config/flag changes, scaling) in the window and its lead-up. */
import { ChangeEvent } from '../../shared/events';
import { labelRefs, ref } from './entities';
import { all, sql } from './sql';
import type { Ctx } from './types';

export interface ChangeInfo {
  id: number;
  ts: number;
  event: ChangeEvent;
  /** What the change touched: service, workload, prompt, model, flag. */
  entities: string[];
  query: string;
}

/** How far before the window changes are considered (at least an hour, at most a day). */
export function leadMs(from: number, to: number): number {
  return Math.min(86_400_000, Math.max(3_600_000, to - from));
}

export function loadChanges(ctx: Ctx): ChangeInfo[] {
  const { frame } = ctx;
  const query = sql`SELECT id, ts, body FROM events WHERE lane = 'changes' AND ts >= ${frame.from - leadMs(frame.from, frame.to)} AND ts < ${frame.to} ORDER BY ts, id LIMIT 500`;
  const out: ChangeInfo[] = [];
  for (const r of all<{ id: number; ts: number; body: string }>(ctx.db, query)) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(r.body);
    } catch {
      continue;
    }
    const c = ChangeEvent.safeParse(parsed);
    if (!c.success) continue;
    out.push({ id: r.id, ts: r.ts, event: c.data, entities: changeEntities(c.data), query });
  }
  return out;
}

export function changeEntities(c: ChangeEvent): string[] {
  const out: string[] = [];
  const name = c.target.includes('/') ? c.target.slice(c.target.lastIndexOf('/') + 1) : c.target;
  switch (c.changeType) {
    case 'prompt':
      if (c.to !== undefined) out.push(ref('prompt', c.to), ref('prompt', `${c.service}@${c.to}`), ref('prompt', `${c.target}@${c.to}`));
      out.push(ref('prompt', c.target));
      break;
    case 'model':
      if (c.to !== undefined) out.push(ref('model', c.to));
      if (c.from !== undefined) out.push(ref('model', c.from));
      break;
    case 'feature_flag':
    case 'config':
      out.push(ref(c.changeType === 'feature_flag' ? 'flag' : 'config', c.target));
      break;
    case 'deploy':
    case 'rollback':
    case 'scale':
      if (name.length > 0) out.push(ref('workload', name));
      break;
  }
  out.push(ref('service', c.service));
  if (name.length > 0 && c.changeType !== 'prompt' && c.changeType !== 'model') out.push(ref('service', name));
  if (c.attrs !== undefined) out.push(...labelRefs(c.attrs));
  return [...new Set(out)];
}
