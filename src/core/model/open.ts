/**
 * Opening a model for a review, shared by `sitrep analyze` and the core's model module: a
 * remote client from a URL (the model name asked of the server when not given), a file's
 * sha256 (what exactly ran), and a client wrapper that keeps the last generation's figures.
 */
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import type { GenerateResult, ModelClient } from './client';
import { ModelError } from './errors';
import { RemoteConfig, type RemoteConfigInput } from './remote/config';
import { createRemoteClient, type RemoteClient } from './remote/openai-client';

export async function fileSha256(path: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

export interface OpenRemoteOptions {
  apiKey: string | null;
  offline: () => boolean;
  /** The model name; when absent, the first one the server lists. */
  model?: string | null;
  config?: Omit<RemoteConfigInput, 'url' | 'model'>;
}

/** A remote client; without a model name, asks `/v1/models` and takes the first. */
export async function openRemote(url: string, opts: OpenRemoteOptions): Promise<RemoteClient> {
  const base = { ...(opts.config ?? {}), url };
  const clientOpts = { apiKey: opts.apiKey, offline: opts.offline };
  if (opts.model) return createRemoteClient(RemoteConfig.parse({ ...base, model: opts.model }), clientOpts);
  const probe = createRemoteClient(RemoteConfig.parse({ ...base, model: 'unknown' }), clientOpts);
  let listed: string[];
  try {
    listed = await probe.listModels();
  } finally {
    await probe.close();
  }
  const first = listed[0];
  if (first === undefined) throw new ModelError('bad_shape', `${new URL(url).host} lists no models: name one explicitly`);
  return createRemoteClient(RemoteConfig.parse({ ...base, model: first }), clientOpts);
}

export interface GenerationFigures {
  tokens: number | null;
  firstTokenMs: number | null;
  totalMs: number;
  /** Generated tokens per second after the first token, when the backend counts tokens. */
  tokensPerSecond: number | null;
}

/** Wraps a client so the figures of its last generation can be read afterwards. */
export function recording<C extends ModelClient>(client: C): { client: C; last(): GenerationFigures | null } {
  let last: GenerateResult | null = null;
  const wrapped = Object.create(client) as C;
  Object.defineProperty(wrapped, 'generate', {
    value: async (req: Parameters<ModelClient['generate']>[0]) => {
      const r = await client.generate(req);
      last = r;
      return r;
    },
  });
  return {
    client: wrapped,
    last() {
      if (last === null) return null;
      const r: GenerateResult = last;
      const genMs = r.totalMs - (r.firstTokenMs ?? 0);
      const tps = r.tokens !== null && r.tokens > 1 && genMs > 0 ? ((r.tokens - 1) * 1000) / genMs : null;
      return {
        tokens: r.tokens,
        firstTokenMs: r.firstTokenMs === null ? null : Math.round(r.firstTokenMs),
        totalMs: Math.round(r.totalMs),
        tokensPerSecond: tps === null ? null : Math.round(tps * 10) / 10,
      };
    },
  };
}
