import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { AuthError } from './errors';
import { OPERATORS_FILE } from './operators-storage';
import { createOperatorStore } from './operators';
import { testClock, testOperators } from './testing';
import { totp } from './totp';

async function refused(p: Promise<unknown>): Promise<AuthError> {
  const err = await p.then(
    () => null,
    (e: unknown) => e,
  );
  if (!(err instanceof AuthError)) throw new Error(`expected an AuthError, got ${String(err)}`);
  return err;
}

describe('operator store', () => {
  it('adds operators with roles, lists them without secrets, refuses duplicates, bad names and weak passwords', async () => {
    const { store } = await testOperators([
      ['ana', ['commander']],
      ['ben', ['approver', 'viewer']],
    ]);
    expect(store.list().map((o) => [o.name, o.roles, o.disabled])).toEqual([
      ['ana', ['commander'], false],
      ['ben', ['approver', 'viewer'], false],
    ]);
    expect(Object.keys(store.list()[0] ?? {}).sort()).toEqual(['createdAt', 'disabled', 'id', 'name', 'publicKey', 'roles']);
    expect((await refused(store.add('ANA', 'another long password', ['viewer']))).code).toBe('duplicate');
    expect((await refused(store.add('bad name', 'another long password', ['viewer']))).code).toBe('invalid_name');
    expect((await refused(store.add('cleo', 'short', ['viewer']))).code).toBe('weak_password');
  });

  it('signs in with password + current code, once per code; wrong password or code is refused', async () => {
    const t = await testOperators([['ana', ['approver']]]);
    const ana = t.ops.get('ana');
    if (!ana) throw new Error('setup');
    const code = t.code('ana');
    const ok = await t.store.verifyCredentials('ana', ana.password, code);
    expect(ok.operator.name).toBe('ana');
    expect(ok.signingKey.asymmetricKeyType).toBe('ed25519');
    // The same code again, a moment later: refused, without saying which part was wrong.
    t.clock.advance(1_000);
    const reused = await refused(t.store.verifyCredentials('ana', ana.password, code));
    expect([reused.code, reused.extra.detail, reused.message]).toEqual(['bad_credentials', 'code_reused', 'Wrong name, password or code']);
    const wrongPw = await refused(t.store.verifyCredentials('ana', 'not the password', t.code('ana')));
    expect(wrongPw.extra.detail).toBe('wrong_password');
    const valid = [-1, 0, 1].map((d) => totp(ana.secret, t.clock.now() + d * 30_000));
    const wrong = ['000000', '111111', '222222', '333333'].find((c) => !valid.includes(c)) ?? '';
    const wrongCode = await refused(t.store.verifyCredentials('ana', ana.password, wrong));
    expect(wrongCode.extra.detail).toBe('wrong_code');
    const unknown = await refused(t.store.verifyCredentials('nobody', ana.password, '123456'));
    expect([unknown.code, unknown.extra.detail]).toEqual(['bad_credentials', 'unknown_operator']);
  });

  it('locks an account out after repeated failures, even for the right credentials, until the backoff ends', async () => {
    const t = await testOperators([['ana', ['approver']]]);
    const ana = t.ops.get('ana');
    if (!ana) throw new Error('setup');
    for (let i = 0; i < 5; i++) await refused(t.store.verifyCredentials('ana', `wrong password ${i}`, '123456'));
    const locked = await refused(t.store.verifyCredentials('ana', ana.password, totp(ana.secret, t.clock.now())));
    expect(locked.code).toBe('locked_out');
    expect(locked.extra.retryAt).toBe(t.clock.now() + 30_000);
    t.clock.advance(31_000);
    expect((await t.store.verifyCredentials('ana', ana.password, totp(ana.secret, t.clock.now()))).operator.name).toBe('ana');
  });

  it('refuses a disabled operator after checking the credentials', async () => {
    const t = await testOperators([['ana', ['approver']]]);
    const ana = t.ops.get('ana');
    if (!ana) throw new Error('setup');
    expect(t.store.disable('ana').disabled).toBe(true);
    expect((await refused(t.store.verifyCredentials('ana', ana.password, t.code('ana')))).code).toBe('disabled');
    expect((() => {
      try {
        t.store.disable('nobody');
      } catch (e) {
        return (e as AuthError).code;
      }
      return null;
    })()).toBe('not_found');
  });

  it('keeps operators.json at mode 0600 with no password, seed or private key in clear, and the used step shared by every store over the file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sitrep-operators-'));
    const clock = testClock();
    const t = await testOperators([['ana', ['approver']]], dir, clock);
    const ana = t.ops.get('ana');
    if (!ana) throw new Error('setup');
    const path = join(dir, OPERATORS_FILE);
    expect(statSync(path).mode & 0o777).toBe(0o600);
    const code = t.code('ana');
    await t.store.verifyCredentials('ana', ana.password, code);
    // A second store over the same file (as another process would open it) refuses the code that was just used.
    const other = createOperatorStore(dir, { now: clock.now });
    expect((await refused(other.verifyCredentials('ana', ana.password, code))).extra.detail).toBe('code_reused');
    const text = readFileSync(path, 'utf8');
    expect(text).not.toContain(ana.password);
    expect(text).not.toContain(ana.secret.toString('base64'));
    expect(text).not.toContain(ana.secret.toString('hex'));
  });
});
