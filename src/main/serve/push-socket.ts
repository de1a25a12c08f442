/** GET /api/events: a WebSocket that relays every core push event as {event, payload}. */
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocket, WebSocketServer } from 'ws';
import type { PushEvent } from '../../shared/contract';

export interface PushSocket {
  upgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void;
  broadcast(event: PushEvent, payload: unknown): void;
  readonly clients: number;
  /** Closes every socket; with `graceMs`, each gets a close frame first (what was sent still arrives) and is cut after that long. */
  close(opts?: { graceMs?: number }): void;
}

export interface PushSocketOptions {
  /** Called when a client connects or goes away (the live share counts its viewers). */
  onClientsChanged?: () => void;
}

const HEARTBEAT_MS = 30_000;

export function createPushSocket(opts: PushSocketOptions = {}): PushSocket {
  const wss = new WebSocketServer({ noServer: true, maxPayload: 4096, perMessageDeflate: false });
  const alive = new WeakMap<WebSocket, boolean>();

  wss.on('connection', (ws) => {
    alive.set(ws, true);
    ws.on('pong', () => alive.set(ws, true));
    ws.on('message', (data, isBinary) => {
      // The only message a client may send: a text "ping", answered with "pong". Everything else is ignored.
      if (!isBinary && data.toString() === 'ping') ws.send('pong');
    });
    ws.on('error', () => ws.terminate());
    if (opts.onClientsChanged) {
      ws.on('close', () => opts.onClientsChanged?.());
      opts.onClientsChanged();
    }
  });

  const heartbeat = setInterval(() => {
    for (const ws of wss.clients) {
      if (alive.get(ws) === false) {
        ws.terminate();
        continue;
      }
      alive.set(ws, false);
      ws.ping();
    }
  }, HEARTBEAT_MS);
  heartbeat.unref();

  return {
    upgrade(req, socket, head) {
      wss.handleUpgrade(req, socket, head, (ws) => wss.emit('connection', ws, req));
    },
    broadcast(event, payload) {
      const msg = JSON.stringify({ event, payload });
      for (const ws of wss.clients) if (ws.readyState === WebSocket.OPEN) ws.send(msg);
    },
    get clients() {
      return wss.clients.size;
    },
    close(closeOpts = {}) {
      clearInterval(heartbeat);
      const grace = closeOpts.graceMs ?? 0;
      for (const ws of wss.clients) {
        if (grace <= 0) {
          ws.terminate();
          continue;
        }
        ws.close(4001, 'closed by the server');
        setTimeout(() => ws.terminate(), grace).unref();
      }
      wss.close();
    },
  };
}
