/**
 * A client for any OpenAI-compatible chat-completions endpoint (vLLM, Ollama, llama.cpp server,
 * OpenAI, Azure OpenAI). Streams over SSE (and accepts a plain JSON answer from servers that do
 * not stream), asks for `response_format: json_schema` when the server takes it, times out on
 * connect / first token / total, retries 429, 5xx and network failures with backoff (honouring
 * Retry-After) but never once tokens have streamed, and refuses to open a socket when offline.
 */
import { Agent, request, type Dispatcher } from 'undici';
import type { GenerateRequest, GenerateResult, JsonSchema, ModelClient } from '../client';
import { ModelError } from '../errors';
import { approxTokens } from '../prompt';
import { chatUrl, modelsUrl, type RemoteConfig } from './config';
import { createSseParser } from './sse';
import { backoffMs, classifyTransport, retryAfterMs, sleep } from './transport';

export interface RemoteClientOptions {
  apiKey?: string | null;
  /** The network switch: when it returns true, nothing is sent. */
  offline?: () => boolean;
  maxResponseBytes?: number;
}

export interface ChatOptions {
  stream: boolean;
  jsonSchema: boolean;
  maxTokens: number;
}

export interface ChatResult extends GenerateResult {
  /** Whether the answer came as an SSE stream. */
  streamed: boolean;
  /** Whether `response_format: json_schema` was accepted. */
  usedJsonSchema: boolean;
}

export interface RemoteClient extends ModelClient {
  readonly kind: 'remote';
  readonly config: RemoteConfig;
  listModels(signal?: AbortSignal): Promise<string[]>;
  /** One exchange with explicit options (the doctor's probes); `generate` picks them from the config. */
  chat(req: GenerateRequest, opts: ChatOptions): Promise<ChatResult>;
  close(): Promise<void>;
}

const MAX_BYTES = 8 * 1024 * 1024;

/** A failure that may be retried, with the server's requested wait. */
class Retryable extends Error {
  constructor(
    readonly error: ModelError,
    readonly waitMs: number | null,
  ) {
    super(error.message);
  }
}

/** The server refused `response_format: json_schema` (HTTP 400 naming it). */
class SchemaRefused extends Error {}

const choiceText = (json: unknown, key: 'delta' | 'message'): string | null | undefined => {
  const choices = (json as { choices?: unknown }).choices;
  if (!Array.isArray(choices)) return undefined;
  const first = choices[0] as Record<string, unknown> | undefined;
  if (!first) return null;
  const part = first[key] as { content?: unknown } | undefined;
  if (part === undefined) return undefined;
  return typeof part.content === 'string' ? part.content : null;
};
const finishReason = (json: unknown): string | null => {
  const c = (json as { choices?: { finish_reason?: unknown }[] }).choices?.[0]?.finish_reason;
  return typeof c === 'string' ? c : null;
};
const serverError = (json: unknown): string | null => {
  const e = (json as { error?: unknown }).error;
  if (e === undefined || e === null) return null;
  if (typeof e === 'string') return e;
  const m = (e as { message?: unknown }).message;
  return typeof m === 'string' ? m : JSON.stringify(e).slice(0, 300);
};

