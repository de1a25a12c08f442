/**
 * Alertmanager webhook v4 (`webhook_configs`): { version: "4", groupKey, status, receiver,
 * groupLabels, commonLabels, commonAnnotations, externalURL, alerts: [{ status, labels,
 * annotations, startsAt, endsAt, generatorURL, fingerprint }] }. Each alert is one transition
 * (firing at startsAt, resolved at endsAt). Limits: see ../limits.ts (MAX_ALERTS per payload).
 */
import { ImportError } from '../../../import/formats/types';
import { MAX_ALERTS } from '../limits';
import type { AlertParse } from '../normalize';
import { arr, isObj, obj, optStr, stringMap, type Obj } from '../read';
import { mapAmAlert } from './am-alert';

export function isAlertmanagerWebhook(doc: unknown): boolean {
  return isObj(doc) && doc.version === '4' && typeof doc.groupKey === 'string' && Array.isArray(doc.alerts);
}

/** The group's status, used for alerts that carry none (older senders). */
export function groupState(status: unknown): 'firing' | 'resolved' | undefined {
  return status === 'firing' || status === 'resolved' ? status : undefined;
}

export function alertsOf(d: Obj): unknown[] {
  const alerts = arr(d.alerts, 'alerts');
  if (alerts.length > MAX_ALERTS) throw new ImportError(`alerts: ${alerts.length} alerts, more than the limit of ${MAX_ALERTS}`, { path: 'alerts' });
  return alerts;
}

export function parseAlertmanagerWebhook(doc: unknown, now: number): AlertParse {
  const d = obj(doc, '$');
  if (d.version !== '4') {
    throw new ImportError(`version: expected "4" (Alertmanager webhook v4), got ${JSON.stringify(d.version ?? null)}`, { path: 'version' });
  }
  const common = stringMap(d.commonAnnotations, 'commonAnnotations');
  const alerts = alertsOf(d).map((a, i) =>
    mapAmAlert(a, `alerts[${i}]`, {
      source: 'alertmanager',
      commonAnnotations: common,
      state: groupState(d.status),
      now,
      attrs: { groupKey: optStr(d.groupKey), receiver: optStr(d.receiver), externalURL: optStr(d.externalURL) },
    }),
  );
  return { alerts, ignored: [] };
}
