/**
 * The browser host's side of `SitrepBridge`: calls go over `POST /api/invoke/<channel>`,
 * push events arrive on a reconnecting WebSocket at `/api/events`. The auth cookie set by the
 * host on first load rides along on both (same origin).
 */
import type { SitrepBridge } from '../../shared/bridge';
import { WIRE } from '../../shared/bridge';
import type { Envelope } from '../../shared/envelope';
import { setConnectionStatus } from './connection';

/** A failure to talk to the host at all (network down, host stopped, not signed in). */
export class TransportError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TransportError';
  }
}

export interface BrowserBridgeDeps {
  fetch: typeof fetch;
  WebSocket: typeof WebSocket;
  location: Pick<Location, 'protocol' | 'host'>;
  /** Reconnect delays grow from min to max (ms). */
  backoff?: { minMs: number; maxMs: number };
}

type PushListener = (payload: unknown) => void;

export function createBrowserBridge(deps: BrowserBridgeDeps): SitrepBridge {
  const listeners = new Map<string, Set<PushListener>>();
  const backoff = deps.backoff ?? { minMs: 500, maxMs: 10_000 };
  let socket: WebSocket | null = null;
  let delay = backoff.minMs;
  let started = false;

  function deliver(raw: unknown): void {
    if (typeof raw !== 'string') return;
    let msg: unknown;
    try {
      msg = JSON.parse(raw);
    } catch {
      return;
    }
    if (typeof msg !== 'object' || msg === null) return;
    const { event, payload } = msg as { event?: unknown; payload?: unknown };
    if (typeof event !== 'string') return;
    for (const l of [...(listeners.get(event) ?? [])]) l(payload);
  }

  function connect(): void {
    const scheme = deps.location.protocol === 'https:' ? 'wss:' : 'ws:';
    setConnectionStatus('connecting');
    const ws = new deps.WebSocket(`${scheme}//${deps.location.host}${WIRE.wsPath}`);
    socket = ws;
    ws.onopen = () => {
      delay = backoff.minMs;
      setConnectionStatus('open');
    };
    ws.onmessage = (e: MessageEvent) => deliver(e.data);
    ws.onclose = () => {
      if (socket !== ws) return;
      socket = null;
      setConnectionStatus('closed');
      const wait = delay;
      delay = Math.min(backoff.maxMs, delay * 2);
      setTimeout(connect, wait);
    };
    // onerror is always followed by onclose, which schedules the reconnect.
    ws.onerror = () => undefined;
  }

  return {
    async invoke(channel: string, input: unknown): Promise<Envelope<unknown>> {
      let res: Response;
      try {
        res = await deps.fetch(WIRE.httpInvokePath + encodeURIComponent(channel), {
          method: 'POST',
          credentials: 'same-origin',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(input ?? {}),
        });
      } catch (err) {
        throw new TransportError(err instanceof Error ? err.message : String(err));
      }
      if (res.status === 401) {
        throw new TransportError('not signed in; open the URL printed by `sitrep serve` (it carries the access token)');
      }
      const text = await res.text();
      try {
        // The client checks the envelope's shape; here it is only JSON.
        return JSON.parse(text) as Envelope<unknown>;
      } catch {
        throw new TransportError(`the host answered HTTP ${res.status} without a JSON envelope`);
      }
    },
    on(event: string, listener: PushListener): () => void {
      let set = listeners.get(event);
      if (!set) {
        set = new Set();
        listeners.set(event, set);
      }
      set.add(listener);
      if (!started) {
        started = true;
        connect();
      }
      return () => {
        set.delete(listener);
      };
    },
  };
}