export function createRemoteClient(config: RemoteConfig, opts: RemoteClientOptions = {}): RemoteClient {
  const url = chatUrl(config);
  const host = url.host;
  const maxBytes = opts.maxResponseBytes ?? MAX_BYTES;
  const agent = new Agent({ connectTimeout: config.timeouts.connectMs });
  let schemaRefused = config.jsonSchema === 'off';

  const refuseIfOffline = (): void => {
    if (opts.offline?.()) {
      throw new ModelError('offline', `Sitrep is offline (the network switch is off): nothing was sent to ${host}. Turn the switch on in Settings, or use a local model.`);
    }
  };

  const headers = (): Record<string, string> => {
    const h: Record<string, string> = { 'content-type': 'application/json', accept: 'text/event-stream, application/json', ...config.headers };
    if (opts.apiKey) {
      if (config.flavor === 'azure') h['api-key'] = opts.apiKey;
      else h.authorization = `Bearer ${opts.apiKey}`;
    }
    return h;
  };

  const body = (req: GenerateRequest, o: ChatOptions): string =>
    JSON.stringify({
      model: config.model,
      messages: [
        { role: 'system', content: req.system },
        { role: 'user', content: req.user },
      ],
      stream: o.stream,
      max_tokens: o.maxTokens,
      temperature: config.temperature,
      ...(o.jsonSchema && req.schema ? { response_format: { type: 'json_schema', json_schema: { name: 'sitrep_review', schema: req.schema as JsonSchema, strict: false } } } : {}),
    });

  async function readAll(res: Dispatcher.ResponseData): Promise<string> {
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of res.body) {
      size += (chunk as Buffer).length;
      if (size > maxBytes) {
        res.body.destroy();
        throw new ModelError('bad_shape', `the answer from ${host} is larger than ${maxBytes} bytes`);
      }
      chunks.push(chunk as Buffer);
    }
    return Buffer.concat(chunks).toString('utf8');
  }

  /** One HTTP attempt. Throws Retryable for what may be retried, ModelError otherwise. */
  async function attempt(req: GenerateRequest, o: ChatOptions, signal: AbortSignal, state: { streamed: boolean; bytes: number }): Promise<ChatResult> {
    const payload = body(req, o);
    const t0 = performance.now();
    let firstTokenMs: number | null = null;
    // The first-token timer covers connecting, the headers and, when streaming, the first token.
    const firstToken = new AbortController();
    const timer = setTimeout(() => firstToken.abort(), config.timeouts.firstTokenMs);
    const all = AbortSignal.any([signal, firstToken.signal]);
    state.bytes += Buffer.byteLength(payload);
    let res: Dispatcher.ResponseData;
    try {
      res = await request(url, { method: 'POST', dispatcher: agent, headers: headers(), body: payload, signal: all, headersTimeout: config.timeouts.firstTokenMs, bodyTimeout: config.timeouts.firstTokenMs });
    } catch (err) {
      clearTimeout(timer);
      if (signal.aborted) throw signal.reason instanceof ModelError ? signal.reason : new ModelError('cancelled', 'the request was cancelled');
      const e = firstToken.signal.aborted ? new ModelError('timeout', `No answer from ${host} within ${config.timeouts.firstTokenMs} ms`) : classifyTransport(err, host, 'connect');
      throw e.code === 'tls' || e.code === 'dns' ? e : new Retryable(e, null);
    }
    try {
      const status = res.statusCode;
      const ctype = String(res.headers['content-type'] ?? '');
      if (status === 401 || status === 403) {
        await res.body.dump();
        throw new ModelError(status === 401 ? 'unauthorized' : 'forbidden', status === 401 ? `401 Unauthorized from ${host}: check the API key` : `403 Forbidden from ${host}: the API key lacks access to this model`, { status });
      }
      if (status === 429 || status >= 500) {
        const text = (await readAll(res)).slice(0, 300);
        const wait = retryAfterMs(res.headers['retry-after']);
        const e = new ModelError(status === 429 ? 'rate_limited' : 'http', `HTTP ${status} from ${host}${text ? `: ${text}` : ''}`, { status });
        throw new Retryable(e, wait);
      }
      if (status < 200 || status >= 300) {
        const text = (await readAll(res)).slice(0, 500);
        if (status === 400 && o.jsonSchema && config.jsonSchema === 'auto' && /response_format|json_schema/i.test(text)) {
          throw new SchemaRefused(text);
        }
        throw new ModelError('http', `HTTP ${status} from ${host}: ${text || '(empty body)'}`, { status });
      }
      if (ctype.includes('text/event-stream')) {
        clearTimeout(timer);
        const firstTimer = setTimeout(() => firstToken.abort(), Math.max(0, config.timeouts.firstTokenMs - (performance.now() - t0)));
        let text = '';
        let done = false;
        let finished: string | null = null;
        let badEvent: string | null = null;
        const parser = createSseParser((data) => {
          if (done || badEvent) return;
          if (data.trim() === '[DONE]') {
            done = true;
            return;
          }
          let json: unknown;
          try {
            json = JSON.parse(data);
          } catch {
            badEvent = `an event from ${host} is not JSON: ${data.slice(0, 80)}`;
            return;
          }
          const err = serverError(json);
          if (err) {
            badEvent = `${host} reported an error mid-stream: ${err}`;
            return;
          }
          const piece = choiceText(json, 'delta');
          if (piece === undefined) {
            badEvent = `${host} streamed something that is not a chat-completions chunk: ${data.slice(0, 80)}`;
            return;
          }
          finished = finishReason(json) ?? finished;
          if (piece) {
            if (firstTokenMs === null) {
              firstTokenMs = performance.now() - t0;
              clearTimeout(firstTimer);
            }
            state.streamed = true;
            text += piece;
            req.onToken?.(piece);
          }
        });
        let size = 0;
        try {
          for await (const chunk of res.body) {
            size += (chunk as Buffer).length;
            if (size > maxBytes) throw new ModelError('bad_shape', `the stream from ${host} is larger than ${maxBytes} bytes`);
            parser.push((chunk as Buffer).toString('utf8'));
            if (badEvent) break;
          }
          parser.end();
        } catch (err) {
          if (signal.aborted) throw signal.reason instanceof ModelError ? signal.reason : new ModelError('cancelled', 'the request was cancelled', { bytesSent: state.bytes });
          const e = firstToken.signal.aborted ? new ModelError('timeout', `No first token from ${host} within ${config.timeouts.firstTokenMs} ms`) : classifyTransport(err, host, 'streaming');
          throw state.streamed ? e : new Retryable(e, null);
        } finally {
          clearTimeout(firstTimer);
        }
        if (badEvent) throw new ModelError('bad_shape', badEvent);
        if (!done && finished === null) {
          const e = new ModelError('network', `the stream from ${host} ended before the answer was complete (${text.length} characters received)`);
          throw state.streamed ? e : new Retryable(e, null);
        }
        return { text, tokens: null, firstTokenMs, totalMs: performance.now() - t0, bytesSent: state.bytes, streamed: true, usedJsonSchema: o.jsonSchema && req.schema !== null };
      }
      // A plain JSON answer (stream: false, or a server that does not stream).
      const raw = await readAll(res);
      clearTimeout(timer);
      let json: unknown;
      try {
        json = JSON.parse(raw);
      } catch {
        throw new ModelError('bad_shape', `the answer from ${host} is not JSON (starts with ${JSON.stringify(raw.slice(0, 60))}): is the URL an OpenAI-compatible endpoint?`);
      }
      const err = serverError(json);
      if (err) throw new ModelError('http', `${host} reported an error: ${err}`);
      const text = choiceText(json, 'message');
      if (typeof text !== 'string') {
        throw new ModelError('bad_shape', `the answer from ${host} is not a chat completion (no choices[0].message.content): is the URL an OpenAI-compatible /v1/chat/completions endpoint?`);
      }
      firstTokenMs = performance.now() - t0;
      if (text) req.onToken?.(text);
      const usage = (json as { usage?: { completion_tokens?: unknown } }).usage?.completion_tokens;
      return { text, tokens: typeof usage === 'number' ? usage : null, firstTokenMs, totalMs: firstTokenMs, bytesSent: state.bytes, streamed: false, usedJsonSchema: o.jsonSchema && req.schema !== null };
    } catch (err) {
      if (err instanceof ModelError || err instanceof Retryable || err instanceof SchemaRefused) throw err;
      if (signal.aborted) throw signal.reason instanceof ModelError ? signal.reason : new ModelError('cancelled', 'the request was cancelled');
      const e = firstToken.signal.aborted ? new ModelError('timeout', `No answer from ${host} within ${config.timeouts.firstTokenMs} ms`) : classifyTransport(err, host, 'reading');
      throw state.streamed ? e : new Retryable(e, null);
    } finally {
      clearTimeout(timer);
    }
  }

  async function chat(req: GenerateRequest, o: ChatOptions): Promise<ChatResult> {
    refuseIfOffline();
    const total = AbortSignal.timeout(config.timeouts.totalMs);
    const signal = req.signal ? AbortSignal.any([req.signal, total]) : total;
    const deadline = performance.now() + config.timeouts.totalMs;
    const state = { streamed: false, bytes: 0 };
    let jsonSchema = o.jsonSchema;
    const withBytes = (e: ModelError): ModelError => (e.bytesSent === state.bytes ? e : new ModelError(e.code, e.message, { ...(e.status !== undefined ? { status: e.status } : {}), bytesSent: state.bytes }));
    const timeoutOr = (e: ModelError): ModelError =>
      total.aborted && !req.signal?.aborted ? new ModelError('timeout', `${host} did not finish within ${config.timeouts.totalMs} ms`, { bytesSent: state.bytes }) : withBytes(e);
    for (let n = 0; ; n++) {
      try {
        return await attempt(req, { ...o, jsonSchema }, signal, state);
      } catch (err) {
        if (err instanceof SchemaRefused && jsonSchema) {
          jsonSchema = false; // the server does not take response_format: the answer is validated instead
          schemaRefused = true;
          n--;
          continue;
        }
        if (!(err instanceof Retryable)) throw timeoutOr(err instanceof ModelError ? err : classifyTransport(err, host, 'request'));
        if (n >= config.retries.max || state.streamed) throw timeoutOr(err.error);
        const wait = err.waitMs ?? backoffMs(n, config.retries.baseMs);
        if (wait > config.retries.maxDelayMs) {
          throw withBytes(new ModelError(err.error.code, `${err.error.message} (asked to retry after ${Math.round(wait / 1000)} s, longer than the ${Math.round(config.retries.maxDelayMs / 1000)} s allowed)`));
        }
        if (performance.now() + wait > deadline) throw timeoutOr(err.error);
        try {
          await sleep(wait, signal);
        } catch {
          throw timeoutOr(new ModelError('cancelled', 'the request was cancelled'));
        }
      }
    }
  }

  return {
    kind: 'remote',
    label: `remote:${host}`,
    egressHost: host,
    config,
    countTokens: (text) => Promise.resolve(approxTokens(text)),
    chat,
    generate: (req) => chat(req, { stream: config.stream, jsonSchema: !schemaRefused && config.jsonSchema !== 'off', maxTokens: req.maxTokens }),
    async listModels(signal) {
      refuseIfOffline();
      const u = modelsUrl(config);
      if (!u) return [config.model];
      const timeout = AbortSignal.timeout(config.timeouts.firstTokenMs);
      let res: Dispatcher.ResponseData;
      try {
        res = await request(u, { method: 'GET', dispatcher: agent, headers: headers(), signal: signal ? AbortSignal.any([signal, timeout]) : timeout });
      } catch (err) {
        throw classifyTransport(err, host, 'listing models');
      }
      const raw = await readAll(res);
      if (res.statusCode === 401) throw new ModelError('unauthorized', `401 Unauthorized from ${host}: check the API key`, { status: 401 });
      if (res.statusCode === 403) throw new ModelError('forbidden', `403 Forbidden from ${host}: the API key lacks access`, { status: 403 });
      if (res.statusCode < 200 || res.statusCode >= 300) throw new ModelError('http', `HTTP ${res.statusCode} from ${u.pathname}: ${raw.slice(0, 200)}`, { status: res.statusCode });
      let json: unknown;
      try {
        json = JSON.parse(raw);
      } catch {
        throw new ModelError('bad_shape', `${u.pathname} on ${host} did not answer JSON: is this an OpenAI-compatible server?`);
      }
      const data = (json as { data?: unknown }).data;
      if (!Array.isArray(data)) throw new ModelError('bad_shape', `${u.pathname} on ${host} did not answer an OpenAI model list ({"data": [...]})`);
      return data.map((m) => (m as { id?: unknown }).id).filter((id): id is string => typeof id === 'string');
    },
    close: () => agent.close(),
  };
}
