/**
 * The local receiver: OTLP/HTTP and webhooks on one node:http listener (127.0.0.1:4318 by default).
 * It owns sockets, body limits (413 on Content-Length and while streaming, decoded gzip included),
 * the bounded write queue (full → 429 with Retry-After, never 500 for overload), 404 / 405, and
 * error answers: a route's ReceiverInputError → 400/413/415 with its message; ReceiverBusyError →
 * 503 with Retry-After; anything else is a bug → 500, logged. Binds loopback unless told otherwise,
 * and says so loudly when told otherwise.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ImportError } from '../import/formats/types';
import { decodeBody, readBody, TooLargeError } from './body';
import { ReceiverBusyError, ReceiverInputError } from './errors';
import { createWriteQueue } from './queue';
import type { ReceiverRequest, ReceiverResponse, ReceiverRoute } from './types';

export const DEFAULT_RECEIVER_PORT = 4318;
export const DEFAULT_MAX_BODY = 16 * 1024 * 1024;
export const DEFAULT_QUEUE_LIMIT = 64;
export const RETRY_AFTER_S = 1;

export interface ReceiverOptions {
  routes: ReceiverRoute[];
  host?: string;
  port?: number;
  maxBodyBytes?: number;
  /** Requests waiting for (or in) the store write; beyond → 429. */
  queueLimit?: number;
  log?: (message: string, detail?: unknown) => void;
}

export interface Receiver {
  port: number;
  url: string;
  close(): Promise<void>;
}

const LOOPBACK = new Set(['127.0.0.1', '::1', 'localhost']);

function send(res: ServerResponse, r: ReceiverResponse): void {
  if (res.headersSent) return;
  const body = r.body ?? '';
  const headers: Record<string, string | number> = { 'Content-Length': typeof body === 'string' ? Buffer.byteLength(body) : body.byteLength, ...r.headers };
  if (!('Content-Type' in headers) && !('content-type' in headers)) headers['Content-Type'] = 'text/plain; charset=utf-8';
  res.writeHead(r.status, headers);
  res.end(body);
}

const text = (status: number, message: string, headers?: Record<string, string>): ReceiverResponse => ({ status, body: message + '\n', headers });
const overloaded = (status: 429 | 503, why: string): ReceiverResponse => text(status, why, { 'Retry-After': String(RETRY_AFTER_S) });

const matches = (r: ReceiverRoute, path: string): boolean => (typeof r.path === 'string' ? r.path === path : r.path.test(path));

export function startReceiver(opts: ReceiverOptions): Promise<Receiver> {
  const host = opts.host ?? '127.0.0.1';
  const limit = opts.maxBodyBytes ?? DEFAULT_MAX_BODY;
  const queue = createWriteQueue(opts.queueLimit ?? DEFAULT_QUEUE_LIMIT);
  const log = opts.log ?? ((m: string, d?: unknown) => console.error(m, d ?? ''));

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const url = new URL(req.url ?? '/', 'http://receiver');
    const onPath = opts.routes.filter((r) => matches(r, url.pathname));
    const route = onPath.find((r) => r.method === req.method);
    const methods = [...new Set(onPath.map((r) => r.method))];
    if (!route) {
      req.resume();
      if (methods.length === 0) return send(res, text(404, `no receiver route for ${url.pathname.slice(0, 200)}`));
      return send(res, text(405, `method ${req.method ?? '?'} not allowed; use ${methods.join(', ')}`, { Allow: methods.join(', ') }));
    }
    const max = route.maxBodyBytes ?? limit;
    if (queue.pending >= queue.limit) {
      res.setHeader('Connection', 'close');
      req.resume();
      return send(res, overloaded(429, 'receiver queue full, retry later'));
    }
    const rawBody = await readBody(req, max);
    const body = await decodeBody(rawBody, req.headers['content-encoding'], max);
    const headers: Record<string, string | undefined> = {};
    for (const [k, v] of Object.entries(req.headers)) headers[k] = Array.isArray(v) ? v.join(', ') : v;
    const rr: ReceiverRequest = { method: req.method ?? 'GET', path: url.pathname, query: url.searchParams, headers, rawBody, body };
    const job = queue.run(() => route.handle(rr));
    if (job === null) return send(res, overloaded(429, 'receiver queue full, retry later'));
    send(res, await job);
  };

  const server = createServer((req, res) => {
    handle(req, res).catch((err: unknown) => {
      if (err instanceof TooLargeError) {
        res.setHeader('Connection', 'close');
        send(res, text(413, err.message));
        req.resume();
      } else if (err instanceof ReceiverInputError) send(res, text(err.status, err.message));
      else if (err instanceof ImportError) send(res, text(400, err.message));
      else if (err instanceof ReceiverBusyError) send(res, overloaded(503, err.message));
      else {
        log('[receiver] route failed (a bug: please report)', err);
        send(res, text(500, 'internal error in the receiver'));
      }
    });
  });
  server.requestTimeout = 60_000;
  server.headersTimeout = 30_000;
  server.keepAliveTimeout = 5_000;

  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? DEFAULT_RECEIVER_PORT, host, () => {
      server.off('error', reject);
      server.on('error', (err) => log('[receiver] server error', err));
      const port = (server.address() as AddressInfo).port;
      const shown = host.includes(':') ? `[${host}]` : host;
      if (!LOOPBACK.has(host)) {
        log(`WARNING: the telemetry receiver listens on ${host}:${port}: anything that can reach this address can write into the store`);
      }
      resolve({
        port,
        url: `http://${shown}:${port}`,
        close: () =>
          new Promise<void>((done) => {
            server.close(() => done());
            server.closeIdleConnections();
          }),
      });
    });
  });
}
