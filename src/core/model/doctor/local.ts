/**
 * The model doctor for a local GGUF file: is it a GGUF file, will it fit in memory, is its
 * context big enough for the prompt budget and the answer, has it a chat template, does the
 * JSON grammar work, and is it fast enough on this machine.
 */
import { DEFAULT_LOCAL_BUDGET } from '../client';
import { ModelError } from '../errors';
import { loadLocalModel, DEFAULT_CONTEXT_SIZE, type LocalModel } from '../local/local-model';
import { estimateMemory, MEMORY_HEADROOM, type MemoryEstimate } from '../local/memory';
import { DEFAULT_LIMITS, typicalOutputTokens } from '../output-schema';
import { TEMPLATE_RESERVE } from '../prompt';
import { error, ok, warn, type Finding } from './finding';

export interface LocalDoctorOptions {
  budgetTokens?: number;
  contextSize?: number;
  threads?: number;
  workerUrl?: URL | string;
  availableBytes?: number;
  /** Below this, the model is reported as too slow. Default 5 tokens/s. */
  minTokensPerSecond?: number;
  /** Tokens of a typical answer, to say how long a review would take. Default 600. */
  typicalAnswerTokens?: number;
}

const mb = (n: number): string => `${Math.round(n / (1024 * 1024)).toLocaleString('en-US')} MB`;
const GRAMMAR_PROBE = { type: 'object', properties: { ok: { enum: ['yes', 'no'] }, note: { type: 'string', maxLength: 20 } }, required: ['ok', 'note'], additionalProperties: false };

export async function doctorLocal(path: string, opts: LocalDoctorOptions = {}): Promise<Finding[]> {
  const out: Finding[] = [];
  const budget = opts.budgetTokens ?? DEFAULT_LOCAL_BUDGET;
  const contextSize = opts.contextSize ?? DEFAULT_CONTEXT_SIZE;
  const need = budget + typicalOutputTokens(DEFAULT_LIMITS) + TEMPLATE_RESERVE;

  let est: MemoryEstimate;
  try {
    est = await estimateMemory(path, contextSize, opts.availableBytes);
  } catch (err) {
    out.push(error('file', err instanceof Error ? err.message : String(err), 'Pick a .gguf model file (for example an instruct model in Q4_K_M quantisation).'));
    return out;
  }
  out.push(ok('file', `GGUF file, architecture ${est.architecture ?? 'unknown'}, trained context ${est.trainContextSize.toLocaleString('en-US')} tokens`));

  if (est.fits) out.push(ok('memory', `needs about ${mb(est.totalBytes)}; ${mb(est.availableBytes)} free`));
  else {
    out.push(
      error(
        'memory',
        `needs about ${mb(est.totalBytes)} (${mb(est.modelBytes)} weights + ${mb(est.contextBytes)} context) but only ${mb(est.availableBytes)} is free (${Math.round(MEMORY_HEADROOM * 100)}% of it usable)`,
        'Close other programs, choose a smaller quantisation (Q4_K_M) or a smaller model, or lower the context size.',
      ),
    );
  }

  const usable = Math.min(contextSize, est.trainContextSize);
  if (usable < budget + 256) {
    out.push(error('context', `the context (${usable} tokens) cannot hold the ${budget}-token prompt and an answer`, `Use a model with a larger context, or lower the prompt budget below ${Math.max(200, usable - 512)} tokens.`));
  } else if (usable < need) {
    out.push(warn('context', `the context (${usable} tokens) holds the ${budget}-token prompt but a long answer (up to ${typicalOutputTokens(DEFAULT_LIMITS)} tokens) may be cut off`, `Raise the context size to ${need} tokens if the model allows it, or lower the prompt budget.`));
  } else out.push(ok('context', `${usable} tokens: room for the ${budget}-token prompt and the answer`));

  if (est.hasChatTemplate) out.push(ok('chat_template', 'the file has a chat template'));
  else out.push(warn('chat_template', 'the file has no chat template: Sitrep falls back to a generic prompt format, and answers may be poor', 'Use the chat or instruct build of the model (its GGUF includes tokenizer.chat_template).'));

  if (!est.fits) return out;
  let model: LocalModel;
  try {
    model = await loadLocalModel({
      path,
      contextSize,
      ...(opts.threads !== undefined ? { threads: opts.threads } : {}),
      ...(opts.workerUrl !== undefined ? { workerUrl: opts.workerUrl } : {}),
      ...(opts.availableBytes !== undefined ? { availableBytes: opts.availableBytes } : {}),
    });
  } catch (err) {
    out.push(error('load', err instanceof Error ? err.message : String(err), 'Check that the file is complete (compare its size and checksum with the source) and that node-llama-cpp supports its architecture.'));
    return out;
  }
  try {
    out.push(ok('load', `loaded in ${Math.round(model.info.loadMs)} ms with ${model.info.threads} thread${model.info.threads === 1 ? '' : 's'}`));
    try {
      const g = await model.generate({ system: 'Answer in JSON.', user: 'Is the grammar working?', schema: GRAMMAR_PROBE, maxTokens: 64 });
      JSON.parse(g.text);
      out.push(ok('grammar', 'JSON-schema grammar output parses'));
    } catch (err) {
      const msg = err instanceof ModelError ? err.message : `the output did not parse: ${(err as Error).message}`;
      out.push(error('grammar', `grammar-constrained output failed: ${msg}`, 'Use a recent GGUF of a supported architecture; the review needs constrained JSON output.'));
    }
    const speed = await model.generate({ system: 'You are terse.', user: 'Describe an incident.', schema: null, maxTokens: 48 });
    const perSecond = speed.tokens !== null && speed.totalMs > 0 ? (speed.tokens / speed.totalMs) * 1000 : 0;
    const min = opts.minTokensPerSecond ?? 5;
    const typical = opts.typicalAnswerTokens ?? 600;
    const secs = perSecond > 0 ? Math.round(typical / perSecond) : Infinity;
    if (perSecond >= min) out.push(ok('speed', `${perSecond.toFixed(1)} tokens/s: a typical review takes about ${secs} s`));
    else {
      out.push(
        warn(
          'speed',
          `${perSecond.toFixed(1)} tokens/s on this machine (below ${min}): a typical review would take about ${Number.isFinite(secs) ? `${secs} s` : 'forever'}`,
          'Choose a smaller model or quantisation, close CPU-heavy programs, try another thread count, or use a remote model.',
        ),
      );
    }
  } finally {
    await model.unload();
  }
  return out;
}
