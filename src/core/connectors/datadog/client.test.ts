import { afterEach, describe, expect, it } from 'vitest';
import { startReplay, type ReplayServer } from '../kubernetes/replay-server';
import { testConnection } from '../../testing/connection';
import { datadogClient, siteUrl } from './client';
import { DD_EVENTS_V1_EXAMPLE, DD_LOGS_EXAMPLE, DD_METRICS_EXAMPLE, DD_MONITORS_EXAMPLE } from './examples';

let srv: ReplayServer | undefined;
afterEach(async () => srv?.close());
const auth = { type: 'apiKey' as const, apiKey: 'api-k', appKey: 'app-k' };

describe('datadog client', () => {
  it('site selection', () => {
    expect(siteUrl('datadoghq.eu')).toBe('https://api.datadoghq.eu');
    expect(siteUrl('us5.datadoghq.com')).toBe('https://api.us5.datadoghq.com');
    expect(siteUrl('ap1')).toBe('https://api.ap1.datadoghq.com');
    expect(siteUrl('ddog-gov.com')).toBe('https://api.ddog-gov.com');
    expect(siteUrl('https://app.datadoghq.com/')).toBe('https://api.datadoghq.com');
    expect(() => siteUrl('evil.example.com')).toThrow(/Unknown Datadog site/);
  });

  it('probe sends both keys; 403 → forbidden', async () => {
    srv = await startReplay((r) => (r.headers['dd-application-key'] === 'app-k' ? { body: { valid: true } } : { status: 403, body: { errors: ['Forbidden'] } }));
    expect(await datadogClient.probe(testConnection({ kind: 'datadog', url: srv.url, auth }))).toMatchObject({ ok: true });
    expect(srv.seen[0]?.headers['dd-api-key']).toBe('api-k');
    expect(await datadogClient.probe(testConnection({ kind: 'datadog', url: srv.url, auth: { type: 'apiKey', apiKey: 'x' } }))).toMatchObject({ ok: false, code: 'forbidden' });
  });

  it('fetchWindow: monitors, events, logs and the optional metrics query', async () => {
    srv = await startReplay((r) => {
      if (r.path === '/api/v1/monitor') return { body: DD_MONITORS_EXAMPLE };
      if (r.path === '/api/v1/events') return { body: DD_EVENTS_V1_EXAMPLE };
      if (r.path === '/api/v2/logs/events/search' && r.method === 'POST') return { body: DD_LOGS_EXAMPLE };
      if (r.path === '/api/v1/query') return { body: DD_METRICS_EXAMPLE };
      return undefined;
    });
    const conn = testConnection({ kind: 'datadog', url: srv.url, auth, options: { metrics_query: 'system.cpu.idle{*}by{host}' } });
    const b = await datadogClient.fetchWindow(conn, { from: 1346273000000, to: 1346356000000 });
    expect(b.events.filter((e) => e.kind === 'alert')).toHaveLength(2);
    expect(b.events.filter((e) => e.kind !== 'alert')).toHaveLength(2); // the two v1 events; the logs are from 2019, outside
    expect(b.series).toHaveLength(0); // metric points (2015) fall outside the window
    const logsReq = srv.seen.find((r) => r.path === '/api/v2/logs/events/search');
    expect(JSON.parse(logsReq?.body ?? '{}')).toMatchObject({ filter: { query: 'status:(error OR warn)' } });
    expect(srv.seen.find((r) => r.path === '/api/v1/events')?.query.get('start')).toBe('1346273000');
  });

  it('garbage → bad_shape', async () => {
    srv = await startReplay(() => ({ body: { nope: 1 } }));
    await expect(datadogClient.fetchWindow(testConnection({ kind: 'datadog', url: srv.url, auth }), { from: 0, to: 1 })).rejects.toMatchObject({ code: 'bad_shape' });
  });
});
