/** Every real payload in fixtures/alert_webhooks parses to the alerts written in the file. */
import { readdirSync } from 'node:fs';
import { expect, it } from 'vitest';
import { AlertEvent } from '../../../../shared/events';
import { describeFixtures, fixturePath, readFixture } from '../../../testing/fixtures';
import { labelsFingerprint } from '../fingerprint';
import { ALERT_PARSERS } from '.';

const NOW = Date.UTC(2026, 0, 1);
const doc = (name: string): unknown => JSON.parse(readFixture(`alert_webhooks/${name}`)) as unknown;
const wrapPd = (eventType: string, data: unknown): unknown => ({ event: { id: 'e1', event_type: eventType, resource_type: 'incident', occurred_at: '2020-10-02T18:45:22.169Z', data } });

describeFixtures('alert webhook fixtures', () => {
  it('Alertmanager webhook v4 (prometheus-msteams)', () => {
    const d = doc('alertmanager_webhook_prometheus-msteams_prom_post_request.json');
    expect(ALERT_PARSERS.alertmanager.detect(d)).toBe(true);
    const { alerts } = ALERT_PARSERS.alertmanager.parse(d, NOW);
    expect(alerts).toHaveLength(1);
    const a = alerts[0];
    expect(a).toMatchObject({ name: 'high_memory_load', state: 'firing', severity: 'warning', service: 'docker_nodes', source: 'alertmanager', summary: 'Server High Memory usage' });
    expect(a?.ts).toBe(Date.parse('2018-03-07T11:33:21.873Z'));
    // No fingerprint in this payload: Alertmanager's own label hash, and the runbook from commonAnnotations.runbook.
    expect(a?.fingerprint).toBe(labelsFingerprint({ alertname: 'high_memory_load', instance: 'instance-with-hyphen_and_underscore', job: 'docker_nodes', monitor: 'master', severity: 'warning' }));
    expect(a?.runbookUrl).toBe('https://github.com/bzon/prometheus-msteams');
    expect(a?.externalId).toBe(`alertmanager:${a?.fingerprint}:firing:${a?.ts}`);
    expect(AlertEvent.safeParse(a).success).toBe(true);
  });

  it('Alertmanager API v2 list (OpenShift): nine active alerts', () => {
    const d = doc('alertmanager_api_v2_alerts_openshift_insights_sample.json');
    expect(ALERT_PARSERS.alertmanagerApi.detect(d)).toBe(true);
    expect(ALERT_PARSERS.alertmanager.detect(d)).toBe(false);
    const { alerts } = ALERT_PARSERS.alertmanagerApi.parse(d, NOW);
    expect(alerts.map((a) => a.name)).toEqual(['TargetDown', 'ClusterVersionOperatorDown', 'TargetDown', 'TargetDown', 'TargetDown', 'Watchdog', 'TargetDown', 'AlertmanagerClusterDown', 'TargetDown']);
    expect(alerts.map((a) => a.severity)).toEqual(['warning', 'critical', 'warning', 'warning', 'warning', 'info', 'warning', 'warning', 'warning']);
    expect(alerts.map((a) => a.service)).toEqual(['telemeter-client', 'unknown', 'grafana', 'prometheus-k8s-thanos-sidecar', 'prometheus-k8s', 'openshift-monitoring', 'alertmanager-main', 'alertmanager-main', 'thanos-querier']);
    expect(alerts.every((a) => a.state === 'firing' && a.labels.sitrep_am_state === 'active' && a.labels.sitrep_silenced === undefined)).toBe(true);
    expect(alerts[0]?.ts).toBe(Date.parse('2022-01-04T10:10:46.565Z'));
    expect(new Set(alerts.map((a) => a.fingerprint)).size).toBe(9);
  });

  it('Alertmanager API v2 silenced list keeps silenced alerts, labelled', () => {
    const { alerts } = ALERT_PARSERS.alertmanagerApi.parse(doc('alertmanager_api_v2_silenced_alerts_openshift_insights_sample.json'), NOW);
    expect(alerts.map((a) => [a.name, a.fingerprint, a.severity, a.labels.sitrep_silenced, a.labels.sitrep_am_state])).toEqual([
      ['AlertmanagerReceiversNotConfigured', '36dc4a4e69cb6fd9', 'warning', 'true', 'suppressed'],
      ['KubeAPIErrorBudgetBurn', '4b3356c241bc9026', 'critical', 'true', 'suppressed'],
    ]);
    expect(alerts[0]?.attrs?.silencedBy).toBe('2c5a3bfc-d960-4529-bc7e-cc7ee68bf7b2');
  });

  it('Datadog triggered and recovered share one fingerprint', () => {
    const t = ALERT_PARSERS.datadog.parse(doc('datadog_webhook_monitor_triggered_codenow_fluffy.json'), NOW).alerts[0];
    const r = ALERT_PARSERS.datadog.parse(doc('datadog_webhook_monitor_recovered_codenow_fluffy.json'), NOW).alerts[0];
    expect(t).toMatchObject({ name: 'Dock is almost out of memory...', state: 'firing', severity: 'critical', fingerprint: '309811/host:i-3b93aafb', ts: 1448435530000, service: 'dock' });
    expect(r).toMatchObject({ state: 'resolved', fingerprint: '309811/host:i-3b93aafb', ts: 1448435477000 });
    expect(t?.runbookUrl).toBe('https://github.com/CodeNow/devops-scripts/wiki/Restarting-Docker');
    expect(t?.labels.host).toBe('i-3b93aafb');
    expect(t?.labels['security-group']).toBe('sg-59a3503c,sg-cb8e7dae');
  });

  it('Opsgenie Create', () => {
    const d = doc('opsgenie_webhook_alert_create_relay.json');
    expect(ALERT_PARSERS.opsgenie.detect(d)).toBe(true);
    const a = ALERT_PARSERS.opsgenie.parse(d, NOW).alerts[0];
    expect(a).toMatchObject({ name: 'asdf', fingerprint: '7ec331d7-f5f3-4f78-a49c-2ad886df69fe-1593475564295', state: 'firing', severity: 'warning', ts: 1593475564295, service: 'operations', source: 'opsgenie' });
    const ack = ALERT_PARSERS.opsgenie.parse({ ...(d as object), action: 'Acknowledge' }, NOW).alerts[0];
    expect(ack).toMatchObject({ state: 'acknowledged', ts: 1593475564636 });
    expect(ALERT_PARSERS.opsgenie.parse({ ...(d as object), action: 'AddNote' }, NOW)).toMatchObject({ alerts: [], ignored: [{ reason: expect.stringContaining('AddNote') as string }] });
  });

  it('PagerDuty incident.priority_updated repeats the firing transition', () => {
    const d = doc('pagerduty_v3_webhook_incident_priority_updated.json');
    expect(ALERT_PARSERS.pagerduty.detect(d)).toBe(true);
    const a = ALERT_PARSERS.pagerduty.parse(d, NOW).alerts[0];
    expect(a).toMatchObject({ name: 'A little bump in the road', fingerprint: 'PGR0VU2', state: 'firing', severity: 'critical', service: 'API Service', ts: Date.parse('2020-10-02T18:45:22Z') });
    expect(a?.labels).toMatchObject({ priority: 'P1', urgency: 'high', incident_number: '2' });
  });

  it('PagerDuty incident data under each state-changing event type', () => {
    const data = doc('pagerduty_v3_event_data_incident.json');
    const states = ['incident.triggered', 'incident.acknowledged', 'incident.resolved', 'incident.reopened'].map((t) => ALERT_PARSERS.pagerduty.parse(wrapPd(t, data), NOW).alerts[0]?.state);
    expect(states).toEqual(['firing', 'acknowledged', 'resolved', 'firing']);
  });

  it('PagerDuty non-incident data is accepted and ignored with a reason', () => {
    const sv = ALERT_PARSERS.pagerduty.parse(doc('pagerduty_v3_webhook_service_updated.json'), NOW);
    expect(sv.alerts).toEqual([]);
    expect(sv.ignored[0]?.reason).toContain('service.updated');
    const others = readdirSync(fixturePath('alert_webhooks')).filter((f) => f.startsWith('pagerduty_v3_event_data_') && f !== 'pagerduty_v3_event_data_incident.json');
    expect(others.length).toBeGreaterThanOrEqual(10);
    for (const f of others) {
      const r = ALERT_PARSERS.pagerduty.parse(wrapPd('incident.annotated', doc(f)), NOW);
      expect(r.alerts, f).toEqual([]);
      expect(r.ignored, f).toHaveLength(1);
    }
  });

  it('each fixture is claimed by exactly one parser', () => {
    const files = readdirSync(fixturePath('alert_webhooks')).filter((f) => f.endsWith('.json') && !f.startsWith('pagerduty_v3_event_data'));
    for (const f of files) {
      const claims = Object.values(ALERT_PARSERS).filter((p) => p.detect(doc(f))).map((p) => p.id);
      expect(claims, f).toHaveLength(1);
    }
  });
});
