/** Transport failures classified into the connectors' error codes, in words a person can act on. */
import { ModelError } from '../errors';

export function classifyTransport(err: unknown, host: string, what: string): ModelError {
  if (err instanceof ModelError) return err;
  const e = err as { code?: string; name?: string; message?: string; cause?: { code?: string; message?: string } };
  const code = e.code ?? e.cause?.code ?? '';
  const msg = e.message ?? String(err);
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return new ModelError('dns', `DNS lookup failed for ${host}: check the URL`);
  if (code === 'ECONNREFUSED') return new ModelError('refused', `Connection refused by ${host}: is the model server running and the port right?`);
  if (code === 'UND_ERR_CONNECT_TIMEOUT') return new ModelError('timeout', `Could not connect to ${host} in time (${what})`);
  if (code === 'UND_ERR_HEADERS_TIMEOUT' || code === 'UND_ERR_BODY_TIMEOUT' || e.name === 'TimeoutError') return new ModelError('timeout', `No answer from ${host} in time (${what})`);
  if (/CERT|SSL|TLS|SELF_SIGNED|UNABLE_TO_VERIFY/i.test(code) || /certificate|ssl/i.test(msg)) return new ModelError('tls', `TLS handshake with ${host} failed: ${msg}`);
  if (code === 'ECONNRESET' || code === 'UND_ERR_SOCKET' || code === 'EPIPE') return new ModelError('network', `${host} closed the connection: ${msg}`);
  return new ModelError('network', `Could not reach ${host}: ${msg}`);
}

/** Retry-After as milliseconds (seconds or an HTTP date), or null. */
export function retryAfterMs(value: string | string[] | undefined, now: number = Date.now()): number | null {
  const v = Array.isArray(value) ? value[0] : value;
  if (v === undefined || v.trim() === '') return null;
  if (/^\d+(\.\d+)?$/.test(v.trim())) return Math.round(Number(v) * 1000);
  const at = Date.parse(v);
  return Number.isNaN(at) ? null : Math.max(0, at - now);
}

export function backoffMs(attempt: number, baseMs: number, random: () => number = Math.random): number {
  const exp = baseMs * 2 ** attempt;
  return Math.round(exp / 2 + (random() * exp) / 2);
}

export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(new ModelError('cancelled', 'cancelled'));
    const t = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = (): void => {
      clearTimeout(t);
      reject(new ModelError('cancelled', 'cancelled'));
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
