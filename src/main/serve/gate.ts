/**
 * The request gate both listeners share (the commander's host and a view-only share): URL
 * parsing, the Host and Origin checks, refusing an upgrade, trading a token in the address bar
 * for a cookie, and reading the contract channel from an invoke path. Each listener keeps its own
 * token, cookie name and routes; the checks themselves live here once.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse, STATUS_CODES } from 'node:http';
import type { Duplex } from 'node:stream';
import { WIRE } from '../../shared/bridge';
import { fail } from '../../shared/envelope';
import { isAllowedHost, isAllowedOrigin } from './guards';
import { sendEnvelope, sendText, withSecurityHeaders } from './respond';

/** Only the path and query are used; the base never reaches a response. */
export function requestUrl(req: IncomingMessage): URL | null {
  try {
    return new URL(req.url ?? '/', 'http://sitrep.invalid');
  } catch {
    return null;
  }
}

/** Why a request (or an upgrade) is refused before its token is even looked at, or null. */
export function refusal(req: IncomingMessage, url: URL | null, hosts: ReadonlySet<string>): { status: number; text: string } | null {
  if (!url) return { status: 400, text: 'Bad request\n' };
  if (!isAllowedHost(req.headers.host, hosts)) return { status: 421, text: 'Misdirected request: wrong Host header\n' };
  if (!isAllowedOrigin(req.headers.origin, hosts)) return { status: 403, text: 'Forbidden: cross-origin request\n' };
  return null;
}

export function rejectUpgrade(socket: Duplex, status: number): void {
  socket.once('finish', () => socket.destroy());
  socket.end(`HTTP/1.1 ${status} ${STATUS_CODES[status] ?? ''}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
}

/** Redirects to the same page without `?token=`, setting the cookie that carries it from now on. */
export function tradeTokenForCookie(res: ServerResponse, url: URL, setCookie: string): void {
  url.searchParams.delete('token');
  withSecurityHeaders(res);
  res.writeHead(302, { Location: url.pathname.replace(/^\/+/, '/') + url.search, 'Set-Cookie': setCookie, 'Cache-Control': 'no-store' });
  res.end();
}

/**
 * The channel named by an invoke path; null when the path is not an invoke; undefined after
 * answering a malformed name (404 unknown_channel).
 */
export function invokeChannel(url: URL, res: ServerResponse): string | null | undefined {
  if (!url.pathname.startsWith(WIRE.httpInvokePath)) return null;
  try {
    return decodeURIComponent(url.pathname.slice(WIRE.httpInvokePath.length));
  } catch {
    sendEnvelope(res, 404, fail('unknown_channel', 'Malformed channel name'));
    return undefined;
  }
}

/** The answer to a plain GET of the WebSocket path. */
export function upgradeRequired(res: ServerResponse): void {
  sendText(res, 426, 'Upgrade required\n', { Upgrade: 'websocket' });
}

/**
 * The HTTP server both listeners run: a request handler whose failure answers 500 (or drops a
 * response already started) and is logged with the listener's tag, the upgrade handler, and
 * malformed client requests dropped.
 */
export function gatedServer(
  tag: string,
  log: (line: string) => void,
  onRequest: (req: IncomingMessage, res: ServerResponse) => Promise<void>,
  onUpgrade: (req: IncomingMessage, socket: Duplex, head: Buffer) => void,
): Server {
  const server = createServer((req, res) => {
    onRequest(req, res).catch((err: unknown) => {
      log(`[${tag}] request failed: ${err instanceof Error ? err.message : String(err)}`);
      if (!res.headersSent) sendText(res, 500, 'Internal error\n');
      else res.destroy();
    });
  });
  server.on('upgrade', onUpgrade);
  server.on('clientError', (_err, socket) => socket.destroy());
  return server;
}
