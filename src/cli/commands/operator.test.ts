import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Command, CommanderError } from 'commander';
import { describe, expect, it } from 'vitest';
import { base32Decode } from '../../core/auth/base32';
import { createOperatorStore } from '../../core/auth/operators';
import { totp } from '../../core/auth/totp';
import type { CliIo } from '../io';
import { testIo } from '../test-io';
import type { SecretIo } from './connections';
import type { CommandContext } from './context';
import { registerOperator } from './operator';

/** The operator command the way `sitrep` runs it (exit codes 0, 1, 2). */
async function runOperator(argv: string[], io: CliIo): Promise<number> {
  let code = 0;
  const ctx: CommandContext = { io, exit: (c) => void (code = Math.max(code, c)) };
  const program = new Command('sitrep').exitOverride().configureOutput({ writeOut: (s) => io.out(s), writeErr: (s) => io.err(s) });
  registerOperator(program, ctx);
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
  const dir = mkdtempSync(join(tmpdir(), 'sitrep-cli-operator-'));
  const db = join(dir, 'sitrep.db');
  const io = (stdin = '', prompts: string[] = []) => {
    const asked: string[] = [];
    const extra: SecretIo = {
      readStdin: () => Promise.resolve(stdin),
      prompt: (q) => {
        asked.push(q);
        const next = prompts.shift();
        return next === undefined ? Promise.reject(new Error(`unexpected prompt ${q}`)) : Promise.resolve(next);
      },
    };
    return Object.assign(testIo({ SITREP_HOME: join(dir, 'home') }, extra as object), { asked });
  };
  return { dir, db, io };
}

describe('sitrep operator', () => {
  it('adds from a hidden prompt (asked twice) and from stdin, prints a working TOTP enrolment URI once, lists and disables', async () => {
    const { dir, db, io } = setup();
    let o = io('', ['ana password 1234', 'ana password 1234']);
    expect(await runOperator(['operator', 'add', 'ana', '--role', 'commander', '--role', 'approver', '--db', db], o)).toBe(0);
    expect(o.asked).toEqual(['Password: ', 'Repeat the password: ']);
    expect(o.stdout).toMatch(/^added operator ana \(commander, approver\) id [0-9a-f-]{36}, signing key [0-9a-f]{4}(:[0-9a-f]{4}){3}\n/);
    const uri = /otpauth:\/\/totp\/\S+/.exec(o.stdout)?.[0] ?? '';
    const secret = base32Decode(new URL(uri).searchParams.get('secret') ?? '');
    expect(secret).toHaveLength(20);
    // The printed enrolment works: the password and a code from it sign in.
    const store = createOperatorStore(dir);
    expect((await store.verifyCredentials('ana', 'ana password 1234', totp(secret, Date.now()))).operator.name).toBe('ana');

    o = io('ben password 5678\n');
    expect(await runOperator(['operator', 'add', 'ben', '--password-stdin', '--db', db], o)).toBe(0);
    expect(o.stdout).toMatch(/added operator ben \(viewer\)/);

    o = io();
    expect(await runOperator(['operator', 'list', '--db', db], o)).toBe(0);
    expect(o.stdout).toMatch(/^NAME\s+ROLES\s+STATUS\s+CREATED\s+SIGNING KEY\nana\s+commander,approver\s+enabled\s+\S+\s+[0-9a-f:]+\nben\s+viewer\s+enabled/);
    expect(o.stdout).not.toContain('otpauth');

    o = io();
    expect(await runOperator(['operator', 'disable', 'ben', '--db', db], o)).toBe(0);
    o = io();
    expect(await runOperator(['operator', 'list', '--json', '--db', db], o)).toBe(0);
    const list = JSON.parse(o.stdout) as { name: string; disabled: boolean }[];
    expect(list.map((x) => [x.name, x.disabled])).toEqual([
      ['ana', false],
      ['ben', true],
    ]);
    expect(statSync(join(dir, 'operators.json')).mode & 0o777).toBe(0o600);
    const file = readFileSync(join(dir, 'operators.json'), 'utf8');
    expect(file).not.toContain('ana password 1234');
    expect(file).not.toContain(new URL(uri).searchParams.get('secret') ?? 'x');
  });

  it('never takes a password from an argument, and refuses mismatched, weak or duplicate input', async () => {
    const { db, io } = setup();
    let o = io();
    expect(await runOperator(['operator', 'add', 'ana', '--password', 'secret password 1', '--db', db], o)).toBe(2);
    expect(o.stderr).toMatch(/unknown option '--password'/);
    o = io('', ['one password 1234', 'another password']);
    expect(await runOperator(['operator', 'add', 'ana', '--db', db], o)).toBe(1);
    expect(o.stderr).toMatch(/passwords differ/);
    o = io('short\n');
    expect(await runOperator(['operator', 'add', 'ana', '--password-stdin', '--db', db], o)).toBe(1);
    expect(o.stderr).toMatch(/at least 10 characters/);
    o = io();
    expect(await runOperator(['operator', 'add', 'ana', '--role', 'admin', '--db', db], o)).toBe(2);
    expect(o.stderr).toMatch(/expected one of commander, approver, viewer/);
    expect(await runOperator(['operator', 'add', 'ana', '--password-stdin', '--db', db], io('long enough password\n'))).toBe(0);
    o = io('long enough password\n');
    expect(await runOperator(['operator', 'add', 'ana', '--password-stdin', '--db', db], o)).toBe(1);
    expect(o.stderr).toMatch(/already exists/);
    o = io();
    expect(await runOperator(['operator', 'disable', 'nobody', '--db', db], o)).toBe(1);
    expect(o.stderr).toMatch(/no operator named "nobody"/);
  });
});
