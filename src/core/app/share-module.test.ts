import { afterEach, describe, expect, it, vi } from 'vitest';
import type { PushEvent } from '../../shared/contract';
import { CHANNEL_NAMES } from '../../shared/channel-names';
import type { Envelope } from '../../shared/envelope';
import { isViewerChannel, VIEWER_CHANNELS } from '../../shared/viewer-channels';
import { contractSamples, sampleIncident } from '../contract/samples';
import type { SenderInfo } from '../contract/handlers';
import type { ShareHost, ShareListenOptions, ViewerGateway } from '../share/host';
import { assembleCore } from './assemble';
import { createShareModule } from './share-module';
import type { JournalService } from '../journal/service';
import { createFakeStore } from './fake-store';

const operator: SenderInfo = { host: 'browser', role: 'operator' };
const viewer: SenderInfo = { host: 'browser', role: 'viewer' };
const quiet = (): void => undefined;

function value<T = unknown>(env: Envelope<unknown>): T {
  if (!env.ok) throw new Error(`${env.error.code}: ${env.error.message}`);
  return env.value as T;
}

/** A ShareHost that records what the core gives it instead of listening. */
function fakeHost() {
  const opened: ShareListenOptions[] = [];
  const revoked: number[] = [];
  const host: ShareHost = {
    open(opts) {
      opened.push(opts);
      if (opts.listen === '203.0.113.9') return Promise.reject(new Error('address not available'));
      return Promise.resolve({ url: `http://${opts.listen}:5555/?view=1&token=${opts.token}`, port: 5555, viewers: () => 1, revoke: async () => void revoked.push(Date.now()) });
    },
  };
  return { host, opened, revoked };
}

afterEach(() => {
  vi.useRealTimers();
});

describe('viewer allowlist in the dispatcher', () => {
  it('refuses every channel not on the allowlist with forbidden, before parsing or calling anything', async () => {
    const core = assembleCore(createFakeStore({ incidents: [sampleIncident] }), { host: 'browser', log: quiet });
    const refused = CHANNEL_NAMES.filter((c) => !isViewerChannel(c));
    expect(refused.length).toBeGreaterThan(30);
    for (const channel of refused) {
      for (const input of [contractSamples[channel].good, contractSamples[channel].bad, undefined]) {
        const env = await core.dispatch(channel, input, viewer);
        expect(env, channel).toMatchObject({ ok: false, error: { code: 'forbidden' } });
      }
    }
    core.close();
  });

  it('lets a viewer call the allowlisted read channels, masked', async () => {
    const core = assembleCore(createFakeStore({ incidents: [{ ...sampleIncident, summary: 'reported by ops@corp.example' }] }), { host: 'browser', log: quiet });
    for (const channel of VIEWER_CHANNELS) {
      const env = await core.dispatch(channel, contractSamples[channel].good, viewer);
      if (!env.ok) expect(env.error.code, channel).not.toBe('forbidden');
    }
    const list = value<Array<{ summary: string }>>(await core.dispatch('incidents.list', {}, viewer));
    expect(list[0]?.summary).toBe('reported by ‹email·1›');
    expect(value<{ role: string; on: boolean; forced: boolean }>(await core.dispatch('presentation.get', {}, viewer))).toMatchObject({ role: 'viewer', on: true, forced: true });
    // The operator, not presenting, sees the original.
    expect(value<Array<{ summary: string }>>(await core.dispatch('incidents.list', {}, operator))[0]?.summary).toBe('reported by ops@corp.example');
    core.close();
  });
});

