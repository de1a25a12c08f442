/**
 * The node-llama-cpp side of the worker: one model, one context, one sequence; generations run
 * one at a time. CPU only (`gpu: false`) and an explicit thread count.
 */
import {
  getLlama,
  LlamaChatSession,
  type Llama,
  type LlamaContext,
  type LlamaContextSequence,
  type LlamaGrammar,
  type LlamaModel,
} from 'node-llama-cpp';
import type { LoadedInfo, StopReason } from './protocol';

export interface EngineGenerate {
  system: string;
  user: string;
  schema: Record<string, unknown> | null;
  maxTokens: number;
  temperature: number;
  seed?: number;
  signal: AbortSignal;
  onChunk: (text: string) => void;
}

export interface EngineResult {
  text: string;
  tokens: number;
  stopReason: StopReason;
  firstTokenMs: number | null;
  totalMs: number;
}

export class EngineError extends Error {
  constructor(
    readonly code: 'load_failed' | 'not_loaded' | 'grammar' | 'generate_failed',
    message: string,
  ) {
    super(message);
  }
}

interface Loaded {
  model: LlamaModel;
  context: LlamaContext;
  sequence: LlamaContextSequence;
  info: LoadedInfo;
}

const GRAMMAR_CACHE = 8;

export function createEngine(): {
  load(path: string, contextSize: number, threads: number): Promise<LoadedInfo>;
  tokenize(text: string): number;
  generate(g: EngineGenerate): Promise<EngineResult>;
  unload(): Promise<void>;
} {
  let llama: Llama | null = null;
  let loaded: Loaded | null = null;
  const grammars = new Map<string, LlamaGrammar>();

  const mustBeLoaded = (): Loaded => {
    if (!loaded) throw new EngineError('not_loaded', 'no model is loaded');
    return loaded;
  };

  async function grammarFor(schema: Record<string, unknown>): Promise<LlamaGrammar> {
    const key = JSON.stringify(schema);
    const hit = grammars.get(key);
    if (hit) return hit;
    if (!llama) throw new EngineError('not_loaded', 'no model is loaded');
    let g: LlamaGrammar;
    try {
      // The schema is built by output-schema.ts; node-llama-cpp checks it while compiling it.
      const create = llama.createGrammarForJsonSchema.bind(llama) as unknown as (s: Readonly<Record<string, unknown>>) => Promise<LlamaGrammar>;
      g = await create(schema);
    } catch (err) {
      throw new EngineError('grammar', `the JSON schema cannot be turned into a grammar: ${(err as Error).message}`);
    }
    if (grammars.size >= GRAMMAR_CACHE) grammars.delete(grammars.keys().next().value as string);
    grammars.set(key, g);
    return g;
  }

  async function unload(): Promise<void> {
    const l = loaded;
    loaded = null;
    grammars.clear();
    if (!l) return;
    await l.context.dispose();
    await l.model.dispose();
  }

  return {
    async load(path, contextSize, threads) {
      await unload();
      const t0 = performance.now();
      try {
        llama ??= await getLlama({ gpu: false, logLevel: 'error' as never, maxThreads: threads });
        const model = await llama.loadModel({ modelPath: path, gpuLayers: 0 });
        const size = Math.min(contextSize, model.trainContextSize);
        const context = await model.createContext({ contextSize: size, threads, sequences: 1 });
        const sequence = context.getSequence();
        const probe = new LlamaChatSession({ contextSequence: sequence, autoDisposeSequence: false });
        const chatWrapper = probe.chatWrapper.wrapperName;
        probe.dispose({ disposeSequence: false });
        const template = model.fileInfo.metadata.tokenizer?.chat_template;
        const info: LoadedInfo = {
          trainContextSize: model.trainContextSize,
          contextSize: context.contextSize,
          threads,
          hasChatTemplate: typeof template === 'string' && template.length > 0,
          chatWrapper,
          loadMs: performance.now() - t0,
        };
        loaded = { model, context, sequence, info };
        return info;
      } catch (err) {
        throw new EngineError('load_failed', (err as Error).message);
      }
    },
    tokenize(text) {
      return mustBeLoaded().model.tokenize(text).length;
    },
    async generate(g) {
      const l = mustBeLoaded();
      const grammar = g.schema ? await grammarFor(g.schema) : undefined;
      await l.sequence.clearHistory();
      const session = new LlamaChatSession({ contextSequence: l.sequence, systemPrompt: g.system, autoDisposeSequence: false });
      const t0 = performance.now();
      let firstTokenMs: number | null = null;
      let tokens = 0;
      try {
        const res = await session.promptWithMeta(g.user, {
          ...(grammar ? { grammar } : {}),
          maxTokens: g.maxTokens,
          temperature: g.temperature,
          ...(g.seed !== undefined ? { seed: g.seed } : {}),
          signal: g.signal,
          stopOnAbortSignal: true,
          onToken: (t) => {
            tokens += t.length;
          },
          onTextChunk: (text) => {
            firstTokenMs ??= performance.now() - t0;
            g.onChunk(text);
          },
        });
        const stopReason: StopReason =
          res.stopReason === 'abort' ? 'abort' : res.stopReason === 'maxTokens' ? 'maxTokens' : res.stopReason === 'eogToken' ? 'eos' : 'other';
        return { text: res.responseText, tokens, stopReason, firstTokenMs, totalMs: performance.now() - t0 };
      } catch (err) {
        if (g.signal.aborted) return { text: '', tokens, stopReason: 'abort', firstTokenMs, totalMs: performance.now() - t0 };
        throw new EngineError('generate_failed', (err as Error).message);
      } finally {
        session.dispose({ disposeSequence: false });
      }
    },
    unload,
  };
}
