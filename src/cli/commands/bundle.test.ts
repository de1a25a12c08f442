import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOperatorStore } from '../../core/auth/operators';
import { totp } from '../../core/auth/totp';
import { openJournal } from '../../core/journal/journal';
import { openStore } from '../../core/store/store';
import { run } from '../run';
import { testIo } from '../test-io';
import type { SecretIo } from './connections';

const PASS = 'cli bundle passphrase 42';
const JOURNAL = 'cli journal passphrase';
const PASSWORD = 'password of ana 0123456789';
const INC = 'INC-2026-0314-001';

let dir = '';
let db = '';
let secret: Buffer = Buffer.alloc(0);
let step = 0;

/** A TOTP code of a step not used yet (one step either side of now is accepted, each once). */
const code = () => totp(secret, Date.now() + (step++ - 1) * 30_000);

function io(env: Record<string, string> = {}, prompts: string[] = []) {
  const asked: string[] = [];
  const extra: SecretIo = {
    readStdin: () => Promise.resolve(`${PASSWORD}\n`),
    prompt: (q) => {
      asked.push(q);
      const next = prompts.shift();
      return next === undefined ? Promise.reject(new Error(`unexpected prompt ${q}`)) : Promise.resolve(next);
    },
  };
  return Object.assign(testIo({ SITREP_HOME: join(dir, 'home'), USER: 'tester', ...env }, extra as object), { asked });
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'sitrep-cli-bundle-'));
  db = join(dir, 'sitrep.db');
  expect(await run(['demo', '--db', db, '--events', '1500'], io())).toBe(0);
  const added = await createOperatorStore(dir).add('ana', PASSWORD, ['commander']);
  secret = added.totpSecret;
  const j = await openJournal(join(dir, 'journal.db'), { create: true, passphrase: () => Promise.resolve(JOURNAL) });
  j.append({ kind: 'decision', actor: 'ana', payload: { text: `Rolled back the prompt for ${INC}` } });
  j.close();
  writeFileSync(join(dir, 'journal.pass'), `${JOURNAL}\n`);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const exportArgs = (out: string, extra: string[] = []) => ['bundle', 'export', '--db', db, '--incident', INC, '--out', out, '--operator', 'ana', '--password-stdin', '--code', code(), '--journal-passphrase-file', join(dir, 'journal.pass'), ...extra];

