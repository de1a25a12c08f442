/**
 * Applies newly received alert transitions to incidents (decisions in ./decide.ts): a firing
 * alert opens an incident or joins an open one; a resolution marks an open incident 'mitigated'
 * once all its member alerts are resolved. Call it only with alerts the store accepted (not
 * duplicates), after they were written. Emits `incidents.changed` and `store.changed`.
 */
import type { AlertEvent } from '../../shared/events';
import type { Incident } from '../../shared/incident';
import type { CoreContext } from '../app/context';
import { allResolved, decideFiring, DEFAULT_JOIN_WINDOW_MS, WINDOW_PAD_MS, type IncidentView } from './decide';
import { memberAlerts } from './members';

export interface OpenOrJoinOptions {
  joinWindowMs?: number;
  padMs?: number;
}

export interface IncidentOutcome {
  id: string;
  action: 'opened' | 'joined' | 'updated' | 'mitigated';
  alert: string;
}

function openViews(ctx: CoreContext, until: number): IncidentView[] {
  return ctx.store
    .listIncidents()
    .filter((i) => i.status === 'open')
    .map(({ counts: _counts, ...incident }) => ({ incident, members: memberAlerts(ctx.store, incident, until) }));
}

/**
 * The alerts were already written, so each incident's members (read from the store once per
 * payload, and again only for an incident this payload opened or widened) include them.
 */
export function openOrJoin(ctx: CoreContext, alerts: AlertEvent[], receivedAt: number, opts: OpenOrJoinOptions = {}): IncidentOutcome[] {
  const outcomes: IncidentOutcome[] = [];
  const joinWindowMs = opts.joinWindowMs ?? DEFAULT_JOIN_WINDOW_MS;
  const padMs = opts.padMs ?? WINDOW_PAD_MS;
  const sorted = [...alerts].sort((a, b) => a.ts - b.ts);
  const until = sorted[sorted.length - 1]?.ts ?? 0;
  let views: IncidentView[] | null = null;
  const save = (incident: Incident): void => {
    ctx.store.upsertIncident(incident);
    const list = views ?? [];
    const i = list.findIndex((v) => v.incident.id === incident.id);
    const prev = i >= 0 ? list[i] : undefined;
    // Same services: the members already read cover it (the window only grew around alerts we hold).
    const sameServices = prev !== undefined && prev.incident.services.length === incident.services.length;
    const fresh = { incident, members: sameServices ? prev.members : memberAlerts(ctx.store, incident, until) };
    if (incident.status !== 'open') list.splice(i, i >= 0 ? 1 : 0);
    else if (i >= 0) list[i] = fresh;
    else list.push(fresh);
  };
  for (const alert of sorted) {
    if (alert.state === 'firing') {
      views ??= openViews(ctx, until);
      const d = decideFiring(alert, receivedAt, views, { joinWindowMs, padMs });
      if (d.type === 'none') continue;
      if (d.type === 'open' || d.changed) save(d.incident);
      const v = views.find((x) => x.incident.id === d.incident.id);
      if (v && !v.members.some((m) => m.externalId === alert.externalId)) v.members.push(alert);
      outcomes.push({ id: d.incident.id, action: d.type === 'open' ? 'opened' : 'joined', alert: alert.name });
    } else if (alert.state === 'resolved') {
      views ??= openViews(ctx, until);
      for (const v of [...views]) {
        const inc = v.incident;
        if (!inc.services.includes(alert.service) || alert.ts < inc.windowFrom) continue;
        if (!v.members.some((m) => m.fingerprint === alert.fingerprint && m.source === alert.source)) continue;
        const next: Incident = { ...inc, windowTo: Math.max(inc.windowTo, alert.ts + Math.min(padMs, 5 * 60_000)) };
        if (allResolved(v.members)) next.status = 'mitigated';
        save(next);
        outcomes.push({ id: inc.id, action: next.status === 'mitigated' ? 'mitigated' : 'updated', alert: alert.name });
      }
    }
  }
  const ids = [...new Set(outcomes.map((o) => o.id))];
  if (ids.length > 0) {
    ctx.emit('incidents.changed', { ids });
    ctx.emit('store.changed', { areas: ['incidents'] });
  }
  return outcomes;
}
