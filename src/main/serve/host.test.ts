import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assembleCore } from '../../core/app/assemble';
import { createFakeStore } from '../../core/app/fake-store';
import { CONTENT_SECURITY_POLICY } from '../security/csp';
import { startBrowserHost, type BrowserHost } from './host';
import { MAX_BODY_BYTES } from './invoke';
import { nextMessage, openSocket, rawRequest } from './test-client';

let dir: string;
let host: BrowserHost;
const core = assembleCore(createFakeStore(), { host: 'browser', version: '9.9.9' });
const bearer = () => ({ Authorization: `Bearer ${host.token}` });
const json = { 'Content-Type': 'application/json' };

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'sitrep-serve-'));
  mkdirSync(join(dir, 'assets'));
  writeFileSync(join(dir, 'index.html'), '<!doctype html><title>Sitrep</title>');
  writeFileSync(join(dir, 'assets', 'app.js'), 'console.log(1)');
  writeFileSync(join(dir, '..', 'sitrep-secret.txt'), 'top secret');
  host = await startBrowserHost({ core, rendererDir: dir, log: () => {} });
});

afterAll(async () => {
  await host.close();
  rmSync(dir, { recursive: true, force: true });
  rmSync(join(dir, '..', 'sitrep-secret.txt'), { force: true });
});

