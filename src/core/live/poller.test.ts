import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Connection, SourceKind } from '../../shared/connections';
import type { PushEvent } from '../../shared/contract';
import type { ParsedBatch } from '../import/formats/types';
import type { SourceClient } from '../connections/source-client';
import { openStore } from '../store/store';
import { createLivePoller } from './poller';

const T0 = 1_773_456_420_000;
const conn = (id: string, kind: SourceKind): Connection => ({
  id, name: id, kind, url: 'http://127.0.0.1:1', auth: { type: 'none' }, tls: { insecureSkipVerify: false }, headers: {}, options: {}, timeoutMs: 1000, createdAt: 0,
});
const logBatch = (ids: string[]): ParsedBatch => ({
  events: ids.map((id, i) => ({ kind: 'log', externalId: id, ts: T0 + i, service: 'api', severity: 'warn', body: id })),
  series: [],
});

function setup(clients: Partial<Record<SourceKind, SourceClient>>, conns: Connection[]) {
  const store = openStore(':memory:');
  store.upsertIncident({ id: 'INC-1', title: 't', severity: 'sev2', status: 'open', startedAt: T0, detectedAt: null, resolvedAt: null, windowFrom: T0 - 60_000, windowTo: T0, services: ['api'], summary: '' });
  const pushes: { event: PushEvent; payload: unknown }[] = [];
  const poller = createLivePoller({
    ctx: { store, emit: (event, payload) => void pushes.push({ event, payload }), log: () => undefined },
    listConnections: () => Promise.resolve(conns),
    clientFor: (k) => clients[k] ?? null,
    intervalMs: 1000,
  });
  return { store, pushes, poller };
}

const client = (kind: SourceKind, fetchWindow: SourceClient['fetchWindow']): SourceClient => ({
  kinds: [kind],
  probe: () => Promise.resolve({ ok: true, latencyMs: 1, detail: '' }),
  fetchWindow,
});

beforeEach(() => {
  vi.useFakeTimers();
  vi.setSystemTime(T0 + 120_000);
});
afterEach(() => vi.useRealTimers());

describe('live poller', () => {
  it('polls every interval, dedups, extends the window, and a failing source never stops the others', async () => {
    const windows: { from: number; to: number }[] = [];
    let calls = 0;
    const loki = client('loki', (_c, w) => {
      windows.push({ from: w.from, to: w.to });
      calls++;
      return Promise.resolve(logBatch(calls === 1 ? ['a', 'b'] : ['a', 'b', 'c']));
    });
    const prom = client('prometheus', () => Promise.reject(new Error('connection refused')));
    const { store, pushes, poller } = setup({ loki, prometheus: prom }, [conn('c-loki', 'loki'), conn('c-prom', 'prometheus'), conn('c-gh', 'github')]);

    expect(poller.watch('INC-1').watching).toBe(true);
    await vi.advanceTimersByTimeAsync(0);
    expect(store.stats().events).toBe(2);
    expect(windows[0]).toEqual({ from: T0 - 60_000, to: T0 + 120_000 });
    expect(store.getIncident('INC-1')?.windowTo).toBe(T0 + 120_000);
    const status = pushes.filter((p) => p.event === 'live.status').at(-1)?.payload as { sources: { connectionId: string; ok: boolean; error?: string }[] };
    expect(status.sources.map((s) => [s.connectionId, s.ok])).toEqual([['c-loki', true], ['c-prom', false], ['c-gh', false]]);
    expect(status.sources[1]?.error).toBe('connection refused');
    expect(status.sources[2]?.error).toMatch(/no live client for github/);
    expect(pushes.some((p) => p.event === 'store.changed')).toBe(true);

    await vi.advanceTimersByTimeAsync(1000);
    expect(calls).toBe(2);
    expect(store.stats().events).toBe(3); // a and b were already stored
    expect(store.getIncident('INC-1')?.windowTo).toBe(T0 + 121_000);

    poller.unwatch('INC-1');
    await vi.advanceTimersByTimeAsync(5000);
    expect(calls).toBe(2);
  });

  it('keeps at most one poll in flight per source, and aborts it on unwatch', async () => {
    let started = 0;
    let aborted = 0;
    const slow = client('loki', (_c, _w, signal) => {
      started++;
      return new Promise<ParsedBatch>((_resolve, reject) => {
        signal?.addEventListener('abort', () => {
          aborted++;
          reject(new Error('aborted'));
        });
      });
    });
    const { poller, store } = setup({ loki: slow }, [conn('c-loki', 'loki')]);
    poller.watch('INC-1');
    await vi.advanceTimersByTimeAsync(4500);
    expect(started).toBe(1);
    poller.close();
    await vi.advanceTimersByTimeAsync(0);
    expect(aborted).toBe(1);
    expect(poller.watching()).toEqual([]);
    expect(store.getIncident('INC-1')?.windowTo).toBe(T0);
  });

  it('without connections it changes nothing', async () => {
    const { poller, store, pushes } = setup({}, []);
    poller.watch('INC-1');
    await vi.advanceTimersByTimeAsync(3000);
    expect(store.getIncident('INC-1')?.windowTo).toBe(T0);
    expect(pushes.every((p) => p.event === 'live.status')).toBe(true);
    poller.close();
  });
});
