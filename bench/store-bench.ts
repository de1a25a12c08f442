/**
 * Store benchmarks. (1) Ingest: the store's bulk path vs a bare better-sqlite3 insert of the same
 * rows (same columns, one prepared statement, one transaction, WAL, no indexes, no rollups);
 * 3 runs, medians. (2) Window query latency over a 10M-event store at three zoom levels.
 * Env: BENCH_EVENTS (default 1,000,000), BENCH_WINDOW_EVENTS (default 10,000,000).
 * Flags: --source demo|synthetic for the ingest rows (default: the built-in demo incident, as
 * `sitrep demo` writes it; the window query always uses the synthetic 23-hour generator).
 * Writes bench-results/store.json.
 */
import Database from 'better-sqlite3';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { EventInput } from '../src/shared/events';
import type { LaneRequest } from '../src/shared/window';
import { toRow } from '../src/core/store/derive';
import { openStore } from '../src/core/store/store';
import type { SeriesDef } from '../src/core/store/api';
import { writeDemo } from '../src/core/demo';
import { generate, SERIES } from './synthetic';

const INGEST_EVENTS = Number(process.env.BENCH_EVENTS ?? 1_000_000);
const WINDOW_EVENTS = Number(process.env.BENCH_WINDOW_EVENTS ?? 10_000_000);
const WIDTH_PX = 1600;
const QUERIES = 50;
const RUNS = 3;

const sourceArg = process.argv.indexOf('--source');
const SOURCE = sourceArg >= 0 && process.argv[sourceArg + 1] === 'synthetic' ? 'synthetic' : 'demo';

const dir = join(tmpdir(), `sitrep-store-bench-${process.pid}`);
mkdirSync(dir, { recursive: true });
const removeDb = (f: string): void => {
  for (const s of ['', '-wal', '-shm']) rmSync(f + s, { force: true });
};
const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] ?? NaN;
};
const pct = (xs: number[], p: number): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)] ?? NaN;
};
const fmt = (n: number): string => Math.round(n).toLocaleString('en-US');

// ---------- (1) ingest ----------
// The rows are generated once, up front, so both paths time only the writing of the same rows.
const events: EventInput[] = [];
const pts: number[][] = [];
const seriesDefs: SeriesDef[] = [];
let genMs = 0;
if (SOURCE === 'demo') {
  console.log(`generating the demo incident at ${fmt(INGEST_EVENTS)} events…`);
  const tg = performance.now();
  writeDemo(
    {
      event: (e) => events.push(e),
      row: () => {
        throw new Error('the demo generator writes events, not rows');
      },
      series: (d) => seriesDefs.push(d) - 1,
      point: (sid, ts, v) => pts.push([sid, ts, v]),
      flush: () => undefined,
      commit: () => ({ events: events.length, duplicates: 0, points: pts.length, series: seriesDefs.length }),
    },
    { events: INGEST_EVENTS },
  );
  genMs = performance.now() - tg;
} else {
  console.log(`generating ${fmt(INGEST_EVENTS)} synthetic events…`);
  seriesDefs.push(...SERIES);
  generate(INGEST_EVENTS, { event: (e) => events.push(e), point: (s, ts, v) => pts.push([s, ts, v]) });
}
const rows = events.length + pts.length;
console.log(`${fmt(events.length)} events + ${fmt(pts.length)} metric points (${SOURCE})`);

function bare(file: string): number {
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.exec(`CREATE TABLE events (id INTEGER PRIMARY KEY, ts INTEGER, dur_ms REAL, kind TEXT, lane TEXT, service TEXT, name TEXT,
    status TEXT, score REAL, severity TEXT, tokens INTEGER, cost_usd REAL, trace_id TEXT, span_id TEXT, external_id TEXT, body TEXT, flags INTEGER);
    CREATE TABLE metric_points (series_id INTEGER, ts INTEGER, value REAL);`);
  const ins = db.prepare('INSERT INTO events (ts, dur_ms, kind, lane, service, name, status, score, severity, tokens, cost_usd, trace_id, span_id, external_id, body, flags) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)');
  const insP = db.prepare('INSERT INTO metric_points (series_id, ts, value) VALUES (?, ?, ?)');
  const t0 = performance.now();
  db.transaction(() => {
    for (const e of events) ins.run(toRow(e));
    for (const p of pts) insP.run(p[0], p[1], p[2]);
  })();
  const ms = performance.now() - t0;
  db.close();
  return ms;
}

function store(file: string): number {
  const t0 = performance.now();
  const s = openStore(file);
  const w = s.bulk();
  const ids = seriesDefs.map((d) => w.series(d));
  for (const e of events) w.event(e);
  for (const p of pts) w.point(ids[p[0] ?? 0] ?? 0, p[1] ?? 0, p[2] ?? 0);
  w.commit();
  const ms = performance.now() - t0;
  s.close();
  return ms;
}

