/**
 * OTLP ingest benchmark: spans/s end to end (HTTP POST of OTLP/JSON and OTLP/protobuf batches of
 * 1,000 spans from a client in a worker thread → the receiver → the mapper → the store), against a
 * bare better-sqlite3 insert of the same rows in the same run; and how long a batch takes to be
 * queryable (POST start → its last span visible through store.listEvents), p50/p99.
 * Env: BENCH_OTLP_SPANS (default 200,000 per encoding), BENCH_OTLP_CONCURRENCY (default 4).
 * Writes bench-results/otlp.json.
 */
import Database from 'better-sqlite3';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { CoreContext } from '../src/core/app/context';
import { DEFAULT_PRICES } from '../src/core/connectors/common/prices';
import { encodeRequest } from '../src/core/otlp/proto';
import { mapRequest, otlpRoutes } from '../src/core/otlp/routes';
import { startReceiver } from '../src/core/receiver/server';
import { toRow } from '../src/core/store/derive';
import { openStore } from '../src/core/store/store';
import { createThreadedWriter } from '../src/core/store/writer-thread';
import { existsSync } from 'node:fs';

const SPANS = Number(process.env.BENCH_OTLP_SPANS ?? 200_000);
const BATCH = 1_000;
const CONCURRENCY = Number(process.env.BENCH_OTLP_CONCURRENCY ?? 4);
const BATCHES = Math.max(1, Math.round(SPANS / BATCH));
const T0 = Date.UTC(2026, 2, 14, 2, 0);
const WORKER_FILE = join(process.cwd(), 'out', 'cli', 'workers', 'store-writer.mjs');
if (!existsSync(WORKER_FILE)) {
  console.error('the OTLP bench needs the built store writer: run `npm run build:cli` first');
  process.exit(1);
}
const dir = join(tmpdir(), `sitrep-otlp-bench-${process.pid}`);
mkdirSync(dir, { recursive: true });
const fmt = (n: number): string => Math.round(n).toLocaleString('en-US');
const pct = (xs: number[], p: number): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))] ?? NaN;
};
const hex = (n: number, len: number): string => n.toString(16).padStart(len, '0');
const kv = (key: string, v: string | number): Record<string, unknown> => ({ key, value: typeof v === 'string' ? { stringValue: v } : { intValue: String(v) } });

/** Batch b: 1,000 spans in their own second of time (20 % GenAI chat calls), in both encodings' shapes. */
function batch(b: number, binaryIds: boolean): Record<string, unknown> {
  const spans: Record<string, unknown>[] = [];
  for (let i = 0; i < BATCH; i++) {
    const startNs = BigInt(T0 + b * 1000) * 1_000_000n + BigInt(i) * 1_000n;
    const traceId = hex(b * 100 + Math.floor(i / 10) + 1, 32);
    const spanId = hex(b * BATCH + i + 1, 16);
    const llm = i % 5 === 0;
    const attrs = llm
      ? [kv('gen_ai.operation.name', 'chat'), kv('gen_ai.provider.name', 'openai'), kv('gen_ai.request.model', 'gpt-4o-mini'), kv('gen_ai.usage.input_tokens', 900 + i), kv('gen_ai.usage.output_tokens', 120), kv('gen_ai.response.finish_reasons', 'stop')]
      : [kv('http.request.method', 'GET'), kv('http.route', '/api/orders/{id}'), kv('http.response.status_code', 200), kv('server.address', 'orders.internal'), kv('url.path', `/api/orders/${i}`)];
    spans.push({
      traceId: binaryIds ? Buffer.from(traceId, 'hex') : traceId,
      spanId: binaryIds ? Buffer.from(spanId, 'hex') : spanId,
      name: llm ? 'chat gpt-4o-mini' : 'GET /api/orders/{id}',
      kind: llm ? 3 : 2,
      startTimeUnixNano: startNs.toString(),
      endTimeUnixNano: (startNs + 25_000_000n).toString(),
      attributes: attrs,
      status: {},
    });
  }
  return { resourceSpans: [{ resource: { attributes: [kv('service.name', `svc-${b % 5}`)] }, scopeSpans: [{ scope: { name: 'bench' }, spans }] }] };
}

const WORKER = `
const { parentPort, workerData } = require('node:worker_threads');
const http = require('node:http');
const agent = new http.Agent({ keepAlive: true, maxSockets: workerData.concurrency });
const { url, contentType, bodies, concurrency } = workerData;
const results = new Array(bodies.length);
let next = 0;
function post(i) {
  return new Promise((resolve, reject) => {
    const start = performance.timeOrigin + performance.now();
    const req = http.request(url, { method: 'POST', agent, headers: { 'Content-Type': contentType, 'Content-Length': bodies[i].byteLength } }, (res) => {
      res.resume();
      res.on('end', () => { results[i] = { status: res.statusCode, start, end: performance.timeOrigin + performance.now() }; parentPort.postMessage({ done: i, start }); resolve(); });
    });
    req.on('error', reject);
    req.end(Buffer.from(bodies[i]));
  });
}
async function lane() { while (next < bodies.length) { const i = next++; await post(i); } }
Promise.all(Array.from({ length: concurrency }, lane)).then(() => { agent.destroy(); parentPort.postMessage({ results }); });
`;

