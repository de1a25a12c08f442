/**
 * Sending one filled request through the connectors' bounded HTTP client (timeout, response size
 * limit, errors classified like every other outbound call), with no credentials but the ones in
 * the request itself.
 */
import type { Connection } from '../../shared/connections';
import { ConnectorError, httpRequest } from '../connectors/common/http';
import { scrub, type Filled } from './secrets';

export const MAX_RESPONSE_BYTES = 1024 * 1024;

export interface SendOptions {
  timeoutMs: number;
  tls?: Connection['tls'] | undefined;
  signal?: AbortSignal | undefined;
}

export type Sent = { ok: true; status: number; text: string } | { ok: false; status?: number; code: string; message: string };

function connectionFor(url: URL, o: SendOptions): Connection {
  return {
    id: 'dispatch',
    createdAt: 0,
    name: url.host,
    // The HTTP client reads only url, auth, tls, headers and timeoutMs.
    kind: 'kubernetes',
    url: url.origin,
    auth: { type: 'none' },
    tls: o.tls ?? { insecureSkipVerify: false },
    headers: {},
    options: {},
    timeoutMs: o.timeoutMs,
  };
}

export async function sendFilled(r: Filled, o: SendOptions): Promise<Sent> {
  let url: URL;
  try {
    url = new URL(r.url);
  } catch {
    return { ok: false, code: 'bad_url', message: 'Not a URL' };
  }
  if (r.method !== 'GET' && r.method !== 'POST' && r.method !== 'PUT' && r.method !== 'PATCH') return { ok: false, code: 'bad_method', message: `Method ${String(r.method)} is not sent` };
  try {
    const res = await httpRequest(connectionFor(url, o), {
      method: r.method,
      path: `${url.pathname}${url.search}`,
      headers: r.headers,
      ...(r.body !== null ? { body: r.body } : {}),
      maxBytes: MAX_RESPONSE_BYTES,
      ...(o.signal ? { signal: o.signal } : {}),
    });
    const text = scrub(res.text, r.values);
    if (res.status >= 200 && res.status < 300) return { ok: true, status: res.status, text };
    return { ok: false, status: res.status, code: 'http', message: `HTTP ${res.status} from ${url.host}${url.pathname}: ${text.slice(0, 500)}` };
  } catch (err) {
    if (err instanceof ConnectorError) return { ok: false, ...(err.status !== undefined ? { status: err.status } : {}), code: err.code, message: scrub(err.message, r.values) };
    return { ok: false, code: 'network', message: scrub(err instanceof Error ? err.message : String(err), r.values) };
  }
}
