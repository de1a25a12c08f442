/** How to reach an OpenAI-compatible chat-completions endpoint. */
import { z } from 'zod';

export const RemoteTimeouts = z.object({
  connectMs: z.number().int().min(100).max(120_000).default(10_000),
  /** From sending the request to the first token of the answer (or the whole body, unstreamed). */
  firstTokenMs: z.number().int().min(100).max(600_000).default(60_000),
  totalMs: z.number().int().min(100).max(3_600_000).default(180_000),
});

export const RemoteRetries = z.object({
  max: z.number().int().min(0).max(10).default(3),
  baseMs: z.number().int().min(1).max(60_000).default(500),
  /** Longest wait between attempts, Retry-After included; a server asking for more fails the call. */
  maxDelayMs: z.number().int().min(1).max(300_000).default(20_000),
});

export const RemoteConfig = z.object({
  /** `https://api.openai.com/v1`, `http://127.0.0.1:11434` (Ollama), a full …/chat/completions URL, or Azure's deployment URL. */
  url: z.string().url().max(2048),
  model: z.string().min(1).max(256),
  /** `azure` sends the key as an `api-key` header and uses the URL as given. */
  flavor: z.enum(['openai', 'azure']).default('openai'),
  stream: z.boolean().default(true),
  /** `auto`: ask for `response_format: json_schema`, and drop it if the server refuses it. */
  jsonSchema: z.enum(['auto', 'on', 'off']).default('auto'),
  temperature: z.number().min(0).max(2).default(0),
  timeouts: RemoteTimeouts.default(RemoteTimeouts.parse({})),
  retries: RemoteRetries.default(RemoteRetries.parse({})),
  headers: z.record(z.string().min(1).max(256), z.string().max(8192)).default({}),
});
export type RemoteConfig = z.output<typeof RemoteConfig>;
export type RemoteConfigInput = z.input<typeof RemoteConfig>;

function withPath(base: URL, path: string): URL {
  const u = new URL(base.toString());
  u.pathname = base.pathname.replace(/\/+$/, '') + path;
  return u;
}

/** The chat-completions URL for a configured base. */
export function chatUrl(c: Pick<RemoteConfig, 'url' | 'flavor'>): URL {
  const base = new URL(c.url);
  const p = base.pathname.replace(/\/+$/, '');
  if (c.flavor === 'azure' || p.endsWith('/chat/completions')) return base;
  if (p === '') return withPath(base, '/v1/chat/completions');
  return withPath(base, '/chat/completions');
}

/** The models list URL (OpenAI's `/v1/models`); null for Azure deployment URLs. */
export function modelsUrl(c: Pick<RemoteConfig, 'url' | 'flavor'>): URL | null {
  if (c.flavor === 'azure') return null;
  const base = new URL(c.url);
  const p = base.pathname.replace(/\/+$/, '').replace(/\/chat\/completions$/, '');
  const u = new URL(base.toString());
  u.search = '';
  u.pathname = (p === '' ? '/v1' : p) + '/models';
  return u;
}
