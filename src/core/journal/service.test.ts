import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createJournalService } from './service';

const PASS = 'service passphrase 1';
const tmpPath = () => join(mkdtempSync(join(tmpdir(), 'sitrep-jsvc-')), 'journal.db');

describe('journal service', () => {
  it('queues entries while locked and writes them, in order, with when they happened, at unlock', async () => {
    let t = 1_000_000;
    const logs: string[] = [];
    const svc = createJournalService({ path: tmpPath(), now: () => t, log: (m) => void logs.push(m) });
    expect(svc.status()).toMatchObject({ state: 'uninitialised', queued: 0 });
    expect(svc.append('decision', { text: 'first' }, 'ana')).toEqual({ status: 'queued', queued: 1 });
    t += 5000;
    expect(svc.append('note', { text: 'second', detail: { by: 'cli' } }, 'ben')).toEqual({ status: 'queued', queued: 2 });
    expect(() => svc.appendNow('note', { text: 'must precede its effect' }, 'ana')).toThrow(/locked/);
    expect(() => svc.append('note', { text: '' }, 'ana')).toThrow(/note payload/);
    t += 5000;
    expect(await svc.unlock(PASS)).toMatchObject({ state: 'unlocked', queued: 0, head: 2 });
    const entries = svc.journal().list();
    expect(entries.map((e) => [e.seq, e.kind, e.actor, e.payload])).toEqual([
      [1, 'decision', 'ana', { text: 'first', detail: { queuedAt: 1_000_000 } }],
      [2, 'note', 'ben', { text: 'second', detail: { by: 'cli', queuedAt: 1_005_000 } }],
    ]);
    expect(svc.append('note', { text: 'now' }, 'ana')).toMatchObject({ status: 'appended', seq: 3 });
    expect(logs.join('\n')).not.toContain('first');
    svc.close();
  });

  it('bounds the queue and counts what it had to drop', () => {
    const svc = createJournalService({ path: tmpPath(), maxQueued: 2, log: () => {} });
    svc.append('note', { text: 'a' }, 'x');
    svc.append('note', { text: 'b' }, 'x');
    expect(svc.append('note', { text: 'c' }, 'x')).toMatchObject({ status: 'dropped' });
    expect(svc.status()).toMatchObject({ queued: 2, dropped: 1 });
  });

  it('without a data folder there is no journal, and nothing is kept', async () => {
    const svc = createJournalService({ path: null, log: () => {} });
    expect(svc.status()).toMatchObject({ state: 'unavailable' });
    expect(svc.append('note', { text: 'a' }, 'x')).toMatchObject({ status: 'dropped' });
    await expect(svc.unlock(PASS)).rejects.toThrow(/no data folder/);
  });

  it('reopens an existing journal with its passphrase, and refuses a wrong one', async () => {
    const path = tmpPath();
    const a = createJournalService({ path, log: () => {} });
    await a.unlock(PASS);
    a.append('note', { text: 'kept' }, 'ana');
    a.close();
    const b = createJournalService({ path, log: () => {} });
    expect(b.status()).toMatchObject({ state: 'locked' });
    await expect(b.unlock('a wrong passphrase')).rejects.toThrow(/Wrong passphrase/);
    expect(b.status()).toMatchObject({ state: 'locked' });
    expect(await b.unlock(PASS)).toMatchObject({ state: 'unlocked', head: 1 });
    b.close();
  });
});
