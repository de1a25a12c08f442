import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Command, CommanderError } from 'commander';
import { describe, expect, it } from 'vitest';
import { tamper } from '../../core/journal/testing';
import type { CliIo } from '../io';
import { testIo } from '../test-io';
import type { SecretIo } from './connections';
import type { CommandContext } from './context';
import { registerJournal } from './journal';

const PASS = 'cli journal passphrase';

/** The journal command the way `sitrep` runs it (exit codes 0, 1, 2). */
async function runJournal(argv: string[], io: CliIo): Promise<number> {
  let code = 0;
  const ctx: CommandContext = { io, exit: (c) => void (code = Math.max(code, c)) };
  const program = new Command('sitrep').exitOverride().configureOutput({ writeOut: (s) => io.out(s), writeErr: (s) => io.err(s) });
  registerJournal(program, ctx);
  try {
    await program.parseAsync(argv, { from: 'user' });
    return code;
  } catch (err) {
    if (err instanceof CommanderError) return err.code === 'commander.helpDisplayed' ? 0 : 2;
    io.err(`error: ${err instanceof Error ? err.message : String(err)}\n`);
    return 1;
  }
}

function setup() {
  const dir = mkdtempSync(join(tmpdir(), 'sitrep-cli-journal-'));
  const journal = join(dir, 'journal.db');
  const io = (env: Record<string, string> = { SITREP_PASSPHRASE: PASS }, stdin = '', prompts: string[] = []) => {
    const asked: string[] = [];
    const extra: SecretIo = {
      readStdin: () => Promise.resolve(stdin),
      prompt: (q) => {
        asked.push(q);
        const next = prompts.shift();
        return next === undefined ? Promise.reject(new Error(`unexpected prompt ${q}`)) : Promise.resolve(next);
      },
    };
    return Object.assign(testIo({ SITREP_HOME: join(dir, 'home'), USER: 'tester', ...env }, extra as object), { asked });
  };
  return { dir, journal, io };
}

