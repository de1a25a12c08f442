import { createServer, type Server } from 'node:http';
import { mkdtempSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Envelope } from '../../shared/envelope';
import { assembleCore } from '../app/assemble';
import { createFakeStore } from '../app/fake-store';
import type { SenderInfo } from '../contract/handlers';
import type { CoreContext } from '../app/context';
import { connectionServiceFor, listConnectionsForPolling } from './service';

const operator: SenderInfo = { host: 'test', role: 'operator' };
const viewer: SenderInfo = { host: 'test', role: 'viewer' };
const TOKEN = 'bearer-secret-3c9e1f7a2b';

let server: Server;
let base = '';
beforeAll(async () => {
  // A Prometheus-shaped loopback server that wants the bearer token.
  server = createServer((req, res) => {
    if (req.headers.authorization !== `Bearer ${TOKEN}`) {
      res.writeHead(401).end('unauthorized');
      return;
    }
    res.writeHead(200, { 'content-type': 'application/json' }).end('{"status":"success","data":{"version":"2.42.0"}}');
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

function value(env: Envelope<unknown>): unknown {
  if (!env.ok) throw new Error(`${env.error.code}: ${env.error.message}`);
  return env.value;
}

describe('connections over the contract', () => {
  it('goes from uninitialised to unlocked, adds, lists, tests and removes, never returning a secret', async () => {
    const core = assembleCore(createFakeStore(), { host: 'test' });
    const d = (c: string, input: unknown, s = operator) => core.dispatch(c, input, s);
    expect(value(await d('vault.status', {}))).toEqual({ state: 'uninitialised', provider: 'passphrase' });
    expect(await d('connections.add', { name: 'p', kind: 'prometheus', url: base })).toMatchObject({ ok: false, error: { code: 'unauthorized' } });
    expect(await d('vault.init', { passphrase: 'short' })).toMatchObject({ ok: false, error: { code: 'bad_input' } });
    expect(value(await d('vault.init', { passphrase: 'a long passphrase' }))).toMatchObject({ state: 'unlocked' });

    const added = await d('connections.add', { name: 'prom', kind: 'prometheus', url: base, auth: { type: 'bearer', token: TOKEN }, headers: { 'X-Scope-OrgID': 'tenant-secret-x1' } });
    const bad = await d('connections.add', { name: 'wrong', kind: 'prometheus', url: base, auth: { type: 'bearer', token: 'nope-nope' } });
    const all = JSON.stringify([added, bad]);
    expect(all).not.toContain(TOKEN);
    expect(all).not.toContain('tenant-secret-x1');
    const id = (value(added) as { id: string }).id;

    const ok = value(await d('connections.test', { id }));
    expect(ok).toMatchObject({ ok: true });
    expect((ok as { latencyMs: number }).latencyMs).toBeGreaterThanOrEqual(0);
    expect(value(await d('connections.test', { id: 'wrong' }))).toMatchObject({ ok: false, code: 'unauthorized', message: expect.stringMatching(/401/) });

    const list = value(await d('connections.list', {})) as Array<{ name: string; lastTest: { result: { ok: boolean } } | null }>;
    expect(list.map((c) => [c.name, c.lastTest?.result.ok])).toEqual([
      ['prom', true],
      ['wrong', false],
    ]);
    expect(JSON.stringify(list)).not.toContain(TOKEN);

    expect(value(await d('connections.remove', { id }))).toEqual({ removed: true });
    expect(await d('connections.test', { id })).toMatchObject({ ok: false, error: { code: 'not_found' } });
  });

  it('refuses a viewer (a live share) every connection channel, reading ones included', async () => {
    const core = assembleCore(createFakeStore(), { host: 'test' });
    for (const [c, input] of [
      ['vault.status', {}],
      ['connections.list', {}],
      ['vault.init', { passphrase: 'a long passphrase' }],
      ['vault.unlock', { passphrase: 'a long passphrase' }],
      ['connections.add', { name: 'p', kind: 'loki', url: base }],
      ['connections.remove', { id: 'x' }],
      ['connections.test', { id: 'x' }],
    ] as const) {
      expect(await core.dispatch(c, input, viewer), c).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    }
  });

  it('refuses a second init, and a wrong passphrase with unauthorized', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sitrep-conn-h-'));
    const a = assembleCore(createFakeStore(), { host: 'test', dataDir: dir });
    await a.dispatch('vault.init', { passphrase: 'a long passphrase' }, operator);
    expect(await a.dispatch('vault.init', { passphrase: 'another passphrase' }, operator)).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    const b = assembleCore(createFakeStore(), { host: 'test', dataDir: dir });
    expect(value(await b.dispatch('vault.status', {}, operator))).toMatchObject({ state: 'locked' });
    expect(await b.dispatch('vault.unlock', { passphrase: 'another passphrase' }, operator)).toMatchObject({
      ok: false,
      error: { code: 'unauthorized', message: 'Wrong passphrase: the vault stays locked' },
    });
  });
});

describe('listConnectionsForPolling', () => {
  it('is empty while locked and decrypted once unlocked', async () => {
    const ctx: CoreContext = { store: createFakeStore(), host: 'test', version: 't', readOnly: false, dataDir: null, emit: () => {}, log: () => {} };
    const svc = connectionServiceFor(ctx);
    expect(await listConnectionsForPolling(ctx)).toEqual([]);
    await svc.vault.init('a long passphrase');
    svc.add({ name: 'prom', kind: 'prometheus', url: base, auth: { type: 'bearer', token: TOKEN } });
    const conns = await listConnectionsForPolling(ctx);
    expect(conns.map((c) => [c.name, c.auth])).toEqual([['prom', { type: 'bearer', token: TOKEN }]]);
    svc.vault.lock();
    expect(await listConnectionsForPolling(ctx)).toEqual([]);
  });
});

describe('secrets never leak through a probe message', () => {
  it('scrubs a token a server echoes back in an error body', async () => {
    const echo = createServer((req, res) => void res.writeHead(500).end(`upstream said: ${String(req.headers.authorization)} / ${String(req.headers['x-api-key'])}`));
    await new Promise<void>((r) => echo.listen(0, '127.0.0.1', r));
    const url = `http://127.0.0.1:${(echo.address() as AddressInfo).port}`;
    try {
      const core = assembleCore(createFakeStore(), { host: 'test' });
      await core.dispatch('vault.init', { passphrase: 'a long passphrase' }, operator);
      for (const kind of ['prometheus', 'argocd'] as const) {
        await core.dispatch('connections.add', { name: kind, kind, url, auth: { type: 'bearer', token: TOKEN }, headers: { 'X-Api-Key': 'header-secret-77' } }, operator);
        const r = value(await core.dispatch('connections.test', { id: kind }, operator));
        expect(r).toMatchObject({ ok: false });
        expect(JSON.stringify(r)).not.toContain(TOKEN);
        expect(JSON.stringify(r)).not.toContain('header-secret-77');
      }
    } finally {
      await new Promise<void>((r) => echo.close(() => r()));
    }
  });
});
