/** Hostile bodies: every parser answers with alerts or an ImportError, never a crash or invalid event. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AlertEvent, MAX_SHORT } from '../../../shared/events';
import { ImportError } from '../../import/formats/types';
import { decodeJsonBody } from './body';
import { MAX_DEPTH } from './limits';
import { ALERT_PARSERS } from './parse';

const NOW = Date.UTC(2026, 0, 1);
const am = { version: '4', groupKey: 'g', status: 'firing', alerts: [{ status: 'firing', labels: { alertname: 'A', severity: 'critical', service: 's' }, annotations: {}, startsAt: '2026-01-01T00:00:00Z' }] };
const samples: Record<keyof typeof ALERT_PARSERS, unknown> = {
  alertmanager: am,
  alertmanagerApi: [{ labels: { alertname: 'A' }, annotations: {}, startsAt: '2026-01-01T00:00:00Z', endsAt: '2026-01-01T01:00:00Z', status: { state: 'active', silencedBy: [], inhibitedBy: [] } }],
  grafana: { ...am, version: '1', orgId: 1, title: 't', state: 'alerting' },
  pagerduty: { event: { id: 'x', event_type: 'incident.triggered', occurred_at: '2026-01-01T00:00:00Z', data: { id: 'P1', type: 'incident', status: 'triggered', title: 'T' } } },
  opsgenie: { action: 'Create', alert: { alertId: 'a1', message: 'm', createdAt: 1767225600000, priority: 'P1' } },
  datadog: { alert_transition: 'Triggered', title: '[Triggered on {host:a}] M', date: '1767225600000', event_tags: 'service:x' },
};

function outcome(run: () => { alerts: unknown[] }): void {
  try {
    const r = run();
    for (const a of r.alerts) expect(AlertEvent.safeParse(a).success).toBe(true);
  } catch (err) {
    expect(err).toBeInstanceOf(ImportError);
    expect((err as Error).message.length).toBeGreaterThan(5);
  }
}

/** Replaces one random leaf of `v` by `leaf`. */
function mutate(v: unknown, path: number[], leaf: unknown): unknown {
  if (path.length === 0 || v === null || typeof v !== 'object') return leaf;
  const [head = 0, ...rest] = path;
  if (Array.isArray(v)) {
    if (v.length === 0) return leaf;
    const i = head % v.length;
    return v.map((x, j) => (j === i ? mutate(x, rest, leaf) : x));
  }
  const keys = Object.keys(v);
  if (keys.length === 0) return leaf;
  const k = keys[head % keys.length] ?? '';
  return { ...(v as Record<string, unknown>), [k]: mutate((v as Record<string, unknown>)[k], rest, leaf) };
}

describe('alert parsers under fuzz', () => {
  for (const [name, sample] of Object.entries(samples) as [keyof typeof ALERT_PARSERS, unknown][]) {
    const parser = ALERT_PARSERS[name];
    it(`${name}: the sample parses`, () => {
      expect(parser.parse(sample, NOW).alerts.length).toBe(1);
    });
    it(`${name}: wrong types anywhere give alerts or a clear error`, () => {
      fc.assert(
        fc.property(fc.array(fc.nat(), { maxLength: 6 }), fc.jsonValue({ maxDepth: 3 }), (path, leaf) => outcome(() => parser.parse(mutate(sample, path, leaf), NOW))),
        { numRuns: 300 },
      );
    });
    it(`${name}: arbitrary JSON gives alerts or a clear error`, () => {
      fc.assert(fc.property(fc.jsonValue({ maxDepth: 5 }), (doc) => outcome(() => parser.parse(doc, NOW))), { numRuns: 200 });
    });
    it(`${name}: a 10 MB string is clamped`, () => {
      const huge = 'x'.repeat(10 * 1024 * 1024);
      for (let p = 0; p < 6; p++) outcome(() => parser.parse(mutate(sample, [p, 0, 0, 0], huge), NOW));
      const r = parser.parse(mutate(sample, [], sample), NOW);
      expect(r.alerts[0]?.name.length ?? 0).toBeLessThanOrEqual(MAX_SHORT);
    });
  }

  it('truncated bodies are a clear error', () => {
    const text = JSON.stringify(am);
    fc.assert(
      fc.property(fc.integer({ min: 0, max: text.length - 1 }), (n) => {
        expect(() => decodeJsonBody(Buffer.from(text.slice(0, n)))).toThrow(ImportError);
      }),
    );
  });
  it('invalid UTF-8, deep nesting and empty bodies are refused', () => {
    expect(() => decodeJsonBody(Buffer.from([0x7b, 0x22, 0xff, 0xfe, 0x22, 0x7d]))).toThrow(/UTF-8/);
    expect(() => decodeJsonBody(Buffer.from('['.repeat(MAX_DEPTH + 1) + ']'.repeat(MAX_DEPTH + 1)))).toThrow(/deeper/);
    expect(() => decodeJsonBody(Buffer.alloc(0))).toThrow(/empty/);
  });
  it('a huge label value is clamped, the alert kept', () => {
    const big = { ...am, alerts: [{ ...am.alerts[0], labels: { alertname: 'A', service: 's', note: 'y'.repeat(10 * 1024 * 1024) } }] };
    // Over the body limit on the wire: a clear refusal, before parsing.
    expect(() => decodeJsonBody(Buffer.from(JSON.stringify(big)))).toThrow(/more than the limit/);
    // Within a document (an imported file has its own, larger limit): clamped.
    const a = ALERT_PARSERS.alertmanager.parse(big, NOW).alerts[0];
    expect(a?.labels.note?.length).toBe(MAX_SHORT);
    expect(a?.labels.note?.endsWith('…[truncated]')).toBe(true);
  });
});
