/**
 * A small OpenID provider on 127.0.0.1 for tests (no real identity provider is reachable here):
 * a discovery document, a JWKS with an RSA and an EC key, an authorize endpoint that approves at
 * once (checking client, loopback redirect and the S256 challenge) and a token endpoint that
 * checks the code verifier and accepts each code once. `tamper` changes the next ID token, to
 * play a hostile or broken provider.
 */
import { createHash, generateKeyPairSync, randomBytes, sign, type KeyObject } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Tamper {
  /** Merged over the ID token's claims. */
  claims?: Record<string, unknown>;
  /** Header alg to claim (the signature is still made with the key's real algorithm, or none). */
  alg?: 'RS256' | 'ES256' | 'none' | 'HS256';
  /** Flip a bit of the signature. */
  badSignature?: boolean;
  /** Sign with a key that is not in the JWKS (under the published kid). */
  rogueKey?: boolean;
}

export interface TestProvider {
  issuer: string;
  clientId: string;
  /** The subject the next sign-in gets. */
  subject: string;
  /** Which key signs: RS256 (default) or ES256. */
  alg: 'RS256' | 'ES256';
  tamper: Tamper;
  /** What the provider received, for assertions. */
  seen: { authorize: URLSearchParams[]; token: URLSearchParams[] };
  close(): Promise<void>;
}

interface Grant {
  clientId: string;
  redirectUri: string;
  challenge: string;
  nonce: string | null;
  subject: string;
  used: boolean;
}

const b64url = (b: Buffer | string): string => Buffer.from(b).toString('base64url');

function json(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'Content-Type': 'application/json', 'Cache-Control': 'no-store' });
  res.end(JSON.stringify(body));
}

async function body(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

export async function startTestProvider(opts: { clientId?: string } = {}): Promise<TestProvider> {
  const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const ec = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const rogue = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const grants = new Map<string, Grant>();
  const jwk = (k: KeyObject, kid: string, alg: string) => ({ ...k.export({ format: 'jwk' }), kid, alg, use: 'sig' });
  const jwks = { keys: [jwk(rsa.publicKey, 'rsa-1', 'RS256'), jwk(ec.publicKey, 'ec-1', 'ES256')] };

  const p: TestProvider = {
    issuer: '',
    clientId: opts.clientId ?? 'sitrep-test',
    subject: 'sub-ana',
    alg: 'RS256',
    tamper: {},
    seen: { authorize: [], token: [] },
    close: () => Promise.resolve(),
  };

  function idToken(g: Grant): string {
    const t = p.tamper;
    const now = Math.floor(Date.now() / 1000);
    const header = { alg: t.alg ?? p.alg, kid: p.alg === 'RS256' ? 'rsa-1' : 'ec-1', typ: 'JWT' };
    const claims = { iss: p.issuer, sub: g.subject, aud: g.clientId, exp: now + 300, iat: now, ...(g.nonce !== null ? { nonce: g.nonce } : {}), ...t.claims };
    const data = `${b64url(JSON.stringify(header))}.${b64url(JSON.stringify(claims))}`;
    if (header.alg === 'none') return `${data}.`;
    let sig =
      p.alg === 'RS256'
        ? sign('sha256', Buffer.from(data), t.rogueKey ? rogue.privateKey : rsa.privateKey)
        : sign('sha256', Buffer.from(data), { key: ec.privateKey, dsaEncoding: 'ieee-p1363' });
    if (t.badSignature) {
      sig = Buffer.from(sig);
      sig[10] = (sig[10] ?? 0) ^ 0x01;
    }
    p.tamper = {};
    return `${data}.${b64url(sig)}`;
  }

  const server = createServer((req, res) => {
    void (async () => {
      const url = new URL(req.url ?? '/', p.issuer);
      if (req.method === 'GET' && url.pathname === '/.well-known/openid-configuration') {
        return json(res, 200, {
          issuer: p.issuer,
          authorization_endpoint: `${p.issuer}/authorize`,
          token_endpoint: `${p.issuer}/token`,
          jwks_uri: `${p.issuer}/jwks`,
          response_types_supported: ['code'],
          code_challenge_methods_supported: ['S256'],
          id_token_signing_alg_values_supported: ['RS256', 'ES256'],
        });
      }
      if (req.method === 'GET' && url.pathname === '/jwks') return json(res, 200, jwks);
      if (req.method === 'GET' && url.pathname === '/authorize') {
        const q = url.searchParams;
        p.seen.authorize.push(q);
        const redirectUri = q.get('redirect_uri') ?? '';
        if (q.get('client_id') !== p.clientId || !/^http:\/\/127\.0\.0\.1:\d+\//.test(redirectUri)) return json(res, 400, { error: 'invalid_request' });
        if (q.get('response_type') !== 'code' || q.get('code_challenge_method') !== 'S256' || !q.get('code_challenge')) return json(res, 400, { error: 'invalid_request' });
        const code = b64url(randomBytes(24));
        grants.set(code, { clientId: p.clientId, redirectUri, challenge: q.get('code_challenge') ?? '', nonce: q.get('nonce'), subject: p.subject, used: false });
        const to = new URL(redirectUri);
        to.searchParams.set('code', code);
        to.searchParams.set('state', q.get('state') ?? '');
        res.writeHead(302, { Location: to.toString() });
        return res.end();
      }
      if (req.method === 'POST' && url.pathname === '/token') {
        const f = new URLSearchParams(await body(req));
        p.seen.token.push(f);
        const g = grants.get(f.get('code') ?? '');
        if (!g || g.used) return json(res, 400, { error: 'invalid_grant' });
        g.used = true;
        const verifier = f.get('code_verifier') ?? '';
        const challenge = createHash('sha256').update(verifier).digest('base64url');
        if (f.get('grant_type') !== 'authorization_code' || f.get('redirect_uri') !== g.redirectUri || f.get('client_id') !== g.clientId || challenge !== g.challenge) {
          return json(res, 400, { error: 'invalid_grant' });
        }
        return json(res, 200, { access_token: b64url(randomBytes(16)), token_type: 'Bearer', expires_in: 300, id_token: idToken(g) });
      }
      json(res, 404, { error: 'not_found' });
    })().catch(() => {
      if (!res.headersSent) json(res, 500, { error: 'server_error' });
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  p.issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  p.close = () =>
    new Promise<void>((r) => {
      server.close(() => r());
      server.closeAllConnections();
    });
  return p;
}

/** Plays the system browser: follows the authorize redirect to the loopback listener. */
export async function browse(authorizeUrl: string, change?: (callback: URL) => void): Promise<{ status: number; text: string; callback: string }> {
  const a = await fetch(authorizeUrl, { redirect: 'manual' });
  const location = a.headers.get('location');
  if (a.status !== 302 || !location) throw new Error(`authorize answered ${a.status}: ${await a.text()}`);
  const cb = new URL(location);
  change?.(cb);
  const r = await fetch(cb);
  return { status: r.status, text: await r.text(), callback: cb.toString() };
}
