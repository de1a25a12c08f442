/** Grafana Alerting: no recorded payload exists in fixtures/; this body follows Grafana's documented webhook example. */
import { expect, it } from 'vitest';
import { ALERT_PARSERS } from '.';

const body = {
  receiver: 'sitrep',
  status: 'firing',
  orgId: 1,
  alerts: [
    {
      status: 'firing',
      labels: { alertname: 'HighLatency', grafana_folder: 'LLM', service: 'support-agent', severity: 'warning' },
      annotations: { summary: 'p95 above 2s', runbook_url: 'https://runbooks.example/latency' },
      startsAt: '2026-03-14T02:55:00Z',
      endsAt: '0001-01-01T00:00:00Z',
      generatorURL: 'https://grafana.example/alerting/grafana/abc/view',
      fingerprint: '57c6d9296de2ad39',
      silenceURL: 'https://grafana.example/alerting/silence/new',
      dashboardURL: 'https://grafana.example/d/xyz',
      panelURL: 'https://grafana.example/d/xyz?viewPanel=2',
      values: { B: 2.4 },
      valueString: "[ var='B' value=2.4 ]",
    },
    {
      status: 'resolved',
      labels: { alertname: 'GpuHot', instance: 'gpu-3', __runbook_url__: 'x' },
      annotations: { __runbook_url__: 'https://runbooks.example/gpu' },
      startsAt: '2026-03-14T02:40:00Z',
      endsAt: '2026-03-14T02:50:00Z',
      fingerprint: 'aa',
    },
  ],
  groupLabels: { alertname: 'HighLatency' },
  commonLabels: {},
  commonAnnotations: {},
  externalURL: 'https://grafana.example/',
  version: '1',
  groupKey: '{}:{alertname="HighLatency"}',
  truncatedAlerts: 0,
  title: '[FIRING:1] HighLatency',
  state: 'alerting',
  message: '**Firing** …',
};

it('maps Grafana unified alerting webhooks', () => {
  expect(ALERT_PARSERS.grafana.detect(body)).toBe(true);
  expect(ALERT_PARSERS.alertmanager.detect(body)).toBe(false);
  const [a, b] = ALERT_PARSERS.grafana.parse(body, 0).alerts;
  expect(a).toMatchObject({ source: 'grafana', name: 'HighLatency', fingerprint: '57c6d9296de2ad39', state: 'firing', severity: 'warning', service: 'support-agent', runbookUrl: 'https://runbooks.example/latency', ts: Date.parse('2026-03-14T02:55:00Z') });
  expect(a?.attrs).toMatchObject({ dashboardURL: 'https://grafana.example/d/xyz', panelURL: 'https://grafana.example/d/xyz?viewPanel=2', orgId: '1' });
  expect(b).toMatchObject({ state: 'resolved', ts: Date.parse('2026-03-14T02:50:00Z'), durMs: 600_000, runbookUrl: 'https://runbooks.example/gpu', externalId: `grafana:aa:resolved:${Date.parse('2026-03-14T02:50:00Z')}` });
});

it('maps the legacy Grafana body', () => {
  const legacy = { ruleId: 7, ruleName: 'CPU high', state: 'alerting', message: 'cpu', ruleUrl: 'https://g/x', tags: { service: 'api' } };
  expect(ALERT_PARSERS.grafana.detect(legacy)).toBe(true);
  expect(ALERT_PARSERS.grafana.parse(legacy, 5).alerts[0]).toMatchObject({ name: 'CPU high', fingerprint: 'rule-7', state: 'firing', ts: 5, service: 'api' });
  expect(ALERT_PARSERS.grafana.parse({ ...legacy, state: 'ok' }, 6).alerts[0]?.state).toBe('resolved');
  expect(ALERT_PARSERS.grafana.parse({ ...legacy, state: 'paused' }, 6).ignored).toHaveLength(1);
});
