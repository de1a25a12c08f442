/**
 * The analysis benchmark: one scenario scaled so that a one-hour window holds 1M events (plus its
 * metric points), written to a store file; then `analyze` over that hour, 5 runs in process, and
 * the CLI path (`sitrep analyze --db … --from … --to … --json`, a fresh process each run) when
 * the CLI is built. Prints median and max; target: median ≤ 2 s. Writes bench-results/analyze.json.
 * Env: BENCH_ANALYZE_EVENTS (default 1,000,000), BENCH_ANALYZE_SCENARIO (default bad-prompt-release), BENCH_ANALYZE_RUNS (default 5),
 * BENCH_ANALYZE_DB (keep the generated store at this path and reuse it on the next run, for profiling).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ENGINE_VERSION, analyze } from '../src/core/analysis/index';
import { AnalysisResult } from '../src/shared/hypotheses';
import type { BulkWriter } from '../src/core/store/api';
import { openStore } from '../src/core/store/store';
import { scenarioById } from '../src/core/scenarios/catalog/index';
import { writeScenario } from '../src/core/scenarios/generate';

const TARGET_EVENTS = Number(process.env.BENCH_ANALYZE_EVENTS ?? 1_000_000);
const SCENARIO = process.env.BENCH_ANALYZE_SCENARIO ?? 'bad-prompt-release';
const RUNS = Number(process.env.BENCH_ANALYZE_RUNS ?? 5);
const TARGET_MS = 2_000;
const WINDOW = { beforeMin: 35, afterMin: 25 }; // one hour
const SEED = 1;

const def = scenarioById(SCENARIO);
if (!def) throw new Error(`no scenario ${SCENARIO}`);
const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;
const fmt = (n: number): string => Math.round(n).toLocaleString('en-US');

/** Counts what a generation would write, without storing it. */
function counter(): BulkWriter & { n: number } {
  const c = {
    n: 0,
    event: () => void c.n++,
    row: () => void c.n++,
    series: () => 1,
    point: () => {},
    flush: () => {},
    commit: () => ({ events: c.n, duplicates: 0, points: 0, series: 0 }),
  };
  return c;
}

const probe = counter();
const calibration = writeScenario(probe, def, { seed: SEED, scale: 1, ...WINDOW });
const scale = TARGET_EVENTS / probe.n;
console.log(`scenario ${SCENARIO}: ${fmt(probe.n)} events per hour at scale 1 → scale ${scale.toFixed(2)} for ${fmt(TARGET_EVENTS)}`);

const keep = process.env.BENCH_ANALYZE_DB;
const writeOnly = process.env.BENCH_ANALYZE_WRITE_ONLY === '1';
const dir = join(tmpdir(), `sitrep-analyze-bench-${process.pid}`);
if (!keep) mkdirSync(dir, { recursive: true });
const db = keep ?? join(dir, 'analyze.db');
let stats: { events: number; points: number } | null = null;
let genMs = 0;
if (writeOnly || !existsSync(db)) {
  if (!writeOnly) {
    // The store is written by a child process, so the timed runs below start from a clean heap,
    // as `sitrep analyze` does, rather than after a million generated events.
    const tg = performance.now();
    const child = spawnSync(process.execPath, [process.argv[1] ?? ''], { env: { ...process.env, BENCH_ANALYZE_DB: db, BENCH_ANALYZE_WRITE_ONLY: '1' }, encoding: 'utf8' });
    if (child.status !== 0) throw new Error(`writing the bench store failed: ${child.stderr}`);
    genMs = performance.now() - tg;
    stats = JSON.parse(child.stdout.trim().split('\n').pop() ?? '{}') as { events: number; points: number };
  } else {
    const store = openStore(db);
    const w = store.bulk();
    writeScenario(w, def, { seed: SEED, scale, ...WINDOW });
    const written = w.commit();
    store.close();
    console.log(JSON.stringify({ events: written.events, points: written.points }));
    process.exit(0);
  }
}
const g = writeScenario(counter(), def, { seed: SEED, scale, ...WINDOW });
const store = openStore(db, { readOnly: true });
const inWindow = (store.sql.prepare('SELECT count(*) AS n FROM events WHERE ts >= ? AND ts < ?').get(g.from, g.to) as { n: number }).n;
console.log(
  `${stats === null ? `reused ${db}:` : `generated and stored ${fmt(stats.events)} events, ${fmt(stats.points)} points in ${(genMs / 1000).toFixed(1)} s;`} ${fmt(inWindow)} events in the hour ${new Date(g.from).toISOString()} … ${new Date(g.to).toISOString()}`,
);
if (calibration.from !== g.from || calibration.to !== g.to) throw new Error('calibration and generation windows differ');
store.close();