describe('sitrep journal', () => {
  it('appends (creating the journal with a prompted passphrase), lists, filters, searches and verifies', async () => {
    const { journal, io } = setup();
    let o = io({}, '', [PASS, PASS]);
    expect(await runJournal(['journal', 'append', '--journal', journal, '--kind', 'note', '--text', 'Paged at 03:12, gateway 5xx'], o)).toBe(0);
    expect(o.asked).toEqual(['New journal passphrase: ', 'Repeat the passphrase: ']);
    expect(o.stdout).toMatch(/^appended #1 note at \S+ \(hash [0-9a-f]{16}\)\n$/);
    o = io({}, '', [PASS]);
    expect(await runJournal(['journal', 'append', '--journal', journal, '--kind', 'decision', '--text', 'Roll back prompt v42', '--actor', 'ana'], o)).toBe(0);
    expect(o.asked).toEqual(['Journal passphrase: ']);
    const evidence = { query: 'rate(errors[5m])', window: { from: 1, to: 2 }, resultDigest: 'ef'.repeat(32) };
    o = io(undefined, JSON.stringify(evidence));
    expect(await runJournal(['journal', 'append', '--journal', journal, '--kind', 'evidence', '--payload-file', '-'], o)).toBe(0);

    o = io();
    expect(await runJournal(['journal', 'list', '--journal', journal], o)).toBe(0);
    expect(o.stdout.split('\n').filter(Boolean).map((l) => l.split('  ').filter((_, i) => i !== 1))).toEqual([
      ['#1', 'note', 'cli:tester', 'Paged at 03:12, gateway 5xx'],
      ['#2', 'decision', 'ana', 'Roll back prompt v42'],
      ['#3', 'evidence', 'cli:tester', `${JSON.stringify(evidence).slice(0, 119)}…`],
    ]);
    o = io();
    expect(await runJournal(['journal', 'list', '--journal', journal, '--json', '--kind', 'decision'], o)).toBe(0);
    expect(JSON.parse(o.stdout)).toMatchObject({ seq: 2, kind: 'decision', actor: 'ana', payload: { text: 'Roll back prompt v42' } });
    o = io();
    expect(await runJournal(['journal', 'list', '--journal', journal, '--search', 'GATEWAY'], o)).toBe(0);
    expect(o.stdout).toMatch(/^#1 /);
    expect(o.stdout.split('\n').filter(Boolean)).toHaveLength(1);

    o = io();
    expect(await runJournal(['journal', 'verify', '--journal', journal], o)).toBe(0);
    expect(o.stdout).toBe('ok: 3 entries intact, head #3\n');
  });

  it('refuses text for kinds that need a payload, a bad payload, a wrong passphrase and a missing journal', async () => {
    const { dir, journal, io } = setup();
    let o = io();
    expect(await runJournal(['journal', 'append', '--journal', journal, '--kind', 'evidence', '--text', 'x'], o)).toBe(2);
    expect(o.stderr).toMatch(/needs --payload-file/);
    o = io();
    expect(await runJournal(['journal', 'append', '--journal', journal, '--kind', 'gossip', '--text', 'x'], o)).toBe(2);
    o = io(undefined, '{"query": "x"}');
    expect(await runJournal(['journal', 'append', '--journal', journal, '--kind', 'evidence', '--payload-file', '-'], o)).toBe(1);
    expect(o.stderr).toMatch(/evidence payload: window/);
    o = io({ SITREP_PASSPHRASE: 'wrong passphrase!' });
    expect(await runJournal(['journal', 'list', '--journal', journal], o)).toBe(1);
    expect(o.stderr).toMatch(/Wrong passphrase for the journal/);
    o = io();
    expect(await runJournal(['journal', 'verify', '--journal', join(dir, 'none.db')], o)).toBe(1);
    expect(o.stderr).toMatch(/No journal at/);
  });

  it('verify exits 1 naming the first bad entry', async () => {
    const { dir, journal, io } = setup();
    const pf = join(dir, 'pass.txt');
    writeFileSync(pf, `${PASS}\n`);
    for (let i = 1; i <= 5; i++) expect(await runJournal(['journal', 'append', '--journal', journal, '--passphrase-file', pf, '--kind', 'note', '--text', `n${i}`], io({}))).toBe(0);
    tamper(journal, (db) => db.prepare('DELETE FROM entries WHERE seq = 3').run());
    let o = io();
    expect(await runJournal(['journal', 'verify', '--journal', journal], o)).toBe(1);
    expect(o.stderr).toMatch(/^FAILED at entry #3: missing_entry: /);
    o = io();
    expect(await runJournal(['journal', 'verify', '--journal', journal, '--json'], o)).toBe(1);
    expect(JSON.parse(o.stdout)).toMatchObject({ ok: false, intact: 2, firstBad: { seq: 3, code: 'missing_entry' } });
    tamper(journal, (db) => db.prepare('UPDATE head SET seq = 1').run());
    o = io();
    expect(await runJournal(['journal', 'verify', '--journal', journal], o)).toBe(1);
    expect(o.stderr).toMatch(/^FAILED at entry #3: missing_entry: .*\n\(1 more problem; see --json\)\n$/);
  });

  it('a checkpoint kept elsewhere catches a journal rolled back to an older copy', async () => {
    const { dir, journal, io } = setup();
    for (let i = 1; i <= 3; i++) expect(await runJournal(['journal', 'append', '--journal', journal, '--kind', 'note', '--text', `n${i}`], io())).toBe(0);
    const backup = readFileSync(journal);
    for (let i = 4; i <= 5; i++) expect(await runJournal(['journal', 'append', '--journal', journal, '--kind', 'note', '--text', `n${i}`], io())).toBe(0);
    const cpFile = join(dir, 'cp.json');
    let o = io();
    expect(await runJournal(['journal', 'checkpoint', '--journal', journal, '--out', cpFile], o)).toBe(0);
    expect(o.stdout).toMatch(/^checkpoint of #5 .* copy it off this machine\n$/);
    o = io();
    expect(await runJournal(['journal', 'verify', '--journal', journal, '--checkpoint', cpFile], o)).toBe(0);
    expect(o.stdout).toBe('ok: 6 entries intact, head #6, checkpoint #5 covered\n');

    writeFileSync(journal, backup);
    o = io();
    expect(await runJournal(['journal', 'verify', '--journal', journal], o)).toBe(0);
    o = io();
    expect(await runJournal(['journal', 'verify', '--journal', journal, '--checkpoint', cpFile], o)).toBe(1);
    expect(o.stderr).toMatch(/^FAILED at entry #4: checkpoint_truncated: entries #4 to #5 were signed in the checkpoint but are missing/);

    writeFileSync(cpFile, readFileSync(cpFile, 'utf8').replace('"seq": 5', '"seq": 3'));
    o = io();
    expect(await runJournal(['journal', 'verify', '--journal', journal, '--checkpoint', cpFile], o)).toBe(1);
    expect(o.stderr).toMatch(/^FAILED at the checkpoint: checkpoint_invalid/);
  });

  it('exports decrypted JSON Lines and an encrypted copy that verifies', async () => {
    const { dir, journal, io } = setup();
    expect(await runJournal(['journal', 'append', '--journal', journal, '--kind', 'note', '--text', 'exported note'], io())).toBe(0);
    let o = io();
    const out = join(dir, 'plain.jsonl');
    expect(await runJournal(['journal', 'export', '--journal', journal, '--out', out], o)).toBe(0);
    expect(o.stderr).toMatch(/plaintext/);
    expect(statSync(out).mode & 0o777).toBe(0o600);
    expect(JSON.parse(readFileSync(out, 'utf8'))).toMatchObject({ seq: 1, kind: 'note', payload: { text: 'exported note' } });
    const copy = join(dir, 'copy.db');
    o = io();
    expect(await runJournal(['journal', 'export', '--journal', journal, '--out', copy, '--encrypted'], o)).toBe(0);
    expect(readFileSync(copy).includes(Buffer.from('exported note'))).toBe(false);
    o = io();
    expect(await runJournal(['journal', 'verify', '--journal', copy], o)).toBe(0);
    expect(await runJournal(['journal', 'export', '--journal', journal, '--out', journal], io())).toBe(1);
  });
});
