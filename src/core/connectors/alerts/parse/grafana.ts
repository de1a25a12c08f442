/**
 * Grafana Alerting webhooks. The unified-alerting body is Alertmanager-like (version "1",
 * groupKey, alerts[] with status/labels/annotations/startsAt/endsAt/fingerprint) plus orgId,
 * state, title, message, and per alert values, valueString, dashboardURL, panelURL, silenceURL.
 * Runbook: annotation `runbook_url` (Grafana's UI field), `__runbook_url__`, `runbookURL`.
 * The legacy (pre-9) body { ruleId, ruleName, state: alerting|ok|no_data|paused|pending,
 * ruleUrl, message, evalMatches, tags } is mapped too: alerting/no_data → firing, ok →
 * resolved (ts = receipt time: that body has no timestamp), paused/pending are ignored.
 * Limits: ../limits.ts.
 */
import { ImportError } from '../../../import/formats/types';
import { labelsFingerprint } from '../fingerprint';
import { makeAlert, mapSeverity, serviceFrom, type AlertParse } from '../normalize';
import { isObj, obj, optStr, stringMap } from '../read';
import { alertsOf, groupState } from './alertmanager';
import { mapAmAlert } from './am-alert';

export function isGrafanaWebhook(doc: unknown): boolean {
  if (!isObj(doc)) return false;
  if (Array.isArray(doc.alerts) && ('orgId' in doc || doc.version === '1') && doc.version !== '4') return true;
  return 'ruleName' in doc && 'ruleId' in doc && typeof doc.state === 'string';
}

function parseLegacy(d: Record<string, unknown>, now: number): AlertParse {
  const state = optStr(d.state) ?? '';
  if (state === 'paused' || state === 'pending') return { alerts: [], ignored: [{ reason: `Grafana legacy alert state "${state}" is not a firing or resolution` }] };
  if (state !== 'alerting' && state !== 'ok' && state !== 'no_data') {
    throw new ImportError(`state: expected alerting, ok, no_data, paused or pending, got ${JSON.stringify(state.slice(0, 40))}`, { path: 'state' });
  }
  const tags = stringMap(d.tags, 'tags');
  const name = optStr(d.ruleName) ?? optStr(d.title) ?? 'Grafana alert';
  const fp = `rule-${optStr(d.ruleId) ?? labelsFingerprint({ name })}`;
  return {
    alerts: [
      makeAlert({
        source: 'grafana',
        name,
        fingerprint: fp,
        state: state === 'ok' ? 'resolved' : 'firing',
        ts: now,
        severity: state === 'no_data' ? 'warning' : mapSeverity(tags.severity),
        service: serviceFrom(tags, 'grafana'),
        labels: { ...tags, grafana_state: state },
        summary: optStr(d.message) ?? optStr(d.title),
        runbookUrl: tags.runbook_url,
        attrs: { ruleUrl: optStr(d.ruleUrl), orgId: optStr(d.orgId) },
      }),
    ],
    ignored: [],
  };
}

export function parseGrafanaWebhook(doc: unknown, now: number): AlertParse {
  const d = obj(doc, '$');
  if (!Array.isArray(d.alerts)) {
    if ('ruleName' in d || 'ruleId' in d) return parseLegacy(d, now);
    throw new ImportError('alerts: missing (expected a Grafana Alerting webhook with alerts[])', { path: 'alerts' });
  }
  const common = stringMap(d.commonAnnotations, 'commonAnnotations');
  const alerts = alertsOf(d).map((a, i) =>
    mapAmAlert(a, `alerts[${i}]`, {
      source: 'grafana',
      commonAnnotations: common,
      state: groupState(d.status),
      now,
      attrs: { orgId: optStr(d.orgId), groupKey: optStr(d.groupKey), title: optStr(d.title), receiver: optStr(d.receiver) },
    }),
  );
  return { alerts, ignored: [] };
}