const ro = openStore(db, { readOnly: true });
const inProcess: number[] = [];
let hypotheses = 0;
for (let i = 0; i < RUNS; i++) {
  const t = performance.now();
  const r = analyze(ro, { from: g.from, to: g.to, now: g.to });
  inProcess.push(performance.now() - t);
  hypotheses = AnalysisResult.parse(r).hypotheses.length;
}
ro.close();
console.log(`analyze in process: median ${fmt(median(inProcess))} ms, max ${fmt(Math.max(...inProcess))} ms (runs: ${inProcess.map(fmt).join(', ')}; ${hypotheses} hypotheses)`);

const cliBuilt = existsSync(join(process.cwd(), 'out/cli/sitrep.mjs'));
const cli: number[] = [];
let cliError: string | null = null;
let cliSkipped: string | null = cliBuilt ? null : 'the CLI is not built (npm run build:cli)';
if (cliBuilt) {
  const args = ['bin/sitrep.mjs', 'analyze', '--db', db, '--from', new Date(g.from).toISOString(), '--to', new Date(g.to).toISOString(), '--json'];
  for (let i = 0; i < RUNS && cliError === null; i++) {
    const t = performance.now();
    const p = spawnSync(process.execPath, args, { cwd: process.cwd(), encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
    const ms = performance.now() - t;
    if (p.status !== 0 && /unknown command 'analyze'/.test(p.stderr)) {
      cliSkipped = 'the built CLI has no analyze command (rebuild: npm run build:cli)';
      break;
    }
    if (p.status !== 0) cliError = `exit ${p.status}: ${p.stderr.slice(0, 500)}`;
    else {
      const out: unknown = JSON.parse(p.stdout);
      if (typeof out !== 'object' || out === null || !('hypotheses' in out)) cliError = 'the CLI printed no hypotheses field';
      else cli.push(ms);
    }
  }
  if (cliError !== null) console.log(`sitrep analyze (CLI) failed: ${cliError}`);
  else if (cliSkipped !== null) console.log(`sitrep analyze (CLI): skipped, ${cliSkipped}`);
  else console.log(`sitrep analyze (CLI, whole process): median ${fmt(median(cli))} ms, max ${fmt(Math.max(...cli))} ms (runs: ${cli.map(fmt).join(', ')})`);
} else {
  console.log(`sitrep analyze (CLI): skipped, ${cliSkipped ?? ''}`);
}

const pass = median(inProcess) <= TARGET_MS && (cli.length === 0 || median(cli) <= TARGET_MS) && cliError === null;
console.log(`target: median ≤ ${fmt(TARGET_MS)} ms → ${pass ? 'PASS' : 'FAIL'}`);
mkdirSync(join(process.cwd(), 'bench-results'), { recursive: true });
writeFileSync(
  join(process.cwd(), 'bench-results', 'analyze.json'),
  JSON.stringify(
    {
      date: new Date().toISOString(),
      engineVersion: ENGINE_VERSION,
      scenario: SCENARIO,
      seed: SEED,
      scale,
      window: { from: g.from, to: g.to, minutes: (g.to - g.from) / 60_000 },
      eventsInWindow: inWindow,
      eventsStored: stats?.events ?? null,
      points: stats?.points ?? null,
      generateMs: Math.round(genMs),
      analyzeMs: { runs: inProcess.map(Math.round), median: Math.round(median(inProcess)), max: Math.round(Math.max(...inProcess)) },
      cliMs: cli.length > 0 && cliError === null ? { runs: cli.map(Math.round), median: Math.round(median(cli)), max: Math.round(Math.max(...cli)) } : null,
      cliError,
      cliSkipped,
      targetMs: TARGET_MS,
      pass,
    },
    null,
    2,
  ) + '\n',
);
console.log('wrote bench-results/analyze.json');
if (!keep) rmSync(dir, { recursive: true, force: true });
if (!pass) process.exitCode = 1;
