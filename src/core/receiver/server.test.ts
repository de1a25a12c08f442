import { request } from 'node:http';
import { gzipSync } from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import { otlpRoutes } from '../otlp/routes';
import { allEvents, startOtlp, testContext } from '../otlp/test-helpers';
import { decodeResponse, encodeRequest } from '../otlp/proto';
import { startReceiver, type Receiver } from './server';
import { ReceiverInputError } from './errors';
import type { ReceiverRequest } from './types';

let receiver: Receiver | null = null;
afterEach(async () => {
  await receiver?.close();
  receiver = null;
});

const hex = (n: number, len: number): string => n.toString(16).padStart(len, '0');

function traces(batch: number, count: number, extra: Record<string, unknown>[] = []): Record<string, unknown> {
  const spans: Record<string, unknown>[] = [];
  for (let i = 0; i < count; i++) {
    spans.push({ traceId: hex(batch + 1, 32), spanId: hex(i + 1, 16), name: `op-${i}`, kind: 2, startTimeUnixNano: String(1_700_000_000_000_000_000 + i * 1e6), endTimeUnixNano: String(1_700_000_000_005_000_000 + i * 1e6) });
  }
  return { resourceSpans: [{ resource: { attributes: [{ key: 'service.name', value: { stringValue: 'api' } }] }, scopeSpans: [{ scope: { name: 's' }, spans: [...spans, ...extra] }] }] };
}

const post = (url: string, body: Uint8Array | string, headers: Record<string, string> = { 'Content-Type': 'application/json' }): Promise<Response> =>
  fetch(url, { method: 'POST', body, headers });

