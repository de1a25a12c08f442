/**
 * The live read-only share's listener (the ShareHost capability of src/core/share/host.ts): a
 * second HTTP + WebSocket server on the address the commander chose, serving the same renderer,
 * that accepts only the share's own token (constant-time compare, traded for a cookie of its own),
 * and only until the share expires or is revoked. Calls go through the core's viewer gateway, so
 * the dispatcher applies the viewer allowlist and redaction; uploads are refused here outright.
 */
import { type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { networkInterfaces } from 'node:os';
import type { Duplex } from 'node:stream';
import { WIRE } from '../../shared/bridge';
import { fail } from '../../shared/envelope';
import type { SenderInfo } from '../../core/contract/handlers';
import type { ShareHost, ShareListener, ShareListenOptions } from '../../core/share/host';
import { allowedHosts } from './guards';
import { gatedServer, invokeChannel, refusal, rejectUpgrade, requestUrl, tradeTokenForCookie, upgradeRequired } from './gate';
import { handleInvoke } from './invoke';
import { createPushSocket } from './push-socket';
import { sendEnvelope, sendText } from './respond';
import { serveStatic } from './static';
import { authenticate, tokenCookie } from './token';
import { UPLOAD_PATH } from './upload';
import { isLoopback } from './warning';

export interface BrowserShareHost extends ShareHost {
  /** Revokes the share and releases every listener (the browser host is stopping). */
  close(): Promise<void>;
}

export interface BrowserShareHostOptions {
  rendererDir: string;
  log?: (line: string) => void;
  /** How long a revoked listener keeps answering 401 ("this share has ended") before it is released. Default 10 min. */
  graceMs?: number;
  now?: () => number;
}

/** What viewers are, for the transport's own code (the core decides with its gateway, not with this). */
const VIEWER: SenderInfo = { host: 'browser', role: 'viewer' };
export const SHARE_COOKIE = 'sitrep_view';
export const SHARE_ENDED_PAGE = 'Sitrep: this view-only share has ended, or the link is not valid.\n\nAsk the incident commander for a new link.\n';

/** The address to put in the link: the one chosen, or this machine's first external IPv4 for a wildcard. */
export function linkAddress(listen: string): string {
  if (listen === '0.0.0.0' || listen === '::') {
    for (const list of Object.values(networkInterfaces())) {
      for (const info of list ?? []) if (info.family === 'IPv4' && !info.internal) return info.address;
    }
    return '127.0.0.1';
  }
  return listen === 'localhost' ? '127.0.0.1' : listen;
}

export function shareWarning(listen: string, port: number, until: number): string[] {
  return [
    `[share] WARNING: the view-only share listens on ${listen}:${port}, reachable from the network, until ${new Date(until).toISOString()}.`,
    '[share] Anyone with the link can watch this incident (view-only, redacted). Traffic is plain HTTP: share the link only over a trusted channel.',
  ];
}

function listenOn(server: Server, port: number, address: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const onError = (err: NodeJS.ErrnoException): void => {
      const why =
        err.code === 'EADDRINUSE'
          ? `port ${port} is in use`
          : err.code === 'EADDRNOTAVAIL'
            ? `${address} is not an address of this machine`
            : err.code === 'EACCES'
              ? `not allowed to listen on port ${port}`
              : err.message;
      reject(new Error(why));
    };
    server.once('error', onError);
    server.listen(port, address, () => {
      server.off('error', onError);
      resolve();
    });
  });
}

