import { describe, expect, it } from 'vitest';
import type { AlertEvent, ChangeEvent, LogRecord } from '../../../shared/events';
import type { ImportFormat, ParsedInput } from '../../import/formats/types';
import { describeFixtures, readFixture } from '../../testing/fixtures';
import { DD_EVENTS_V1_EXAMPLE, DD_EVENTS_V2_EXAMPLE, DD_LOGS_EXAMPLE, DD_METRICS_EXAMPLE, DD_MONITORS_EXAMPLE } from './examples';
import { datadogFormats } from './formats';
import { laneOfMetric } from './metrics';

const NOW = Date.UTC(2026, 2, 14);
const j = (doc: unknown): ParsedInput => ({ kind: 'json', doc: JSON.parse(JSON.stringify(doc)) as unknown, skippedLines: 0 });
const claim = (doc: unknown): ImportFormat[] => datadogFormats.filter((f) => f.detect(j(doc)));
const only = (doc: unknown): ImportFormat => {
  const c = claim(doc);
  expect(c.map((f) => f.id)).toHaveLength(1);
  return c[0] as ImportFormat;
};

describe('datadog: documented API responses', () => {
  it('metrics query → a series with host label on the infra lane', () => {
    const f = only(DD_METRICS_EXAMPLE);
    expect(f.id).toBe('datadog-metrics-query');
    const { series } = f.parse(j(DD_METRICS_EXAMPLE), { now: NOW });
    expect(series).toEqual([{ name: 'system.cpu.idle', labels: { host: 'vagrant-ubuntu-trusty-64' }, lane: 'infra', points: [[1430311800000, 98.1937561035156], [1430312400000, 99.85856628417969]] }]);
    expect([laneOfMetric('dcgm.gpu_utilization'), laneOfMetric('vllm.num_requests_waiting'), laneOfMetric('kubernetes.cpu.usage')]).toEqual(['gpu', 'inference', 'infra']);
  });

  it('logs search → logs with severity, service, tags and trace id', () => {
    const events = only(DD_LOGS_EXAMPLE).parse(j(DD_LOGS_EXAMPLE), { now: NOW }).events as LogRecord[];
    expect(events[0]).toMatchObject({ ts: Date.parse('2019-01-02T09:42:36.320Z'), service: 'agent', severity: 'info', body: 'Host connected to remote', traceId: '1234567890123456789' });
    expect(events[0]?.attrs).toMatchObject({ 'tag.team': 'A', 'tag.env': 'prod', host: 'i-0123' });
    expect(events[1]).toMatchObject({ severity: 'error', service: 'support-agent' });
  });

  it('monitors → current alert state; Ignored skipped', () => {
    const alerts = only(DD_MONITORS_EXAMPLE).parse(j(DD_MONITORS_EXAMPLE), { now: NOW }).events as AlertEvent[];
    expect(alerts).toHaveLength(2);
    expect(alerts[0]).toMatchObject({ name: 'Bytes received on host0', state: 'firing', severity: 'critical', fingerprint: 'datadog:monitor:2081', service: 'web', ts: Date.parse('2024-03-14T02:55:00Z'), source: 'datadog' });
    expect(alerts[1]).toMatchObject({ state: 'resolved', ts: Date.parse('2020-01-01T00:00:00Z') });
  });

  it('events v1: a jenkins deploy is a change, the rest a log', () => {
    const ev = only(DD_EVENTS_V1_EXAMPLE).parse(j(DD_EVENTS_V1_EXAMPLE), { now: NOW }).events;
    expect(ev[0]).toMatchObject({ kind: 'change', changeType: 'deploy', ts: 1346273496000, service: 'web', to: '1', source: 'jenkins' });
    expect(ev[1]).toMatchObject({ kind: 'log', severity: 'error', ts: 1346355252000 });
  });

  it('events v2: a rollback by title', () => {
    const [c] = only(DD_EVENTS_V2_EXAMPLE).parse(j(DD_EVENTS_V2_EXAMPLE), { now: NOW }).events as ChangeEvent[];
    expect(c).toMatchObject({ kind: 'change', changeType: 'rollback', service: 'support-agent', ts: Date.parse('2022-05-11T13:04:25Z') });
  });

  it('rejects bad entries with their path', () => {
    const f = datadogFormats[0] as ImportFormat;
    expect(() => f.parse(j({ res_type: 'time_series', series: [{ metric: 'm', pointlist: [[1, 'x']] }] }), { now: NOW })).toThrow(/expected \[ms, value\]/);
    const l = datadogFormats[1] as ImportFormat;
    expect(() => l.parse(j({ data: [{ type: 'log', attributes: { timestamp: 'yesterday' } }] }), { now: NOW })).toThrow(/timestamp/);
  });
});

describeFixtures('datadog: monitor webhooks belong to the alert webhooks, not to these formats', () => {
  it.each(['datadog_webhook_monitor_triggered_codenow_fluffy.json', 'datadog_webhook_monitor_recovered_codenow_fluffy.json'])('%s is not claimed', (f) => {
    expect(claim(JSON.parse(readFixture(`alert_webhooks/${f}`)) as unknown)).toEqual([]);
  });
});

