/**
 * Organisation sign-in for a native app (RFC 8252): authorization code + PKCE (S256, RFC 7636)
 * in the system browser, redirected back to a one-shot listener on 127.0.0.1 on an ephemeral
 * port. Each attempt has its own state, nonce and code verifier (32 random bytes each). The
 * first callback decides: a wrong state, a provider error or a bad ID token fails the attempt;
 * after it the listener closes, so a replayed callback finds nobody. The code is exchanged once,
 * with the verifier; the ID token is checked by ./oidc-jwt.ts (the JWKS is fetched again once
 * when the token names a key it does not know, for key rotation).
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { OidcConfig } from './oidc-config';
import { discover, fetchJwks, isSafeEndpoint, readLimited, type ProviderMetadata } from './oidc-discovery';
import { OidcError, verifyIdToken, type IdTokenClaims, type Jwk } from './oidc-jwt';

export const CALLBACK_PATH = '/callback';

export interface OidcLogin {
  /** Open this in the system browser. */
  authorizeUrl: string;
  redirectUri: string;
  expiresAt: number;
  /** The verified ID token's claims, or an OidcError. */
  result: Promise<IdTokenClaims>;
  cancel(): void;
}

export interface OidcLoginOptions {
  now?: () => number;
}

const b64url = (b: Buffer): string => b.toString('base64url');
export const pkceChallenge = (verifier: string): string => b64url(createHash('sha256').update(verifier, 'ascii').digest());

const sameString = (a: string, b: string): boolean => {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
};

const PAGE_HEADERS = {
  'Content-Type': 'text/html; charset=utf-8',
  'Content-Security-Policy': "default-src 'none'; style-src 'unsafe-inline'",
  'Cache-Control': 'no-store',
  'Referrer-Policy': 'no-referrer',
  'X-Content-Type-Options': 'nosniff',
};

function page(res: ServerResponse, status: number, title: string, text: string): void {
  const esc = (s: string) => s.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);
  res.writeHead(status, PAGE_HEADERS);
  res.end(`<!doctype html><meta charset="utf-8"><title>${esc(title)}</title><body style="font:16px system-ui;background:#0d1117;color:#e6edf3;padding:40px"><h1>${esc(title)}</h1><p>${esc(text)}</p></body>`);
}

async function exchange(meta: ProviderMetadata, cfg: OidcConfig, code: string, redirectUri: string, verifier: string): Promise<string> {
  const form = new URLSearchParams({ grant_type: 'authorization_code', code, redirect_uri: redirectUri, client_id: cfg.clientId, code_verifier: verifier });
  const headers: Record<string, string> = { 'Content-Type': 'application/x-www-form-urlencoded', Accept: 'application/json' };
  if (cfg.clientSecret !== undefined) {
    headers.Authorization = `Basic ${Buffer.from(`${encodeURIComponent(cfg.clientId)}:${encodeURIComponent(cfg.clientSecret)}`).toString('base64')}`;
  }
  if (!isSafeEndpoint(meta.token_endpoint)) throw new OidcError('token_exchange_failed', 'The token endpoint is not https');
  let res: Response;
  try {
    res = await fetch(meta.token_endpoint, { method: 'POST', body: form.toString(), headers, redirect: 'error', signal: AbortSignal.timeout(15_000) });
  } catch (err) {
    throw new OidcError('token_exchange_failed', `The token endpoint cannot be reached: ${(err as Error).message}`);
  }
  const text = await readLimited(res, 256 * 1024);
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    body = null;
  }
  const b = (body && typeof body === 'object' ? body : {}) as Record<string, unknown>;
  if (!res.ok) {
    const why = typeof b.error === 'string' ? b.error.slice(0, 100) : `HTTP ${res.status}`;
    throw new OidcError('token_exchange_failed', `The provider refused the code (${why})`);
  }
  if (typeof b.id_token !== 'string') throw new OidcError('token_exchange_failed', 'The provider answered without an ID token');
  return b.id_token;
}

