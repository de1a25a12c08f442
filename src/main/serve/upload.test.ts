import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCore, type Core } from '../../core/app/core';
import { startBrowserHost, type BrowserHost } from './host';
import { rawRequest } from './test-client';

let core: Core;
let host: BrowserHost;
const bearer = (): Record<string, string> => ({ Authorization: `Bearer ${host.token}` });
const log = { kind: 'log', externalId: 'u1', ts: 1_773_456_420_000, service: 'api', severity: 'warn', body: 'x' };
const uploads = (): string[] => readdirSync(tmpdir()).filter((n) => n.startsWith('sitrep-upload-'));

beforeAll(async () => {
  core = createCore({ dbPath: ':memory:', host: 'browser' });
  host = await startBrowserHost({ core, rendererDir: mkdtempSync(join(tmpdir(), 'sitrep-r-')), log: () => {} });
});
afterAll(async () => {
  await host.close();
  core.close();
});

describe('POST /api/import', () => {
  it('imports the uploaded body through the pipeline, under its own name, and removes the temp file', async () => {
    const before = uploads().length;
    const r = await rawRequest(host.port, {
      method: 'POST',
      path: '/api/import',
      headers: { ...bearer(), 'X-Sitrep-Filename': encodeURIComponent('my logs.json'), 'X-Sitrep-Job-Id': 'upload-test-1', Origin: `http://127.0.0.1:${host.port}` },
      body: JSON.stringify({ sitrep: 1, events: [log] }),
    });
    expect(r.status).toBe(200);
    const env = JSON.parse(r.body) as { ok: boolean; value: { files: { path: string; ok: boolean; format: string }[]; totals: { logs: number } } };
    expect(env.value.files).toMatchObject([{ path: 'my logs.json', ok: true, format: 'sitrep-json' }]);
    expect(env.value.totals.logs).toBe(1);
    expect(core.store.stats().events).toBe(1);
    expect(uploads().length).toBe(before);

    const bad = await rawRequest(host.port, { method: 'POST', path: '/api/import', headers: { ...bearer(), 'X-Sitrep-Filename': 'x.json' }, body: '{"sitrep":1,' });
    const badEnv = JSON.parse(bad.body) as { value: { files: { ok: boolean; error: string }[] } };
    expect(badEnv.value.files[0]).toMatchObject({ ok: false });
    expect(badEnv.value.files[0]?.error).toMatch(/invalid JSON/);
    expect(core.store.stats().events).toBe(1);
  });

  it('keeps the guards of /api/invoke and checks its headers', async () => {
    const body = '{}';
    expect((await rawRequest(host.port, { method: 'POST', path: '/api/import', headers: { 'X-Sitrep-Filename': 'a' }, body })).status).toBe(401);
    expect((await rawRequest(host.port, { method: 'POST', path: '/api/import', headers: { ...bearer(), 'X-Sitrep-Filename': 'a', Origin: 'http://evil.example' }, body })).status).toBe(403);
    expect((await rawRequest(host.port, { method: 'POST', path: '/api/import', headers: { ...bearer() }, body })).status).toBe(400);
    expect((await rawRequest(host.port, { method: 'POST', path: '/api/import', headers: { ...bearer(), 'X-Sitrep-Filename': 'a', 'X-Sitrep-Job-Id': '../x' }, body })).status).toBe(400);
    expect((await rawRequest(host.port, { method: 'GET', path: '/api/import', headers: bearer() })).status).toBe(405);
  });
});
