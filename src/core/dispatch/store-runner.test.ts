import { afterAll, describe, expect, it } from 'vitest';
import { openStore } from '../store/store';
import { writeDemo } from '../demo/generate';
import { storeRunner } from './store-runner';

const store = openStore(':memory:');
afterAll(() => store.close());

describe('the store_query runner answers runbook questions from the local store', () => {
  it('counts, measures error rates and groups within the window, and filters on event fields', async () => {
    const w = store.bulk();
    const inc = writeDemo(w, { events: 20_000, seed: 1 });
    w.commit();
    const run = storeRunner(store);
    const signal = new AbortController().signal;
    const window = { from: inc.windowFrom, to: inc.windowTo };
    const all = await run({ events: 'llm_call', measure: 'count' }, window, signal);
    const total = all.samples[0] ?? 0;
    expect(total).toBeGreaterThan(0);
    const byVersion = await run({ events: 'llm_call', measure: 'count', group_by: ['promptVersion'] }, window, signal);
    expect(byVersion.samples.reduce((a, b) => a + b, 0)).toBe(total);
    expect(byVersion.samples.length).toBeGreaterThan(1);
    const rate = await run({ events: 'llm_call', measure: 'error_rate' }, window, signal);
    expect(rate.samples[0]).toBeGreaterThanOrEqual(0);
    expect(rate.samples[0]).toBeLessThanOrEqual(1);
    const none = await run({ events: 'llm_call', measure: 'count', where: { service: 'no-such-service' } }, window, signal);
    expect(none.samples).toEqual([]);
    const changes = await run({ events: 'change', measure: 'samples', where: { changeType: 'prompt' }, range: '6h', limit: 5 }, window, signal);
    expect(changes.samples[0]).toBeGreaterThan(0);
  });
});
