/**
 * The browser host (`sitrep serve`): the same core and renderer as the desktop app, over
 * node:http + ws on loopback, guarded by a per-run token, Host/Origin checks and the shared CSP.
 */
import { existsSync } from 'node:fs';
import { type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import type { Duplex } from 'node:stream';
import { WIRE } from '../../shared/bridge';
import type { PushEvent } from '../../shared/contract';
import { fail } from '../../shared/envelope';
import type { Core } from '../../core/app/assemble';
import type { SenderInfo } from '../../core/contract/handlers';
import { allowedHosts } from './guards';
import { gatedServer, invokeChannel, refusal, rejectUpgrade, requestUrl, tradeTokenForCookie, upgradeRequired } from './gate';
import { handleInvoke } from './invoke';
import { handleUpload, UPLOAD_PATH } from './upload';
import { createPushSocket } from './push-socket';
import { sendEnvelope, sendText, UNAUTHORIZED_PAGE } from './respond';
import { serveStatic } from './static';
import { authenticate, newToken, tokenCookie } from './token';
import { exposureWarning, isLoopback } from './warning';

export interface BrowserHostOptions {
  core: Pick<Core, 'dispatch' | 'onPush'> & Partial<Pick<Core, 'onPushFor'>>;
  rendererDir: string;
  /** Address to bind. Default 127.0.0.1; anything else is reachable from the network (a warning is logged). */
  listen?: string;
  /** Default 0: a random free port. */
  port?: number;
  /** Default: 32 random bytes, base64url, new on every run. */
  token?: string;
  log?: (line: string) => void;
}

export interface BrowserHost {
  /** The URL to open, token included. */
  url: string;
  token: string;
  port: number;
  close(): Promise<void>;
}

const SENDER: SenderInfo = { host: 'browser', role: 'operator' };

export async function startBrowserHost(opts: BrowserHostOptions): Promise<BrowserHost> {
  const log = opts.log ?? ((line: string) => console.log(line));
  const address = opts.listen ?? '127.0.0.1';
  const token = opts.token ?? newToken();
  if (token.length < 16) throw new Error('The access token must be at least 16 characters');
  const push = createPushSocket();
  let hosts = new Set<string>();
  let cookieName: string = WIRE.tokenCookie;

  async function onRequest(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = requestUrl(req);
    const refused = refusal(req, url, hosts);
    if (refused || !url) return sendText(res, refused?.status ?? 400, refused?.text ?? 'Bad request\n');
    const isApi = url.pathname.startsWith('/api/');
    const source = authenticate(req, url, cookieName, token);
    if (source === null) {
      if (isApi) return sendEnvelope(res, 401, fail('unauthorized', 'Missing or wrong access token'));
      return sendText(res, 401, UNAUTHORIZED_PAGE);
    }
    if (source === 'query' && !isApi && (req.method === 'GET' || req.method === 'HEAD')) {
      // Trade the token in the address bar for a cookie, so it is not on screen when screen-sharing.
      return tradeTokenForCookie(res, url, tokenCookie(cookieName, token));
    }
    const channel = invokeChannel(url, res);
    if (channel === undefined) return;
    if (channel !== null) return handleInvoke(req, res, channel, opts.core.dispatch, SENDER);
    if (url.pathname === UPLOAD_PATH) return handleUpload(req, res, opts.core, SENDER);
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
    if (authenticate(req, url, cookieName, token) === null) return rejectUpgrade(socket, 401);
    push.upgrade(req, socket, head);
  }

  const server = gatedServer('serve', log, onRequest, onUpgrade);

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, address, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  hosts = allowedHosts(address, port);
  // Cookies are shared across ports of one host; one name per port keeps two instances apart.
  cookieName = `${WIRE.tokenCookie}_${port}`;
  // Pushes as this seat may hear them (masked while it presents), where the core offers that.
  const relay = (event: PushEvent, payload: unknown): void => push.broadcast(event, payload);
  const unsubscribe = opts.core.onPushFor ? opts.core.onPushFor(SENDER, relay) : opts.core.onPush(relay);

  const shown = isLoopback(address) || address === '0.0.0.0' || address === '::' ? '127.0.0.1' : address;
  const base = `http://${shown.includes(':') ? `[${shown}]` : shown}:${port}`;
  if (!isLoopback(address)) for (const line of exposureWarning(address, port)) log(line);
  if (!existsSync(join(opts.rendererDir, 'index.html'))) {
    log(`[serve] no built renderer in ${opts.rendererDir}: pages will 404 until \`npm run build\` has run`);
  }

  let closing: Promise<void> | null = null;
  return {
    url: `${base}/?token=${token}`,
    token,
    port,
    close() {
      closing ??= new Promise<void>((resolve) => {
        unsubscribe();
        push.close();
        server.close(() => resolve());
        server.closeAllConnections();
      });
      return closing;
    },
  };
}
