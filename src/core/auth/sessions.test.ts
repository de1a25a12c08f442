import { describe, expect, it } from 'vitest';
import { AuthError } from './errors';
import { createSessions } from './sessions';
import { testOperators } from './testing';

function codeOf(fn: () => unknown): string | null {
  try {
    fn();
  } catch (e) {
    if (e instanceof AuthError) return e.code;
    throw e;
  }
  return null;
}

async function setup(idleMs = 5 * 60_000) {
  const t = await testOperators([
    ['ana', ['approver']],
    ['ben', ['approver']],
  ]);
  const sessions = createSessions(t.store, { idleMs, absoluteMs: 60 * 60_000, now: t.clock.now });
  const pw = (n: string): string => t.ops.get(n)?.password ?? '';
  return { ...t, sessions, pw };
}

describe('operator sessions', () => {
  it('locks after the configured idle time; activity keeps it open; password + code re-open it', async () => {
    const t = await setup();
    const s = await t.sessions.signIn('ana', t.pw('ana'), t.code('ana'));
    expect(t.sessions.state(s.id)).toBe('active');
    t.clock.advance(4 * 60_000);
    t.sessions.touch(s.id);
    t.clock.advance(4 * 60_000);
    expect(t.sessions.state(s.id)).toBe('active');
    t.clock.advance(60_000);
    expect(t.sessions.state(s.id)).toBe('idle_locked');
    expect(codeOf(() => t.sessions.touch(s.id))).toBe('session_locked');
    // Another operator's credentials do not open ana's session.
    await expect(t.sessions.unlock(s.id, t.pw('ben'), t.code('ben'))).rejects.toMatchObject({ code: 'bad_credentials' });
    expect(t.sessions.state(s.id)).toBe('idle_locked');
    await t.sessions.unlock(s.id, t.pw('ana'), t.code('ana'));
    expect(t.sessions.state(s.id)).toBe('active');
  });

  it('ends at the absolute expiry however active, and closes when the operator is disabled', async () => {
    const t = await setup(60 * 60_000);
    const s = await t.sessions.signIn('ana', t.pw('ana'), t.code('ana'));
    for (let i = 0; i < 7; i++) {
      t.clock.advance(9 * 60_000);
      if (t.sessions.state(s.id) === 'active') t.sessions.touch(s.id);
    }
    expect(t.sessions.state(s.id)).toBe('expired');
    expect(codeOf(() => t.sessions.touch(s.id))).toBe('session_expired');
    expect(t.sessions.state(s.id)).toBe('unknown');

    const b = await t.sessions.signIn('ben', t.pw('ben'), t.code('ben'));
    t.store.disable('ben');
    expect(t.sessions.state(b.id)).toBe('revoked');
    expect(codeOf(() => t.sessions.touch(b.id))).toBe('disabled');
  });

  it('step-up gives a grant that releases the key once, within 60 seconds only', async () => {
    const t = await setup();
    const s = await t.sessions.signIn('ana', t.pw('ana'), t.code('ana'));
    const g = await t.sessions.stepUp(s.id, t.pw('ana'), t.code('ana'));
    expect(g.expiresAt - g.issuedAt).toBe(60_000);
    expect(g.takeKey(t.clock.now()).asymmetricKeyType).toBe('ed25519');
    expect(codeOf(() => g.takeKey(t.clock.now()))).toBe('grant_used');
    const late = await t.sessions.stepUp(s.id, t.pw('ana'), t.code('ana'));
    expect(codeOf(() => late.takeKey(late.issuedAt + 60_000))).toBe('grant_expired');
    await expect(t.sessions.stepUp(s.id, t.pw('ana'), 'nope')).rejects.toMatchObject({ code: 'bad_credentials' });
    await expect(t.sessions.stepUp('no-such-session', t.pw('ana'), t.code('ana'))).rejects.toMatchObject({ code: 'no_session' });
  });
});
