import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { WrapKeyProvider } from './key-provider';
import { ConnectionError, createConnectionService } from './service';
import { FILE_NAME, fileStorage, LOCK_STALE_MS, withFileLock } from './storage';
import { VaultError } from './vault';

const PASS = 'correct horse battery staple';
const SECRETS = {
  token: 'tok-7f3a9c1e5b2d4f6a8c0e',
  password: 'pw-Zq8!xK2#mN4$vB6',
  header: 'org-secret-9d8c7b6a5f4e',
  apiKey: 'ddapi-0123456789abcdef0123',
  appKey: 'ddapp-fedcba9876543210fedc',
};

function tmp(): string {
  return mkdtempSync(join(tmpdir(), 'sitrep-vault-'));
}

async function filled(dir: string) {
  const svc = createConnectionService({ dataDir: dir, host: 'browser' });
  await svc.vault.init(PASS);
  svc.add({ name: 'prom', kind: 'prometheus', url: 'http://127.0.0.1:9090', auth: { type: 'bearer', token: SECRETS.token }, headers: { 'X-Scope-OrgID': SECRETS.header } });
  svc.add({ name: 'am', kind: 'alertmanager', url: 'http://127.0.0.1:9093', auth: { type: 'basic', username: 'ops', password: SECRETS.password } });
  svc.add({ name: 'dd', kind: 'datadog', url: 'https://api.datadoghq.eu', auth: { type: 'apiKey', apiKey: SECRETS.apiKey, appKey: SECRETS.appKey }, options: { site: 'datadoghq.eu' } });
  return svc;
}