describe('browser host: access token', () => {
  it('prints a loopback URL with a 43-character base64url token', () => {
    expect(host.url).toBe(`http://127.0.0.1:${host.port}/?token=${host.token}`);
    expect(host.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });

  it('answers 401 without a token: page, API and a wrong token', async () => {
    const page = await rawRequest(host.port, { path: '/' });
    expect(page.status).toBe(401);
    expect(page.body).toMatch(/sitrep serve/);
    const api = await rawRequest(host.port, { method: 'POST', path: '/api/invoke/app.info', body: '{}', headers: json });
    expect(api.status).toBe(401);
    expect(JSON.parse(api.body)).toMatchObject({ ok: false, error: { code: 'unauthorized' } });
    const wrong = await rawRequest(host.port, { path: '/', headers: { Authorization: `Bearer ${host.token.slice(1)}x` } });
    expect(wrong.status).toBe(401);
    expect((await rawRequest(host.port, { path: '/?token=nope' })).status).toBe(401);
  });

  it('trades ?token= for an HttpOnly SameSite=Strict cookie and strips it from the URL', async () => {
    const first = await rawRequest(host.port, { path: `/incidents/inc-1?token=${host.token}&tab=logs` });
    expect(first.status).toBe(302);
    expect(first.headers.location).toBe('/incidents/inc-1?tab=logs');
    const cookie = first.headers['set-cookie']?.[0] ?? '';
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Strict/);
    expect(cookie).toMatch(/Path=\//);
    const page = await rawRequest(host.port, { path: '/incidents/inc-1?tab=logs', headers: { Cookie: cookie.split(';')[0] ?? '' } });
    expect(page.status).toBe(200);
    expect(page.body).toMatch(/<title>Sitrep/);
  });

  it('never redirects off-site when the path starts with //', async () => {
    const r = await rawRequest(host.port, { path: `//evil.example/?token=${host.token}` });
    expect(r.status).toBe(302);
    // The URL parser reads //evil.example as an authority; what is left must be a local path.
    expect(r.headers.location).toBe('/');
  });

  it('accepts a bearer token', async () => {
    const r = await rawRequest(host.port, { path: '/', headers: bearer() });
    expect(r.status).toBe(200);
    expect(r.headers['cache-control']).toBe('no-store');
    expect(r.headers['content-type']).toBe('text/html; charset=utf-8');
  });
});

describe('browser host: origin, host and paths', () => {
  it('refuses a foreign Origin with 403 and accepts its own', async () => {
    const foreign = await rawRequest(host.port, { method: 'POST', path: '/api/invoke/app.info', body: '{}', headers: { ...bearer(), Origin: 'http://evil.example' } });
    expect(foreign.status).toBe(403);
    const nul = await rawRequest(host.port, { path: '/', headers: { ...bearer(), Origin: 'null' } });
    expect(nul.status).toBe(403);
    const own = await rawRequest(host.port, { method: 'POST', path: '/api/invoke/app.info', body: '{}', headers: { ...bearer(), Origin: `http://localhost:${host.port}` } });
    expect(own.status).toBe(200);
  });

  it('refuses a Host header that is not its own (DNS rebinding)', async () => {
    const r = await rawRequest(host.port, { path: '/', headers: { ...bearer(), Host: `evil.example:${host.port}` } });
    expect(r.status).toBe(421);
    const otherPort = await rawRequest(host.port, { path: '/', headers: { ...bearer(), Host: `127.0.0.1:1` } });
    expect(otherPort.status).toBe(421);
    expect((await rawRequest(host.port, { path: '/', headers: { ...bearer(), Host: `localhost:${host.port}` } })).status).toBe(200);
  });

  it('refuses directory traversal, encoded or not', async () => {
    for (const path of ['/..%2fsitrep-secret.txt', '/assets/..%2f..%2fsitrep-secret.txt', '/..%5csitrep-secret.txt%00']) {
      const r = await rawRequest(host.port, { path, headers: bearer() });
      expect(r.status, path).toBe(403);
      expect(r.body).not.toMatch(/top secret/);
    }
    // Dot segments (plain or %2e) are resolved by the URL parser before the file lookup: they stay inside.
    for (const path of ['/%2e%2e/sitrep-secret.txt', '/../sitrep-secret.txt']) {
      const r = await rawRequest(host.port, { path, headers: bearer() });
      expect(r.status, path).toBe(404);
      expect(r.body).not.toMatch(/top secret/);
    }
  });

  it('serves assets with their content type and falls back to index.html for routes', async () => {
    const js = await rawRequest(host.port, { path: '/assets/app.js', headers: bearer() });
    expect(js.status).toBe(200);
    expect(js.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect((await rawRequest(host.port, { path: '/assets/missing.js', headers: bearer() })).status).toBe(404);
    expect((await rawRequest(host.port, { path: '/settings', headers: bearer() })).body).toMatch(/<title>Sitrep/);
  });

  it('sets the security headers on every response, refusals included', async () => {
    for (const r of [await rawRequest(host.port, { path: '/' }), await rawRequest(host.port, { path: '/assets/app.js', headers: bearer() })]) {
      expect(r.headers['content-security-policy']).toBe(CONTENT_SECURITY_POLICY);
      expect(r.headers['x-content-type-options']).toBe('nosniff');
      expect(r.headers['referrer-policy']).toBe('no-referrer');
      expect(r.headers['cross-origin-opener-policy']).toBe('same-origin');
      expect(r.headers['cross-origin-resource-policy']).toBe('same-origin');
    }
  });
});

describe('browser host: invoke', () => {
  const invoke = (channel: string, body: string | Buffer, extra: Record<string, string> = {}) =>
    rawRequest(host.port, { method: 'POST', path: `/api/invoke/${channel}`, body, headers: { ...bearer(), ...json, ...extra } });

  it('round-trips app.info through the core', async () => {
    const r = await invoke('app.info', '{}');
    expect(r.status).toBe(200);
    expect(JSON.parse(r.body)).toEqual({
      ok: true,
      value: { name: 'Sitrep', version: '9.9.9', host: 'browser', store: { path: ':memory:', events: 3, series: 2, points: 1 }, readOnly: false },
    });
  });

  it('answers typed errors with 200 and their envelope', async () => {
    const r = await invoke('incidents.get', JSON.stringify({ id: 'missing' }));
    expect(r.status).toBe(200);
    expect(JSON.parse(r.body)).toMatchObject({ ok: false, error: { code: 'not_found' } });
    const bad = await invoke('incidents.get', JSON.stringify({ id: 3 }));
    expect(JSON.parse(bad.body)).toMatchObject({ ok: false, error: { code: 'bad_input', issues: [{ path: 'id' }] } });
  });

  it('answers an unknown channel with a 404 envelope', async () => {
    const r = await invoke('shell.exec', '{}');
    expect(r.status).toBe(404);
    expect(JSON.parse(r.body)).toMatchObject({ ok: false, error: { code: 'unknown_channel' } });
  });

  it('answers invalid JSON with a 400 bad_input envelope', async () => {
    const r = await invoke('app.info', '{"oops"');
    expect(r.status).toBe(400);
    expect(JSON.parse(r.body)).toMatchObject({ ok: false, error: { code: 'bad_input' } });
  });

  it('refuses a body over 1 MiB with 413', async () => {
    const r = await invoke('app.info', Buffer.alloc(MAX_BODY_BYTES + 1, 0x20));
    expect(r.status).toBe(413);
  });

  it('accepts only POST', async () => {
    const r = await rawRequest(host.port, { path: '/api/invoke/app.info', headers: bearer() });
    expect(r.status).toBe(405);
    expect(r.headers.allow).toBe('POST');
  });
});

describe('browser host: push socket', () => {
  it('refuses a WebSocket without the token, or from a foreign origin', async () => {
    expect(await openSocket(host.port, '/api/events')).toEqual({ kind: 'refused', status: 401 });
    expect(await openSocket(host.port, '/api/events?token=wrong')).toEqual({ kind: 'refused', status: 401 });
    expect(await openSocket(host.port, `/api/events?token=${host.token}`, { Origin: 'http://evil.example' })).toEqual({ kind: 'refused', status: 403 });
    expect(await openSocket(host.port, `/elsewhere?token=${host.token}`)).toEqual({ kind: 'refused', status: 404 });
  });

  it('delivers core push events to a socket with the token (query or cookie)', async () => {
    const a = await openSocket(host.port, `/api/events?token=${host.token}`, { Origin: `http://127.0.0.1:${host.port}` });
    const b = await openSocket(host.port, '/api/events', { Cookie: `sitrep_token_${host.port}=${host.token}` });
    if (a.kind !== 'open' || b.kind !== 'open') throw new Error('sockets refused');
    const got = Promise.all([nextMessage(a.ws), nextMessage(b.ws)]);
    core.emit('incidents.changed', { ids: ['inc-1'] });
    for (const msg of await got) expect(JSON.parse(msg)).toEqual({ event: 'incidents.changed', payload: { ids: ['inc-1'] } });
    const pong = nextMessage(a.ws);
    a.ws.send('ping');
    expect(await pong).toBe('pong');
    a.ws.close();
    b.ws.close();
  });
});

describe('browser host: listen address', () => {
  it('prints a loud warning only when bound beyond loopback', async () => {
    const lines: string[] = [];
    const loud = await startBrowserHost({ core, rendererDir: dir, listen: '0.0.0.0', log: (l) => lines.push(l) });
    await loud.close();
    expect(lines.join('\n')).toMatch(/WARNING[\s\S]*reachable from the network[\s\S]*token/);
    const quiet: string[] = [];
    const local = await startBrowserHost({ core, rendererDir: dir, log: (l) => quiet.push(l) });
    await local.close();
    expect(quiet.join('\n')).not.toMatch(/WARNING/);
  });
});