const ingestRuns: { bareRowsPerSec: number; storeRowsPerSec: number; ratio: number }[] = [];
for (let run = 1; run <= RUNS; run++) {
  const fb = join(dir, `bare-${run}.db`);
  const fs = join(dir, `store-${run}.db`);
  const bareMs = bare(fb);
  const storeMs = store(fs);
  removeDb(fb);
  removeDb(fs);
  const r = { bareRowsPerSec: (rows / bareMs) * 1000, storeRowsPerSec: (rows / storeMs) * 1000, ratio: bareMs / storeMs };
  ingestRuns.push(r);
  console.log(`run ${run}: bare ${fmt(r.bareRowsPerSec)} rows/s, store ${fmt(r.storeRowsPerSec)} rows/s, ratio ${r.ratio.toFixed(2)}`);
}
const ingest = {
  source: SOURCE,
  generateMs: genMs,
  events: events.length,
  points: pts.length,
  runs: ingestRuns,
  medianBareRowsPerSec: median(ingestRuns.map((r) => r.bareRowsPerSec)),
  medianStoreRowsPerSec: median(ingestRuns.map((r) => r.storeRowsPerSec)),
  medianRatio: median(ingestRuns.map((r) => r.ratio)),
  targetRatio: 0.5,
};
events.length = 0;
pts.length = 0;

// ---------- (2) window query ----------
const wfile = join(dir, 'window.db');
console.log(`\nbuilding a ${fmt(WINDOW_EVENTS)}-event store at ${wfile}…`);
const tb = performance.now();
const ws = openStore(wfile);
const ww = ws.bulk();
const wids = SERIES.map((d) => ww.series(d));
generate(WINDOW_EVENTS, { event: (e) => ww.event(e), point: (s, ts, v) => ww.point(wids[s] ?? 0, ts, v) }, 7);
const built = ww.commit();
const buildMs = performance.now() - tb;
console.log(`built in ${(buildMs / 1000).toFixed(1)} s (${fmt(built.events)} events, ${fmt(built.points)} points)`);
ws.close();

const rs = openStore(wfile, { readOnly: true });
const ext = rs.extent();
if (ext === null) throw new Error('empty store');
const span = ext.to - ext.from;
const lanes: LaneRequest[] = [
  ...(['alerts', 'changes', 'llm', 'agent', 'traces', 'logs'] as const).map((lane) => ({ type: 'events' as const, lane })),
  ...(['gpu', 'inference', 'infra'] as const).map((lane) => ({ type: 'metrics' as const, lane })),
];
let seed = 1;
const rand = (): number => {
  seed = (seed * 16807) % 2147483647;
  return seed / 2147483647;
};
const zooms = [
  { name: 'whole span', fraction: 1 },
  { name: '1/20', fraction: 1 / 20 },
  { name: '1/1000', fraction: 1 / 1000 },
];
const windowRows = zooms.map((z) => {
  const len = Math.max(1, Math.round(span * z.fraction));
  const times: number[] = [];
  const resolutions = new Set<string>();
  let items = 0;
  for (let i = 0; i < QUERIES; i++) {
    const from = ext.from + Math.floor(rand() * (span - len + 1));
    const t0 = performance.now();
    const res = rs.window({ from, to: from + len, widthPx: WIDTH_PX, lanes });
    times.push(performance.now() - t0);
    resolutions.add(res.resolution);
    for (const l of res.lanes) if (l.type === 'events') items += l.items.length;
  }
  return {
    zoom: z.name,
    windowMs: len,
    p50Ms: pct(times, 50),
    p95Ms: pct(times, 95),
    maxMs: Math.max(...times),
    resolutions: [...resolutions],
    avgItems: items / QUERIES,
  };
});
rs.close();
removeDb(wfile);
rmSync(dir, { recursive: true, force: true });

console.log('\n== Ingest (median of 3) ==');
if (genMs > 0) {
  const total = rows / ((rows / ingest.medianStoreRowsPerSec) + genMs / 1000);
  console.log(`demo generation alone: ${(genMs / 1000).toFixed(1)} s; \`sitrep demo\` end to end ≈ ${fmt(total)} rows/s`);
}
console.log(`${SOURCE} rows: ${fmt(rows)}  bare: ${fmt(ingest.medianBareRowsPerSec)} rows/s  store: ${fmt(ingest.medianStoreRowsPerSec)} rows/s  ratio: ${ingest.medianRatio.toFixed(2)} (target ≥ 0.5)`);
console.log(`\n== Window query, ${fmt(WINDOW_EVENTS)} events, ${WIDTH_PX} px, ${lanes.length} lanes, ${QUERIES} queries per zoom (target p95 ≤ 50 ms) ==`);
console.log('zoom         window       p50 ms   p95 ms   max ms   resolution   items/query');
for (const r of windowRows) {
  console.log(
    `${r.zoom.padEnd(12)} ${`${(r.windowMs / 1000).toFixed(0)} s`.padEnd(12)} ${r.p50Ms.toFixed(1).padStart(7)}  ${r.p95Ms.toFixed(1).padStart(7)}  ${r.maxMs.toFixed(1).padStart(7)}   ${r.resolutions.join(',').padEnd(12)} ${r.avgItems.toFixed(0)}`,
  );
}
const out = {
  date: new Date().toISOString(),
  node: process.version,
  ingest,
  window: { events: WINDOW_EVENTS, points: built.points, buildSeconds: buildMs / 1000, widthPx: WIDTH_PX, lanes: lanes.length, queriesPerZoom: QUERIES, zooms: windowRows, targetP95Ms: 50 },
};
mkdirSync('bench-results', { recursive: true });
writeFileSync('bench-results/store.json', `${JSON.stringify(out, null, 2)}\n`);
console.log('\nwrote bench-results/store.json');
