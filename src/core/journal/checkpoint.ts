/**
 * Signed checkpoints: the chain head (seq, hash) signed with the journal's Ed25519 key, written to
 * a small JSON file the user keeps off the machine. Whoever can rewrite the journal file cannot
 * rewrite that file, so `verify` against it detects truncation below the checkpoint even when
 * the head record was rolled back with the rest of the file. The checkpoint's own public key is
 * the trust anchor; it must equal the key recorded in the journal.
 */
import { chmodSync, readFileSync, writeFileSync } from 'node:fs';
import { sign, verify, type KeyObject } from 'node:crypto';
import { z } from 'zod';
import { canonicalJson } from '../auth/canonical-json';
import { publicKeyObject } from '../auth/signing-key';
import { JournalError } from './db';

export const Checkpoint = z
  .object({
    format: z.literal('sitrep-journal-checkpoint'),
    version: z.literal(1),
    journalId: z.string().min(1).max(64),
    seq: z.number().int().min(0),
    hash: z.string().regex(/^[0-9a-f]{64}$/),
    createdAt: z.number().int(),
    publicKey: z.string().min(40).max(200),
    signature: z.string().min(40).max(200),
  })
  .strict();
export type Checkpoint = z.infer<typeof Checkpoint>;

function message(c: Pick<Checkpoint, 'journalId' | 'seq' | 'hash' | 'createdAt'>): Buffer {
  return Buffer.from(canonicalJson({ domain: 'sitrep-journal-checkpoint-v1', journalId: c.journalId, seq: c.seq, hash: c.hash, createdAt: c.createdAt }));
}

export function signCheckpoint(journalId: string, head: { seq: number; hash: string }, createdAt: number, privateKey: KeyObject, publicKey: string): Checkpoint {
  const base = { journalId, seq: head.seq, hash: head.hash, createdAt };
  return { format: 'sitrep-journal-checkpoint', version: 1, ...base, publicKey, signature: sign(null, message(base), privateKey).toString('base64') };
}

export function checkpointSignatureValid(c: Checkpoint): boolean {
  try {
    return verify(null, message(c), publicKeyObject(c.publicKey), Buffer.from(c.signature, 'base64'));
  } catch {
    return false;
  }
}

export function writeCheckpointFile(path: string, c: Checkpoint): void {
  writeFileSync(path, JSON.stringify(c, null, 2) + '\n', { mode: 0o600 });
  chmodSync(path, 0o600);
}

export function readCheckpointFile(path: string): Checkpoint {
  let raw: unknown;
  try {
    const text = readFileSync(path, 'utf8');
    if (text.length > 64 * 1024) throw new Error('larger than 64 KiB');
    raw = JSON.parse(text);
  } catch (err) {
    throw new JournalError('invalid', `Cannot read the checkpoint ${path}: ${(err as Error).message}`);
  }
  const parsed = Checkpoint.safeParse(raw);
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    throw new JournalError('invalid', `${path} is not a journal checkpoint${first ? ` (${first.path.join('.')}: ${first.message})` : ''}`);
  }
  return parsed.data;
}
