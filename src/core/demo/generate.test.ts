import { describe, expect, it } from 'vitest';
import { EventInput, MetricSeriesInput } from '../../shared/events';
import { Incident } from '../../shared/incident';
import { fakeStore, fakeWriter } from './fake-writer';
import { generateDemo, writeDemo } from './generate';
import { DEFAULT_ANCHOR, MIN } from './scenario';

const T0 = DEFAULT_ANCHOR;

describe('demo generator', () => {
  it('is deterministic for a seed and differs across seeds', () => {
    const a = fakeWriter();
    const b = fakeWriter();
    const c = fakeWriter();
    writeDemo(a, { events: 10_000, seed: 7 });
    writeDemo(b, { events: 10_000, seed: 7 });
    writeDemo(c, { events: 10_000, seed: 8 });
    expect(a.digest()).toBe(b.digest());
    expect(a.digest()).not.toBe(c.digest());
  });

  it('streams valid events in time order and records the incident', () => {
    const store = fakeStore({ keep: true });
    const started = performance.now();
    const { incident, stats } = generateDemo(store, { events: 10_000 });
    expect(performance.now() - started).toBeLessThan(3_000);
    expect(store.writer.outOfOrder).toBe(0);
    expect(stats.duplicates).toBe(0);
    for (const e of store.writer.events) EventInput.parse(e);
    for (const def of store.writer.seriesDefs) MetricSeriesInput.parse({ ...def, points: [] });
    expect(Incident.parse(incident)).toEqual(incident);
    expect(store.incidents).toEqual([incident]);
    expect(incident.id).toBe('INC-2026-0314-001');
    expect(incident.startedAt).toBe(T0 + 3 * MIN);
    expect(incident.detectedAt).toBe(T0 + 8 * MIN);
    const first = store.writer.events[0];
    expect(first?.ts).toBeGreaterThanOrEqual(T0 - 45 * MIN);
    // metric points: 15 s samples over the 85 min window
    expect(stats.points).toBe(stats.series * (85 * 4 + 1));
    expect(stats.series).toBeGreaterThanOrEqual(50);
  });

  it('scales the event count with `events`, keeping the window', () => {
    for (const n of [10_000, 40_000]) {
      const w = fakeWriter({ keep: true });
      writeDemo(w, { events: n });
      const total = w.commit().events;
      expect(Math.abs(total - n) / n).toBeLessThan(0.01);
      const last = w.events[w.events.length - 1];
      expect(last?.ts).toBeLessThan(T0 + 41 * MIN);
      expect(last?.ts).toBeGreaterThan(T0 + 39 * MIN);
    }
  });

  it('plays the scenario: invalid JSON climbs after T0+3m, alerts and changes on time', () => {
    const w = fakeWriter({ keep: true });
    writeDemo(w, { events: 50_000, seed: 3 });
    const llm = w.events.filter(
      (e): e is Extract<EventInput, { kind: 'llm_call' }> => e.kind === 'llm_call' && e.outputValid !== undefined,
    );
    const rate = (from: number, to: number): number => {
      const xs = llm.filter((e) => e.ts >= T0 + from && e.ts < T0 + to);
      return xs.filter((e) => e.outputValid === false).length / xs.length;
    };
    expect(rate(-45 * MIN, 0)).toBeLessThan(0.04);
    expect(rate(-45 * MIN, 0)).toBeGreaterThan(0.005);
    const peak = rate(8 * MIN, 24 * MIN);
    expect(peak).toBeGreaterThan(0.13);
    expect(peak).toBeLessThan(0.24);
    expect(rate(32 * MIN, 40 * MIN)).toBeLessThan(0.05);

    const toolErr = (from: number, to: number): number => {
      const xs = w.events.filter((e) => e.kind === 'agent_action' && e.tool === 'get_order_status' && e.ts >= T0 + from && e.ts < T0 + to);
      return xs.filter((e) => e.kind === 'agent_action' && e.outcome === 'invalid_args').length / xs.length;
    };
    expect(toolErr(-45 * MIN, 0)).toBeLessThan(0.05);
    expect(toolErr(8 * MIN, 24 * MIN)).toBeGreaterThan(0.15);

    const outTokens = (from: number, to: number): number => {
      const xs = llm.filter((e) => e.ts >= T0 + from && e.ts < T0 + to);
      return xs.reduce((s, e) => s + e.outputTokens, 0) / xs.length;
    };
    expect(outTokens(8 * MIN, 24 * MIN) / outTokens(-45 * MIN, 0)).toBeGreaterThan(1.6);

    const alerts = w.events.filter((e) => e.kind === 'alert');
    const firing = alerts.find((e) => e.kind === 'alert' && e.name === 'SupportAgentInvalidJSONRate' && e.state === 'firing');
    expect(firing?.ts).toBe(T0 + 8 * MIN);
    expect(firing?.kind === 'alert' && firing.severity).toBe('critical');
    const resolved = alerts.find((e) => e.kind === 'alert' && e.name === 'SupportAgentInvalidJSONRate' && e.state === 'resolved');
    const changes = w.events.filter((e) => e.kind === 'change');
    const rollback = changes.find((e) => e.kind === 'change' && e.changeType === 'rollback');
    expect(rollback && resolved && resolved.ts > rollback.ts).toBe(true);
    const deploy = changes.find((e) => e.kind === 'change' && e.changeType === 'deploy');
    expect(deploy?.service).toBe('payments-api');
    expect(deploy && deploy.ts < T0).toBe(true);
    const prompt = changes.find((e) => e.kind === 'change' && e.changeType === 'prompt');
    expect(prompt?.ts).toBe(T0);
    expect(prompt?.kind === 'change' && [prompt.from, prompt.to]).toEqual(['v41', 'v42']);

    // payments-api stays healthy around its deploy (the red herring)
    const pay = w.events.filter((e) => e.kind === 'span' && e.service === 'payments-api' && e.ts > T0 - 6 * MIN && e.ts < T0 + 30 * MIN);
    expect(pay.filter((e) => e.kind === 'span' && e.status === 'error').length / pay.length).toBeLessThan(0.02);
    expect(w.events.some((e) => e.kind === 'log' && e.body.startsWith('failed to parse model output as JSON'))).toBe(true);
  });

  it('rejects an event count out of range', () => {
    expect(() => writeDemo(fakeWriter(), { events: 10 })).toThrow(RangeError);
  });
});
