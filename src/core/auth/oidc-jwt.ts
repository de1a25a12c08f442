/**
 * ID token verification (OpenID Connect Core 3.1.3.7) with node:crypto only: the signature
 * against the provider's JWKS (RS256 with a 2048-bit or larger RSA key, or ES256 on P-256; no
 * `none`, no HMAC, no algorithm the header picks outside that list), then the claims: issuer
 * exactly, audience containing our client id (and `azp` equal to it when present), expiry,
 * issued-at and not-before within the allowed skew, the nonce we sent, and a subject.
 */
import { createPublicKey, timingSafeEqual, verify, type JsonWebKey, type KeyObject } from 'node:crypto';
import { z } from 'zod';

export const MAX_ID_TOKEN_CHARS = 16 * 1024;
export const ALGORITHMS = ['RS256', 'ES256'] as const;
export type Algorithm = (typeof ALGORITHMS)[number];

export const Jwk = z
  .object({
    kty: z.string().max(16),
    kid: z.string().max(256).optional(),
    alg: z.string().max(16).optional(),
    use: z.string().max(16).optional(),
    n: z.string().max(2048).optional(),
    e: z.string().max(16).optional(),
    crv: z.string().max(16).optional(),
    x: z.string().max(128).optional(),
    y: z.string().max(128).optional(),
  })
  .passthrough();
export type Jwk = z.infer<typeof Jwk>;

export const Jwks = z.object({ keys: z.array(Jwk).max(100) }).passthrough();

export class OidcError extends Error {
  constructor(
    readonly code:
      | 'malformed_token'
      | 'unsupported_alg'
      | 'unknown_key'
      | 'bad_signature'
      | 'wrong_issuer'
      | 'wrong_audience'
      | 'expired'
      | 'not_yet_valid'
      | 'wrong_nonce'
      | 'no_subject'
      | 'wrong_state'
      | 'provider_error'
      | 'discovery_failed'
      | 'token_exchange_failed'
      | 'timeout'
      | 'cancelled'
      | 'already_used'
      | 'unmapped_subject',
    message: string,
  ) {
    super(message);
    this.name = 'OidcError';
  }
}

export interface IdTokenClaims {
  iss: string;
  sub: string;
  aud: string | string[];
  exp: number;
  iat: number;
  nonce?: string;
  azp?: string;
  [k: string]: unknown;
}

export interface VerifyIdTokenOptions {
  jwks: readonly Jwk[];
  issuer: string;
  clientId: string;
  nonce: string;
  /** ms epoch. */
  now: number;
  skewSeconds: number;
}

function b64urlJson(part: string, what: string): Record<string, unknown> {
  if (!/^[A-Za-z0-9_-]*$/.test(part)) throw new OidcError('malformed_token', `The ID token's ${what} is not base64url`);
  try {
    const v: unknown = JSON.parse(Buffer.from(part, 'base64url').toString('utf8'));
    if (!v || typeof v !== 'object' || Array.isArray(v)) throw new Error('not an object');
    return v as Record<string, unknown>;
  } catch {
    throw new OidcError('malformed_token', `The ID token's ${what} is not a JSON object`);
  }
}

const sameString = (a: string, b: string): boolean => {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
};

function keyFor(alg: Algorithm, kid: string | undefined, jwks: readonly Jwk[]): KeyObject {
  const kty = alg === 'RS256' ? 'RSA' : 'EC';
  const candidates = jwks.filter((k) => k.kty === kty && (k.use === undefined || k.use === 'sig') && (k.alg === undefined || k.alg === alg) && (kty !== 'EC' || k.crv === 'P-256'));
  const chosen = kid !== undefined ? candidates.filter((k) => k.kid === kid) : candidates;
  const jwk = chosen[0];
  if (!jwk || chosen.length > 1) throw new OidcError('unknown_key', kid !== undefined ? `No ${alg} key "${kid}" in the provider's JWKS` : `The ID token names no key and the JWKS has ${chosen.length} ${alg} keys`);
  let key: KeyObject;
  try {
    key = createPublicKey({ key: { ...jwk } as JsonWebKey, format: 'jwk' });
  } catch {
    throw new OidcError('unknown_key', `The provider's key "${jwk.kid ?? '?'}" cannot be read`);
  }
  if (alg === 'RS256' && (key.asymmetricKeyDetails?.modulusLength ?? 0) < 2048) throw new OidcError('unknown_key', 'The provider\'s RSA key is shorter than 2048 bits');
  return key;
}

