/**
 * PagerDuty V3 webhooks: { event: { id, event_type, resource_type, occurred_at, agent, data } }.
 * Only `data.type === "incident"` maps onto alerts; every other type (service.updated,
 * incident.annotated's incident_note, responders, workflows…) is accepted and ignored, with
 * the reason. One PagerDuty incident is one alert: fingerprint = incident id.
 *
 * | event_type                                      | state                     | ts                             |
 * | incident.triggered, incident.reopened, .unacknowledged | firing            | occurred_at                    |
 * | incident.acknowledged                           | acknowledged              | occurred_at                    |
 * | incident.resolved                               | resolved                  | occurred_at                    |
 * | other incident.* (priority_updated, escalated…) | from data.status          | triggered: reopened_at ?? created_at; otherwise occurred_at |
 *
 * so a priority update of a triggered incident repeats its firing transition (a duplicate).
 * Severity from data.priority.summary (P1/P2 critical, P3 warning, P4/P5 info), else urgency
 * (high → critical, low → warning). Service: data.service.summary. PagerDuty incidents carry no
 * runbook link. Limits: ../limits.ts (a V3 body holds one event).
 */
import type { AlertState } from '../../../../shared/events';
import { ImportError } from '../../../import/formats/types';
import { makeAlert, mapSeverity, type AlertParse } from '../normalize';
import { isObj, obj, optStr, parseTime, str } from '../read';

export function isPagerDutyWebhook(doc: unknown): boolean {
  return isObj(doc) && isObj(doc.event) && typeof doc.event.event_type === 'string' && 'data' in doc.event;
}

function stateOfStatus(status: string | undefined): AlertState | undefined {
  if (status === 'triggered') return 'firing';
  if (status === 'acknowledged') return 'acknowledged';
  if (status === 'resolved') return 'resolved';
  return undefined;
}

export function parsePagerDutyWebhook(doc: unknown, now: number): AlertParse {
  const ev = obj(obj(doc, '$').event, 'event');
  const type = str(ev.event_type, 'event.event_type');
  const data = ev.data;
  if (!isObj(data) || data.type !== 'incident') {
    const dt = isObj(data) ? optStr(data.type) : undefined;
    return { alerts: [], ignored: [{ reason: `PagerDuty ${type}: data of type ${dt ?? 'none'} is not an incident` }] };
  }
  const occurred = parseTime(ev.occurred_at, 'event.occurred_at') ?? now;
  const status = optStr(data.status);
  let state: AlertState | undefined;
  let ts = occurred;
  if (type === 'incident.triggered' || type === 'incident.reopened' || type === 'incident.unacknowledged') state = 'firing';
  else if (type === 'incident.acknowledged') state = 'acknowledged';
  else if (type === 'incident.resolved') state = 'resolved';
  else {
    state = stateOfStatus(status);
    if (state === 'firing') ts = parseTime(data.reopened_at, 'event.data.reopened_at') ?? parseTime(data.created_at, 'event.data.created_at') ?? occurred;
  }
  if (state === undefined) {
    throw new ImportError(`event.data.status: expected triggered, acknowledged or resolved, got ${JSON.stringify(status ?? null)}`, { path: 'event.data.status' });
  }
  const id = str(data.id, 'event.data.id');
  const priority = isObj(data.priority) ? optStr(data.priority.summary) : undefined;
  const urgency = optStr(data.urgency);
  const severity = priority !== undefined ? mapSeverity(priority) : urgency === 'high' ? 'critical' : 'warning';
  const service = isObj(data.service) ? (optStr(data.service.summary) ?? optStr(data.service.id)) : undefined;
  const labels: Record<string, string> = { incident_id: id, event_type: type };
  for (const [k, v] of [
    ['incident_number', optStr(data.number)],
    ['incident_key', optStr(data.incident_key)],
    ['status', status],
    ['priority', priority],
    ['urgency', urgency],
    ['service', service],
    ['service_id', isObj(data.service) ? optStr(data.service.id) : undefined],
    ['escalation_policy', isObj(data.escalation_policy) ? optStr(data.escalation_policy.summary) : undefined],
  ] as const) {
    if (v !== undefined) labels[k] = v;
  }
  const title = optStr(data.title) ?? optStr(data.summary) ?? `PagerDuty incident ${id}`;
  return {
    alerts: [
      makeAlert({
        source: 'pagerduty',
        name: title,
        fingerprint: id,
        state,
        ts,
        severity,
        service: service ?? 'pagerduty',
        labels,
        summary: title,
        attrs: { html_url: optStr(data.html_url), event_id: optStr(ev.id), agent: isObj(ev.agent) ? optStr(ev.agent.summary) : undefined },
      }),
    ],
    ignored: [],
  };
}
