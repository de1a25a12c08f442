import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { CHANNEL_NAMES } from '../../shared/channel-names';
import { isViewerChannel } from '../../shared/viewer-channels';
import { assembleCore, type Core } from '../../core/app/assemble';
import { createFakeStore } from '../../core/app/fake-store';
import { contractSamples, sampleIncident } from '../../core/contract/samples';
import type { SenderInfo } from '../../core/contract/handlers';
import type { ViewerGateway } from '../../core/share/host';
import { ok } from '../../shared/envelope';
import { createBrowserShareHost, linkAddress, type BrowserShareHost } from './share-host';
import { nextMessage, openSocket, rawRequest } from './test-client';

const operator: SenderInfo = { host: 'browser', role: 'operator' };
const json = { 'Content-Type': 'application/json' };
let dir: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'sitrep-share-'));
  writeFileSync(join(dir, 'index.html'), '<!doctype html><title>Sitrep</title>');
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

interface Started {
  core: Core;
  shareHost: BrowserShareHost;
  url: URL;
  port: number;
  token: string;
}
const running: Started[] = [];
afterEach(async () => {
  for (const s of running.splice(0)) {
    await s.shareHost.close();
    s.core.close();
  }
});

async function startShare(expiresInSec = 900): Promise<Started> {
  const shareHost = createBrowserShareHost({ rendererDir: dir, log: () => undefined, graceMs: 5_000 });
  const core = assembleCore(createFakeStore({ incidents: [{ ...sampleIncident, title: 'Outage for ops@corp.example' }] }), { host: 'browser', shareHost, log: () => undefined });
  const env = await core.dispatch('share.start', { listen: '127.0.0.1', port: 0, expiresInSec }, operator);
  if (!env.ok) throw new Error(env.error.message);
  const url = new URL((env.value as { url: string }).url);
  const started = { core, shareHost, url, port: Number(url.port), token: url.searchParams.get('token') ?? '' };
  running.push(started);
  return started;
}

const invoke = (s: Started, channel: string, body: unknown, headers: Record<string, string>) =>
  rawRequest(s.port, { method: 'POST', path: `/api/invoke/${channel}`, body: JSON.stringify(body), headers: { ...json, ...headers } });

