import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Envelope } from '../../shared/envelope';
import { testClock, testOperators, type TestOperators } from '../auth/testing';
import { totp } from '../auth/totp';
import { createDispatcher } from '../contract/dispatcher';
import type { Handlers, SenderInfo } from '../contract/handlers';
import { tamper } from '../journal/testing';
import type { CoreContext } from './context';
import { createFakeStore } from './fake-store';
import { createGovernanceModule, type GovernanceModule } from './governance-module';

const operator: SenderInfo = { host: 'test', role: 'operator' };
const viewer: SenderInfo = { host: 'test', role: 'viewer' };
const PASSPHRASE = 'journal passphrase for tests';
const IDLE_MS = 5 * 60_000;

interface Setup {
  dir: string;
  ops: TestOperators;
  gov: GovernanceModule;
  call(channel: string, input?: unknown, sender?: SenderInfo): Promise<Envelope<unknown>>;
  ok(channel: string, input?: unknown, sender?: SenderInfo): Promise<Record<string, unknown>>;
  pushes: unknown[];
  logs: string[];
}

async function setup(opts: { readOnly?: boolean } = {}): Promise<Setup> {
  const dir = mkdtempSync(join(tmpdir(), 'sitrep-gov-'));
  const clock = testClock(Date.UTC(2026, 2, 14, 3, 0));
  const ops = await testOperators(
    [
      ['ana', ['commander']],
      ['ben', ['approver']],
      ['vic', ['viewer']],
    ],
    dir,
    clock,
  );
  const pushes: unknown[] = [];
  const logs: string[] = [];
  const ctx: CoreContext = {
    store: createFakeStore(),
    host: 'test',
    version: 't',
    readOnly: opts.readOnly === true,
    dataDir: dir,
    emit: (e, p) => void pushes.push([e, p]),
    log: (m, d) => void logs.push(`${m} ${JSON.stringify(d)}`),
  };
  const gov = createGovernanceModule(ctx, { operators: ops.store, config: { idleMs: IDLE_MS, oidc: null }, now: clock.now });
  const dispatch = createDispatcher(gov.handlers as unknown as Handlers, { log: (m, d) => void logs.push(`${m} ${String(d)}`) });
  const call = (channel: string, input: unknown = {}, sender: SenderInfo = operator) => dispatch(channel, input, sender);
  const ok = async (channel: string, input: unknown = {}, sender: SenderInfo = operator) => {
    const env = await call(channel, input, sender);
    if (!env.ok) throw new Error(`${channel}: ${env.error.code}: ${env.error.message}`);
    return env.value as Record<string, unknown>;
  };
  return { dir, ops, gov, call, ok, pushes, logs };
}

const pw = (s: Setup, name: string) => s.ops.ops.get(name)?.password ?? '';
const signIn = (s: Setup, name = 'ana') => s.ok('auth.signIn', { username: name, password: pw(s, name), code: s.ops.code(name) });

