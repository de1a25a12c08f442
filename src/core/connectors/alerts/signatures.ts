/**
 * Webhook authentication. PagerDuty V3 signs each delivery: `X-PagerDuty-Signature:
 * v1=<hex HMAC-SHA256 of the raw body>` with the subscription's signing secret, possibly several
 * comma-separated signatures (during secret rotation); one valid v1 signature is enough. The
 * other sources send a shared secret: `Authorization: Bearer <token>` (Alertmanager's
 * http_config.authorization, Grafana's contact point) or basic auth whose password is the token.
 * Every comparison is constant-time.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

function safeEqual(a: Buffer, b: Buffer): boolean {
  return a.length === b.length && timingSafeEqual(a, b);
}

export function pagerDutySignature(rawBody: Uint8Array, secret: string): string {
  return `v1=${createHmac('sha256', secret).update(rawBody).digest('hex')}`;
}

export function verifyPagerDutySignature(rawBody: Uint8Array, header: string | undefined, secret: string): boolean {
  if (header === undefined || header === '' || secret === '') return false;
  const expected = Buffer.from(createHmac('sha256', secret).update(rawBody).digest('hex'), 'utf8');
  let ok = false;
  for (const part of header.split(',').slice(0, 16)) {
    const p = part.trim();
    if (!p.startsWith('v1=')) continue;
    // No early exit: every candidate is compared.
    if (safeEqual(Buffer.from(p.slice(3).toLowerCase(), 'utf8'), expected)) ok = true;
  }
  return ok;
}

/** `Authorization: Bearer <token>` or `Basic base64(user:<token>)` (any user name). */
export function verifySharedToken(authorization: string | undefined, token: string): boolean {
  if (authorization === undefined || token === '') return false;
  const want = Buffer.from(token, 'utf8');
  const m = /^(Bearer|Basic)\s+(.+)$/i.exec(authorization.trim());
  if (m === null) return false;
  const scheme = (m[1] ?? '').toLowerCase();
  const value = m[2] ?? '';
  if (scheme === 'bearer') return safeEqual(Buffer.from(value, 'utf8'), want);
  const decoded = Buffer.from(value, 'base64').toString('utf8');
  const i = decoded.indexOf(':');
  return i >= 0 && safeEqual(Buffer.from(decoded.slice(i + 1), 'utf8'), want);
}
