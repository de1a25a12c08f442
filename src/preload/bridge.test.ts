import { describe, expect, it, vi } from 'vitest';
import { createBridge, type IpcRendererLike } from './bridge';

function fakeIpc() {
  const handlers = new Map<string, Array<(event: unknown, ...args: unknown[]) => void>>();
  const ipc = {
    invoke: vi.fn(async (channel: string, input: unknown) => ({ ok: true, value: { channel, input } })),
    on: vi.fn((channel: string, l: (event: unknown, ...args: unknown[]) => void) => {
      handlers.set(channel, [...(handlers.get(channel) ?? []), l]);
    }),
    removeListener: vi.fn(),
  } satisfies IpcRendererLike;
  const send = (channel: string, message: unknown) => {
    for (const l of handlers.get(channel) ?? []) l({ sender: 'SECRET-IPC-EVENT' }, message);
  };
  return { ipc, send };
}

describe('preload bridge', () => {
  it('forwards contract channels with the wire prefix', async () => {
    const { ipc } = fakeIpc();
    const bridge = createBridge(ipc);
    expect(await bridge.invoke('incidents.get', { id: 'a' })).toEqual({ ok: true, value: { channel: 'sitrep:incidents.get', input: { id: 'a' } } });
  });

  it('refuses other channels without touching IPC', async () => {
    const { ipc } = fakeIpc();
    const bridge = createBridge(ipc);
    for (const ch of ['shell.exec', 'sitrep:push', '__proto__', 'app.info ']) {
      expect(await bridge.invoke(ch, {})).toMatchObject({ ok: false, error: { code: 'unknown_channel' } });
    }
    expect(ipc.invoke).not.toHaveBeenCalled();
  });

  it('turns an IPC failure into an internal envelope', async () => {
    const { ipc } = fakeIpc();
    ipc.invoke.mockRejectedValueOnce(new Error('no handler'));
    expect(await createBridge(ipc).invoke('app.info', {})).toMatchObject({ ok: false, error: { code: 'internal' } });
  });

  it('delivers only the payload of known push events, until unsubscribed', () => {
    const { ipc, send } = fakeIpc();
    const bridge = createBridge(ipc);
    const got: unknown[][] = [];
    const off = bridge.on('store.changed', (...args) => got.push(args));
    send('sitrep:push', { event: 'store.changed', payload: { areas: ['events'] } });
    send('sitrep:push', { event: 'incidents.changed', payload: { ids: [] } });
    send('sitrep:push', { event: 'evil', payload: 1 });
    send('sitrep:push', 'garbage');
    off();
    send('sitrep:push', { event: 'store.changed', payload: { areas: ['metrics'] } });
    expect(got).toEqual([[{ areas: ['events'] }]]);
    expect(ipc.on).toHaveBeenCalledTimes(1);
  });

  it('ignores subscriptions to unknown events', () => {
    const { ipc } = fakeIpc();
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const off = createBridge(ipc).on('sitrep:push', () => {});
    expect(typeof off).toBe('function');
    expect(ipc.on).not.toHaveBeenCalled();
    warn.mockRestore();
  });
});
