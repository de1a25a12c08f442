/**
 * Organisation sign-in against a loopback OpenID provider started here (no real identity
 * provider is reachable from the build machines): the happy path with RS256 and ES256, and the
 * attacks that must fail: wrong state, wrong nonce, bad signature, a key not in the JWKS, wrong
 * audience or issuer, an expired token, `none`/HMAC algorithms, and a replayed code.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Envelope } from '../../shared/envelope';
import { createFakeStore } from '../app/fake-store';
import { createGovernanceModule } from '../app/governance-module';
import { createDispatcher } from '../contract/dispatcher';
import type { Handlers, SenderInfo } from '../contract/handlers';
import { OidcConfig } from './oidc-config';
import { discover } from './oidc-discovery';
import { pkceChallenge, startOidcLogin } from './oidc-flow';
import { OidcError } from './oidc-jwt';
import { browse, startTestProvider, type TestProvider } from './oidc-test-provider';
import { testOperators } from './testing';

let idp: TestProvider;
const config = () => OidcConfig.parse({ issuer: idp.issuer, clientId: idp.clientId, subjects: { 'sub-ana': 'ana' } });

beforeAll(async () => {
  idp = await startTestProvider();
});
afterAll(async () => {
  await idp?.close();
});

async function attempt(change?: (cb: URL) => void) {
  const login = await startOidcLogin(config());
  const page = await browse(login.authorizeUrl, change);
  const outcome = await login.result.then(
    (claims) => ({ ok: true as const, claims }),
    (err: unknown) => ({ ok: false as const, err: err as OidcError }),
  );
  return { login, page, outcome };
}

async function refusedWith(code: OidcError['code'], change?: (cb: URL) => void) {
  const { outcome, page } = await attempt(change);
  expect(outcome.ok).toBe(false);
  if (!outcome.ok) {
    expect(outcome.err).toBeInstanceOf(OidcError);
    expect(outcome.err.code).toBe(code);
  }
  expect(page.status).toBe(400);
}

describe('OIDC authorization code + PKCE with a loopback redirect', () => {
  it('signs in: S256 challenge, state and nonce sent, the code exchanged with its verifier, the ID token verified (RS256)', async () => {
    idp.alg = 'RS256';
    const before = idp.seen.token.length;
    const { login, page, outcome } = await attempt();
    expect(outcome).toMatchObject({ ok: true, claims: { sub: 'sub-ana', iss: idp.issuer, aud: idp.clientId } });
    expect(page).toMatchObject({ status: 200 });
    expect(page.text).toContain('Signed in');
    const q = new URL(login.authorizeUrl).searchParams;
    expect(login.redirectUri).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/callback$/);
    expect(Number(new URL(login.redirectUri).port)).toBeGreaterThan(0);
    expect(q.get('redirect_uri')).toBe(login.redirectUri);
    expect(q.get('code_challenge_method')).toBe('S256');
    expect(q.get('scope')).toBe('openid');
    expect(q.get('state')?.length).toBeGreaterThanOrEqual(43);
    expect(q.get('nonce')?.length).toBeGreaterThanOrEqual(43);
    const token = idp.seen.token[before];
    expect(token?.get('code_verifier')).toMatch(/^[A-Za-z0-9_-]{43,128}$/);
    expect(pkceChallenge(token?.get('code_verifier') ?? '')).toBe(q.get('code_challenge'));
  });

  it('verifies an ES256 ID token', async () => {
    idp.alg = 'ES256';
    try {
      const { outcome } = await attempt();
      expect(outcome).toMatchObject({ ok: true, claims: { sub: 'sub-ana' } });
    } finally {
      idp.alg = 'RS256';
    }
  });

  it('refuses an answer with the wrong state, and never exchanges its code', async () => {
    const before = idp.seen.token.length;
    await refusedWith('wrong_state', (cb) => cb.searchParams.set('state', 'forged-state-value'));
    expect(idp.seen.token.length).toBe(before);
  });

  it('refuses an ID token with the wrong nonce', async () => {
    idp.tamper = { claims: { nonce: 'replayed-nonce' } };
    await refusedWith('wrong_nonce');
  });

  it('refuses a bad signature, and a token signed with a key that is not in the JWKS', async () => {
    idp.tamper = { badSignature: true };
    await refusedWith('bad_signature');
    idp.tamper = { rogueKey: true };
    await refusedWith('bad_signature');
  });

  it('refuses the wrong audience, another authorized party, and the wrong issuer', async () => {
    idp.tamper = { claims: { aud: 'another-client' } };
    await refusedWith('wrong_audience');
    idp.tamper = { claims: { aud: [idp.clientId, 'another-client'], azp: 'another-client' } };
    await refusedWith('wrong_audience');
    idp.tamper = { claims: { iss: 'https://evil.example' } };
    await refusedWith('wrong_issuer');
  });

  it('refuses an expired token (beyond the allowed skew) and one issued in the future', async () => {
    const now = Math.floor(Date.now() / 1000);
    idp.tamper = { claims: { exp: now - 120, iat: now - 600 } };
    await refusedWith('expired');
    idp.tamper = { claims: { iat: now + 3600, exp: now + 7200 } };
    await refusedWith('not_yet_valid');
  });

  it('refuses alg none and HMAC', async () => {
    idp.tamper = { alg: 'none' };
    await refusedWith('unsupported_alg');
    idp.tamper = { alg: 'HS256' };
    await refusedWith('unsupported_alg');
  });

  it('a replayed code gets nowhere: the listener is gone, a new attempt refuses it, the provider refuses it', async () => {
    const first = await attempt();
    expect(first.outcome.ok).toBe(true);
    // The same callback again: the one-shot listener has closed.
    await expect(fetch(first.page.callback)).rejects.toThrow();
    // Into a new attempt's listener: its state differs.
    const second = await startOidcLogin(config());
    const cb = new URL(first.page.callback);
    const replay = await fetch(`${second.redirectUri}?code=${cb.searchParams.get('code') ?? ''}&state=${cb.searchParams.get('state') ?? ''}`);
    expect(replay.status).toBe(400);
    await expect(second.result).rejects.toMatchObject({ code: 'wrong_state' });
    // At the provider: a code is exchanged once.
    const lastExchange = idp.seen.token[idp.seen.token.length - 1] ?? new URLSearchParams();
    const again = await fetch(`${idp.issuer}/token`, { method: 'POST', body: lastExchange.toString(), headers: { 'Content-Type': 'application/x-www-form-urlencoded' } });
    expect(again.status).toBe(400);
  });

  it('refuses a discovery document that names another issuer', async () => {
    await expect(discover(`${idp.issuer}/`)).rejects.toMatchObject({ code: 'discovery_failed' });
  });

  it('cancels cleanly: the listener closes', async () => {
    const login = await startOidcLogin(config());
    login.cancel();
    await expect(login.result).rejects.toMatchObject({ code: 'cancelled' });
    await expect(fetch(login.redirectUri)).rejects.toThrow();
  });
});

describe('organisation sign-in through the governance module', () => {
  const sender: SenderInfo = { host: 'test', role: 'operator' };

  async function setup(subjects: Record<string, string>) {
    const ops = await testOperators([['ana', ['commander']]]);
    const ctx = { store: createFakeStore(), host: 'test' as const, version: 't', readOnly: false, dataDir: null, emit: () => {}, log: () => {} };
    const gov = createGovernanceModule(ctx, { operators: ops.store, config: { idleMs: 60_000, oidc: OidcConfig.parse({ issuer: idp.issuer, clientId: idp.clientId, subjects }) } });
    const dispatch = createDispatcher(gov.handlers as unknown as Handlers, { log: () => {} });
    const value = async (channel: string): Promise<Record<string, unknown>> => {
      const env: Envelope<unknown> = await dispatch(channel, {}, sender);
      if (!env.ok) throw new Error(env.error.message);
      return env.value as Record<string, unknown>;
    };
    return { gov, value };
  }

  it('signs in the local operator the subject is mapped to', async () => {
    const { gov, value } = await setup({ 'sub-ana': 'ana' });
    expect(await value('auth.status')).toMatchObject({ state: 'signed_out', oidc: true });
    const begun = await value('auth.oidcBegin');
    await browse(String(begun.authorizeUrl));
    await expect.poll(async () => (await value('auth.status')).state).toBe('active');
    expect(await value('auth.status')).toMatchObject({ operator: { name: 'ana' }, method: 'oidc' });
    gov.close?.();
  });

  it('leaves an unmapped subject signed out', async () => {
    const { gov, value } = await setup({ 'sub-somebody-else': 'ana' });
    const begun = await value('auth.oidcBegin');
    const page = await browse(String(begun.authorizeUrl));
    expect(page.status).toBe(200);
    await new Promise((r) => setTimeout(r, 50));
    expect(await value('auth.status')).toMatchObject({ state: 'signed_out' });
    gov.close?.();
  });
});
