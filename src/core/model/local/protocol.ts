/**
 * Messages between the local-model client (./local-model.ts) and its worker thread
 * (./worker.ts). Both sides parse what they receive with these schemas.
 */
import { z } from 'zod';

const id = z.number().int().min(0);
const text = z.string().max(1_000_000);

export const ToWorker = z.discriminatedUnion('type', [
  z.object({ type: z.literal('load'), id, path: z.string().min(1).max(4096), contextSize: z.number().int().min(64).max(1_048_576), threads: z.number().int().min(1).max(512) }),
  z.object({ type: z.literal('tokenize'), id, text }),
  z.object({
    type: z.literal('generate'),
    id,
    system: text,
    user: text,
    /** A bounded JSON schema for the grammar, or null for free text. */
    schema: z.record(z.string(), z.unknown()).nullable(),
    maxTokens: z.number().int().min(1).max(65_536),
    temperature: z.number().min(0).max(2),
    seed: z.number().int().min(0).optional(),
  }),
  z.object({ type: z.literal('cancel'), id }),
  z.object({ type: z.literal('unload'), id }),
]);
export type ToWorker = z.infer<typeof ToWorker>;

export const LoadedInfo = z.object({
  trainContextSize: z.number().int().min(0),
  contextSize: z.number().int().min(0),
  threads: z.number().int().min(1),
  hasChatTemplate: z.boolean(),
  chatWrapper: z.string().max(128),
  loadMs: z.number().min(0),
});
export type LoadedInfo = z.infer<typeof LoadedInfo>;

export const StopReason = z.enum(['eos', 'maxTokens', 'abort', 'other']);
export type StopReason = z.infer<typeof StopReason>;

export const WorkerErrorCode = z.enum(['load_failed', 'not_loaded', 'grammar', 'generate_failed', 'bad_message']);
export type WorkerErrorCode = z.infer<typeof WorkerErrorCode>;

export const FromWorker = z.discriminatedUnion('type', [
  z.object({ type: z.literal('loaded'), id, info: LoadedInfo }),
  z.object({ type: z.literal('tokens'), id, count: z.number().int().min(0) }),
  z.object({ type: z.literal('chunk'), id, text }),
  z.object({
    type: z.literal('generated'),
    id,
    text,
    tokens: z.number().int().min(0),
    stopReason: StopReason,
    firstTokenMs: z.number().min(0).nullable(),
    totalMs: z.number().min(0),
  }),
  z.object({ type: z.literal('unloaded'), id }),
  z.object({ type: z.literal('error'), id, code: WorkerErrorCode, message: z.string().max(4096) }),
]);
export type FromWorker = z.infer<typeof FromWorker>;