describe('share listener: the viewer token', () => {
  it('gives a loopback link with its own 43-character token, traded for a cookie of its own', async () => {
    const s = await startShare();
    expect(s.url.origin).toBe(`http://127.0.0.1:${s.port}`);
    expect(s.url.searchParams.get('view')).toBe('1');
    expect(s.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const first = await rawRequest(s.port, { path: `/?view=1&token=${s.token}` });
    expect(first.status).toBe(302);
    expect(first.headers.location).toBe('/?view=1');
    const cookie = first.headers['set-cookie']?.[0] ?? '';
    expect(cookie).toMatch(new RegExp(`^sitrep_view_${s.port}=`));
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Strict/);
    expect(cookie).toMatch(/Max-Age=(8\d\d|900)/);
    const page = await rawRequest(s.port, { path: '/?view=1', headers: { Cookie: cookie.split(';')[0] ?? '' } });
    expect(page.status).toBe(200);
    expect(page.body).toContain('<title>Sitrep</title>');
  });

  it('refuses requests without the token, with a wrong one, from a foreign origin or host', async () => {
    const s = await startShare();
    expect((await rawRequest(s.port, { path: '/' })).status).toBe(401);
    const api = await invoke(s, 'incidents.list', {}, {});
    expect(api.status).toBe(401);
    expect(JSON.parse(api.body)).toMatchObject({ ok: false, error: { code: 'unauthorized' } });
    expect((await invoke(s, 'incidents.list', {}, { Authorization: `Bearer ${s.token.slice(1)}x` })).status).toBe(401);
    expect((await invoke(s, 'incidents.list', {}, { Cookie: `sitrep_token_${s.port}=${s.token}` })).status).toBe(401);
    expect((await invoke(s, 'incidents.list', {}, { Authorization: `Bearer ${s.token}`, Origin: 'http://evil.example' })).status).toBe(403);
    expect((await invoke(s, 'incidents.list', {}, { Authorization: `Bearer ${s.token}`, Host: 'evil.example' })).status).toBe(421);
  });

  it('answers read channels, masked, and refuses every other channel and uploads', async () => {
    const s = await startShare();
    const auth = { Authorization: `Bearer ${s.token}` };
    // Viewers see the incident the commander has open, and nothing before that.
    expect(JSON.parse((await invoke(s, 'incidents.list', {}, auth)).body)).toEqual({ ok: true, value: [] });
    await s.core.dispatch('share.follow', { incidentId: sampleIncident.id, window: null, cursor: null, selectedEventId: null }, operator);
    const list = await invoke(s, 'incidents.list', {}, auth);
    expect(list.status).toBe(200);
    expect(list.body).toContain('Outage for ‹email·1›');
    expect(list.body).not.toContain('ops@corp.example');
    for (const channel of CHANNEL_NAMES.filter((c) => !isViewerChannel(c))) {
      const r = await invoke(s, channel, contractSamples[channel].good, auth);
      expect(JSON.parse(r.body), channel).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    }
    const upload = await rawRequest(s.port, { method: 'POST', path: '/api/import', body: '{"sitrep":1}', headers: { ...auth, 'X-Sitrep-Filename': 'a.json' } });
    expect(upload.status).toBe(403);
    expect(JSON.parse(upload.body)).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  });

  it('pushes the commander view to viewer sockets; revoking closes them at once and refuses the token', async () => {
    const s = await startShare();
    const auth = { Authorization: `Bearer ${s.token}` };
    const ws = await openSocket(s.port, '/api/events', auth);
    if (ws.kind !== 'open') throw new Error(`refused ${ws.status}`);
    expect(await s.core.dispatch('share.status', {}, operator)).toMatchObject({ ok: true, value: { viewers: 1 } });
    const msg = nextMessage(ws.ws);
    await s.core.dispatch('share.follow', { incidentId: 'inc-1', window: { from: 1_000, to: 2_000 }, cursor: 1_500, selectedEventId: null }, operator);
    expect(JSON.parse(await msg)).toEqual({ event: 'share.view', payload: { incidentId: 'inc-1', window: { from: 1_000, to: 2_000 }, cursor: 1_500, selectedEventId: null } });

    const ended = nextMessage(ws.ws);
    const closed = new Promise<number>((r) => ws.ws.once('close', (code) => r(code)));
    const t0 = Date.now();
    await s.core.dispatch('share.stop', {}, operator);
    expect(JSON.parse(await ended)).toEqual({ event: 'share.ended', payload: { reason: 'stopped' } });
    expect(await closed).toBe(4001);
    expect(Date.now() - t0).toBeLessThan(1_500);
    expect((await invoke(s, 'incidents.list', {}, auth)).status).toBe(401);
    expect(await openSocket(s.port, '/api/events', auth)).toEqual({ kind: 'refused', status: 401 });
    const page = await rawRequest(s.port, { path: `/?view=1&token=${s.token}` });
    expect(page.status).toBe(401);
    expect(page.body).toMatch(/share has ended/);
  });

  it('refuses the token once the share has expired, even before the core revokes it', async () => {
    let clock = Date.UTC(2026, 2, 14, 3, 0);
    const shareHost = createBrowserShareHost({ rendererDir: dir, log: () => undefined, now: () => clock });
    const gateway: ViewerGateway = { dispatch: () => Promise.resolve(ok([])), onPush: () => () => undefined };
    const token = 'x'.repeat(43);
    const l = await shareHost.open({ listen: '127.0.0.1', port: 0, token, expiresAt: clock + 60_000, gateway, onViewersChanged: () => undefined });
    try {
      const auth = { Authorization: `Bearer ${token}` };
      const before = await rawRequest(l.port, { method: 'POST', path: '/api/invoke/incidents.list', body: '{}', headers: { ...json, ...auth } });
      expect(before.status).toBe(200);
      clock += 60_000;
      const after = await rawRequest(l.port, { method: 'POST', path: '/api/invoke/incidents.list', body: '{}', headers: { ...json, ...auth } });
      expect(after.status).toBe(401);
      expect(await openSocket(l.port, '/api/events', auth)).toEqual({ kind: 'refused', status: 401 });
    } finally {
      await shareHost.close();
    }
  });

  it('says why it cannot listen, and a new share can take the port of a revoked one', async () => {
    const s = await startShare();
    const second = createBrowserShareHost({ rendererDir: dir, log: () => undefined });
    const gateway: ViewerGateway = { dispatch: () => Promise.resolve(ok(null)), onPush: () => () => undefined };
    await expect(second.open({ listen: '127.0.0.1', port: s.port, token: 'y'.repeat(43), expiresAt: Date.now() + 60_000, gateway, onViewersChanged: () => undefined })).rejects.toThrow(
      `port ${s.port} is in use`,
    );
    await s.core.dispatch('share.stop', {}, operator);
    const again = await s.core.dispatch('share.start', { listen: '127.0.0.1', port: s.port, expiresInSec: 900 }, operator);
    expect(again).toMatchObject({ ok: true, value: { active: true, port: s.port } });
    await second.close();
  });

  it('puts this machine’s address in the link for a wildcard listener', () => {
    expect(linkAddress('192.168.1.20')).toBe('192.168.1.20');
    expect(linkAddress('localhost')).toBe('127.0.0.1');
    expect(linkAddress('0.0.0.0')).toMatch(/^\d+\.\d+\.\d+\.\d+$/);
  });
});
