/**
 * Datadog monitor webhooks. The body is a template its owner writes (`$ALERT_TRANSITION`,
 * `$EVENT_TITLE`, `$TAGS`…), so there is no schema: this parser handles the shape of the
 * recorded real example (fixtures/alert_webhooks/datadog_*: alert_transition, title, body,
 * date, event_id, event_tags, event_type, link) and the common variable names
 * (alert_id/monitor_id, alert_title, alert_scope, priority, alert_type, tags). Document any
 * other template in the README before relying on it.
 *
 * | alert_transition                     | state    | default severity (no priority/alert_type) |
 * | Triggered, Re-Triggered, Renotify    | firing   | critical                                   |
 * | Warn, No Data, Re-Warn               | firing   | warning                                    |
 * | Recovered, Warn Recovered, …Recovered | resolved | info                                      |
 *
 * ts = date (epoch ms/s, or RFC 3339). fingerprint = monitor id (alert_id, monitor_id, or the
 * `monitors#ID` in the body) + "/" + scope (alert_scope, or the `{…}` in the title), else the
 * alert title. Labels = tags (`key:value`; bare tags → "true"). Service: labels, then role.
 * Runbook: a runbook_url field, else the first http(s) link in the body that is not on a
 * datadoghq host (monitor messages conventionally carry it). Limits: ../limits.ts.
 */
import type { AlertSeverity, AlertState } from '../../../../shared/events';
import { ImportError } from '../../../import/formats/types';
import { makeAlert, mapSeverity, serviceFrom, type AlertParse } from '../normalize';
import { isObj, obj, optStr, parseTime } from '../read';

export function isDatadogWebhook(doc: unknown): boolean {
  return isObj(doc) && typeof doc.alert_transition === 'string' && (typeof doc.title === 'string' || typeof doc.alert_title === 'string');
}

function transition(t: string): { state: AlertState; severity: AlertSeverity } | undefined {
  const v = t.trim().toLowerCase();
  if (v.endsWith('recovered')) return { state: 'resolved', severity: 'info' };
  if (v === 'triggered' || v === 're-triggered' || v === 'renotify' || v === 'alert') return { state: 'firing', severity: 'critical' };
  if (v === 'warn' || v === 're-warn' || v === 'no data' || v === 're-no data' || v === 'warning') return { state: 'firing', severity: 'warning' };
  return undefined;
}

function tagLabels(tags: unknown): Record<string, string> {
  const list = typeof tags === 'string' ? tags.split(',') : Array.isArray(tags) ? tags.filter((t): t is string => typeof t === 'string') : [];
  const out: Record<string, string> = {};
  for (const raw of list) {
    const t = raw.trim();
    if (t === '') continue;
    const i = t.indexOf(':');
    const k = i > 0 ? t.slice(0, i) : t;
    const v = i > 0 ? t.slice(i + 1) : 'true';
    out[k] = out[k] === undefined ? v : `${out[k]},${v}`;
  }
  return out;
}

function firstRunbook(body: string | undefined): string | undefined {
  if (body === undefined) return undefined;
  for (const m of body.slice(0, 65_536).matchAll(/https?:\/\/[^\s)\]>"']+/g)) {
    try {
      if (!/(^|\.)datadoghq\.(com|eu)$/.test(new URL(m[0]).hostname)) return m[0];
    } catch {
      // not a URL
    }
  }
  return undefined;
}

export function parseDatadogWebhook(doc: unknown, now: number): AlertParse {
  const d = obj(doc, '$');
  const tr = optStr(d.alert_transition) ?? '';
  const mapped = transition(tr);
  if (mapped === undefined) {
    throw new ImportError(`alert_transition: unknown Datadog transition ${JSON.stringify(tr.slice(0, 40))} (expected Triggered, Re-Triggered, Warn, No Data, Recovered…)`, { path: 'alert_transition' });
  }
  const rawTitle = optStr(d.alert_title) ?? optStr(d.title) ?? 'Datadog monitor';
  // "[Triggered on {host:i-3b93aafb}] Dock is almost out of memory..." → name and scope.
  const m = /^\[[^\]]*?(?:\bon\s+\{([^}]*)\})?\]\s*(.*)$/.exec(rawTitle);
  const name = (m?.[2] ?? '').trim() || rawTitle;
  const scope = optStr(d.alert_scope) ?? m?.[1];
  const body = optStr(d.body);
  const monitor = optStr(d.alert_id) ?? optStr(d.monitor_id) ?? /monitors#(\d+)/.exec(body ?? '')?.[1];
  const fingerprint = monitor !== undefined ? `${monitor}/${scope ?? '*'}` : `${name}/${scope ?? '*'}`;
  const labels = tagLabels(d.tags ?? d.event_tags);
  if (monitor !== undefined) labels.monitor_id = monitor;
  if (scope !== undefined) labels.scope = scope;
  labels.transition = tr;
  const priority = optStr(d.alert_priority) ?? optStr(d.priority);
  const alertType = optStr(d.alert_type);
  const severity = priority !== undefined && priority !== '' ? mapSeverity(priority) : alertType !== undefined && alertType !== '' ? mapSeverity(alertType === 'success' ? 'info' : alertType) : mapped.severity;
  return {
    alerts: [
      makeAlert({
        source: 'datadog',
        name,
        fingerprint,
        state: mapped.state,
        ts: parseTime(d.date ?? d.last_updated, 'date') ?? now,
        severity,
        service: serviceFrom(labels, 'datadog'),
        labels,
        summary: rawTitle,
        runbookUrl: optStr(d.runbook_url) ?? firstRunbook(body),
        attrs: { link: optStr(d.link), event_id: optStr(d.event_id) ?? optStr(d.id), event_type: optStr(d.event_type), body: body },
      }),
    ],
    ignored: [],
  };
}
