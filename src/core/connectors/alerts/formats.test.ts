/** The alert payloads as import formats: recognised by content, parsed whole. */
import { readdirSync } from 'node:fs';
import { expect, it } from 'vitest';
import { ImportError, type ParsedInput } from '../../import/formats/types';
import { describeFixtures, fixturePath, readFixture } from '../../testing/fixtures';
import { alertFormats } from './formats';

const json = (doc: unknown): ParsedInput => ({ kind: 'json', doc, skippedLines: 0 });
const pick = (input: ParsedInput): string | undefined => alertFormats.find((f) => f.detect(input))?.id;

describeFixtures('alert import formats', () => {
  it('recognises each webhook fixture by content and imports its alerts', () => {
    const expected: Record<string, [string, number]> = {
      'alertmanager_api_v2_alerts_openshift_insights_sample.json': ['alertmanager-api-v2-alerts', 9],
      'alertmanager_api_v2_silenced_alerts_openshift_insights_sample.json': ['alertmanager-api-v2-alerts', 2],
      'alertmanager_webhook_prometheus-msteams_prom_post_request.json': ['alertmanager-webhook', 1],
      'datadog_webhook_monitor_recovered_codenow_fluffy.json': ['datadog-monitor-webhook', 1],
      'datadog_webhook_monitor_triggered_codenow_fluffy.json': ['datadog-monitor-webhook', 1],
      'opsgenie_webhook_alert_create_relay.json': ['opsgenie-webhook', 1],
      'pagerduty_v3_webhook_incident_priority_updated.json': ['pagerduty-v3-webhook', 1],
    };
    for (const [file, [id, n]] of Object.entries(expected)) {
      const input = json(JSON.parse(readFixture(`alert_webhooks/${file}`)));
      expect(pick(input), file).toBe(id);
      const f = alertFormats.find((x) => x.id === id);
      expect(f?.parse(input, { now: 0 }).events, file).toHaveLength(n);
    }
    expect(readdirSync(fixturePath('alert_webhooks')).filter((f) => f.endsWith('.json') && !f.startsWith('pagerduty_v3_event_data')).sort()).toEqual(
      [...Object.keys(expected), 'pagerduty_v3_webhook_service_updated.json'].sort(),
    );
  });

  it('a file with nothing to import (service.updated) is rejected with the reason', () => {
    const input = json(JSON.parse(readFixture('alert_webhooks/pagerduty_v3_webhook_service_updated.json')));
    const f = alertFormats.find((x) => x.detect(input));
    expect(() => f?.parse(input, { now: 0 })).toThrow(ImportError);
    expect(() => f?.parse(input, { now: 0 })).toThrow(/not an incident/);
  });
});

it('claims no unrelated document and never throws in detect', () => {
  for (const doc of [null, 1, 'x', [], [1], {}, { version: '4' }, { event: null }, { resourceSpans: [] }, [{ labels: {} }]]) expect(pick(json(doc))).toBeUndefined();
  expect(pick({ kind: 'text', text: '{}' })).toBeUndefined();
});
