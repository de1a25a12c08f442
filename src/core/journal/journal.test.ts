import Database from 'better-sqlite3';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { JournalError, openJournalDb } from './db';
import { openJournal, type Journal } from './journal';
import { testKeyProvider } from './testing';

const PASS = 'journal passphrase 1';
const withPass = (p = PASS) => ({ passphrase: () => Promise.resolve(p) });
const DIGEST = 'ab'.repeat(32);

function tmpPath(): string {
  return join(mkdtempSync(join(tmpdir(), 'sitrep-journal-')), 'journal.db');
}

async function fresh(path = tmpPath()): Promise<Journal> {
  return openJournal(path, { create: true, ...withPass() });
}

describe('journal: append, read back, reopen', () => {
  it('appends entries of every kind with increasing seq, and reads them back decrypted after reopening', async () => {
    const j = await fresh();
    const inputs = [
      { kind: 'evidence', actor: 'analysis', payload: { query: 'rate(http_errors[5m])', source: 'prometheus', window: { from: 1, to: 2 }, resultDigest: DIGEST } },
      { kind: 'hypothesis', actor: 'analysis', payload: { hypothesisId: 'h1', title: 'Bad prompt release', confidence: 0.8, evidence: ['e1'] } },
      { kind: 'model_io', actor: 'model', payload: { promptDigest: DIGEST, outputDigest: DIGEST, modelSha256: DIGEST, parameters: { temperature: 0 } } },
      { kind: 'approval', actor: 'ana', payload: { actionId: 'a1', approval: { approvalId: 'x' } } },
      { kind: 'dispatching', actor: 'dispatcher', payload: { actionId: 'a1', requestHash: DIGEST, approvalIds: ['x'] } },
      { kind: 'dispatch_result', actor: 'dispatcher', payload: { actionId: 'a1', ok: true, status: 200 } },
      { kind: 'verification', actor: 'dispatcher', payload: { actionId: 'a1', ok: true } },
      { kind: 'break_glass', actor: 'cleo', payload: { actionId: 'a2', operator: 'cleo', reason: 'approvers unreachable during outage' } },
      { kind: 'decision', actor: 'cleo', payload: { text: 'Roll back the prompt' } },
      { kind: 'note', actor: 'ben', payload: { text: 'Pager fired at 03:12' } },
    ] as const;
    const seqs = inputs.map((i) => j.append(i).seq);
    expect(seqs).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(j.head().seq).toBe(10);
    j.close();
    const again = await openJournal(j.path, withPass());
    const list = again.list();
    expect(list.map((e) => [e.kind, e.actor, e.payload])).toEqual(inputs.map((i) => [i.kind, i.actor, i.payload]));
    expect(list[1]?.prevHash).toBe(list[0]?.hash);
    expect(again.list({ kind: 'note' }).map((e) => e.seq)).toEqual([10]);
    expect(again.list({ search: 'PROMPT' }).map((e) => e.seq)).toEqual([2, 9]);
    expect(again.list({ limit: 3 })).toHaveLength(3);
    expect(again.verify()).toMatchObject({ ok: true, intact: 10, firstBad: null });
    again.close();
  });

  it('refuses a wrong passphrase, payloads that do not fit their kind, and unknown kinds', async () => {
    const j = await fresh();
    expect(() => j.append({ kind: 'note', actor: 'a', payload: {} })).toThrow(/note payload: text/);
    expect(() => j.append({ kind: 'break_glass', actor: 'a', payload: { actionId: 'x', operator: 'a', reason: 'because' } })).toThrow(JournalError);
    expect(() => j.append({ kind: 'model_io', actor: 'a', payload: { promptDigest: 'nope', outputDigest: DIGEST, modelSha256: DIGEST, parameters: {} } })).toThrow(/promptDigest/);
    expect(() => j.append({ kind: 'gossip' as 'note', actor: 'a', payload: { text: 'x' } })).toThrow();
    expect(() => j.append({ kind: 'note', actor: '', payload: { text: 'x' } })).toThrow(/actor/);
    j.close();
    await expect(openJournal(j.path, withPass('not the passphrase'))).rejects.toMatchObject({ code: 'wrong_passphrase' });
    await expect(openJournal(j.path, {})).rejects.toMatchObject({ code: 'locked' });
    await expect(openJournal(join(tmpdir(), `no-such-${randomBytes(4).toString('hex')}.db`), withPass())).rejects.toMatchObject({ code: 'not_found' });
  });

  it('keeps the file at mode 0600 in WAL mode with synchronous=FULL, and entries append-only at the SQL level', async () => {
    const j = await fresh();
    j.append({ kind: 'note', actor: 'a', payload: { text: 'first' } });
    expect(statSync(j.path).mode & 0o777).toBe(0o600);
    j.close();
    const raw = new Database(j.path);
    expect(raw.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(() => raw.prepare("UPDATE entries SET actor = 'x'").run()).toThrow(/append-only/);
    expect(() => raw.prepare('DELETE FROM entries').run()).toThrow(/append-only/);
    raw.close();
    // Every connection the journal opens commits with a full fsync.
    const { db, salvage } = openJournalDb(j.path, false);
    expect([db.pragma('synchronous', { simple: true }), salvage]).toEqual([2, false]);
    db.close();
  });

  it('exports decrypted JSON Lines (mode 0600) and an encrypted copy that verifies on its own', async () => {
    const j = await fresh();
    for (let i = 0; i < 5; i++) j.append({ kind: 'note', actor: 'a', payload: { text: `note ${i}` } });
    const dir = mkdtempSync(join(tmpdir(), 'sitrep-journal-export-'));
    expect(j.exportJsonl(join(dir, 'out.jsonl'))).toBe(5);
    expect(statSync(join(dir, 'out.jsonl')).mode & 0o777).toBe(0o600);
    const lines = readFileSync(join(dir, 'out.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { seq: number; payload: { text: string } });
    expect(lines.map((l) => [l.seq, l.payload.text])).toEqual([0, 1, 2, 3, 4].map((i) => [i + 1, `note ${i}`]));
    await j.exportEncrypted(join(dir, 'copy.db'));
    j.close();
    expect(readFileSync(join(dir, 'copy.db')).includes(Buffer.from('note 3'))).toBe(false);
    const copy = await openJournal(join(dir, 'copy.db'), withPass());
    expect(copy.verify()).toMatchObject({ ok: true, intact: 5 });
    expect(copy.id).toBe(j.id);
    copy.close();
  });

  it('opens with the desktop keystore provider alone once it wraps the key, and with the passphrase when the keystore is gone', async () => {
    const path = tmpPath();
    const provider = testKeyProvider(randomBytes(32));
    const j = await openJournal(path, { create: true, provider, ...withPass() });
    j.append({ kind: 'note', actor: 'a', payload: { text: 'wrapped twice' } });
    j.close();
    const viaKeystore = await openJournal(path, { provider });
    expect(viaKeystore.list().map((e) => e.payload)).toEqual([{ text: 'wrapped twice' }]);
    viaKeystore.close();
    const otherMachine = await openJournal(path, { provider: testKeyProvider(randomBytes(32)), ...withPass() });
    expect(otherMachine.list()).toHaveLength(1);
    otherMachine.close();
    const refusedKeystore = { ...provider, availability: () => ({ ok: false as const, reason: 'basic_text backend' }) };
    await expect(openJournal(path, { provider: refusedKeystore })).rejects.toMatchObject({ code: 'locked' });
  });

  it('signs checkpoints with the journal key and journals that one was taken', async () => {
    const j = await fresh();
    j.append({ kind: 'note', actor: 'a', payload: { text: 'one' } });
    const cp = j.checkpoint('ana');
    expect(cp).toMatchObject({ journalId: j.id, seq: 1, publicKey: j.publicKey });
    const last = j.list().at(-1);
    expect(last).toMatchObject({ seq: 2, kind: 'checkpoint', actor: 'ana', payload: { seq: 1, hash: cp.hash } });
    expect(j.verify(cp).ok).toBe(true);
    j.close();
  });
});
