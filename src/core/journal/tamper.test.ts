import Database from 'better-sqlite3';
import { copyFileSync, mkdtempSync, statSync, truncateSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Checkpoint } from './checkpoint';
import { newSigningKeyPair } from '../auth/signing-key';
import { openJournal } from './journal';
import { tamper } from './testing';
import type { VerifyReport } from './verify';
import { entryHash, type EntryRow } from './entry-codec';

const PASS = 'tamper test passphrase';
const ENTRIES = 9;
let dir = '';
let pristine = '';
let cp6: Checkpoint;
let cp8: Checkpoint;
let headAt6: { seq: number; hash: string; mac: string };

/** A fresh copy of the pristine journal (the WAL is folded in on close, so one file is the journal). */
function copy(): string {
  const p = join(mkdtempSync(join(dir, 'case-')), 'journal.db');
  copyFileSync(pristine, p);
  return p;
}

async function verify(path: string, checkpoint?: Checkpoint): Promise<VerifyReport> {
  const j = await openJournal(path, { passphrase: () => Promise.resolve(PASS) });
  try {
    return j.verify(checkpoint);
  } finally {
    j.close();
  }
}

const first = (r: VerifyReport): [number | null, string] | null => (r.firstBad ? [r.firstBad.seq, r.firstBad.code] : null);

type Row = Record<string, unknown> & { seq: number };
const row = (db: Database.Database, seq: number): Row => db.prepare('SELECT * FROM entries WHERE seq = ?').get(seq) as Row;
const put = (db: Database.Database, r: Row): void => {
  db.prepare('INSERT INTO entries (seq, ts, kind, actor, prev_hash, hash, nonce, ciphertext, tag) VALUES (@seq, @ts, @kind, @actor, @prev_hash, @hash, @nonce, @ciphertext, @tag)').run(r);
};

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'sitrep-tamper-'));
  pristine = join(dir, 'pristine.db');
  let j = await openJournal(pristine, { create: true, passphrase: () => Promise.resolve(PASS) });
  for (let i = 1; i <= 6; i++) j.append({ kind: 'note', actor: i % 2 ? 'ana' : 'ben', payload: { text: `entry ${i} `.repeat(40) } });
  j.close();
  // What an older backup of this file holds: the head as it was at #6, with its valid MAC.
  headAt6 = tamper(pristine, (db) => db.prepare('SELECT seq, hash, mac FROM head').get() as typeof headAt6);
  j = await openJournal(pristine, { passphrase: () => Promise.resolve(PASS) });
  cp6 = j.checkpoint('ana'); // #7 records it
  j.append({ kind: 'decision', actor: 'ana', payload: { text: 'entry 8' } });
  cp8 = j.checkpoint('ana'); // #9 records it
  j.close();
}, 30_000);

