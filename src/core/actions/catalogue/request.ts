/** Building exact requests: URLs from encoded path segments, JSON bodies, sorted lower-case headers. */
import { secretsIn } from './secrets';
import type { HttpMethod, JsonValue, RenderedRequest } from './types';

/** `base` + each segment percent-encoded (a segment can never add a `/` or `..`) + an optional query. */
export function urlOf(base: string, segments: readonly (string | number)[], query: Readonly<Record<string, string>> = {}): string {
  const path = segments.map((s) => `/${encodeURIComponent(String(s))}`).join('');
  const q = Object.entries(query)
    .map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`)
    .join('&');
  return `${base}${path}${q === '' ? '' : `?${q}`}`;
}

export function request(method: HttpMethod, url: string, headers: Readonly<Record<string, string>>, body: JsonValue | null): RenderedRequest {
  const sorted: Record<string, string> = {};
  for (const k of Object.keys(headers).map((h) => h.toLowerCase()).sort()) {
    const v = Object.entries(headers).find(([h]) => h.toLowerCase() === k)?.[1];
    if (v !== undefined) sorted[k] = v;
  }
  const text = body === null ? null : JSON.stringify(body);
  const secrets = [...new Set([...Object.values(sorted).flatMap(secretsIn), ...(text === null ? [] : secretsIn(text))])];
  return { method, url, headers: sorted, body: text, secrets };
}

/** A read-only GET with the same authorisation. */
export function read(url: string, headers: Readonly<Record<string, string>>): RenderedRequest {
  return request('GET', url, { ...headers, accept: 'application/json' }, null);
}

/** The request as a person reads it: request line, headers, pretty-printed body. */
export function previewText(r: RenderedRequest): string {
  const head = [`${r.method} ${r.url}`, ...Object.entries(r.headers).map(([k, v]) => `${k}: ${v}`)];
  if (r.body === null) return head.join('\n');
  let pretty = r.body;
  try {
    pretty = JSON.stringify(JSON.parse(r.body) as unknown, null, 2);
  } catch {
    // not JSON: shown as sent
  }
  return `${head.join('\n')}\n\n${pretty}`;
}
