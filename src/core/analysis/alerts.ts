/** Alerts that fired in the window, one piece of evidence per alert (fingerprint). */
import { AlertEvent } from '../../shared/events';
import { classifyText } from './classify';
import { labelRefs, ref } from './entities';
import { iso } from './event-series';
import { all, sql } from './sql';
import type { Ctx, Signal } from './types';

export interface AlertInfo {
  name: string;
  firstFiring: number;
  severity: AlertEvent['severity'];
  entities: string[];
  ids: number[];
}

const STRENGTH: Record<AlertEvent['severity'], number> = { critical: 0.55, warning: 0.4, info: 0.15 };

export function alertSignals(ctx: Ctx): { signals: Signal[]; alerts: AlertInfo[] } {
  const { frame } = ctx;
  const query = sql`SELECT id, ts, body FROM events WHERE lane = 'alerts' AND ts >= ${frame.from} AND ts < ${frame.to} ORDER BY ts, id LIMIT 2000`;
  const byFp = new Map<string, { a: AlertEvent; first: number; ids: number[] }>();
  for (const r of all<{ id: number; ts: number; body: string }>(ctx.db, query)) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(r.body);
    } catch {
      continue;
    }
    const a = AlertEvent.safeParse(parsed);
    if (!a.success || a.data.state !== 'firing') continue;
    const e = byFp.get(a.data.fingerprint);
    if (e === undefined) byFp.set(a.data.fingerprint, { a: a.data, first: r.ts, ids: [r.id] });
    else if (e.ids.length < 20) e.ids.push(r.id);
  }
  const signals: Signal[] = [];
  const alerts: AlertInfo[] = [];
  for (const { a, first, ids } of byFp.values()) {
    const entities = [...labelRefs(a.labels), ref('service', a.service), ref('alert', a.name)].filter((e, i, xs) => xs.indexOf(e) === i);
    const cls = classifyText(`${a.name} ${a.summary ?? ''}`);
    const strength = STRENGTH[a.severity];
    alerts.push({ name: a.name, firstFiring: first, severity: a.severity, entities, ids });
    const id = ctx.book.add({
      kind: 'alert',
      summary: `alert ${a.name} (${a.severity}) fired at ${iso(first)}${a.summary ? `: ${a.summary}` : ''}`,
      entities,
      at: first,
      eventIds: ids,
      sql: sql`SELECT id, ts, name, severity, body FROM events WHERE lane = 'alerts' AND ts >= ${frame.from} AND ts < ${frame.to} AND json_extract(body, '$.fingerprint') = ${a.fingerprint} ORDER BY ts`,
      strength,
      facts: { alert: a.name, severity: a.severity, fingerprint: a.fingerprint, class: cls },
    });
    if (id !== null) signals.push({ evidenceId: id, kind: 'alert', entities, at: first, strength, symptom: true, direction: 'up', failureClass: cls, detail: { alert: a.name } });
  }
  return { signals, alerts };
}
