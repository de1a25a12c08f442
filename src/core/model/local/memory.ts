/**
 * Before loading: will the model fit? node-llama-cpp's GGUF insights estimate the weights and the
 * context (KV cache and compute buffers) for a CPU load; that is compared with the memory the
 * system says is available. Reads only the file's header, in the calling thread.
 */
import { open, readFile } from 'node:fs/promises';
import { freemem } from 'node:os';
// node-llama-cpp is loaded when a model is first inspected, not at start (it costs every command ~0.5 s to load).
import type { GgufFileInfo } from 'node-llama-cpp';
import { ModelError } from '../errors';

export interface MemoryEstimate {
  modelBytes: number;
  contextBytes: number;
  totalBytes: number;
  availableBytes: number;
  fits: boolean;
  trainContextSize: number;
  hasChatTemplate: boolean;
  architecture: string | null;
}

/** Headroom kept for the rest of the app and the OS. */
export const MEMORY_HEADROOM = 0.85;

const mb = (n: number): string => `${Math.round(n / (1024 * 1024)).toLocaleString('en-US')} MB`;

/** MemAvailable from /proc/meminfo (counts reclaimable cache), else os.freemem(). */
export async function availableMemory(): Promise<number> {
  try {
    const text = await readFile('/proc/meminfo', 'utf8');
    const kb = /^MemAvailable:\s+(\d+)\s+kB/m.exec(text)?.[1];
    if (kb !== undefined) return Number(kb) * 1024;
  } catch {
    // Not Linux.
  }
  return freemem();
}

export async function assertGguf(path: string): Promise<void> {
  let fh;
  try {
    fh = await open(path, 'r');
  } catch (err) {
    const code = (err as { code?: string }).code;
    throw new ModelError('not_gguf', code === 'ENOENT' ? `No file at ${path}` : `Cannot read ${path}: ${(err as Error).message}`);
  }
  try {
    const buf = Buffer.alloc(4);
    const { bytesRead } = await fh.read(buf, 0, 4, 0);
    if (bytesRead < 4 || buf.toString('latin1') !== 'GGUF') {
      throw new ModelError('not_gguf', `${path} is not a GGUF model file (it does not start with "GGUF"): pick a .gguf file, e.g. from a Hugging Face "GGUF" repository`);
    }
  } finally {
    await fh.close();
  }
}

export async function readModelInfo(path: string): Promise<GgufFileInfo> {
  await assertGguf(path);
  try {
    const { readGgufFileInfo } = await import('node-llama-cpp');
    return await readGgufFileInfo(path, { logWarnings: false });
  } catch (err) {
    throw new ModelError('not_gguf', `${path} starts like a GGUF file but its header cannot be read: ${(err as Error).message}`);
  }
}

export async function estimateMemory(path: string, contextSize: number, available?: number): Promise<MemoryEstimate> {
  const info = await readModelInfo(path);
  const { GgufInsights } = await import('node-llama-cpp');
  const insights = await GgufInsights.from(info);
  const model = await insights.estimateModelResourceRequirementsV2({ gpuLayers: 0 });
  const ctx = await insights.estimateContextResourceRequirementsV2({ contextSize: Math.min(contextSize, insights.trainContextSize ?? contextSize), modelGpuLayers: 0 });
  const availableBytes = available ?? (await availableMemory());
  const totalBytes = model.cpuRam + ctx.cpuRam;
  const template = (info.metadata as { tokenizer?: { chat_template?: unknown } }).tokenizer?.chat_template;
  return {
    modelBytes: model.cpuRam,
    contextBytes: ctx.cpuRam,
    totalBytes,
    availableBytes,
    fits: totalBytes <= availableBytes * MEMORY_HEADROOM,
    trainContextSize: insights.trainContextSize ?? 0,
    hasChatTemplate: typeof template === 'string' && template.length > 0,
    architecture: typeof info.metadata.general?.architecture === 'string' ? info.metadata.general.architecture : null,
  };
}

/** Throws a ModelError('too_big') a person can act on when the estimate does not fit. */
export function assertFits(e: MemoryEstimate, path: string): void {
  if (e.fits) return;
  throw new ModelError(
    'too_big',
    `${path} needs about ${mb(e.totalBytes)} (${mb(e.modelBytes)} weights + ${mb(e.contextBytes)} context) but only ${mb(e.availableBytes)} is free: ` +
      'close other programs, pick a smaller quantisation (e.g. Q4_K_M) or a smaller model, or lower the context size',
  );
}
