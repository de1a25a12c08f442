/**
 * The shape of the bridge the desktop preload exposes on `window.sitrep`, and that the
 * browser host's client implements over HTTP + WebSocket. Only contract channels pass.
 */
import type { Envelope } from './envelope';

export interface SitrepBridge {
  invoke(channel: string, input: unknown): Promise<Envelope<unknown>>;
  /** Subscribe to a push event; returns an unsubscribe function. */
  on(event: string, listener: (payload: unknown) => void): () => void;
}

/** Names used on the wire, in one place. */
export const WIRE = {
  /** Electron: ipcMain.handle prefix for contract channels; browser: POST path prefix. */
  invokePrefix: 'sitrep:',
  pushChannel: 'sitrep:push',
  httpInvokePath: '/api/invoke/',
  wsPath: '/api/events',
  tokenCookie: 'sitrep_token',
} as const;
