/**
 * What an operator approves: the exact rendered request, its target and the preconditions that
 * must still hold at dispatch, bound to an expiry and a nonce. `canonicalRequestHash` is SHA-256
 * over the canonical JSON (sorted keys) of all of it. Secret headers (credentials the dispatcher
 * adds at send time) are left out of the hash, and header names are compared case-insensitively.
 */
import { createHash } from 'node:crypto';
import { z } from 'zod';
import { canonicalJson } from './canonical-json';

export const HTTP_METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE'] as const;

export const RenderedRequest = z
  .object({
    method: z.enum(HTTP_METHODS),
    url: z.string().url().max(8192),
    headers: z.record(z.string().min(1).max(256), z.string().max(8192)),
    body: z.json().nullable(),
  })
  .strict();
export type RenderedRequest = z.infer<typeof RenderedRequest>;

export const PendingAction = z
  .object({
    actionId: z.string().min(1).max(256),
    request: RenderedRequest,
    /** Further requests sent in order after `request` (e.g. a drain's evictions); part of what is signed. */
    more: z.array(RenderedRequest).max(64).optional(),
    target: z.json(),
    preconditions: z.json(),
  })
  .strict();
export type PendingAction = z.infer<typeof PendingAction>;

/** Headers that carry credentials: never part of what is shown, hashed or signed. */
export const SECRET_HEADERS: ReadonlySet<string> = new Set([
  'authorization',
  'proxy-authorization',
  'cookie',
  'set-cookie',
  'x-api-key',
  'api-key',
  'x-auth-token',
  'private-token',
  'dd-api-key',
  'dd-application-key',
]);

export function headersWithoutSecrets(headers: Readonly<Record<string, string>>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(headers)) {
    const name = k.toLowerCase();
    if (!SECRET_HEADERS.has(name)) out[name] = v;
  }
  return out;
}

export interface ApprovalBinding {
  expiresAt: number;
  nonce: string;
}

const hashedRequest = (r: RenderedRequest) => ({ method: r.method, url: r.url, headers: headersWithoutSecrets(r.headers), body: r.body });

export function canonicalRequestHash(action: PendingAction & ApprovalBinding): string {
  const subject = {
    actionId: action.actionId,
    request: {
      method: action.request.method,
      url: action.request.url,
      headers: headersWithoutSecrets(action.request.headers),
      body: action.request.body,
    },
    // Only present when there are further requests, so single-request hashes are unchanged.
    ...(action.more !== undefined && action.more.length > 0 ? { more: action.more.map(hashedRequest) } : {}),
    target: action.target,
    preconditions: action.preconditions,
    expiresAt: action.expiresAt,
    nonce: action.nonce,
  };
  return createHash('sha256').update(canonicalJson(subject)).digest('hex');
}
