// `npm run bench`: the store benchmarks, the OTLP receiver benchmark (`-- otlp`) (ingest ratio against a bare better-sqlite3 insert; window
// query latency at 10M events), the timeline frame-time benchmark in Chromium, the analysis quality
// gate over the scenario suite (`-- quality`: top-1/top-3 accuracy, the false-correlation trap) and
// the analysis time over a one-hour window of 1M events (`-- analyze`), the local model's speed with the
// tiny test model (`-- model`: time to first token, tokens/s, grammar overhead per token). Figures are printed and
// written under bench-results/. Sizes: BENCH_EVENTS, BENCH_WINDOW_EVENTS, BENCH_FRAME_EVENTS,
// BENCH_ANALYZE_EVENTS; quality: QUALITY_SEEDS, QUALITY_SCALE, QUALITY_ONLY. Not run by default:
// `-- explain` prints one scenario's full analysis (EXPLAIN_SCENARIO=id, EXPLAIN_SEED=n, EXPLAIN_EVIDENCE=1).
import { build } from 'esbuild';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const only = process.argv.slice(2);
const want = (name) => only.length === 0 || only.includes(name);
const asked = (name) => only.includes(name);
mkdirSync(join(root, 'bench-results'), { recursive: true });

function run(label, args) {
  console.log(`\n=== ${label}`);
  const r = spawnSync(process.execPath, ['--expose-gc', ...args], { cwd: root, stdio: 'inherit', env: process.env });
  if (r.status !== 0) {
    console.error(`${label} failed with exit code ${r.status}`);
    process.exitCode = 1;
  }
}

/** Bundles bench/NAME.ts into out/bench/NAME.mjs (plain Node, dependencies left external). */
async function bundle(name) {
  await build({
    entryPoints: [join(root, `bench/${name}.ts`)],
    outfile: join(root, `out/bench/${name}.mjs`),
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    sourcemap: true,
    banner: { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" },
    logLevel: 'warning',
  });
}

/** Bundles, or reports why not (e.g. a module it needs is missing) and carries on with the other benchmarks. */
async function tryBundle(name) {
  try {
    await bundle(name);
    return true;
  } catch (err) {
    console.error(`\n=== ${name}: cannot bundle: ${err instanceof Error ? err.message : String(err)}`);
    process.exitCode = 1;
    return false;
  }
}

if (want('store')) {
  await bundle('store-bench');
  run('store: ingest and window query', [join(root, 'out/bench/store-bench.mjs')]);
}

if (want('otlp')) {
  await bundle('otlp-bench');
  // Same young-generation size as `sitrep serve` runs with (bin/sitrep.mjs).
  run('otlp: receiver ingest (JSON and protobuf) and time to queryable', ['--max-semi-space-size=32', join(root, 'out/bench/otlp-bench.mjs')]);
}

if (want('quality') && (await tryBundle('quality'))) {
  run('quality: root-cause accuracy over the scenario suite', [join(root, 'out/bench/quality.mjs')]);
}

if (want('analyze') && (await tryBundle('analyze-bench'))) {
  run('analyze: hypotheses over a one-hour window of 1M events', [join(root, 'out/bench/analyze-bench.mjs')]);
}

if (want('model') && (await tryBundle('model-bench'))) {
  run('model: local GGUF time to first token, tokens/s, grammar overhead', [join(root, 'out/bench/model-bench.mjs')]);
}

if (asked('explain') && (await tryBundle('explain-scenario'))) {
  run('explain: one scenario analysed in full', [join(root, 'out/bench/explain-scenario.mjs')]);
}

if (want('frame')) {
  if (!existsSync(join(root, 'out/cli/sitrep.mjs')) || !existsSync(join(root, 'out/renderer/index.html'))) {
    console.error('frame bench needs a build: run `npm run build` first');
    process.exitCode = 1;
  } else {
    run('timeline: frame time while panning (Chromium)', [join(root, 'bench/frame-bench.mjs')]);
  }
}
