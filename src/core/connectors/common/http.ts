/**
 * The one HTTP client of the connectors: auth, custom headers, TLS options and a timeout from a
 * Connection, and failures classified into codes a person can act on (DNS, refused, TLS, 401,
 * 403, timeout, wrong API shape). Bodies are size-limited. Built on undici (Node's fetch).
 */
import { Agent, request } from 'undici';
import type { Connection, ProbeErrorCode } from '../../../shared/connections';

export const DEFAULT_MAX_RESPONSE_BYTES = 64 * 1024 * 1024;

export class ConnectorError extends Error {
  constructor(
    readonly code: ProbeErrorCode,
    message: string,
    readonly status?: number,
  ) {
    super(message);
    this.name = 'ConnectorError';
  }
}

export interface HttpOptions {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH';
  /** Appended to the connection's URL (which may carry a path prefix). */
  path: string;
  query?: Record<string, string | number | undefined>;
  body?: string;
  headers?: Record<string, string>;
  maxBytes?: number;
  signal?: AbortSignal;
}

export interface HttpResult {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
  latencyMs: number;
}

const agents = new WeakMap<Connection, Agent>();
function agentFor(conn: Connection): Agent {
  let a = agents.get(conn);
  if (!a) {
    const tls: Record<string, unknown> = { rejectUnauthorized: !conn.tls.insecureSkipVerify };
    if (conn.tls.caPem) tls.ca = conn.tls.caPem;
    if (conn.tls.serverName) tls.servername = conn.tls.serverName;
    if (conn.auth.type === 'clientCert') {
      tls.cert = conn.auth.certPem;
      tls.key = conn.auth.keyPem;
    }
    a = new Agent({ connect: tls, connectTimeout: conn.timeoutMs });
    agents.set(conn, a);
  }
  return a;
}

export function authHeaders(conn: Connection): Record<string, string> {
  const auth = conn.auth;
  switch (auth.type) {
    case 'none':
    case 'clientCert':
      return {};
    case 'bearer':
      return { authorization: `Bearer ${auth.token}` };
    case 'basic':
      return { authorization: `Basic ${Buffer.from(`${auth.username}:${auth.password}`).toString('base64')}` };
    case 'apiKey':
      // Datadog's header names; other sources with API keys map them in their client.
      return auth.appKey ? { 'dd-api-key': auth.apiKey, 'dd-application-key': auth.appKey } : { 'dd-api-key': auth.apiKey };
  }
}

export function buildUrl(conn: Connection, path: string, query?: HttpOptions['query']): URL {
  const base = new URL(conn.url);
  const prefix = base.pathname.replace(/\/+$/, '');
  const u = new URL(prefix + (path.startsWith('/') ? path : `/${path}`), base);
  for (const [k, v] of Object.entries(query ?? {})) if (v !== undefined) u.searchParams.set(k, String(v));
  return u;
}

function classify(err: unknown, conn: Connection): ConnectorError {
  const e = err as { code?: string; name?: string; message?: string; cause?: { code?: string } };
  const code = e.code ?? e.cause?.code ?? '';
  const host = (() => {
    try {
      return new URL(conn.url).host;
    } catch {
      return conn.url;
    }
  })();
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return new ConnectorError('dns', `DNS lookup failed for ${host}`);
  if (code === 'ECONNREFUSED') return new ConnectorError('refused', `Connection refused by ${host}: is the service running and the port right?`);
  if (code === 'UND_ERR_CONNECT_TIMEOUT' || code === 'UND_ERR_HEADERS_TIMEOUT' || code === 'UND_ERR_BODY_TIMEOUT' || e.name === 'TimeoutError')
    return new ConnectorError('timeout', `No answer from ${host} within ${conn.timeoutMs} ms`);
  if (/CERT|SSL|TLS|SELF_SIGNED|UNABLE_TO_VERIFY|ERR_TLS/i.test(code) || /certificate|tls|ssl/i.test(e.message ?? ''))
    return new ConnectorError('tls', `TLS handshake with ${host} failed: ${e.message ?? code}`);
  if (e.name === 'AbortError') return new ConnectorError('timeout', `Request to ${host} was cancelled`);
  return new ConnectorError('network', `Could not reach ${host}: ${e.message ?? String(err)}`);
}

/** One request. Throws ConnectorError for transport failures and for 401/403; other statuses are returned. */
export async function httpRequest(conn: Connection, opts: HttpOptions): Promise<HttpResult> {
  const url = buildUrl(conn, opts.path, opts.query);
  const max = opts.maxBytes ?? DEFAULT_MAX_RESPONSE_BYTES;
  const timeout = AbortSignal.timeout(conn.timeoutMs);
  const signal = opts.signal ? AbortSignal.any([opts.signal, timeout]) : timeout;
  const t0 = performance.now();
  let res;
  try {
    res = await request(url, {
      method: opts.method ?? 'GET',
      dispatcher: agentFor(conn),
      headers: { accept: 'application/json', ...conn.headers, ...authHeaders(conn), ...(opts.headers ?? {}) },
      body: opts.body,
      signal,
      headersTimeout: conn.timeoutMs,
      bodyTimeout: conn.timeoutMs,
    });
  } catch (err) {
    throw classify(err, conn);
  }
  const chunks: Buffer[] = [];
  let size = 0;
  try {
    for await (const chunk of res.body) {
      size += (chunk as Buffer).length;
      if (size > max) {
        res.body.destroy();
        throw new ConnectorError('bad_shape', `Response from ${url.host} is larger than ${max} bytes`);
      }
      chunks.push(chunk as Buffer);
    }
  } catch (err) {
    if (err instanceof ConnectorError) throw err;
    throw classify(err, conn);
  }
  const latencyMs = performance.now() - t0;
  const text = Buffer.concat(chunks).toString('utf8');
  if (res.statusCode === 401) throw new ConnectorError('unauthorized', `401 Unauthorized from ${url.host}: check the credentials`, 401);
  if (res.statusCode === 403) throw new ConnectorError('forbidden', `403 Forbidden from ${url.host}: the credentials lack permission`, 403);
  return { status: res.statusCode, headers: res.headers, text, latencyMs };
}

/** GET/POST expecting JSON with a 2xx status; anything else is a ConnectorError. */
export async function httpJson(conn: Connection, opts: HttpOptions): Promise<{ json: unknown; latencyMs: number }> {
  const r = await httpRequest(conn, opts);
  if (r.status < 200 || r.status >= 300) {
    throw new ConnectorError('http', `HTTP ${r.status} from ${opts.path}: ${r.text.slice(0, 300)}`, r.status);
  }
  try {
    return { json: JSON.parse(r.text), latencyMs: r.latencyMs };
  } catch {
    throw new ConnectorError('bad_shape', `Expected JSON from ${opts.path}, got: ${r.text.slice(0, 120)}`);
  }
}