describe('share module', () => {
  it('says sharing is unavailable where the host gives no listener', async () => {
    const core = assembleCore(createFakeStore(), { host: 'electron', log: quiet });
    expect(value(await core.dispatch('share.status', {}, operator))).toMatchObject({ available: false, active: false });
    expect(await core.dispatch('share.start', { listen: '127.0.0.1', port: 0, expiresInSec: 900 }, operator)).toMatchObject({
      ok: false,
      error: { code: 'forbidden', message: expect.stringContaining('sitrep serve') },
    });
    core.close();
  });

  it('starts one share with its own token and expiry, hands the host a viewer-bound gateway, and stops it', async () => {
    const { host, opened, revoked } = fakeHost();
    const core = assembleCore(createFakeStore({ incidents: [sampleIncident] }), { host: 'browser', log: quiet, shareHost: host });
    const pushes: Array<[PushEvent, unknown]> = [];
    core.onPush((e, p) => void pushes.push([e, p]));
    const before = Date.now();
    const st = value<{ active: boolean; url: string; expiresAt: number; name: string; exposed: boolean }>(
      await core.dispatch('share.start', { listen: '127.0.0.1', port: 0, expiresInSec: 900 }, operator),
    );
    expect(st).toMatchObject({ active: true, name: 'the commander', exposed: false });
    expect(st.expiresAt).toBeGreaterThanOrEqual(before + 900_000);
    const o = opened[0] as ShareListenOptions;
    expect(o.token.length).toBeGreaterThanOrEqual(43);
    expect(st.url).toContain(o.token);
    expect(await core.dispatch('share.start', { listen: '127.0.0.1', port: 0, expiresInSec: 900 }, operator)).toMatchObject({ ok: false, error: { code: 'bad_input' } });

    // The gateway dispatches as a viewer: mutating channels are refused, read ones masked.
    expect(await o.gateway.dispatch('share.stop', {})).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await o.gateway.dispatch('journal.list', {})).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await o.gateway.dispatch('share.status', {})).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(value(await o.gateway.dispatch('share.state', {}))).toMatchObject({ name: 'the commander', view: null });
    const heard: PushEvent[] = [];
    const off = o.gateway.onPush((e) => void heard.push(e));
    core.emit('import.progress', { jobId: 'job-12345678', file: 'a.json', bytesDone: 0, bytesTotal: 1, done: false });
    core.emit('store.changed', { areas: ['events'] });

    expect(value(await core.dispatch('share.follow', { incidentId: 'inc-1', window: { from: 1, to: 2 }, cursor: null, selectedEventId: null }, operator))).toEqual({ delivered: true });
    expect(heard).toEqual(['store.changed', 'share.view']);

    const stopped = value<{ active: boolean; ended: { reason: string } }>(await core.dispatch('share.stop', {}, operator));
    expect(stopped).toMatchObject({ active: false, url: null, ended: { reason: 'stopped' } });
    expect(revoked).toHaveLength(1);
    expect(heard).toContain('share.ended');
    expect(pushes.map(([e]) => e)).toContain('share.changed');
    expect(value(await core.dispatch('share.follow', { incidentId: null, window: null, cursor: null, selectedEventId: null }, operator))).toEqual({ delivered: false });
    expect(value(await o.gateway.dispatch('share.state', {}))).toBeNull();
    off();
    core.close();
  });

  it('reports a listener that cannot start as bad input, and starts fine afterwards', async () => {
    const { host } = fakeHost();
    const core = assembleCore(createFakeStore(), { host: 'browser', log: quiet, shareHost: host });
    const env = await core.dispatch('share.start', { listen: '203.0.113.9', port: 4000, expiresInSec: 900 }, operator);
    expect(env).toMatchObject({ ok: false, error: { code: 'bad_input', message: expect.stringContaining('203.0.113.9:4000: address not available') } });
    expect(value(await core.dispatch('share.start', { listen: '0.0.0.0', port: 0, expiresInSec: 900, name: 'Ana' }, operator))).toMatchObject({ active: true, exposed: true, name: 'Ana' });
    core.close();
  });

  it('revokes the share when it expires', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
    const { host, revoked } = fakeHost();
    const core = assembleCore(createFakeStore(), { host: 'browser', log: quiet, shareHost: host });
    await core.dispatch('share.start', { listen: '127.0.0.1', port: 0, expiresInSec: 60 }, operator);
    await vi.advanceTimersByTimeAsync(59_000);
    expect(revoked).toHaveLength(0);
    await vi.advanceTimersByTimeAsync(1_500);
    expect(revoked).toHaveLength(1);
    expect(value(await core.dispatch('share.status', {}, operator))).toMatchObject({ active: false, ended: { reason: 'expired' } });
    core.close();
  });

  it('sends viewers the commander view at most every 100 ms, the last one always', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
    const { host, opened } = fakeHost();
    const core = assembleCore(createFakeStore(), { host: 'browser', log: quiet, shareHost: host });
    await core.dispatch('share.start', { listen: '127.0.0.1', port: 0, expiresInSec: 900 }, operator);
    const views: unknown[] = [];
    (opened[0] as ShareListenOptions).gateway.onPush((e, p) => {
      if (e === 'share.view') views.push((p as { cursor: number }).cursor);
    });
    for (let i = 1; i <= 20; i++) {
      await core.dispatch('share.follow', { incidentId: 'inc-1', window: { from: 1, to: 2 }, cursor: i, selectedEventId: null }, operator);
      await vi.advanceTimersByTimeAsync(10);
    }
    await vi.advanceTimersByTimeAsync(200);
    expect(views.length).toBeLessThanOrEqual(4);
    expect(views.at(-1)).toBe(20);
    core.close();
  });
});

