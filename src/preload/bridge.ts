/**
 * The desktop bridge, built over an ipcRenderer-like object so it can be tested without
 * Electron. Only contract channels and push events pass; the IPC event object never reaches
 * the page (listeners receive the payload alone). No zod here: names come from plain lists.
 */
import type { SitrepBridge } from '../shared/bridge';
import { WIRE } from '../shared/bridge';
import { isChannelName, isPushEventName } from '../shared/channel-names';
import type { Envelope } from '../shared/envelope';

type IpcListener = (event: unknown, ...args: unknown[]) => void;

export interface IpcRendererLike {
  invoke(channel: string, ...args: unknown[]): Promise<unknown>;
  on(channel: string, listener: IpcListener): unknown;
  removeListener(channel: string, listener: IpcListener): unknown;
}

type PushListener = (payload: unknown) => void;

function refused(code: 'unknown_channel' | 'internal', message: string): Envelope<never> {
  return { ok: false, error: { code, message } };
}

function isPushMessage(x: unknown): x is { event: string; payload: unknown } {
  return typeof x === 'object' && x !== null && typeof (x as { event?: unknown }).event === 'string';
}

export function createBridge(ipc: IpcRendererLike): SitrepBridge {
  const listeners = new Map<string, Set<PushListener>>();

  const relay: IpcListener = (_event, message) => {
    if (!isPushMessage(message) || !isPushEventName(message.event)) return;
    for (const listener of [...(listeners.get(message.event) ?? [])]) {
      try {
        listener(message.payload);
      } catch (err) {
        console.error('[sitrep] push listener failed', err);
      }
    }
  };
  let relaying = false;

  return {
    async invoke(channel, input) {
      if (!isChannelName(channel)) return refused('unknown_channel', `Unknown channel ${String(channel).slice(0, 100)}`);
      try {
        return (await ipc.invoke(WIRE.invokePrefix + channel, input)) as Envelope<unknown>;
      } catch {
        return refused('internal', `The call to ${channel} did not reach the app`);
      }
    },
    on(event, listener) {
      if (!isPushEventName(event) || typeof listener !== 'function') {
        console.warn(`[sitrep] ignoring subscription to unknown push event ${String(event).slice(0, 100)}`);
        return () => {};
      }
      const set = listeners.get(event) ?? new Set<PushListener>();
      listeners.set(event, set);
      // Wrap so each subscription is distinct even when the same function subscribes twice.
      const entry: PushListener = (payload) => listener(payload);
      set.add(entry);
      if (!relaying) {
        ipc.on(WIRE.pushChannel, relay);
        relaying = true;
      }
      return () => {
        set.delete(entry);
      };
    },
  };
}
