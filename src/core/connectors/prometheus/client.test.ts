/** The client against tiny loopback fakes: auth, refused, wrong API shape, error envelopes, POST for long queries, steps. */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import type { Connection } from '../../../shared/connections';
import { freePort } from '../../testing/servers/process';
import { PromQueryError } from './api';
import { alignRange, chooseStep, GET_MAX_QUERY, MAX_POINTS, probe, queryRange } from './client';

function conn(url: string, extra: Partial<Connection> = {}): Connection {
  return { id: 'c1', createdAt: 0, name: 'p', kind: 'prometheus', url, auth: { type: 'none' }, tls: { insecureSkipVerify: false }, headers: {}, options: {}, timeoutMs: 2000, ...extra };
}

let server: Server | null = null;
afterEach(async () => {
  const s = server;
  server = null;
  if (s) await new Promise<void>((r) => s.close(() => r()));
});

async function fake(handler: (req: IncomingMessage, body: string, res: ServerResponse) => void): Promise<string> {
  const port = await freePort();
  server = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => handler(req, body, res));
  });
  await new Promise<void>((r) => server?.listen(port, '127.0.0.1', () => r()));
  return `http://127.0.0.1:${port}`;
}
const json = (res: ServerResponse, status: number, doc: unknown): void => {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(doc));
};

describe('prometheusClient.probe', () => {
  it('reports unauthorized for a wrong bearer token, and passes with the right one (and custom headers)', async () => {
    const seen: string[] = [];
    const url = await fake((req, _b, res) => {
      seen.push(String(req.headers['x-scope-orgid']));
      if (req.headers.authorization !== 'Bearer right') return json(res, 401, { error: 'unauthorized' });
      json(res, 200, { status: 'success', data: { version: '2.99.0' } });
    });
    const bad = await probe(conn(url, { auth: { type: 'bearer', token: 'wrong' } }));
    expect(bad).toMatchObject({ ok: false, code: 'unauthorized' });
    const good = await probe(conn(url, { auth: { type: 'bearer', token: 'right' }, headers: { 'X-Scope-OrgID': 'tenant-1' } }));
    expect(good).toMatchObject({ ok: true, detail: 'Prometheus API, version 2.99.0' });
    expect(seen.at(-1)).toBe('tenant-1');
  });

  it('reports refused when nothing listens', async () => {
    const port = await freePort();
    expect(await probe(conn(`http://127.0.0.1:${port}`))).toMatchObject({ ok: false, code: 'refused', latencyMs: null });
  });

  it('reports bad_shape for a web server that is not Prometheus (200 HTML, and 404s)', async () => {
    const html = await fake((_q, _b, res) => {
      res.writeHead(200, { 'content-type': 'text/html' });
      res.end('<html>hello</html>');
    });
    expect(await probe(conn(html))).toMatchObject({ ok: false, code: 'bad_shape' });
    await new Promise<void>((r) => server?.close(() => r()));
    server = null;
    const notFound = await fake((_q, _b, res) => json(res, 404, { message: 'no route' }));
    expect(await probe(conn(notFound))).toMatchObject({ ok: false, code: 'bad_shape' });
  });

  it('falls back to vector(1) without buildinfo (VictoriaMetrics/Mimir style)', async () => {
    const url = await fake((req, _b, res) => {
      if (req.url?.startsWith('/prefix/api/v1/status/buildinfo')) return json(res, 404, {});
      if (req.url?.startsWith('/prefix/api/v1/query')) return json(res, 200, { status: 'success', data: { resultType: 'vector', result: [{ metric: {}, value: [1, '1'] }] } });
      json(res, 404, {});
    });
    expect(await probe(conn(`${url}/prefix`))).toMatchObject({ ok: true, detail: expect.stringContaining('vector(1)') });
  });
});

describe('queryRange', () => {
  it('keeps Prometheus error envelopes as clear errors', async () => {
    const url = await fake((_q, _b, res) => json(res, 400, { status: 'error', errorType: 'bad_data', error: '1:6: parse error: unexpected end of input' }));
    const err = await queryRange(conn(url), 'rate(', 0, 60_000, 15).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(PromQueryError);
    expect((err as PromQueryError).message).toBe('Prometheus rejected the query (bad_data): 1:6: parse error: unexpected end of input');
  });

  it('POSTs long queries form-encoded and GETs short ones', async () => {
    const calls: { method: string; body: string; url: string }[] = [];
    const url = await fake((req, body, res) => {
      calls.push({ method: req.method ?? '', body, url: req.url ?? '' });
      json(res, 200, { status: 'success', data: { resultType: 'matrix', result: [] } });
    });
    await queryRange(conn(url), 'up', 0, 60_000, 15);
    const long = `sum(${'up + '.repeat(GET_MAX_QUERY / 4)}up)`;
    await queryRange(conn(url), long, 0, 60_000, 15);
    expect(calls[0]?.method).toBe('GET');
    expect(calls[0]?.url).toContain('query=up');
    expect(calls[1]?.method).toBe('POST');
    expect(new URLSearchParams(calls[1]?.body).get('query')).toBe(long);
    expect(new URLSearchParams(calls[1]?.body).get('step')).toBe('15');
  });
});

describe('steps', () => {
  it('keeps at most ~1,100 points per series, never below 1 s, aligned', () => {
    expect(chooseStep(0, 60_000)).toBe(1);
    expect(chooseStep(0, 3_600_000)).toBe(5);
    expect(chooseStep(0, 24 * 3_600_000)).toBe(120);
    for (const span of [1, 1000, 59_000, 3_600_000, 86_400_000, 30 * 86_400_000]) {
      const step = chooseStep(1_700_000_000_000, 1_700_000_000_000 + span);
      const { start, end } = alignRange(1_700_000_000_000, 1_700_000_000_000 + span, step);
      expect(step).toBeGreaterThanOrEqual(1);
      expect(start % step).toBe(0);
      expect((end - start) / step + 1).toBeLessThanOrEqual(MAX_POINTS + 2);
    }
  });
});
