import { afterEach, describe, expect, it } from 'vitest';
import { startReplay, type ReplayServer } from '../kubernetes/replay-server';
import { testConnection } from '../../testing/connection';
import { DEFAULT_SELECTOR, lokiClient } from './client';
import { LOKI_STREAMS_EXAMPLE } from './examples';

let srv: ReplayServer | undefined;
afterEach(async () => srv?.close());
const W = { from: 1569266400000, to: 1569266500000 };

describe('loki client against a loopback replay of the documented answers', () => {
  it('probe: labels list → ok; bearer header sent', async () => {
    srv = await startReplay((r) => (r.path === '/loki/api/v1/labels' ? { body: { status: 'success', data: ['job', 'level'] } } : undefined));
    const conn = testConnection({ kind: 'loki', url: srv.url, auth: { type: 'bearer', token: 's3cret' } });
    const p = await lokiClient.probe(conn);
    expect(p).toMatchObject({ ok: true, detail: 'Loki answered with 2 labels' });
    expect(srv.seen[0]?.headers.authorization).toBe('Bearer s3cret');
  });

  it('fetchWindow: query_range with the default selector and nanosecond bounds', async () => {
    srv = await startReplay((r) => (r.path.endsWith('/loki/api/v1/query_range') ? { body: LOKI_STREAMS_EXAMPLE } : undefined));
    const b = await lokiClient.fetchWindow(testConnection({ kind: 'loki', url: `${srv.url}/prefix` }), W);
    expect(b.events).toHaveLength(3);
    const q = srv.seen[0]?.query;
    expect(srv.seen[0]?.path).toBe('/prefix/loki/api/v1/query_range');
    expect(q?.get('query')).toBe(DEFAULT_SELECTOR);
    expect(q?.get('start')).toBe('1569266400000000000');
    expect(q?.get('end')).toBe('1569266500000000000');
    expect(q?.get('direction')).toBe('backward');
  });

  it('401 → unauthorized; garbage → bad_shape; refused → refused', async () => {
    srv = await startReplay((r) => (r.headers.authorization ? { body: '<html>', raw: true } : { status: 401, body: {} }));
    expect(await lokiClient.probe(testConnection({ kind: 'loki', url: srv.url }))).toMatchObject({ ok: false, code: 'unauthorized' });
    const conn = testConnection({ kind: 'loki', url: srv.url, auth: { type: 'bearer', token: 't' } });
    expect(await lokiClient.probe(conn)).toMatchObject({ ok: false, code: 'bad_shape' });
    await expect(lokiClient.fetchWindow(conn, W)).rejects.toMatchObject({ code: 'bad_shape' });
    const url = srv.url;
    await srv.close();
    srv = undefined;
    expect(await lokiClient.probe(testConnection({ kind: 'loki', url }))).toMatchObject({ ok: false, code: 'refused' });
  });

  it('a JSON answer of the wrong shape is bad_shape with the path', async () => {
    srv = await startReplay(() => ({ body: { status: 'success', data: { resultType: 'streams', result: [{ stream: {}, values: [[1, 2]] }] } } }));
    await expect(lokiClient.fetchWindow(testConnection({ kind: 'loki', url: srv.url }), W)).rejects.toMatchObject({ code: 'bad_shape', message: expect.stringContaining('$.data.result[0].values[0]') as unknown });
  });
});
