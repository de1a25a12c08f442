/**
 * Verification of a whole journal: walks the entries in order and checks, for each, that its seq
 * follows the previous one (a gap is a deleted entry), that its prevHash is the previous hash,
 * that its own hash recomputes, that it decrypts (GCM tag with AAD seq|kind|prevHash) and that
 * the clear fields agree with the sealed copy; then that the MAC'd head record matches the last
 * entry (entries removed from the end), and optionally that a signed checkpoint is still covered.
 * The first problem by entry number is reported; the head record is named as such.
 */
import type Database from 'better-sqlite3';
import { checkpointSignatureValid, type Checkpoint } from './checkpoint';
import { entryHash, genesisHash, headMacValid, openEntry, type EntryRow, type JournalKeys } from './entry-codec';
import { checkPayload, JournalKind } from './kinds';

export type VerifyProblemCode =
  | 'missing_entry'
  | 'chain_broken'
  | 'hash_mismatch'
  | 'decrypt_failed'
  | 'field_mismatch'
  | 'bad_payload'
  | 'unreadable'
  | 'head_missing'
  | 'head_invalid'
  | 'truncated'
  | 'head_behind'
  | 'checkpoint_invalid'
  | 'checkpoint_other_journal'
  | 'checkpoint_key_mismatch'
  | 'checkpoint_truncated'
  | 'checkpoint_mismatch';

export interface VerifyProblem {
  /** The first bad entry; null when the problem is the head record or the checkpoint itself. */
  seq: number | null;
  code: VerifyProblemCode;
  message: string;
}

export interface VerifyReport {
  ok: boolean;
  /** Entries that passed every check, in order from #1. */
  intact: number;
  head: { seq: number; hash: string } | null;
  firstBad: VerifyProblem | null;
  problems: VerifyProblem[];
}

export interface VerifySubject {
  db: Database.Database;
  journalId: string;
  keys: JournalKeys;
  signingPublic: string | null;
  /** SQLite reported the file malformed on open (it was read in salvage mode). */
  damagedFile?: boolean;
}

const BATCH = 256;

function checkEntry(keys: JournalKeys, r: EntryRow, expectedSeq: number, prevHash: string): VerifyProblem | null {
  if (r.seq !== expectedSeq) {
    return { seq: expectedSeq, code: 'missing_entry', message: `entry #${expectedSeq} is missing (the next one present is #${r.seq}): entries were deleted` };
  }
  if (r.prev_hash !== prevHash) return { seq: r.seq, code: 'chain_broken', message: `entry #${r.seq} does not link to the entry before it: entries were removed, reordered or replaced` };
  if (entryHash(r) !== r.hash) return { seq: r.seq, code: 'hash_mismatch', message: `entry #${r.seq} was modified: its contents do not match its hash` };
  const plain = openEntry(keys.entry, r);
  if (plain === null) return { seq: r.seq, code: 'decrypt_failed', message: `entry #${r.seq} does not decrypt: its ciphertext, number, kind or link was changed (or the key is wrong)` };
  const p = plain as { ts?: unknown; actor?: unknown; payload?: unknown };
  if (p.ts !== r.ts || p.actor !== r.actor) return { seq: r.seq, code: 'field_mismatch', message: `entry #${r.seq} was modified: its time or actor differs from the sealed copy` };
  const kind = JournalKind.safeParse(r.kind);
  const payload = kind.success ? checkPayload(kind.data, p.payload) : { ok: false as const, message: `unknown kind ${r.kind}` };
  if (!payload.ok) return { seq: r.seq, code: 'bad_payload', message: `entry #${r.seq}: ${payload.message}` };
  return null;
}