describe('connections vault on disk', () => {
  it('round-trips every secret through a fresh, locked service unlocked with the passphrase', async () => {
    const dir = tmp();
    await filled(dir);
    const again = createConnectionService({ dataDir: dir, host: 'browser' });
    expect(again.vault.status()).toEqual({ state: 'locked', provider: 'passphrase' });
    expect(again.listDecrypted()).toEqual([]);
    expect(() => again.get('prom')).toThrow(VaultError);
    // The list works while locked: names, auth types and header names only.
    expect(again.list().map((c) => [c.name, c.authType, c.headerNames])).toEqual([
      ['prom', 'bearer', ['X-Scope-OrgID']],
      ['am', 'basic', []],
      ['dd', 'apiKey', []],
    ]);
    expect((await again.vault.unlock(PASS)).state).toBe('unlocked');
    const prom = again.get('prom');
    expect(prom.auth).toEqual({ type: 'bearer', token: SECRETS.token });
    expect(prom.headers).toEqual({ 'X-Scope-OrgID': SECRETS.header });
    expect(again.get('am').auth).toEqual({ type: 'basic', username: 'ops', password: SECRETS.password });
    expect(again.get('dd').auth).toEqual({ type: 'apiKey', apiKey: SECRETS.apiKey, appKey: SECRETS.appKey });
    expect(again.listDecrypted()).toHaveLength(3);
  });

  it('writes no secret in clear, records the KDF, salt and key check, with mode 0600', async () => {
    const dir = tmp();
    await filled(dir);
    const path = join(dir, FILE_NAME);
    const bytes = readFileSync(path);
    for (const s of Object.values(SECRETS)) {
      expect(bytes.includes(Buffer.from(s)), s).toBe(false);
      expect(bytes.includes(Buffer.from(s).toString('base64').slice(0, 16)), `${s} (base64)`).toBe(false);
    }
    expect(bytes.includes(Buffer.from(PASS))).toBe(false);
    const doc = JSON.parse(bytes.toString('utf8')) as { vault: { keyCheck: string; passphrase: { kdf: Record<string, unknown> } } };
    expect(doc.vault.passphrase.kdf).toMatchObject({ name: 'scrypt', N: 32768, r: 8, p: 1, keyLen: 32 });
    expect(typeof doc.vault.passphrase.kdf.salt).toBe('string');
    expect(doc.vault.keyCheck.length).toBeGreaterThan(20);
    expect(statSync(path).mode & 0o777).toBe(0o600);
  });

  it('refuses a wrong passphrase with a clear error and changes nothing', async () => {
    const dir = tmp();
    await filled(dir);
    const before = readFileSync(join(dir, FILE_NAME));
    const svc = createConnectionService({ dataDir: dir, host: 'browser' });
    await expect(svc.vault.unlock('not the passphrase')).rejects.toThrow(/Wrong passphrase/);
    expect(svc.vault.status().state).toBe('locked');
    expect(readFileSync(join(dir, FILE_NAME)).equals(before)).toBe(true);
  });

  it('detects tampered ciphertext (GCM authentication) with a clear error', async () => {
    const dir = tmp();
    await filled(dir);
    const path = join(dir, FILE_NAME);
    const doc = JSON.parse(readFileSync(path, 'utf8')) as { connections: Array<{ secrets: { ct: string } }> };
    const ct = Buffer.from(doc.connections[0]!.secrets.ct, 'base64');
    ct[0] = ct[0]! ^ 0x01;
    doc.connections[0]!.secrets.ct = ct.toString('base64');
    writeFileSync(path, JSON.stringify(doc));
    const svc = createConnectionService({ dataDir: dir, host: 'browser' });
    await svc.vault.unlock(PASS);
    expect(() => svc.get('prom')).toThrow(ConnectionError);
    expect(() => svc.get('prom')).toThrow(/cannot be decrypted: .*modified or damaged/);
    expect(svc.get('am').auth.type).toBe('basic');
    // The poller still gets the intact ones.
    expect(svc.listDecrypted().map((c) => c.name)).toEqual(['am', 'dd']);
  });

  it('refuses secrets swapped between connections (bound to their id)', async () => {
    const dir = tmp();
    await filled(dir);
    const path = join(dir, FILE_NAME);
    const doc = JSON.parse(readFileSync(path, 'utf8')) as { connections: Array<{ secrets: unknown }> };
    doc.connections[1]!.secrets = doc.connections[0]!.secrets;
    writeFileSync(path, JSON.stringify(doc));
    const svc = createConnectionService({ dataDir: dir, host: 'browser' });
    await svc.vault.unlock(PASS);
    expect(() => svc.get('am')).toThrow(/cannot be decrypted/);
  });

  it('gives a clear error for a damaged file', () => {
    const dir = tmp();
    writeFileSync(join(dir, FILE_NAME), '{"format":"sitrep-connections","version":1,"vault":null,"connections":[{"id":3}]}');
    expect(() => fileStorage(dir).read()).toThrow(/is damaged: connections\.0\.id/);
    writeFileSync(join(dir, FILE_NAME), '{"format":');
    expect(() => fileStorage(dir).read()).toThrow(/is not valid JSON/);
  });

  it('refuses a short passphrase, a second init, and adding while locked', async () => {
    const svc = createConnectionService({ dataDir: null, host: 'test' });
    await expect(svc.vault.init('short')).rejects.toThrow(/at least 8/);
    expect(() => svc.add({ name: 'x', kind: 'loki', url: 'http://127.0.0.1:3100' })).toThrow(/locked/);
    await svc.vault.init(PASS);
    await expect(svc.vault.init(PASS)).rejects.toThrow(/already set up/);
    svc.add({ name: 'x', kind: 'loki', url: 'http://127.0.0.1:3100' });
    expect(() => svc.add({ name: 'x', kind: 'loki', url: 'http://127.0.0.1:3100' })).toThrow(/already exists/);
    expect(() => svc.add({ name: 'y', kind: 'loki', url: 'nope' })).toThrow(/Invalid connection: url/);
    expect(svc.remove('x')).toBe(true);
    expect(svc.remove('x')).toBe(false);
  });
});

