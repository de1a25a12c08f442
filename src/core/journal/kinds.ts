/**
 * Journal entry kinds and the shape of each one's payload (validated before it is encrypted, and
 * again when it is read back). Digests are lower-case SHA-256 hex. Every payload may carry a
 * free-form JSON `detail`.
 */
import { z } from 'zod';
import { JOURNAL_ENTRY_KINDS } from '../../shared/contract-governance';

export const JOURNAL_KINDS = JOURNAL_ENTRY_KINDS;
export const JournalKind = z.enum(JOURNAL_KINDS);
export type JournalKind = z.infer<typeof JournalKind>;

const Digest = z.string().regex(/^[0-9a-f]{64}$/, 'a SHA-256 hex digest');
const Text = z.string().min(1).max(100_000);
const Id = z.string().min(1).max(256);
const detail = { detail: z.json().optional() };

export const PAYLOADS = {
  evidence: z.object({ query: Text, source: z.string().max(256).optional(), window: z.object({ from: z.number(), to: z.number() }).strict(), resultDigest: Digest, hypothesisId: Id.optional(), ...detail }).strict(),
  hypothesis: z.object({ hypothesisId: Id, title: Text, confidence: z.number().min(0).max(1).optional(), evidence: z.array(Id).max(1000).optional(), ...detail }).strict(),
  model_io: z.object({ promptDigest: Digest, outputDigest: Digest, modelSha256: Digest, model: z.string().max(512).optional(), parameters: z.record(z.string().max(128), z.json()), ...detail }).strict(),
  approval: z.object({ actionId: Id, approval: z.json(), ...detail }).strict(),
  dispatching: z.object({ actionId: Id, requestHash: Digest, approvalIds: z.array(Id).max(16), ...detail }).strict(),
  dispatch_result: z.object({ actionId: Id, ok: z.boolean(), status: z.number().int().optional(), message: z.string().max(100_000).optional(), ...detail }).strict(),
  verification: z.object({ actionId: Id, ok: z.boolean(), message: z.string().max(100_000).optional(), ...detail }).strict(),
  break_glass: z.object({ actionId: Id, operator: Id, reason: z.string().trim().min(10).max(100_000), record: z.json().optional(), ...detail }).strict(),
  decision: z.object({ text: Text, ...detail }).strict(),
  note: z.object({ text: Text, ...detail }).strict(),
  checkpoint: z.object({ seq: z.number().int().min(0), hash: Digest, publicKey: z.string().max(200), ...detail }).strict(),
} satisfies Record<JournalKind, z.ZodType>;

export type JournalPayload<K extends JournalKind> = z.infer<(typeof PAYLOADS)[K]>;

export const MAX_PAYLOAD_BYTES = 1024 * 1024;

export type PayloadCheck = { ok: true; value: unknown } | { ok: false; message: string };

export function checkPayload(kind: JournalKind, raw: unknown): PayloadCheck {
  const parsed = PAYLOADS[kind].safeParse(raw);
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    return { ok: false, message: `${kind} payload: ${first ? `${first.path.join('.') || '(root)'}: ${first.message}` : 'invalid'}` };
  }
  return { ok: true, value: parsed.data };
}