export function createBrowserShareHost(opts: BrowserShareHostOptions): BrowserShareHost {
  const log = opts.log ?? ((line: string) => console.log(line));
  const now = opts.now ?? Date.now;
  const graceMs = opts.graceMs ?? 10 * 60_000;
  let current: ShareListener | null = null;
  /** Revoked listeners still answering 401 until released. */
  const lingering = new Set<Server>();

  const release = (server: Server): Promise<void> =>
    new Promise((resolve) => {
      lingering.delete(server);
      server.close(() => resolve());
      server.closeAllConnections();
    });

  async function open(o: ShareListenOptions): Promise<ShareListener> {
    if (o.token.length < 32) throw new Error('the share token is too short');
    // A new share may want the port a revoked one still holds.
    await Promise.all([...lingering].map(release));
    let revoked = false;
    let hosts = new Set<string>();
    let cookieName = SHARE_COOKIE;
    const push = createPushSocket({ onClientsChanged: () => o.onViewersChanged() });
    const valid = (): boolean => !revoked && now() < o.expiresAt;

    async function onRequest(req: IncomingMessage, res: ServerResponse): Promise<void> {
      const url = requestUrl(req);
      const refused = refusal(req, url, hosts);
      if (refused || !url) return sendText(res, refused?.status ?? 400, refused?.text ?? 'Bad request\n');
      const isApi = url.pathname.startsWith('/api/');
      const source = valid() ? authenticate(req, url, cookieName, o.token) : null;
      if (source === null) {
        if (isApi) return sendEnvelope(res, 401, fail('unauthorized', 'This view-only share has ended, or the link is not valid'));
        return sendText(res, 401, SHARE_ENDED_PAGE);
      }
      if (source === 'query' && !isApi && (req.method === 'GET' || req.method === 'HEAD')) {
        // The token leaves the address bar (it is on screen in a war room) for a cookie that lasts as long as the share.
        const maxAge = Math.max(1, Math.floor((o.expiresAt - now()) / 1000));
        return tradeTokenForCookie(res, url, `${tokenCookie(cookieName, o.token)}; Max-Age=${maxAge}`);
      }
      const channel = invokeChannel(url, res);
      if (channel === undefined) return;
      if (channel !== null) return handleInvoke(req, res, channel, (c, input) => o.gateway.dispatch(c, input), VIEWER);
      if (url.pathname === UPLOAD_PATH) {
        req.resume();
        return sendEnvelope(res, 403, fail('forbidden', 'Importing files is not available in a view-only share'), { Connection: 'close' });
      }
      if (url.pathname === WIRE.wsPath) return upgradeRequired(res);
      if (isApi) return sendText(res, 404, 'Not found\n');
      return serveStatic(req, res, opts.rendererDir, url.pathname);
    }

    function onUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
      socket.on('error', () => socket.destroy());
      const url = requestUrl(req);
      const refused = refusal(req, url, hosts);
      if (refused || !url) return rejectUpgrade(socket, refused?.status ?? 400);
      if (url.pathname !== WIRE.wsPath) return rejectUpgrade(socket, 404);
      if (!valid() || authenticate(req, url, cookieName, o.token) === null) return rejectUpgrade(socket, 401);
      push.upgrade(req, socket, head);
    }

    const server = gatedServer('share', log, onRequest, onUpgrade);
    try {
      await listenOn(server, o.port, o.listen);
    } catch (err) {
      push.close();
      throw err;
    }
    const port = (server.address() as AddressInfo).port;
    hosts = allowedHosts(o.listen, port);
    // One cookie name per port: a viewer link never unlocks the commander's own host, nor another share.
    cookieName = `${SHARE_COOKIE}_${port}`;
    const unsubscribe = o.gateway.onPush((event, payload) => push.broadcast(event, payload));
    const shown = linkAddress(o.listen);
    const base = `http://${shown.includes(':') ? `[${shown}]` : shown}:${port}`;
    log(`[share] view-only share on ${base} until ${new Date(o.expiresAt).toISOString()}`);
    if (!isLoopback(o.listen)) for (const line of shareWarning(o.listen, port, o.expiresAt)) log(line);

    const listener: ShareListener = {
      url: `${base}/?view=1&token=${o.token}`,
      port,
      viewers: () => (revoked ? 0 : push.clients),
      async revoke() {
        if (revoked) return;
        revoked = true;
        unsubscribe();
        // A close frame after what was already sent (the "share ended" notice), then cut.
        push.close({ graceMs: 1000 });
        server.closeAllConnections();
        if (current === listener) current = null;
        log(`[share] revoked the share on ${base}`);
        lingering.add(server);
        const timer = setTimeout(() => void release(server), graceMs);
        timer.unref();
        server.once('close', () => clearTimeout(timer));
      },
    };
    current = listener;
    return listener;
  }

  return {
    open,
    async close() {
      await current?.revoke();
      await Promise.all([...lingering].map(release));
    },
  };
}
