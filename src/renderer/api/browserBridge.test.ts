// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createBrowserBridge, TransportError } from './browserBridge';
import { connectionStatus } from './connection';

class FakeSocket {
  static all: FakeSocket[] = [];
  onopen: (() => void) | null = null;
  onmessage: ((e: { data: unknown }) => void) | null = null;
  onclose: (() => void) | null = null;
  onerror: (() => void) | null = null;
  constructor(readonly url: string) {
    FakeSocket.all.push(this);
  }
}

function bridgeWith(fetchImpl: (url: string, init: RequestInit) => Promise<Response>) {
  return createBrowserBridge({
    fetch: fetchImpl as unknown as typeof fetch,
    WebSocket: FakeSocket as unknown as typeof WebSocket,
    location: { protocol: 'https:', host: 'cockpit.local:4000' },
    backoff: { minMs: 10, maxMs: 40 },
  });
}

afterEach(() => {
  FakeSocket.all = [];
  vi.useRealTimers();
});

describe('browser bridge', () => {
  it('POSTs JSON to the invoke path and returns the parsed envelope, even on 404', async () => {
    const seen: Array<[string, RequestInit]> = [];
    const bridge = bridgeWith(async (url, init) => {
      seen.push([url, init]);
      return new Response(JSON.stringify({ ok: false, error: { code: 'unknown_channel', message: 'x' } }), { status: 404 });
    });
    const env = await bridge.invoke('events.get', { id: 4 });
    expect(env).toEqual({ ok: false, error: { code: 'unknown_channel', message: 'x' } });
    expect(seen[0]?.[0]).toBe('/api/invoke/events.get');
    expect(seen[0]?.[1].method).toBe('POST');
    expect(seen[0]?.[1].credentials).toBe('same-origin');
    expect(seen[0]?.[1].body).toBe('{"id":4}');
  });

  it('turns 401, network failures and non-JSON answers into TransportError', async () => {
    await expect(bridgeWith(async () => new Response('no', { status: 401 })).invoke('app.info', {})).rejects.toThrow(
      /not signed in/,
    );
    await expect(
      bridgeWith(() => Promise.reject(new TypeError('Failed to fetch'))).invoke('app.info', {}),
    ).rejects.toBeInstanceOf(TransportError);
    await expect(bridgeWith(async () => new Response('<html>', { status: 502 })).invoke('app.info', {})).rejects.toThrow(
      /HTTP 502/,
    );
  });

  it('opens one wss socket lazily, routes {event, payload} and reconnects with backoff', () => {
    vi.useFakeTimers();
    const bridge = bridgeWith(async () => new Response('{}'));
    expect(FakeSocket.all).toHaveLength(0);
    const a: unknown[] = [];
    const b: unknown[] = [];
    const offA = bridge.on('store.changed', (p) => a.push(p));
    bridge.on('incidents.changed', (p) => b.push(p));
    expect(FakeSocket.all).toHaveLength(1);
    const first = FakeSocket.all[0]!;
    expect(first.url).toBe('wss://cockpit.local:4000/api/events');
    first.onopen?.();
    expect(connectionStatus()).toBe('open');
    first.onmessage?.({ data: JSON.stringify({ event: 'store.changed', payload: { areas: ['events'] } }) });
    first.onmessage?.({ data: 'not json' });
    first.onmessage?.({ data: JSON.stringify({ event: 'incidents.changed', payload: { ids: ['i1'] } }) });
    expect(a).toEqual([{ areas: ['events'] }]);
    expect(b).toEqual([{ ids: ['i1'] }]);
    offA();
    first.onmessage?.({ data: JSON.stringify({ event: 'store.changed', payload: { areas: ['events'] } }) });
    expect(a).toHaveLength(1);

    first.onclose?.();
    expect(connectionStatus()).toBe('closed');
    vi.advanceTimersByTime(9);
    expect(FakeSocket.all).toHaveLength(1);
    vi.advanceTimersByTime(1);
    expect(FakeSocket.all).toHaveLength(2);
    FakeSocket.all[1]!.onclose?.();
    vi.advanceTimersByTime(19);
    expect(FakeSocket.all).toHaveLength(2);
    vi.advanceTimersByTime(1);
    expect(FakeSocket.all).toHaveLength(3);
  });
});
