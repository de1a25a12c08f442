/**
 * Opsgenie outgoing webhooks: { action, alert: { alertId, alias, tinyId, message, description,
 * entity, tags, details, priority, source, team, createdAt (ms), updatedAt (ns) }, source,
 * integrationName }.
 *
 * | action                    | state        | ts                  |
 * | Create                    | firing       | alert.createdAt     |
 * | UnAcknowledge             | firing       | alert.updatedAt     |
 * | Acknowledge               | acknowledged | alert.updatedAt     |
 * | Close                     | resolved     | alert.updatedAt     |
 * | anything else (AddNote, AssignOwnership, Delete…) | ignored, with the reason |
 *
 * Severity from alert.priority (P1/P2 critical, P3 warning, P4/P5 info). fingerprint = alertId.
 * Labels: the tags (tag → "true"; key:value tags split) and details. Service: labels (see
 * ../normalize.ts), then entity, then team. Runbook: details.runbook_url / runbook.
 * Limits: ../limits.ts.
 */
import type { AlertState } from '../../../../shared/events';
import { pickRunbook } from './am-alert';
import { makeAlert, mapSeverity, serviceFrom, type AlertParse } from '../normalize';
import { isObj, obj, optStr, parseTime, str, stringMap } from '../read';

export function isOpsgenieWebhook(doc: unknown): boolean {
  return isObj(doc) && typeof doc.action === 'string' && isObj(doc.alert) && typeof doc.alert.alertId === 'string';
}

const STATE_OF: Record<string, AlertState | undefined> = { Create: 'firing', UnAcknowledge: 'firing', Acknowledge: 'acknowledged', Close: 'resolved' };

export function parseOpsgenieWebhook(doc: unknown, now: number): AlertParse {
  const d = obj(doc, '$');
  const action = str(d.action, 'action');
  const state = Object.prototype.hasOwnProperty.call(STATE_OF, action) ? STATE_OF[action] : undefined;
  if (state === undefined) return { alerts: [], ignored: [{ reason: `Opsgenie action "${action.slice(0, 64)}" is not a state transition` }] };
  const a = obj(d.alert, 'alert');
  const id = str(a.alertId, 'alert.alertId');
  const created = parseTime(a.createdAt, 'alert.createdAt');
  const updated = parseTime(a.updatedAt, 'alert.updatedAt');
  const ts = action === 'Create' ? (created ?? updated ?? now) : (updated ?? now);
  const details = stringMap(a.details, 'alert.details');
  const labels: Record<string, string> = {};
  if (Array.isArray(a.tags)) {
    for (const t of a.tags) {
      if (typeof t !== 'string') continue;
      const i = t.indexOf(':');
      if (i > 0) labels[t.slice(0, i)] = t.slice(i + 1);
      else labels[t] = 'true';
    }
  }
  Object.assign(labels, details);
  const priority = optStr(a.priority);
  for (const [k, v] of [
    ['priority', priority],
    ['alias', optStr(a.alias)],
    ['tiny_id', optStr(a.tinyId)],
    ['team', optStr(a.team)],
    ['integration', optStr(d.integrationName)],
  ] as const) {
    if (v !== undefined && v !== '') labels[k] = v;
  }
  const message = optStr(a.message) ?? `Opsgenie alert ${id}`;
  const description = optStr(a.description);
  return {
    alerts: [
      makeAlert({
        source: 'opsgenie',
        name: message,
        fingerprint: id,
        state,
        ts,
        severity: mapSeverity(priority),
        service: serviceFrom(labels, optStr(a.entity), optStr(a.team), 'opsgenie'),
        labels,
        summary: description !== undefined && description !== '' ? description : message,
        runbookUrl: pickRunbook(details),
        attrs: { action, user: optStr(a.username), source: optStr(a.source) },
      }),
    ],
    ignored: [],
  };
}