describe('sitrep bundle', () => {
  const out = () => join(dir, 'inc.sitrep');

  it('export asks for the passphrase twice, signs as the operator and journals it; the file is 0600', async () => {
    const o = io({}, [PASS, PASS]);
    expect(await run(exportArgs(out()), o), o.stderr).toBe(0);
    expect(o.asked).toEqual(['New bundle passphrase: ', 'Repeat the passphrase: ']);
    expect(o.stdout).toMatch(/^wrote .*inc\.sitrep: [\d,]+ bytes, sha256 [0-9a-f]{64}\n {2}INC-2026-0314-001: [\d,]+ events, \d+ series, 0 analyses, 1 journal entry; signed by ana\n$/);
    expect(statSync(out()).mode & 0o777).toBe(0o600);
    const j = await openJournal(join(dir, 'journal.db'), { passphrase: () => Promise.resolve(JOURNAL) });
    expect(j.list({ search: 'Review bundle exported' })).toHaveLength(1);
    j.close();
    // Never overwritten.
    const again = io({ SITREP_PASSPHRASE: PASS });
    expect(await run(exportArgs(out()), again)).toBe(1);
    expect(again.stderr).toMatch(/exists: choose another name/);
  });

  it('verify: exit 0 when intact, naming a known exporter; 1 for a changed byte, a truncated file, another file', async () => {
    let o = io();
    expect(await run(['bundle', 'verify', out(), '--db', db], o)).toBe(0);
    expect(o.stdout).toMatch(/^INTACT\n/);
    expect(o.stdout).toMatch(/exporter {3}ana \(key [0-9a-f:]{19}\): known to this profile as operator ana/);
    expect(o.stdout).toMatch(/\n {2}ok {9}signature: Ed25519 signature/);

    const elsewhere = join(dir, 'elsewhere', 'sitrep.db');
    o = io();
    expect(await run(['bundle', 'verify', out(), '--db', elsewhere], o)).toBe(0);
    expect(o.stdout).toMatch(/"ana" \(key [0-9a-f:]{19}\): not known to this profile, the name is self-asserted/);

    const bytes = readFileSync(out());
    const flipped = Buffer.from(bytes);
    flipped[Math.floor(bytes.length / 2)] = (flipped[Math.floor(bytes.length / 2)] ?? 0) ^ 1;
    const cases: [string, Buffer, RegExp][] = [
      ['flipped.sitrep', flipped, /^REFUSED: The encrypted contents were modified/],
      ['short.sitrep', bytes.subarray(0, bytes.length - 10), /^REFUSED: The bundle is truncated/],
      ['other.sitrep', Buffer.from('{"not":"a bundle"}'), /^REFUSED: This is not a Sitrep review bundle/],
    ];
    for (const [name, content, why] of cases) {
      writeFileSync(join(dir, name), content);
      o = io();
      expect(await run(['bundle', 'verify', join(dir, name), '--db', db], o), name).toBe(1);
      expect(o.stdout).toMatch(why);
    }
    o = io();
    expect(await run(['bundle', 'verify', join(dir, 'flipped.sitrep'), '--json'], o)).toBe(1);
    expect(JSON.parse(o.stdout)).toMatchObject({ intact: false, problemCode: 'tampered' });
  });

  it('open: a tampered file is refused before any secret is asked and writes nothing; the intact one opens read-only', async () => {
    const target = join(dir, 'review', 'sitrep.db');
    let o = io({}, []);
    expect(await run(['bundle', 'open', join(dir, 'flipped.sitrep'), '--db', target], o)).toBe(1);
    expect(o.asked).toEqual([]);
    expect(o.stdout).toMatch(/^REFUSED/);

    o = io({}, ['wrong passphrase here']);
    expect(await run(['bundle', 'open', out(), '--db', target, '--no-journal'], o)).toBe(1);
    expect(o.stdout).toMatch(/^INTACT, NOT OPENED: Wrong passphrase/);
    const s = openStore(target);
    expect(s.listIncidents()).toEqual([]);
    s.close();

    o = io({ SITREP_PASSPHRASE: PASS });
    expect(await run(['bundle', 'open', out(), '--db', target, '--dry-run'], o)).toBe(0);
    expect(o.stdout).toMatch(/dry run: would open as INC-2026-0314-001; nothing was written/);

    o = io({ SITREP_PASSPHRASE: PASS });
    expect(await run(['bundle', 'open', out(), '--db', target], o), o.stderr).toBe(0);
    expect(o.stdout).toMatch(/ok {9}content hashes: every section's record count and SHA-256 match/);
    expect(o.stdout).toMatch(/ok {9}journal checkpoint: checkpoint of #\d+ signed by the journal's key/);
    expect(o.stdout).toMatch(/opened as INC-2026-0314-001 in .*review.*sitrep\.db \(read-only review copy\): [\d,]+ events/);
    expect(o.stdout).toMatch(/the opening is not journaled/);
    o = io();
    expect(await run(['incidents', 'list', '--db', target, '--json'], o)).toBe(0);
    expect(JSON.parse(o.stdout)).toMatchObject([{ id: INC }]);

    o = io({ SITREP_PASSPHRASE: PASS });
    expect(await run(['bundle', 'open', out(), '--db', target], o)).toBe(0);
    expect(o.stdout).toMatch(/already open in this store as INC-2026-0314-001/);
  });

  it('keygen, export for a recipient key, open with that key only', async () => {
    const key = join(dir, 'reviewer.key');
    let o = io({ SITREP_PASSPHRASE: 'reviewer key passphrase' });
    expect(await run(['bundle', 'keygen', '--out', key], o)).toBe(0);
    expect(o.stdout).toMatch(/reviewer\.key \(private, keep it\) and .*reviewer\.key\.pub \(public\), key [0-9a-f:]{19}/);
    expect(statSync(key).mode & 0o777).toBe(0o600);
    const forKey = join(dir, 'for-key.sitrep');
    o = io();
    expect(await run(exportArgs(forKey, ['--recipient', `${key}.pub`, '--no-journal']), o), o.stderr).toBe(0);
    expect(o.stderr).toMatch(/no journal entries in the bundle: left out by the exporter \(--no-journal\)/);

    const target = join(dir, 'keyed', 'sitrep.db');
    o = io({ SITREP_PASSPHRASE: 'reviewer key passphrase' });
    expect(await run(['bundle', 'open', forKey, '--db', target], o)).toBe(1);
    expect(o.stderr).toMatch(/encrypted for the recipient key [0-9a-f:]{19}: open it with --key FILE/);
    o = io({ SITREP_PASSPHRASE: 'not the key passphrase' });
    expect(await run(['bundle', 'open', forKey, '--db', target, '--key', key], o)).toBe(1);
    expect(o.stderr).toMatch(/wrong passphrase/);
    o = io({ SITREP_PASSPHRASE: 'reviewer key passphrase' });
    expect(await run(['bundle', 'open', forKey, '--db', target, '--key', key], o), o.stderr).toBe(0);
    expect(o.stdout).toMatch(/decryption: AES-256-GCM tag verifies \(recipient key/);
  });

  it('bad arguments are usage errors (exit 2); a wrong code or password is refused (exit 1)', async () => {
    expect(await run(['bundle', 'export', '--db', db, '--out', join(dir, 'x.sitrep'), '--operator', 'ana'], io())).toBe(2);
    expect(await run(['bundle', 'verify'], io())).toBe(2);
    const o = io({ SITREP_PASSPHRASE: PASS });
    expect(await run(['bundle', 'export', '--db', db, '--incident', INC, '--out', join(dir, 'y.sitrep'), '--operator', 'ana', '--password-stdin', '--code', '000000', '--no-journal'], o)).toBe(1);
    expect(o.stderr).toMatch(/Wrong name, password or code/);
  });
});
