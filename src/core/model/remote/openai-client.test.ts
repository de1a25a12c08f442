import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ModelError } from '../errors';
import { scripted, startOpenAiServer, type OpenAiServer } from '../testing/openai-server';
import { RemoteConfig, chatUrl, modelsUrl, type RemoteConfigInput } from './config';
import { createRemoteClient, type RemoteClient } from './openai-client';

const ANSWER = '{"summary":"ok","hypotheses":[]}';
let server: OpenAiServer;
const clients: RemoteClient[] = [];

function client(over: Partial<RemoteConfigInput> = {}, offline = false): RemoteClient {
  const c = createRemoteClient(
    RemoteConfig.parse({ url: server.url, model: 'tiny', retries: { baseMs: 10 }, timeouts: { firstTokenMs: 2000, totalMs: 10_000 }, ...over }),
    { apiKey: 'sk-test', offline: () => offline },
  );
  clients.push(c);
  return c;
}
const req = { system: 's', user: 'u', schema: { type: 'object' }, maxTokens: 64 };

beforeAll(async () => {
  server = await startOpenAiServer({ generate: scripted(ANSWER) });
});
afterEach(async () => {
  await Promise.all(clients.splice(0).map((c) => c.close()));
  server.setGenerator(scripted(ANSWER));
});
afterAll(() => server.close());

