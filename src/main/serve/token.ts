/** The per-run access token: generation, constant-time comparison, and where a request carries it. */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

export function newToken(): string {
  return randomBytes(32).toString('base64url');
}

/** Constant-time, also across different lengths (compares fixed-size digests). */
export function tokensEqual(given: string, expected: string): boolean {
  const a = createHash('sha256').update(given).digest();
  const b = createHash('sha256').update(expected).digest();
  return timingSafeEqual(a, b) && given.length === expected.length;
}

export function parseCookies(header: string | undefined): Map<string, string> {
  const out = new Map<string, string>();
  if (!header) return out;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq <= 0) continue;
    const name = part.slice(0, eq).trim();
    const value = part.slice(eq + 1).trim();
    if (!out.has(name)) out.set(name, value);
  }
  return out;
}

export type TokenSource = 'query' | 'cookie' | 'bearer';

/** Every token the request presents, by source (a wrong one anywhere does not unlock a right one elsewhere). */
export function presentedTokens(req: IncomingMessage, url: URL, cookieName: string): Array<[TokenSource, string]> {
  const found: Array<[TokenSource, string]> = [];
  const q = url.searchParams.get('token');
  if (q !== null) found.push(['query', q]);
  const cookie = parseCookies(req.headers.cookie).get(cookieName);
  if (cookie !== undefined) found.push(['cookie', cookie]);
  const auth = req.headers.authorization;
  if (typeof auth === 'string' && /^Bearer\s+/i.test(auth)) found.push(['bearer', auth.replace(/^Bearer\s+/i, '').trim()]);
  return found;
}

/** The source of the first valid token, or null. */
export function authenticate(req: IncomingMessage, url: URL, cookieName: string, token: string): TokenSource | null {
  for (const [source, value] of presentedTokens(req, url, cookieName)) {
    if (tokensEqual(value, token)) return source;
  }
  return null;
}

export function tokenCookie(name: string, token: string): string {
  return `${name}=${token}; HttpOnly; SameSite=Strict; Path=/`;
}