describe('receiver server', () => {
  it('404 for unknown paths, 405 with Allow for a wrong method', async () => {
    receiver = await startOtlp(testContext());
    expect((await fetch(`${receiver.url}/nope`)).status).toBe(404);
    const r = await fetch(`${receiver.url}/v1/traces`);
    expect(r.status).toBe(405);
    expect(r.headers.get('allow')).toBe('POST');
  });

  it('stores OTLP/JSON, and answers partial success for the invalid spans only', async () => {
    const ctx = testContext();
    receiver = await startOtlp(ctx);
    const body = traces(0, 3, [{ spanId: 'ab', name: 'no trace id', startTimeUnixNano: '1700000000000000000' }]);
    const r = await post(`${receiver.url}/v1/traces`, JSON.stringify(body));
    expect(r.status).toBe(200);
    const answer = (await r.json()) as { partialSuccess: { rejectedSpans: number; errorMessage: string } };
    expect(answer.partialSuccess.rejectedSpans).toBe(1);
    expect(answer.partialSuccess.errorMessage).toMatch(/traceId/);
    expect(allEvents(ctx.store).map((e) => e.kind === 'span' && e.name).sort()).toEqual(['op-0', 'op-1', 'op-2']);
  });

  it('answers protobuf with a protobuf ExportTraceServiceResponse', async () => {
    const ctx = testContext();
    receiver = await startOtlp(ctx);
    const doc = traces(1, 2);
    const rs = (doc.resourceSpans as { scopeSpans: { spans: Record<string, unknown>[] }[] }[])[0]!;
    for (const s of rs.scopeSpans[0]!.spans) {
      s.traceId = Buffer.from(s.traceId as string, 'hex');
      s.spanId = Buffer.from(s.spanId as string, 'hex');
    }
    rs.scopeSpans[0]!.spans.push({ traceId: Buffer.alloc(16, 1), name: 'no span id', startTimeUnixNano: '1700000000000000000' });
    const r = await post(`${receiver.url}/v1/traces`, encodeRequest('traces', doc), { 'Content-Type': 'application/x-protobuf' });
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toBe('application/x-protobuf');
    expect(decodeResponse('traces', new Uint8Array(await r.arrayBuffer()))).toEqual({ partialSuccess: { rejectedSpans: 1, errorMessage: expect.stringMatching(/spanId/) } });
    expect(allEvents(ctx.store)).toHaveLength(2);
  });

  it('malformed JSON and protobuf → 400 with a clear message, nothing stored', async () => {
    const ctx = testContext();
    receiver = await startOtlp(ctx);
    const j = await post(`${receiver.url}/v1/traces`, '{"resourceSpans": [');
    expect(j.status).toBe(400);
    expect(((await j.json()) as { message: string }).message).toMatch(/not a valid OTLP\/JSON traces request/);
    const p = await post(`${receiver.url}/v1/logs`, new Uint8Array([0x0a, 0xff, 0xff, 0xff, 0x0f, 1]), { 'Content-Type': 'application/x-protobuf' });
    expect(p.status).toBe(400);
    const t = await post(`${receiver.url}/v1/metrics`, 'hello', { 'Content-Type': 'text/plain' });
    expect(t.status).toBe(415);
    const w = await post(`${receiver.url}/v1/traces`, '[1,2]');
    expect(w.status).toBe(400);
    expect(allEvents(ctx.store)).toHaveLength(0);
  });

  it('gzip bodies are decoded; a gzip bomb stops at the limit with 413', async () => {
    const ctx = testContext();
    receiver = await startOtlp(ctx, { maxBodyBytes: 1024 * 1024 });
    const ok = await post(`${receiver.url}/v1/traces`, gzipSync(JSON.stringify(traces(2, 5))), { 'Content-Type': 'application/json', 'Content-Encoding': 'gzip' });
    expect(ok.status).toBe(200);
    expect(allEvents(ctx.store)).toHaveLength(5);
    const bomb = gzipSync(Buffer.alloc(20 * 1024 * 1024, 0x20));
    expect(bomb.byteLength).toBeLessThan(1024 * 1024);
    const r = await post(`${receiver.url}/v1/traces`, bomb, { 'Content-Type': 'application/json', 'Content-Encoding': 'gzip' });
    expect(r.status).toBe(413);
    const bad = await post(`${receiver.url}/v1/traces`, 'not gzip', { 'Content-Type': 'application/json', 'Content-Encoding': 'gzip' });
    expect(bad.status).toBe(400);
  });

  it('413 on Content-Length and while streaming a chunked body', async () => {
    receiver = await startOtlp(testContext(), { maxBodyBytes: 1000 });
    expect((await post(`${receiver.url}/v1/traces`, 'x'.repeat(5000))).status).toBe(413);
    const status = await new Promise<number>((resolve, reject) => {
      const req = request(`${receiver!.url}/v1/traces`, { method: 'POST', headers: { 'Content-Type': 'application/json', 'Transfer-Encoding': 'chunked' } }, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      });
      req.on('error', reject);
      for (let i = 0; i < 5; i++) req.write('y'.repeat(400));
      req.end();
    });
    expect(status).toBe(413);
  });

  it('a route throwing bad input → 400; a bug → 500 (logged)', async () => {
    const logged: string[] = [];
    receiver = await startReceiver({
      port: 0,
      log: (m) => logged.push(m),
      routes: [
        { method: 'POST', path: '/bad', handle: () => { throw new ReceiverInputError('missing field x'); } },
        { method: 'POST', path: /^\/bug\/\d+$/, handle: () => { throw new Error('boom'); } },
      ],
    });
    const b = await post(`${receiver.url}/bad`, '{}');
    expect([b.status, await b.text()]).toEqual([400, 'missing field x\n']);
    expect((await post(`${receiver.url}/bug/1`, '{}')).status).toBe(500);
    expect(logged.join('\n')).toMatch(/bug/);
  });

  it('overload: a tiny queue in front of a slow store answers 429 + Retry-After, and loses nothing it acknowledged', async () => {
    const ctx = testContext();
    // A slow store: each write takes 100 ms without blocking the event loop (as a store in a worker would).
    const routes = otlpRoutes(ctx).map((r) => ({ ...r, handle: async (req: ReceiverRequest) => { await new Promise((d) => setTimeout(d, 100)); return r.handle(req); } }));
    receiver = await startReceiver({ routes, port: 0, queueLimit: 2, log: () => undefined });
    const url = receiver.url;
    const answers = await Promise.all(Array.from({ length: 8 }, (_, i) => post(`${url}/v1/traces`, JSON.stringify(traces(100 + i, 10)))));
    const statuses = answers.map((r) => r.status);
    expect(statuses.filter((s) => s === 200).length).toBeGreaterThanOrEqual(2);
    expect(statuses).toContain(429);
    expect(statuses.every((s) => s === 200 || s === 429)).toBe(true);
    for (const r of answers) if (r.status === 429) expect(r.headers.get('retry-after')).toBe('1');
    const acknowledged = new Set(answers.flatMap((r, i) => (r.status === 200 ? [hex(100 + i + 1, 32)] : [])));
    const stored = allEvents(ctx.store);
    expect(new Set(stored.map((e) => e.traceId))).toEqual(acknowledged);
    expect(stored).toHaveLength(acknowledged.size * 10);
  });

  it('warns loudly when bound beyond loopback', async () => {
    const logged: string[] = [];
    receiver = await startReceiver({ routes: [], host: '0.0.0.0', port: 0, log: (m) => logged.push(m) });
    expect(logged.join('\n')).toMatch(/WARNING.*0\.0\.0\.0/);
  });
});
