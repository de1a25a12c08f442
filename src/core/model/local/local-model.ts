/**
 * A local GGUF model, run by node-llama-cpp in a worker thread. Loading checks the file and the
 * memory estimate first (in this thread, from the header only) and refuses what will not fit.
 * Generations run one at a time; cancelling one stops it promptly and leaves the model loaded.
 */
import { basename } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { GenerateRequest, GenerateResult, ModelClient } from '../client';
import { ModelError } from '../errors';
import { TEMPLATE_RESERVE } from '../prompt';
import { defaultThreads } from './cores';
import { assertFits, estimateMemory, type MemoryEstimate } from './memory';
import { FromWorker, type LoadedInfo, type ToWorker } from './protocol';
import { resolveWorkerUrl } from './resolve-worker';

export interface LocalModelOptions {
  path: string;
  /** Context size in tokens (capped at the model's training context). Default 4,096. */
  contextSize?: number;
  /** Default: physical cores. */
  threads?: number;
  /** The worker entry; default resolveWorkerUrl(). */
  workerUrl?: URL | string;
  /** Override the memory the check compares with (tests). */
  availableBytes?: number;
  /** Sampling temperature; 0 (greedy) by default, for repeatable reviews. */
  temperature?: number;
}

export interface LocalModel extends ModelClient {
  readonly kind: 'local';
  readonly info: LoadedInfo;
  readonly estimate: MemoryEstimate;
  unload(): Promise<void>;
}

type Waiter = { resolve: (m: FromWorker) => void; reject: (e: Error) => void; onChunk?: (t: string) => void };

export const DEFAULT_CONTEXT_SIZE = 4096;

export async function loadLocalModel(opts: LocalModelOptions): Promise<LocalModel> {
  const contextSize = opts.contextSize ?? DEFAULT_CONTEXT_SIZE;
  const estimate = await estimateMemory(opts.path, contextSize, opts.availableBytes);
  assertFits(estimate, opts.path);
  const threads = opts.threads ?? defaultThreads();
  const worker = new Worker(opts.workerUrl ?? resolveWorkerUrl());
  const waiters = new Map<number, Waiter>();
  let nextId = 1;
  let dead: ModelError | null = null;
  let closing = false;

  const failAll = (err: ModelError): void => {
    dead ??= err;
    for (const w of waiters.values()) w.reject(dead);
    waiters.clear();
  };
  worker.on('message', (raw: unknown) => {
    const parsed = FromWorker.safeParse(raw);
    if (!parsed.success) return failAll(new ModelError('worker', `the model worker sent a malformed message: ${parsed.error.issues[0]?.message ?? ''}`));
    const m = parsed.data;
    const w = waiters.get(m.id);
    if (!w) return;
    if (m.type === 'chunk') {
      w.onChunk?.(m.text);
      return;
    }
    waiters.delete(m.id);
    if (m.type === 'error') {
      const code = m.code === 'load_failed' ? 'load_failed' : m.code === 'not_loaded' ? 'not_loaded' : 'worker';
      w.reject(new ModelError(code, m.code === 'load_failed' ? `Loading ${basename(opts.path)} failed: ${m.message}` : m.message));
    } else w.resolve(m);
  });
  worker.on('error', (err) => failAll(new ModelError('worker', `the model worker failed: ${err.message}`)));
  worker.on('exit', () => failAll(new ModelError(closing ? 'not_loaded' : 'worker', closing ? 'the model is unloaded' : 'the model worker exited')));

  const call = (msg: ToWorker, onChunk?: (t: string) => void): Promise<FromWorker> => {
    if (dead) return Promise.reject(dead);
    return new Promise((resolve, reject) => {
      waiters.set(msg.id, { resolve, reject, ...(onChunk ? { onChunk } : {}) });
      worker.postMessage(msg);
    });
  };

  const loadedMsg = await call({ type: 'load', id: nextId++, path: opts.path, contextSize, threads }).catch(async (err: unknown) => {
    closing = true;
    await worker.terminate();
    throw err;
  });
  if (loadedMsg.type !== 'loaded') throw new ModelError('worker', `unexpected answer to load: ${loadedMsg.type}`);
  const info = loadedMsg.info;
  let chain: Promise<unknown> = Promise.resolve();

  async function countTokens(text: string): Promise<number> {
    const m = await call({ type: 'tokenize', id: nextId++, text });
    if (m.type !== 'tokens') throw new ModelError('worker', `unexpected answer to tokenize: ${m.type}`);
    return m.count;
  }

  async function generateNow(req: GenerateRequest): Promise<GenerateResult> {
    if (req.signal?.aborted) throw new ModelError('cancelled', 'cancelled before it started');
    // The answer gets what the context leaves after the prompt (and the chat template's markup).
    const promptTokens = await countTokens(`${req.system}\n${req.user}`);
    const room = info.contextSize - promptTokens - TEMPLATE_RESERVE;
    if (room < 16) throw new ModelError('budget', `the prompt (${promptTokens} tokens) leaves no room for an answer in the ${info.contextSize}-token context`);
    const maxTokens = Math.min(req.maxTokens, room);
    const id = nextId++;
    const onAbort = (): void => worker.postMessage({ type: 'cancel', id } satisfies ToWorker);
    req.signal?.addEventListener('abort', onAbort, { once: true });
    try {
      const m = await call(
        { type: 'generate', id, system: req.system, user: req.user, schema: req.schema ? { ...req.schema } : null, maxTokens, temperature: opts.temperature ?? 0 },
        req.onToken,
      );
      if (m.type !== 'generated') throw new ModelError('worker', `unexpected answer to generate: ${m.type}`);
      if (m.stopReason === 'abort' || req.signal?.aborted) throw new ModelError('cancelled', 'the generation was cancelled');
      if (m.stopReason === 'maxTokens' && req.schema) {
        throw new ModelError('invalid_output', `the answer was cut off at ${maxTokens} tokens before the JSON was complete: raise the output limit or use a larger context`);
      }
      return { text: m.text, tokens: m.tokens, firstTokenMs: m.firstTokenMs, totalMs: m.totalMs, bytesSent: 0 };
    } finally {
      req.signal?.removeEventListener('abort', onAbort);
    }
  }

  return {
    kind: 'local',
    label: `local:${basename(opts.path)}`,
    egressHost: null,
    info,
    estimate,
    countTokens,
    generate(req) {
      const run = chain.then(() => generateNow(req));
      chain = run.catch(() => undefined);
      return run;
    },
    async unload() {
      if (dead) return;
      closing = true;
      await call({ type: 'unload', id: nextId++ }).catch(() => undefined);
      await worker.terminate();
    },
  };
}