describe('desktop key provider', () => {
  /** A stand-in for safeStorage: XOR with a fixed pad (tests only check the flow). */
  function fakeProvider(ok: boolean): WrapKeyProvider & { wraps: number } {
    const pad = Buffer.alloc(32, 0x5a);
    const p = {
      name: 'safeStorage' as const,
      wraps: 0,
      availability: () => (ok ? ({ ok: true } as const) : ({ ok: false, reason: 'basic_text backend refused' } as const)),
      wrap: (k: Buffer) => {
        p.wraps++;
        return Buffer.from(k.map((b, i) => b ^ pad[i]!));
      },
      unwrap: (w: Buffer) => Buffer.from(w.map((b, i) => b ^ pad[i]!)),
    };
    return p;
  }

  it('creates and reopens the vault without a passphrase when the keystore is usable', async () => {
    const { createVault } = await import('./vault');
    const dir = tmp();
    const p = fakeProvider(true);
    const v1 = createVault(fileStorage(dir), p);
    expect(v1.status()).toEqual({ state: 'unlocked', provider: 'safeStorage' });
    const key = v1.key();
    const v2 = createVault(fileStorage(dir), p);
    expect(v2.key().equals(key)).toBe(true);
    const doc = JSON.parse(readFileSync(join(dir, FILE_NAME), 'utf8')) as { vault: Record<string, unknown> };
    expect(doc.vault.passphrase).toBeUndefined();
  });

  it('refuses the plaintext backend and falls back to the passphrase', async () => {
    const { createVault } = await import('./vault');
    const dir = tmp();
    const p = fakeProvider(false);
    const v = createVault(fileStorage(dir), p);
    expect(v.status()).toEqual({ state: 'uninitialised', provider: 'passphrase', note: 'basic_text backend refused' });
    await v.init(PASS);
    expect(p.wraps).toBe(0);
    const doc = JSON.parse(readFileSync(join(dir, FILE_NAME), 'utf8')) as { vault: Record<string, unknown> };
    expect(doc.vault.safeStorage).toBeUndefined();
  });
});

describe('generic probe (fallback for kinds without a client)', () => {
  it('classifies 401 and a closed port', async () => {
    const { createServer } = await import('node:http');
    const { genericProbe } = await import('./generic-probe');
    const server = createServer((_req, res) => void res.writeHead(401).end('no'));
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const port = (server.address() as { port: number }).port;
    const conn = (url: string) => ({ id: 'g', name: 'g', kind: 'argocd' as const, url, auth: { type: 'none' as const }, tls: { insecureSkipVerify: false }, headers: {}, options: {}, timeoutMs: 2000, createdAt: 0 });
    try {
      expect(await genericProbe(conn(`http://127.0.0.1:${port}`))).toMatchObject({ ok: false, code: 'unauthorized' });
    } finally {
      await new Promise<void>((r) => server.close(() => r()));
    }
    expect(await genericProbe(conn(`http://127.0.0.1:${port}`))).toMatchObject({ ok: false, code: 'refused' });
  });
});

describe('connections.json between processes', () => {
  it('a change waits for another holder of the lock, and a stale lock is taken over', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sitrep-lock-'));
    const file = join(dir, 'connections.json');
    // Another process holds the lock for 400 ms.
    const holder = spawn(process.execPath, ['-e', `const fs=require('fs');fs.writeFileSync(${JSON.stringify(file + '.lock')},'');console.log('held');setTimeout(()=>{fs.unlinkSync(${JSON.stringify(file + '.lock')})},400)`]);
    await new Promise<void>((r) => holder.stdout.once('data', () => r()));
    const t0 = Date.now();
    const s = fileStorage(dir);
    s.update((doc) => doc);
    expect(Date.now() - t0).toBeGreaterThanOrEqual(300);
    expect(existsSync(file + '.lock')).toBe(false);
    // A lock left by a crashed process is taken over once stale.
    writeFileSync(file + '.lock', '');
    const old = (Date.now() - LOCK_STALE_MS - 1_000) / 1000;
    utimesSync(file + '.lock', old, old);
    expect(withFileLock(file, () => 'ran', 200)).toBe('ran');
    // A fresh lock that is never released: a clear error, nothing written.
    writeFileSync(file + '.lock', '');
    expect(() => withFileLock(file, () => 'ran', 100)).toThrow(/locked by another Sitrep process/);
  });
});
