import { describe, expect, it } from 'vitest';
import { openStore } from '../store/store';
import { generateDemo } from './generate';
import { DEFAULT_ANCHOR, MIN } from './scenario';

describe('demo into the real store', () => {
  it('writes the incident, its events and metrics, and re-running adds only duplicates', () => {
    const store = openStore(':memory:');
    try {
      const first = generateDemo(store, { events: 10_000 });
      expect(first.stats.events).toBeGreaterThanOrEqual(10_000);
      expect(first.stats.duplicates).toBe(0);
      const stats = store.stats();
      expect(stats.events).toBe(first.stats.events);
      expect(stats.points).toBe(first.stats.points);
      expect(store.listIncidents().map((i) => i.id)).toEqual(['INC-2026-0314-001']);
      const w = store.window({
        from: DEFAULT_ANCHOR - 45 * MIN,
        to: DEFAULT_ANCHOR + 40 * MIN,
        widthPx: 400,
        lanes: [{ type: 'events', lane: 'alerts' }, { type: 'events', lane: 'changes' }, { type: 'metrics', lane: 'inference', metric: 'vllm:gpu_cache_usage_perc' }],
      });
      const [alerts, changes, cache] = w.lanes;
      expect(alerts?.type === 'events' && alerts.total).toBe(5);
      expect(changes?.type === 'events' && changes.items.map((i) => i.ts)).toEqual([
        DEFAULT_ANCHOR - 6 * MIN,
        DEFAULT_ANCHOR,
        DEFAULT_ANCHOR + 24 * MIN,
      ]);
      const peak = cache?.type === 'metrics' ? Math.max(...cache.series.flatMap((s) => s.max.filter((v): v is number => v !== null))) : 0;
      expect(peak).toBeGreaterThan(0.97);

      const again = generateDemo(store, { events: 10_000 });
      expect(again.stats.events).toBe(0);
      expect(again.stats.duplicates).toBe(first.stats.events);
    } finally {
      store.close();
    }
  });
});