describe('sign-in with password + TOTP, the session held in the core', () => {
  it('signs in and tells the renderer who and when the lock falls, never a secret', async () => {
    const s = await setup();
    expect(await s.ok('auth.status')).toMatchObject({ state: 'signed_out', operator: null, operatorsConfigured: true, idleLockMs: IDLE_MS });
    const st = await signIn(s);
    expect(st).toMatchObject({ state: 'active', operator: { name: 'ana', roles: ['commander'] }, method: 'password_totp' });
    expect(st.lockAt).toBe(s.ops.clock.now() + IDLE_MS);
    const everything = JSON.stringify([st, await s.ok('auth.status'), s.pushes, s.logs]);
    expect(everything).not.toContain(pw(s, 'ana'));
    expect(everything).not.toContain(s.ops.ops.get('ana')?.secret.toString('base64'));
    expect(s.pushes).toContainEqual(['governance.changed', { areas: ['auth'] }]);
  });

  it('refuses a wrong TOTP code with the same answer as a wrong password, and stays signed out', async () => {
    const s = await setup();
    const secret = s.ops.ops.get('ana')?.secret ?? Buffer.alloc(0);
    const stale = totp(secret, s.ops.clock.now() - 10 * 30_000);
    const wrongCode = await s.call('auth.signIn', { username: 'ana', password: pw(s, 'ana'), code: stale });
    const wrongPassword = await s.call('auth.signIn', { username: 'ana', password: 'not the password', code: s.ops.code('ana') });
    const unknown = await s.call('auth.signIn', { username: 'nobody', password: 'whatever', code: '123456' });
    for (const env of [wrongCode, wrongPassword, unknown]) expect(env).toEqual({ ok: false, error: { code: 'unauthorized', message: 'Wrong name, password or code' } });
    expect(await s.ok('auth.status')).toMatchObject({ state: 'signed_out' });
    expect(s.logs.join('\n')).toContain('wrong_code');
    expect(s.logs.join('\n')).not.toContain('not the password');
  });

  it('refuses a code already used once, and malformed codes at the contract', async () => {
    const s = await setup();
    const code = s.ops.code('ana');
    await s.ok('auth.signIn', { username: 'ana', password: pw(s, 'ana'), code });
    await s.ok('auth.signOut');
    expect(await s.call('auth.signIn', { username: 'ana', password: pw(s, 'ana'), code })).toMatchObject({ ok: false, error: { code: 'unauthorized' } });
    expect(await s.call('auth.signIn', { username: 'ana', password: pw(s, 'ana'), code: '12345' })).toMatchObject({ ok: false, error: { code: 'bad_input' } });
    expect(await s.call('auth.signIn', { username: 'ana', password: pw(s, 'ana'), code: '123456', sessionId: 'x' })).toMatchObject({ ok: false, error: { code: 'bad_input' } });
  });

  it('locks after the idle time; only the password and a fresh code re-open it, for the same operator', async () => {
    const s = await setup();
    await signIn(s);
    s.ops.clock.advance(IDLE_MS - 1000);
    await s.ok('auth.touch');
    s.ops.clock.advance(IDLE_MS - 1000);
    expect(await s.ok('auth.status')).toMatchObject({ state: 'active' });
    s.ops.clock.advance(2000);
    expect(await s.ok('auth.status')).toMatchObject({ state: 'locked', operator: { name: 'ana' }, lockAt: null });
    expect(await s.call('auth.touch')).toMatchObject({ ok: false, error: { code: 'unauthorized' } });
    await s.ok('journal.unlock', { passphrase: PASSPHRASE });
    expect(await s.call('journal.note', { text: 'while locked' })).toMatchObject({ ok: false, error: { code: 'unauthorized' } });
    expect(await s.call('journal.list', {})).toMatchObject({ ok: false, error: { code: 'unauthorized' } });
    expect(await s.call('auth.unlock', { password: 'wrong password', code: s.ops.code('ana') })).toMatchObject({ ok: false, error: { code: 'unauthorized' } });
    expect(await s.call('auth.unlock', { password: pw(s, 'ben'), code: s.ops.code('ben') })).toMatchObject({ ok: false, error: { code: 'unauthorized' } });
    expect(await s.ok('auth.unlock', { password: pw(s, 'ana'), code: s.ops.code('ana') })).toMatchObject({ state: 'active', operator: { name: 'ana' } });
    await s.ok('journal.note', { text: 'back again' });
  });

  it('locks on request, and a sign-out forgets the session', async () => {
    const s = await setup();
    await signIn(s);
    expect(await s.ok('auth.lock')).toMatchObject({ state: 'locked' });
    expect(await s.ok('auth.signOut')).toMatchObject({ state: 'signed_out', operator: null });
    expect(await s.call('auth.unlock', { password: pw(s, 'ana'), code: s.ops.code('ana') })).toMatchObject({ ok: false, error: { code: 'unauthorized', message: expect.stringMatching(/not signed in/i) } });
  });

  it('a session of an operator disabled meanwhile ends', async () => {
    const s = await setup();
    await signIn(s);
    s.ops.store.disable('ana');
    expect(await s.ok('auth.status')).toMatchObject({ state: 'signed_out' });
  });

  it('step-up gives a single-use grant the core holds; the renderer only gets its id', async () => {
    const s = await setup();
    await signIn(s);
    expect(await s.call('auth.stepUp', { password: pw(s, 'ana'), code: '000000' })).toMatchObject({ ok: false, error: { code: 'unauthorized' } });
    const g = await s.ok('auth.stepUp', { password: pw(s, 'ana'), code: s.ops.code('ana') });
    expect(g).toMatchObject({ operator: 'ana', expiresAt: s.ops.clock.now() + 60_000 });
    expect(Object.keys(g).sort()).toEqual(['expiresAt', 'grantId', 'operator']);
    const grant = s.gov.auth.takeGrant(operator, String(g.grantId));
    expect(grant.takeKey(s.ops.clock.now()).asymmetricKeyType).toBe('ed25519');
    expect(() => s.gov.auth.takeGrant(operator, String(g.grantId))).toThrow(/confirm again/);
  });

  it('viewers (a live share) can call none of the sign-in and journal channels, status included', async () => {
    const s = await setup();
    const attempts: [string, unknown][] = [
      ['auth.status', {}],
      ['journal.status', {}],
      ['auth.signIn', { username: 'ana', password: pw(s, 'ana'), code: s.ops.code('ana') }],
      ['auth.unlock', { password: pw(s, 'ana'), code: s.ops.code('ana') }],
      ['auth.touch', {}],
      ['auth.stepUp', { password: pw(s, 'ana'), code: s.ops.code('ana') }],
      ['auth.oidcBegin', {}],
      ['journal.unlock', { passphrase: PASSPHRASE }],
      ['journal.note', { text: 'hello' }],
      ['journal.list', {}],
      ['journal.verify', {}],
      ['journal.export', { format: 'jsonl' }],
    ];
    for (const [channel, input] of attempts) expect(await s.call(channel, input, viewer), channel).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await s.ok('auth.status')).toMatchObject({ state: 'signed_out' });
    expect(await s.ok('journal.status')).toMatchObject({ state: 'uninitialised' });
  });
});

