import { describe, expect, it, vi } from 'vitest';
import type { Envelope } from '../../shared/envelope';
import { sampleIncident } from '../contract/samples';
import type { SenderInfo } from '../contract/handlers';
import { assembleCore } from './assemble';
import { createFakeStore } from './fake-store';

const sender: SenderInfo = { host: 'test', role: 'operator' };
const value = (env: Envelope<unknown>) => {
  if (!env.ok) throw new Error(`${env.error.code}: ${env.error.message}`);
  return env.value;
};

describe('assembleCore', () => {
  it('answers app.info from the store and the options', async () => {
    const core = assembleCore(createFakeStore(), { host: 'electron', version: '1.2.3' });
    expect(value(await core.dispatch('app.info', {}, sender))).toEqual({
      name: 'Sitrep',
      version: '1.2.3',
      host: 'electron',
      store: { path: ':memory:', events: 3, series: 2, points: 1 },
      readOnly: false,
    });
  });

  it('reports read-only when the option or the store says so', async () => {
    const a = assembleCore(createFakeStore(), { host: 'browser', readOnly: true });
    const b = assembleCore(createFakeStore({ readOnly: true }), { host: 'test' });
    expect(value(await a.dispatch('app.info', {}, sender))).toMatchObject({ readOnly: true, host: 'browser' });
    expect(value(await b.dispatch('app.info', {}, sender))).toMatchObject({ readOnly: true, host: 'browser' });
  });

  it('serves incidents and maps missing ids to not_found', async () => {
    const core = assembleCore(createFakeStore({ incidents: [sampleIncident] }), { host: 'test' });
    expect(value(await core.dispatch('incidents.list', {}, sender))).toEqual([sampleIncident]);
    expect(value(await core.dispatch('incidents.get', { id: 'inc-1' }, sender))).toEqual(sampleIncident);
    const missing = await core.dispatch('incidents.get', { id: 'nope' }, sender);
    expect(missing).toMatchObject({ ok: false, error: { code: 'not_found' } });
    expect(await core.dispatch('events.get', { id: 99 }, sender)).toMatchObject({ ok: false, error: { code: 'not_found' } });
    expect(value(await core.dispatch('events.get', { id: 7 }, sender))).toMatchObject({ id: 7 });
  });

  it('seeds an empty store and then announces the change', async () => {
    const store = createFakeStore();
    const seed = vi.fn((s: typeof store) => s.upsertIncident(sampleIncident));
    const core = assembleCore(store, { host: 'test', seedIfEmpty: seed as never });
    const pushes: unknown[] = [];
    core.onPush((event, payload) => pushes.push([event, payload]));
    expect(seed).toHaveBeenCalledTimes(1);
    await Promise.resolve();
    expect(pushes).toEqual([['store.changed', { areas: ['events', 'metrics', 'incidents'] }]]);
  });

  it('does not seed a store that has incidents, nor a read-only one', async () => {
    const seed = vi.fn();
    assembleCore(createFakeStore({ incidents: [sampleIncident] }), { host: 'test', seedIfEmpty: seed });
    assembleCore(createFakeStore({ readOnly: true }), { host: 'test', seedIfEmpty: seed });
    expect(seed).not.toHaveBeenCalled();
  });

  it('delivers pushes to listeners until they unsubscribe, and survives a failing listener', () => {
    const log = vi.fn();
    const core = assembleCore(createFakeStore(), { host: 'test', log });
    const got: string[] = [];
    core.onPush(() => {
      throw new Error('broken socket');
    });
    const off = core.onPush((event) => got.push(event));
    core.emit('incidents.changed', { ids: ['a'] });
    off();
    core.emit('incidents.changed', { ids: ['b'] });
    expect(got).toEqual(['incidents.changed']);
    expect(log).toHaveBeenCalledTimes(2);
  });

  it('closes the store once and stops pushing', () => {
    const store = createFakeStore();
    const core = assembleCore(store, { host: 'test' });
    const got: string[] = [];
    core.onPush((e) => got.push(e));
    core.close();
    core.close();
    core.emit('incidents.changed', { ids: [] });
    expect(store.closed).toBe(1);
    expect(got).toEqual([]);
  });
});