interface RunResult { encoding: string; spans: number; seconds: number; spansPerSec: number; non200: number; visibleP50Ms: number; visibleP99Ms: number; visibleMaxMs: number }

async function run(encoding: 'json' | 'protobuf', bodies: Uint8Array[]): Promise<RunResult> {
  const file = join(dir, `otlp-${encoding}.db`);
  for (const s of ['', '-wal', '-shm']) rmSync(file + s, { force: true });
  const store = openStore(file);
  // As the hosts run it: a writer thread with its own connection (needs `npm run build:cli`).
  const writer = createThreadedWriter(file, { workerFile: WORKER_FILE });
  await writer.ready;
  const ctx: CoreContext = { store, host: 'test', version: 'bench', readOnly: false, dataDir: null, emit: () => undefined, log: () => undefined, writer };
  const receiver = await startReceiver({ routes: otlpRoutes(ctx, { prices: DEFAULT_PRICES }), port: 0, log: () => undefined });
  const visible: number[] = [];
  const t0 = performance.now();
  const results = await new Promise<{ status: number }[]>((resolve, reject) => {
    const w = new Worker(WORKER, { eval: true, workerData: { url: `${receiver.url}/v1/traces`, contentType: encoding === 'json' ? 'application/json' : 'application/x-protobuf', bodies, concurrency: CONCURRENCY } });
    w.on('message', (m: { done?: number; start?: number; results?: { status: number }[] }) => {
      if (m.results) return resolve(m.results);
      if (m.done === undefined || m.start === undefined || m.done % 10 !== 0) return;
      // Is the batch's last span visible through the store's list query?
      const from = T0 + m.done * 1000;
      const lastTs = from + Math.floor(((BATCH - 1) * 1_000) / 1e6);
      if (store.listEvents({ from: lastTs, to: from + 1000, limit: 1 }).rows.length > 0) visible.push(performance.timeOrigin + performance.now() - m.start);
    });
    w.on('error', reject);
  });
  const seconds = (performance.now() - t0) / 1000;
  await receiver.close();
  await writer.close();
  const stored = store.stats().events;
  store.close();
  const non200 = results.filter((r) => r.status !== 200).length;
  if (stored !== bodies.length * BATCH - non200 * BATCH) console.error(`warning: ${stored} spans stored, expected ${bodies.length * BATCH}`);
  return { encoding, spans: stored, seconds, spansPerSec: stored / seconds, non200, visibleP50Ms: pct(visible, 50), visibleP99Ms: pct(visible, 99), visibleMaxMs: Math.max(...visible) };
}

function bare(): number {
  const rows: ReturnType<typeof toRow>[] = [];
  for (let b = 0; b < BATCHES; b++) rows.push(...mapRequest('traces', batch(b, false), DEFAULT_PRICES).events.map(toRow));
  const file = join(dir, 'bare.db');
  for (const s of ['', '-wal', '-shm']) rmSync(file + s, { force: true });
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.exec(`CREATE TABLE events (id INTEGER PRIMARY KEY, ts INTEGER, dur_ms REAL, kind TEXT, lane TEXT, service TEXT, name TEXT,
    status TEXT, score REAL, severity TEXT, tokens INTEGER, cost_usd REAL, trace_id TEXT, span_id TEXT, external_id TEXT, body TEXT, flags INTEGER)`);
  const ins = db.prepare('INSERT INTO events (ts, dur_ms, kind, lane, service, name, status, score, severity, tokens, cost_usd, trace_id, span_id, external_id, body, flags) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)');
  const t = performance.now();
  for (let i = 0; i < rows.length; i += BATCH) db.transaction(() => { for (const r of rows.slice(i, i + BATCH)) ins.run(r); })();
  const s = (performance.now() - t) / 1000;
  db.close();
  return rows.length / s;
}

console.log(`building ${fmt(BATCHES)} batches of ${fmt(BATCH)} spans…`);
const jsonBodies = Array.from({ length: BATCHES }, (_, b) => new Uint8Array(Buffer.from(JSON.stringify(batch(b, false)))));
const protoBodies = Array.from({ length: BATCHES }, (_, b) => encodeRequest('traces', batch(b, true)));
const json = await run('json', jsonBodies);
const proto = await run('protobuf', protoBodies);
const bareRate = bare();
rmSync(dir, { recursive: true, force: true });

const table = [json, proto].map((r) => ({
  encoding: r.encoding,
  'spans/s': fmt(r.spansPerSec),
  'vs bare insert': (r.spansPerSec / bareRate).toFixed(2),
  'visible p50 ms': r.visibleP50Ms.toFixed(1),
  'visible p99 ms': r.visibleP99Ms.toFixed(1),
  'non-200': r.non200,
}));
console.table(table);
console.log(`bare better-sqlite3 insert of the same rows (1,000-row transactions): ${fmt(bareRate)} rows/s; target ≥ 100,000 spans/s, p99 ≤ 1,000 ms`);
mkdirSync('bench-results', { recursive: true });
writeFileSync(
  join('bench-results', 'otlp.json'),
  JSON.stringify({ date: new Date().toISOString(), node: process.version, batchSpans: BATCH, concurrency: CONCURRENCY, bareRowsPerSec: bareRate, runs: [json, proto].map((r) => ({ ...r, ratioToBare: r.spansPerSec / bareRate })), targetSpansPerSec: 100_000, targetVisibleP99Ms: 1000 }, null, 2) + '\n',
);