describe('remote client', () => {
  it('streams tokens over SSE, sends the schema and the key', async () => {
    const pieces: string[] = [];
    const before = server.stats.chatRequests;
    const r = await client().generate({ ...req, onToken: (t) => pieces.push(t) });
    expect(r.text).toBe(ANSWER);
    expect(pieces.length).toBeGreaterThan(1);
    expect(pieces.join('')).toBe(ANSWER);
    expect(r.firstTokenMs).not.toBeNull();
    expect(server.stats.chatRequests - before).toBe(1);
    const body = JSON.parse(server.stats.bodies.at(-1)!) as Record<string, unknown>;
    expect(body).toMatchObject({ model: 'tiny', stream: true, max_tokens: 64, response_format: { type: 'json_schema' } });
    expect(server.stats.auth.at(-1)).toBe('Bearer sk-test');
    expect(r.bytesSent).toBe(Buffer.byteLength(server.stats.bodies.at(-1)!));
  });

  it('takes a plain JSON answer when streaming is off or the server does not stream', async () => {
    expect((await client({ stream: false }).generate(req)).text).toBe(ANSWER);
    server.queueFaults({ kind: 'noStream' });
    expect((await client().generate(req)).text).toBe(ANSWER);
  });

  it('retries a 429 after the Retry-After it was given, then succeeds', async () => {
    server.queueFaults({ kind: 'status', status: 429, retryAfter: '1' });
    const before = server.stats.chatRequests;
    const t0 = performance.now();
    const r = await client().generate(req);
    expect(performance.now() - t0).toBeGreaterThanOrEqual(950);
    expect(r.text).toBe(ANSWER);
    expect(server.stats.chatRequests - before).toBe(2);
    expect(r.bytesSent).toBe(2 * Buffer.byteLength(server.stats.bodies.at(-1)!));
  });

  it('retries 500s with backoff and gives up after the configured attempts', async () => {
    server.queueFaults({ kind: 'status', status: 500 }, { kind: 'status', status: 502 });
    expect((await client().generate(req)).text).toBe(ANSWER);
    server.queueFaults({ kind: 'status', status: 503 }, { kind: 'status', status: 503 }, { kind: 'status', status: 503 });
    const before = server.stats.chatRequests;
    await expect(client({ retries: { max: 2, baseMs: 5 } }).generate(req)).rejects.toMatchObject({ code: 'http', status: 503 });
    expect(server.stats.chatRequests - before).toBe(3);
  });

  it('fails fast when the server asks to wait longer than allowed', async () => {
    server.queueFaults({ kind: 'status', status: 429, retryAfter: '600' });
    await expect(client().generate(req)).rejects.toThrow(/retry after 600 s/);
  });

  it('never retries once tokens have streamed', async () => {
    server.queueFaults({ kind: 'cutMidStream', afterChunks: 2 });
    const before = server.stats.chatRequests;
    const err = await client().generate(req).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ModelError);
    expect((err as ModelError).message).toMatch(/ended before the answer was complete|closed the connection/);
    expect(server.stats.chatRequests - before).toBe(1);
  });

  it('times out waiting for the first byte, and retries it', async () => {
    server.queueFaults({ kind: 'slowFirstByte', ms: 1500 }, { kind: 'slowFirstByte', ms: 1500 });
    const before = server.stats.chatRequests;
    const err = await client({ retries: { max: 1, baseMs: 5 }, timeouts: { firstTokenMs: 300 } }).generate(req).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'timeout' });
    expect((err as Error).message).toMatch(/within 300 ms/);
    expect(server.stats.chatRequests - before).toBe(2);
  });

  it('enforces the total timeout', async () => {
    server.queueFaults({ kind: 'slowFirstByte', ms: 3000 });
    const t0 = performance.now();
    await expect(client({ retries: { max: 0 }, timeouts: { firstTokenMs: 5000, totalMs: 400 } }).generate(req)).rejects.toMatchObject({ code: 'timeout' });
    expect(performance.now() - t0).toBeLessThan(2000);
  });

  it('cancels a streaming request promptly', async () => {
    server.setGenerator(async (_r, emit, signal) => {
      for (let i = 0; i < 200 && !signal.aborted; i++) {
        emit('x');
        await new Promise((r) => setTimeout(r, 20));
      }
      return '';
    });
    const ac = new AbortController();
    let n = 0;
    const t0 = performance.now();
    const p = client().generate({ ...req, signal: ac.signal, onToken: () => (++n === 3 ? ac.abort() : undefined) });
    await expect(p).rejects.toMatchObject({ code: 'cancelled' });
    expect(performance.now() - t0).toBeLessThan(1000);
  });

  it('gives clear errors for garbage and for the wrong API shape, without retrying', async () => {
    server.queueFaults({ kind: 'garbage' });
    await expect(client({ stream: false }).generate(req)).rejects.toThrow(/not JSON .*OpenAI-compatible/);
    server.queueFaults({ kind: 'wrongShape' });
    await expect(client({ stream: false }).generate(req)).rejects.toThrow(/not a chat completion/);
  });

  it('drops response_format when the server refuses it, and says so', async () => {
    server.queueFaults({ kind: 'refuseJsonSchema' });
    const r = await client().chat(req, { stream: true, jsonSchema: true, maxTokens: 32 });
    expect(r.text).toBe(ANSWER);
    expect(r.usedJsonSchema).toBe(false);
    expect(JSON.parse(server.stats.bodies.at(-1)!)).not.toHaveProperty('response_format');
  });

  it('reports 401 as unauthorized, without retrying', async () => {
    const locked = await startOpenAiServer({ generate: scripted(ANSWER), apiKey: 'right' });
    try {
      const c = createRemoteClient(RemoteConfig.parse({ url: locked.url, model: 'tiny' }), { apiKey: 'wrong' });
      clients.push(c);
      await expect(c.generate(req)).rejects.toMatchObject({ code: 'unauthorized' });
      expect(locked.stats.requests).toBe(1);
    } finally {
      await locked.close();
    }
  });

  it('offline: refuses before opening any connection', async () => {
    const before = server.stats.connections;
    const c = client({}, true);
    await expect(c.generate(req)).rejects.toMatchObject({ code: 'offline' });
    await expect(c.listModels()).rejects.toMatchObject({ code: 'offline' });
    expect(server.stats.connections).toBe(before);
  });

  it('lists models', async () => {
    expect(await client().listModels()).toEqual(['tiny']);
  });
});

describe('endpoint URLs', () => {
  it('derives chat and model URLs for OpenAI-style bases, Ollama roots and Azure deployments', () => {
    expect(chatUrl({ url: 'https://api.openai.com/v1', flavor: 'openai' }).toString()).toBe('https://api.openai.com/v1/chat/completions');
    expect(chatUrl({ url: 'http://127.0.0.1:11434', flavor: 'openai' }).toString()).toBe('http://127.0.0.1:11434/v1/chat/completions');
    const azure = 'https://x.openai.azure.com/openai/deployments/gpt4o/chat/completions?api-version=2024-10-21';
    expect(chatUrl({ url: azure, flavor: 'azure' }).toString()).toBe(azure);
    expect(modelsUrl({ url: 'http://h:8000/v1/chat/completions', flavor: 'openai' })?.toString()).toBe('http://h:8000/v1/models');
    expect(modelsUrl({ url: azure, flavor: 'azure' })).toBeNull();
  });
});
