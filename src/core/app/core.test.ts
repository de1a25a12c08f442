/** createCore over the real SQLite store and demo generator (in memory). */
import { describe, expect, it } from 'vitest';
import type { Envelope } from '../../shared/envelope';
import type { IncidentSummary } from '../../shared/incident';
import { createCore } from './core';

const sender = { host: 'test', role: 'operator' } as const;
const value = <T>(env: Envelope<unknown>): T => {
  if (!env.ok) throw new Error(`${env.error.code}: ${env.error.message}`);
  return env.value as T;
};

describe('createCore', () => {
  it('fills an empty store with the demo, announces it, and serves it through the contract', async () => {
    const core = createCore({ dbPath: ':memory:', host: 'test', demoIfEmpty: true, version: '0.1.0' });
    try {
      const pushes: string[] = [];
      core.onPush((event) => pushes.push(event));
      await Promise.resolve();
      expect(pushes).toEqual(['store.changed']);
      const incidents = value<IncidentSummary[]>(await core.dispatch('incidents.list', {}, sender));
      expect(incidents.length).toBeGreaterThan(0);
      const first = incidents[0]!;
      expect(value<IncidentSummary>(await core.dispatch('incidents.get', { id: first.id }, sender)).id).toBe(first.id);
      const info = value<{ store: { events: number } }>(await core.dispatch('app.info', {}, sender));
      expect(info.store.events).toBeGreaterThan(1000);
      const win = await core.dispatch(
        'timeline.window',
        { from: first.windowFrom, to: first.windowTo, widthPx: 800, lanes: [{ type: 'events', lane: 'llm' }, { type: 'metrics', lane: 'gpu' }] },
        sender,
      );
      expect(win.ok).toBe(true);
      const page = value<{ rows: Array<{ id: number }> }>(
        await core.dispatch('events.list', { from: first.windowFrom, to: first.windowTo, limit: 5 }, sender),
      );
      expect(page.rows.length).toBe(5);
      const detail = await core.dispatch('events.get', { id: page.rows[0]!.id }, sender);
      expect(detail.ok).toBe(true);
      expect(await core.dispatch('events.get', { id: 999_999_999 }, sender)).toMatchObject({ ok: false, error: { code: 'not_found' } });
    } finally {
      core.close();
    }
  });

  it('leaves an empty store empty without demoIfEmpty', async () => {
    const core = createCore({ dbPath: ':memory:', host: 'browser' });
    try {
      expect(value<unknown[]>(await core.dispatch('incidents.list', {}, sender))).toEqual([]);
    } finally {
      core.close();
    }
  });
});