describe('journal verify detects tampering and names the first bad entry', () => {
  it('passes the untouched journal, with and without checkpoints', async () => {
    expect(await verify(copy())).toMatchObject({ ok: true, intact: ENTRIES, firstBad: null, head: { seq: ENTRIES } });
    expect((await verify(copy(), cp6)).ok).toBe(true);
    expect((await verify(copy(), cp8)).ok).toBe(true);
  });

  it('a byte of ciphertext changed', async () => {
    const p = copy();
    tamper(p, (db) => {
      const r = row(db, 3);
      const ct = Buffer.from(r.ciphertext as Buffer);
      ct[5] = (ct[5] ?? 0) ^ 0x01;
      db.prepare('UPDATE entries SET ciphertext = ? WHERE seq = 3').run(ct);
    });
    expect(first(await verify(p))).toEqual([3, 'hash_mismatch']);
  });

  it('a byte of ciphertext changed and the hashes recomputed down the chain', async () => {
    const p = copy();
    tamper(p, (db) => {
      const r = row(db, 3);
      const ct = Buffer.from(r.ciphertext as Buffer);
      ct[5] = (ct[5] ?? 0) ^ 0x01;
      db.prepare('UPDATE entries SET ciphertext = ?, hash = ? WHERE seq = 3').run(ct, entryHash({ ...(r as unknown as EntryRow), ciphertext: ct }));
    });
    expect(first(await verify(p))).toEqual([3, 'decrypt_failed']);
  });

  it('a clear field changed (actor), with and without recomputing its hash', async () => {
    const p = copy();
    tamper(p, (db) => db.prepare("UPDATE entries SET actor = 'mallory' WHERE seq = 4").run());
    expect(first(await verify(p))).toEqual([4, 'hash_mismatch']);
    const q = copy();
    tamper(q, (db) => {
      const r = { ...row(db, 4), actor: 'mallory' };
      db.prepare('UPDATE entries SET actor = ?, hash = ? WHERE seq = 4').run('mallory', entryHash(r as unknown as EntryRow));
    });
    expect(first(await verify(q))).toEqual([4, 'field_mismatch']);
  });

  it('the kind changed', async () => {
    const p = copy();
    tamper(p, (db) => db.prepare("UPDATE entries SET kind = 'decision' WHERE seq = 2").run());
    expect(first(await verify(p))).toEqual([2, 'hash_mismatch']);
  });

  it('a row deleted from the middle', async () => {
    const p = copy();
    tamper(p, (db) => db.prepare('DELETE FROM entries WHERE seq = 5').run());
    expect(first(await verify(p))).toEqual([5, 'missing_entry']);
  });

  it('two rows swapped', async () => {
    const p = copy();
    tamper(p, (db) => {
      const a = row(db, 3);
      const b = row(db, 5);
      db.prepare('DELETE FROM entries WHERE seq IN (3, 5)').run();
      put(db, { ...b, seq: 3 });
      put(db, { ...a, seq: 5 });
    });
    expect(first(await verify(p))).toEqual([3, 'chain_broken']);
  });

  it('rows truncated from the end', async () => {
    const p = copy();
    tamper(p, (db) => db.prepare('DELETE FROM entries WHERE seq > 6').run());
    const r = await verify(p);
    expect(first(r)).toEqual([7, 'truncated']);
    expect(r.intact).toBe(6);
  });

  it('a forged entry appended without the key', async () => {
    const p = copy();
    tamper(p, (db) => put(db, { ...row(db, 9), seq: 10 }));
    expect(first(await verify(p))).toEqual([10, 'chain_broken']);
  });

  it('the head record replaced, or removed', async () => {
    const p = copy();
    tamper(p, (db) => {
      const r = row(db, 6);
      db.prepare('UPDATE head SET seq = 6, hash = ?').run(r.hash);
    });
    expect(first(await verify(p))).toEqual([null, 'head_invalid']);
    const q = copy();
    tamper(q, (db) => db.prepare('DELETE FROM head').run());
    expect(first(await verify(q))).toEqual([null, 'head_missing']);
  });

  it('rolled back to an older state with a genuine old head: only the checkpoint catches it', async () => {
    const p = copy();
    tamper(p, (db) => {
      db.prepare('DELETE FROM entries WHERE seq > 6').run();
      db.prepare('UPDATE head SET seq = ?, hash = ?, mac = ?').run(headAt6.seq, headAt6.hash, headAt6.mac);
    });
    expect((await verify(p)).ok).toBe(true);
    expect((await verify(p, cp6)).ok).toBe(true);
    const r = await verify(p, cp8);
    expect(first(r)).toEqual([7, 'checkpoint_truncated']);
  });

  it('the file truncated on disk: the first entry lost is named, and nothing can be appended', async () => {
    const p = join(mkdtempSync(join(dir, 'big-')), 'journal.db');
    const j = await openJournal(p, { create: true, passphrase: () => Promise.resolve(PASS) });
    for (let i = 1; i <= 300; i++) j.append({ kind: 'note', actor: 'ana', payload: { text: `entry ${i} `.repeat(40) } });
    j.close();
    const readable = (): number[] => {
      const db = new Database(p, { readonly: true });
      db.unsafeMode(true);
      db.pragma('writable_schema = ON');
      const seqs: number[] = [];
      for (let s = 1; s <= 300; s++) {
        try {
          if (db.prepare('SELECT seq FROM entries WHERE seq = ?').get(s)) seqs.push(s);
          else break;
        } catch {
          break;
        }
      }
      db.close();
      return seqs;
    };
    truncateSync(p, Math.floor(statSync(p).size / 2 / 4096) * 4096);
    const lostFrom = readable().length + 1;
    expect(lostFrom).toBeGreaterThan(1);
    expect(lostFrom).toBeLessThan(300);
    const k = await openJournal(p, { passphrase: () => Promise.resolve(PASS) });
    expect(k.salvage).toBe(true);
    const r = k.verify();
    expect(first(r)).toEqual([lostFrom, 'unreadable']);
    expect(r.intact).toBe(lostFrom - 1);
    expect(() => k.append({ kind: 'note', actor: 'a', payload: { text: 'x' } })).toThrow(/damaged/);
    k.close();
  });

  it('a tampered checkpoint file, another journal\'s checkpoint, a replaced journal key', async () => {
    expect(first(await verify(copy(), { ...cp8, seq: 5 }))).toEqual([null, 'checkpoint_invalid']);
    const other = join(mkdtempSync(join(dir, 'other-')), 'j.db');
    const o = await openJournal(other, { create: true, passphrase: () => Promise.resolve(PASS) });
    o.append({ kind: 'note', actor: 'x', payload: { text: 'x' } });
    const otherCp = o.checkpoint('x');
    o.close();
    expect(first(await verify(copy(), otherCp))).toEqual([null, 'checkpoint_other_journal']);
    const p = copy();
    tamper(p, (db) => db.prepare("UPDATE meta SET v = ? WHERE k = 'signing_public'").run(newSigningKeyPair().publicKey));
    expect(first(await verify(p, cp8))).toEqual([null, 'checkpoint_key_mismatch']);
  });

  it('refuses to append on top of a tampered tail', async () => {
    const p = copy();
    tamper(p, (db) => db.prepare('DELETE FROM entries WHERE seq > 6').run());
    const j = await openJournal(p, { passphrase: () => Promise.resolve(PASS) });
    expect(() => j.append({ kind: 'note', actor: 'a', payload: { text: 'x' } })).toThrow(/does not match its head/);
    j.close();
  });
});
