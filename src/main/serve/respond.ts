/** Response helpers: every answer carries the security headers. */
import type { ServerResponse } from 'node:http';
import type { Envelope } from '../../shared/envelope';
import { SECURITY_HEADERS } from '../security/csp';

export function withSecurityHeaders(res: ServerResponse): void {
  for (const [k, v] of Object.entries(SECURITY_HEADERS)) res.setHeader(k, v);
}

export function sendText(res: ServerResponse, status: number, text: string, extra: Record<string, string> = {}): void {
  withSecurityHeaders(res);
  res.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store', ...extra });
  res.end(text);
}

export function sendEnvelope(res: ServerResponse, status: number, env: Envelope<unknown>, extra: Record<string, string> = {}): void {
  withSecurityHeaders(res);
  res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store', ...extra });
  res.end(JSON.stringify(env));
}

export const UNAUTHORIZED_PAGE =
  'Sitrep: this cockpit needs its access token.\n\n' +
  'Open the URL printed by `sitrep serve` in the terminal where it runs (it ends in ?token=...).\n' +
  'The token changes every time the server starts.\n';