export async function startOidcLogin(cfg: OidcConfig, opts: OidcLoginOptions = {}): Promise<OidcLogin> {
  const now = opts.now ?? Date.now;
  const meta = await discover(cfg.issuer);
  let jwks: Jwk[] | null = null;
  const state = b64url(randomBytes(32));
  const nonce = b64url(randomBytes(32));
  const verifier = b64url(randomBytes(32));
  const expiresAt = now() + cfg.timeoutSeconds * 1000;

  let settle!: { resolve: (c: IdTokenClaims) => void; reject: (e: OidcError) => void };
  const result = new Promise<IdTokenClaims>((resolve, reject) => (settle = { resolve, reject }));
  // A caller that only cancels must not see an unhandled rejection.
  result.catch(() => undefined);
  let used = false;
  let finished = false;

  const server = createServer((req, res) => void onRequest(req, res));
  const timer = setTimeout(() => finish(new OidcError('timeout', 'The sign-in was not completed in time')), cfg.timeoutSeconds * 1000);
  timer.unref();

  function finish(outcome: IdTokenClaims | OidcError): void {
    if (finished) return;
    finished = true;
    clearTimeout(timer);
    server.close();
    server.closeIdleConnections();
    if (outcome instanceof OidcError) settle.reject(outcome);
    else settle.resolve(outcome);
  }

  async function verified(idToken: string): Promise<IdTokenClaims> {
    const check = (keys: Jwk[]) => verifyIdToken(idToken, { jwks: keys, issuer: cfg.issuer, clientId: cfg.clientId, nonce, now: now(), skewSeconds: cfg.clockSkewSeconds });
    jwks ??= await fetchJwks(meta.jwks_uri);
    try {
      return check(jwks);
    } catch (err) {
      if (!(err instanceof OidcError) || err.code !== 'unknown_key') throw err;
      jwks = await fetchJwks(meta.jwks_uri);
      return check(jwks);
    }
  }

  async function onRequest(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    if (req.method !== 'GET' || url.pathname !== CALLBACK_PATH) return page(res, 404, 'Not found', 'This address only receives the sign-in redirect.');
    if (used) return page(res, 400, 'Already used', 'This sign-in was already completed or refused. Start again from Sitrep.');
    used = true;
    const gotState = url.searchParams.get('state') ?? '';
    if (!sameString(gotState, state)) {
      finish(new OidcError('wrong_state', 'The sign-in answer does not belong to this attempt (state mismatch)'));
      return page(res, 400, 'Sign-in refused', 'The answer does not belong to this sign-in attempt. Start again from Sitrep.');
    }
    const error = url.searchParams.get('error');
    if (error !== null) {
      finish(new OidcError('provider_error', `The provider refused the sign-in (${error.slice(0, 100)})`));
      return page(res, 400, 'Sign-in refused', 'The provider refused the sign-in. Close this tab and try again from Sitrep.');
    }
    const code = url.searchParams.get('code');
    if (!code || code.length > 4096) {
      finish(new OidcError('provider_error', 'The provider sent no authorization code'));
      return page(res, 400, 'Sign-in refused', 'The provider sent no code. Try again from Sitrep.');
    }
    try {
      const claims = await verified(await exchange(meta, cfg, code, redirectUri, verifier));
      finish(claims);
      page(res, 200, 'Signed in', 'You can close this tab and return to Sitrep.');
    } catch (err) {
      const e = err instanceof OidcError ? err : new OidcError('token_exchange_failed', (err as Error).message);
      finish(e);
      page(res, 400, 'Sign-in refused', 'The sign-in could not be verified. Return to Sitrep for the reason.');
    }
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  const redirectUri = `http://127.0.0.1:${port}${CALLBACK_PATH}`;
  const scopes = cfg.scopes.includes('openid') ? cfg.scopes : ['openid', ...cfg.scopes];
  const authorize = new URL(meta.authorization_endpoint);
  const params: Record<string, string> = {
    response_type: 'code',
    client_id: cfg.clientId,
    redirect_uri: redirectUri,
    scope: scopes.join(' '),
    state,
    nonce,
    code_challenge: pkceChallenge(verifier),
    code_challenge_method: 'S256',
  };
  for (const [k, v] of Object.entries(params)) authorize.searchParams.set(k, v);

  return {
    authorizeUrl: authorize.toString(),
    redirectUri,
    expiresAt,
    result,
    cancel: () => finish(new OidcError('cancelled', 'The sign-in was cancelled')),
  };
}
