/**
 * Reads an incident's member alerts from the store: the alert events in its window (extended to
 * `until` when given) whose service is one of the incident's. The store is the only record of
 * membership, so a restart (or another host on the same store) sees the same incidents.
 * At most MAX_MEMBER_EVENTS are read per incident (the newest are what decides).
 */
import type { AlertEvent } from '../../shared/events';
import type { Incident } from '../../shared/incident';
import type { EventStore } from '../store/api';

export const MAX_MEMBER_EVENTS = 5_000;

export function memberAlerts(store: EventStore, incident: Incident, until?: number): AlertEvent[] {
  const out: AlertEvent[] = [];
  const services = new Set(incident.services);
  const to = Math.max(incident.windowTo, until ?? 0) + 1;
  let after: { ts: number; id: number } | undefined;
  let read = 0;
  for (;;) {
    const page = store.listEvents({ from: incident.windowFrom, to, kinds: ['alert'], limit: 500, ...(after ? { after } : {}) });
    for (const row of page.rows) {
      if (!services.has(row.service)) continue;
      const d = store.getEvent(row.id);
      if (d !== null && d.event.kind === 'alert') out.push(d.event);
    }
    read += page.rows.length;
    if (page.next === null || read >= MAX_MEMBER_EVENTS) break;
    after = page.next;
  }
  return out;
}