export function verifyJournal(s: VerifySubject, checkpoint?: Checkpoint): VerifyReport {
  const problems: VerifyProblem[] = [];
  let expected = 1;
  let prevHash = genesisHash(s.journalId);
  let chainOk = true;
  let hashAtCheckpoint: string | null = checkpoint?.seq === 0 ? prevHash : null;
  const page = s.db.prepare('SELECT seq, ts, kind, actor, prev_hash, hash, nonce, ciphertext, tag FROM entries WHERE seq >= ? ORDER BY seq LIMIT ?');
  const one = s.db.prepare('SELECT seq, ts, kind, actor, prev_hash, hash, nonce, ciphertext, tag FROM entries WHERE seq = ?');
  const nextSeq = s.db.prepare('SELECT min(seq) FROM entries WHERE seq > ?').pluck();
  const unreadable = (err: unknown): VerifyProblem => ({
    seq: expected,
    code: 'unreadable',
    message: `entry #${expected} cannot be read: the file is damaged or truncated (${(err as Error).message})`,
  });
  // Range reads while the file is healthy; entry by entry once a page cannot be read, so the
  // first entry lost in a damaged or truncated file is the one named.
  let pointwise = false;
  while (chainOk) {
    let rows: EntryRow[];
    if (!pointwise) {
      try {
        rows = page.all(expected, BATCH) as EntryRow[];
      } catch {
        pointwise = true;
        continue;
      }
    } else {
      try {
        const r = one.get(expected) as EntryRow | undefined;
        if (r) rows = [r];
        else {
          const next = nextSeq.get(expected) as number | null;
          if (next === null) break;
          rows = [one.get(next) as EntryRow];
        }
      } catch (err) {
        problems.push(unreadable(err));
        chainOk = false;
        break;
      }
    }
    for (const r of rows) {
      const problem = checkEntry(s.keys, r, expected, prevHash);
      if (problem) {
        problems.push(problem);
        chainOk = false;
        break;
      }
      if (checkpoint && r.seq === checkpoint.seq) hashAtCheckpoint = r.hash;
      prevHash = r.hash;
      expected += 1;
    }
    if (!pointwise && rows.length < BATCH) break;
  }
  if (s.damagedFile && chainOk) {
    problems.push({ seq: expected, code: 'unreadable', message: `the file is damaged (SQLite reports it malformed); the entries up to #${expected - 1} read intact` });
    chainOk = false;
  }
  const intact = expected - 1;

  let head: VerifyReport['head'] = null;
  try {
    const h = s.db.prepare('SELECT seq, hash, mac FROM head WHERE id = 1').get() as { seq: number; hash: string; mac: string } | undefined;
    if (!h) {
      problems.push({ seq: null, code: 'head_missing', message: 'the head record is missing: it was deleted' });
    } else if (!headMacValid(s.keys.head, s.journalId, h.seq, h.hash, h.mac)) {
      problems.push({ seq: null, code: 'head_invalid', message: `the head record (#${h.seq}) fails its MAC: it was replaced or modified` });
    } else {
      head = { seq: h.seq, hash: h.hash };
      if (chainOk) {
        if (h.seq > intact) {
          problems.push({ seq: intact + 1, code: 'truncated', message: `entries #${intact + 1} to #${h.seq} are missing: the journal was truncated` });
        } else if (h.seq < intact) {
          problems.push({ seq: h.seq + 1, code: 'head_behind', message: `entries after #${h.seq} were added outside the journal (the head stops at #${h.seq})` });
        } else if (h.hash !== prevHash) {
          problems.push({ seq: h.seq, code: 'chain_broken', message: `entry #${h.seq} is not the entry the head record names: the end of the journal was replaced` });
        }
      }
    }
  } catch (err) {
    problems.push({ seq: null, code: 'head_missing', message: `the head record cannot be read: ${(err as Error).message}` });
  }

  if (checkpoint) {
    if (!checkpointSignatureValid(checkpoint)) {
      problems.push({ seq: null, code: 'checkpoint_invalid', message: 'the checkpoint signature does not verify: the checkpoint file was modified' });
    } else if (checkpoint.journalId !== s.journalId) {
      problems.push({ seq: null, code: 'checkpoint_other_journal', message: `the checkpoint belongs to journal ${checkpoint.journalId}, not ${s.journalId}` });
    } else if (s.signingPublic !== checkpoint.publicKey) {
      problems.push({ seq: null, code: 'checkpoint_key_mismatch', message: "the journal's signing key is not the one that signed the checkpoint: the journal was replaced" });
    } else if (checkpoint.seq > intact && chainOk) {
      problems.push({ seq: intact + 1, code: 'checkpoint_truncated', message: `entries #${intact + 1} to #${checkpoint.seq} were signed in the checkpoint but are missing: the journal was truncated` });
    } else if (hashAtCheckpoint !== null && hashAtCheckpoint !== checkpoint.hash) {
      problems.push({ seq: checkpoint.seq, code: 'checkpoint_mismatch', message: `entry #${checkpoint.seq} is not the one the checkpoint signed: the journal was rewritten` });
    }
  }

  const sorted = [...problems].sort((a, b) => (a.seq ?? Number.MAX_SAFE_INTEGER) - (b.seq ?? Number.MAX_SAFE_INTEGER));
  return { ok: problems.length === 0, intact, head, firstBad: sorted[0] ?? null, problems: sorted };
}
