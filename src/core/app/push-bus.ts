/** Fan-out of core push events to the hosts (IPC webContents.send, WebSocket clients). */
import type { PushEvent, PushPayload } from '../../shared/contract';

export type PushListener = (event: PushEvent, payload: unknown) => void;

export interface PushBus {
  on(listener: PushListener): () => void;
  emit<E extends PushEvent>(event: E, payload: PushPayload<E>): void;
  clear(): void;
}

export function createPushBus(log: (message: string, detail: unknown) => void = console.error): PushBus {
  const listeners = new Set<PushListener>();
  return {
    on(listener) {
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
      };
    },
    emit(event, payload) {
      for (const listener of [...listeners]) {
        try {
          listener(event, payload);
        } catch (err) {
          // One broken transport must not stop the others.
          log(`[push] listener failed on ${event}`, err);
        }
      }
    },
    clear() {
      listeners.clear();
    },
  };
}