describe('the share in the journal', () => {
  it('records who started and stopped a share, where and until when, never the link token', async () => {
    const { host } = fakeHost();
    const appended: { kind: string; payload: unknown; actor: string }[] = [];
    const journal = { append: (kind: string, payload: unknown, actor: string) => (appended.push({ kind, payload, actor }), { status: 'queued', queued: appended.length }) };
    const mod = createShareModule({ emit: () => undefined, log: quiet, journal: journal as unknown as JournalService }, { host, gateway: () => ({ dispatch: async () => ({ ok: true, value: null }), onPush: () => () => undefined }) as unknown as ViewerGateway });
    const started = await mod.handlers['share.start']({ listen: '127.0.0.1', port: 0, expiresInSec: 900 }, operator);
    await mod.handlers['share.stop']({}, operator);
    await mod.handlers['share.stop']({}, operator);
    expect(appended.map((a) => [a.kind, (a.payload as { detail: { type: string } }).detail.type, a.actor])).toEqual([
      ['note', 'share_started', 'browser:commander'],
      ['note', 'share_stopped', 'browser:commander'],
    ]);
    expect((appended[0]?.payload as { text: string }).text).toMatch(/127\.0\.0\.1:5555 \(loopback only\), until 20\d\d-/);
    const token = new URL(started.url ?? 'http://x').searchParams.get('token') ?? '';
    expect(token.length).toBeGreaterThan(10);
    expect(JSON.stringify(appended)).not.toContain(token);
    mod.close?.();
  });
});

describe('what a share shows', () => {
  it('lists only the incident the commander has open, and refuses another one', async () => {
    const { host, opened } = fakeHost();
    const other = { ...sampleIncident, id: 'INC-OTHER-1', title: 'another incident' };
    const core = assembleCore(createFakeStore({ incidents: [sampleIncident, other] }), { host: 'browser', log: quiet, shareHost: host });
    value(await core.dispatch('share.start', { listen: '127.0.0.1', port: 0, expiresInSec: 900 }, operator));
    const gw = (opened[0] as ShareListenOptions).gateway;
    // Before the commander opens anything, a viewer sees no incident at all.
    expect(value(await gw.dispatch('incidents.list', {}))).toEqual([]);
    value(await core.dispatch('share.follow', { incidentId: sampleIncident.id, window: null, cursor: null, selectedEventId: null }, operator));
    expect(value<{ id: string }[]>(await gw.dispatch('incidents.list', {})).map((i) => i.id)).toEqual([sampleIncident.id]);
    expect(await gw.dispatch('incidents.get', { id: sampleIncident.id })).toMatchObject({ ok: true });
    expect(await gw.dispatch('incidents.get', { id: other.id })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await gw.dispatch('analysis.latest', { incidentId: other.id })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    // The operator's own view is not narrowed.
    expect(value<unknown[]>(await core.dispatch('incidents.list', {}, operator))).toHaveLength(2);
    core.close();
  });
});
