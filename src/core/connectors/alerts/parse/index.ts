/** Every alert payload parser, by the webhook path it is served on and the import format it backs. */
import type { AlertParse } from '../normalize';
import { isAlertmanagerWebhook, parseAlertmanagerWebhook } from './alertmanager';
import { isAlertmanagerApiList, parseAlertmanagerApiList } from './alertmanager-api';
import { isDatadogWebhook, parseDatadogWebhook } from './datadog';
import { isGrafanaWebhook, parseGrafanaWebhook } from './grafana';
import { isOpsgenieWebhook, parseOpsgenieWebhook } from './opsgenie';
import { isPagerDutyWebhook, parsePagerDutyWebhook } from './pagerduty';

export interface AlertParser {
  id: string;
  label: string;
  detect(doc: unknown): boolean;
  parse(doc: unknown, now: number): AlertParse;
}

export const ALERT_PARSERS = {
  alertmanager: { id: 'alertmanager-webhook', label: 'Alertmanager webhook (v4)', detect: isAlertmanagerWebhook, parse: parseAlertmanagerWebhook },
  alertmanagerApi: { id: 'alertmanager-api-v2-alerts', label: 'Alertmanager API v2 alert list', detect: isAlertmanagerApiList, parse: parseAlertmanagerApiList },
  grafana: { id: 'grafana-alerting-webhook', label: 'Grafana Alerting webhook', detect: isGrafanaWebhook, parse: parseGrafanaWebhook },
  pagerduty: { id: 'pagerduty-v3-webhook', label: 'PagerDuty V3 webhook', detect: isPagerDutyWebhook, parse: parsePagerDutyWebhook },
  opsgenie: { id: 'opsgenie-webhook', label: 'Opsgenie webhook', detect: isOpsgenieWebhook, parse: parseOpsgenieWebhook },
  datadog: { id: 'datadog-monitor-webhook', label: 'Datadog monitor webhook', detect: isDatadogWebhook, parse: parseDatadogWebhook },
} as const satisfies Record<string, AlertParser>;

export type AlertParserName = keyof typeof ALERT_PARSERS;