/** Checks the token's signature and claims; returns the claims or throws OidcError. */
export function verifyIdToken(token: string, o: VerifyIdTokenOptions): IdTokenClaims {
  if (token.length > MAX_ID_TOKEN_CHARS) throw new OidcError('malformed_token', 'The ID token is too long');
  const parts = token.split('.');
  if (parts.length !== 3) throw new OidcError('malformed_token', 'The ID token is not a signed JWT (three parts)');
  const [h = '', p = '', s = ''] = parts;
  const header = b64urlJson(h, 'header');
  const alg = header.alg;
  if (typeof alg !== 'string' || !(ALGORITHMS as readonly string[]).includes(alg)) throw new OidcError('unsupported_alg', `ID tokens signed with ${JSON.stringify(alg)} are refused (only ${ALGORITHMS.join(', ')})`);
  if (header.crit !== undefined) throw new OidcError('malformed_token', 'The ID token has critical header parameters this client does not understand');
  const kid = typeof header.kid === 'string' ? header.kid : undefined;
  const key = keyFor(alg as Algorithm, kid, o.jwks);
  if (!/^[A-Za-z0-9_-]+$/.test(s)) throw new OidcError('bad_signature', 'The ID token signature is not base64url');
  const sig = Buffer.from(s, 'base64url');
  const data = Buffer.from(`${h}.${p}`, 'ascii');
  const valid = alg === 'RS256' ? verify('sha256', data, key, sig) : sig.length === 64 && verify('sha256', data, { key, dsaEncoding: 'ieee-p1363' }, sig);
  if (!valid) throw new OidcError('bad_signature', 'The ID token signature does not verify against the provider\'s key');

  const c = b64urlJson(p, 'payload');
  if (typeof c.iss !== 'string' || c.iss !== o.issuer) throw new OidcError('wrong_issuer', `The ID token was issued by ${JSON.stringify(c.iss)}, not ${o.issuer}`);
  const aud = c.aud;
  const auds = typeof aud === 'string' ? [aud] : Array.isArray(aud) && aud.every((a) => typeof a === 'string') ? (aud as string[]) : null;
  if (!auds || !auds.includes(o.clientId)) throw new OidcError('wrong_audience', 'The ID token is not meant for this client (audience)');
  if (c.azp !== undefined && c.azp !== o.clientId) throw new OidcError('wrong_audience', 'The ID token was issued to another party (azp)');
  if (auds.length > 1 && c.azp === undefined) throw new OidcError('wrong_audience', 'The ID token has several audiences and no azp');
  const nowS = o.now / 1000;
  if (typeof c.exp !== 'number' || c.exp + o.skewSeconds <= nowS) throw new OidcError('expired', 'The ID token has expired');
  if (typeof c.iat !== 'number' || c.iat - o.skewSeconds > nowS) throw new OidcError('not_yet_valid', 'The ID token is issued in the future');
  if (c.nbf !== undefined && (typeof c.nbf !== 'number' || c.nbf - o.skewSeconds > nowS)) throw new OidcError('not_yet_valid', 'The ID token is not valid yet');
  if (typeof c.nonce !== 'string' || !sameString(c.nonce, o.nonce)) throw new OidcError('wrong_nonce', 'The ID token does not carry the nonce of this sign-in');
  if (typeof c.sub !== 'string' || c.sub.length === 0 || c.sub.length > 255) throw new OidcError('no_subject', 'The ID token has no usable subject');
  return c as IdTokenClaims;
}
