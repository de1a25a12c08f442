// @vitest-environment happy-dom
import { QueryClient } from '@tanstack/react-query';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { setConnectionStatus } from './connection';
import { installPushInvalidation } from './queryClient';
import { setBridge } from './transport';

function pushBridge() {
  const listeners = new Map<string, (p: unknown) => void>();
  setBridge({
    invoke: async () => ({ ok: true, value: null }),
    on: (event, l) => {
      listeners.set(event, l);
      return () => listeners.delete(event);
    },
  });
  return (event: string, payload: unknown) => listeners.get(event)?.(payload);
}

afterEach(() => {
  setBridge(null);
  vi.useRealTimers();
});

describe('push invalidation', () => {
  it('coalesces store.changed bursts into one invalidation of every query', () => {
    vi.useFakeTimers();
    const emit = pushBridge();
    const client = new QueryClient();
    const spy = vi.spyOn(client, 'invalidateQueries');
    const off = installPushInvalidation(client, { coalesceMs: 100 });
    emit('store.changed', { areas: ['events'] });
    emit('store.changed', { areas: ['metrics'] });
    expect(spy).not.toHaveBeenCalled();
    vi.advanceTimersByTime(100);
    expect(spy).toHaveBeenCalledTimes(1);
    expect(spy).toHaveBeenCalledWith();
    off();
    emit('store.changed', { areas: ['events'] });
    vi.advanceTimersByTime(100);
    expect(spy).toHaveBeenCalledTimes(1);
  });

  it('invalidates incidents on incidents.changed and everything after a reconnect', () => {
    vi.useFakeTimers();
    const emit = pushBridge();
    const client = new QueryClient();
    const spy = vi.spyOn(client, 'invalidateQueries');
    const off = installPushInvalidation(client, { coalesceMs: 10 });
    emit('incidents.changed', { ids: ['a'] });
    expect(spy).toHaveBeenCalledWith({ queryKey: ['incidents'] });
    setConnectionStatus('closed');
    setConnectionStatus('open');
    vi.advanceTimersByTime(10);
    expect(spy).toHaveBeenCalledTimes(2);
    off();
  });
});