describe('the journal through the contract', () => {
  it('is set up by its passphrase, records notes by the signed-in operator, lists, searches and pages them', async () => {
    const s = await setup();
    expect(await s.ok('journal.status')).toMatchObject({ state: 'uninitialised', provider: 'passphrase' });
    expect(await s.call('journal.unlock', { passphrase: 'short' })).toMatchObject({ ok: false, error: { code: 'bad_input' } });
    expect(await s.ok('journal.unlock', { passphrase: PASSPHRASE })).toMatchObject({ state: 'unlocked', head: 0 });
    expect(await s.call('journal.note', { text: 'anonymous' })).toMatchObject({ ok: false, error: { code: 'unauthorized' } });
    await signIn(s, 'vic');
    expect(await s.call('journal.note', { text: 'viewer note' })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    await signIn(s, 'ana');
    for (let i = 1; i <= 7; i++) {
      s.ops.clock.advance(60_000);
      await s.ok('journal.note', { text: i === 4 ? 'Rolled back the gateway (canary-zebra)' : `note ${i}` });
    }
    const first = await s.ok('journal.list', { limit: 3 });
    expect((first.rows as { seq: number; actor: string }[]).map((r) => [r.seq, r.actor])).toEqual([
      [7, 'ana'],
      [6, 'ana'],
      [5, 'ana'],
    ]);
    expect(first).toMatchObject({ next: 5, total: 7 });
    const second = await s.ok('journal.list', { limit: 3, before: 5 });
    expect((second.rows as { seq: number }[]).map((r) => r.seq)).toEqual([4, 3, 2]);
    const found = await s.ok('journal.list', { text: 'CANARY-zebra' });
    expect(found.rows).toEqual([expect.objectContaining({ seq: 4, kind: 'note', summary: 'Rolled back the gateway (canary-zebra)', unreadable: false })]);
    expect(found.next).toBeNull();
    const rows = (await s.ok('journal.list', { kinds: ['decision'] })).rows;
    expect(rows).toEqual([]);
    const ts2 = (second.rows as { seq: number; ts: number }[])[2]?.ts ?? 0;
    const ranged = await s.ok('journal.list', { from: ts2, to: ts2 + 60_000 });
    expect((ranged.rows as { seq: number }[]).map((r) => r.seq)).toEqual([2]);
    expect(await s.ok('journal.verify')).toMatchObject({ ok: true, intact: 7, head: 7, firstBad: null });
  });

  it('verify names the first bad entry after the file is modified', async () => {
    const s = await setup();
    await s.ok('journal.unlock', { passphrase: PASSPHRASE });
    await signIn(s);
    for (const text of ['one', 'two', 'three']) await s.ok('journal.note', { text });
    tamper(join(s.dir, 'journal.db'), (db) => db.prepare("UPDATE entries SET actor = 'mallory' WHERE seq = 2").run());
    const r = await s.ok('journal.verify');
    expect(r).toMatchObject({ ok: false, intact: 1, firstBad: { seq: 2 } });
    const list = await s.ok('journal.list', {});
    expect(list.rows).toContainEqual(expect.objectContaining({ seq: 2, unreadable: true, payload: '' }));
  });

  it('exports only into the data folder, under a name the core picks, mode 0600', async () => {
    const s = await setup();
    await s.ok('journal.unlock', { passphrase: PASSPHRASE });
    expect(await s.call('journal.export', { format: 'jsonl' })).toMatchObject({ ok: false, error: { code: 'unauthorized' } });
    await signIn(s);
    await s.ok('journal.note', { text: 'exported note' });
    expect(await s.call('journal.export', { format: 'jsonl', path: '/tmp/elsewhere.jsonl' })).toMatchObject({ ok: false, error: { code: 'bad_input' } });
    const plain = await s.ok('journal.export', { format: 'jsonl' });
    expect(plain).toMatchObject({ format: 'jsonl', entries: 1, plaintext: true });
    expect(String(plain.path).startsWith(join(s.dir, 'exports'))).toBe(true);
    expect(readFileSync(String(plain.path), 'utf8')).toContain('exported note');
    expect(statSync(String(plain.path)).mode & 0o777).toBe(0o600);
    const enc = await s.ok('journal.export', { format: 'encrypted' });
    expect(enc).toMatchObject({ format: 'encrypted', entries: 1, plaintext: false });
    expect(readFileSync(String(enc.path)).includes(Buffer.from('exported note'))).toBe(false);
  });

  it('a wrong passphrase leaves it locked; notes are refused in a read-only core', async () => {
    const s = await setup();
    await s.ok('journal.unlock', { passphrase: PASSPHRASE });
    s.gov.journal.close();
    expect(await s.ok('journal.status')).toMatchObject({ state: 'locked' });
    expect(await s.call('journal.unlock', { passphrase: 'not the journal passphrase' })).toMatchObject({ ok: false, error: { code: 'unauthorized' } });
    const ro = await setup({ readOnly: true });
    await ro.ok('journal.unlock', { passphrase: PASSPHRASE });
    await signIn(ro);
    expect(await ro.call('journal.note', { text: 'x' })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  });

  it('organisation sign-in is refused plainly when not configured', async () => {
    const s = await setup();
    expect(await s.call('auth.oidcBegin')).toMatchObject({ ok: false, error: { code: 'forbidden', message: expect.stringContaining('not configured') } });
  });
});
