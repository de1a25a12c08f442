/**
 * Local-model benchmark with the tiny test model (random weights: speed of the machinery, not of
 * a useful model): load time, time to first token, tokens/s, and the JSON grammar's overhead per
 * token (the same prompt with and without the grammar; the constrained answer runs to the end of
 * its bounded JSON, the free one to 200 tokens, so the comparison is per token). Medians of 5 runs, at 1 thread and at the
 * physical-core count (Sitrep defaults to one thread fewer). Writes bench-results/model.json.
 * Env: SITREP_BENCH_MODEL (a .gguf path; default ../shared/models/llama-2-tiny-random.gguf).
 */
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { physicalCores } from '../src/core/model/local/cores';
import { loadLocalModel, type LocalModel } from '../src/core/model/local/local-model';
import { maxOutputTokens, outputJsonSchema, type OutputLimits } from '../src/core/model/output-schema';
import { RUNBOOK_IDS } from '../src/core/model/catalogue';
import { bundleModelWorker } from '../src/core/model/testing/bundle-worker';
import { fixtureAnalysis } from '../src/core/model/testing/analysis-fixture';
import { reviewAnalysis } from '../src/core/model/review';

const here = dirname(fileURLToPath(import.meta.url));
const root = [resolve(here, '..'), resolve(here, '..', '..')].find((d) => existsSync(join(d, 'package.json'))) ?? process.cwd();
const MODEL = process.env.SITREP_BENCH_MODEL ?? resolve(root, '..', 'shared', 'models', 'llama-2-tiny-random.gguf');
const RUNS = 5;
const TOKENS = 200;
const LIMITS: OutputLimits = { summaryChars: 200, hypotheses: 3, titleChars: 60, entities: 2, entityChars: 40, claims: 2, claimChars: 80, citations: 2, idChars: 16 };

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] ?? NaN;
};

interface Run {
  firstTokenMs: number;
  tokens: number;
  totalMs: number;
}

async function gen(model: LocalModel, grammar: boolean): Promise<Run> {
  const schema = grammar ? outputJsonSchema({ hypothesisIds: ['h-1', 'h-2'], evidenceIds: ['ev-1', 'ev-2', 'ev-3'], runbooks: RUNBOOK_IDS }, LIMITS) : null;
  const r = await model.generate({ system: 'You review incidents. Answer in JSON.', user: 'Review the incident: prompt support-v42 was released 4 minutes before onset.', schema, maxTokens: grammar ? maxOutputTokens(LIMITS) : TOKENS });
  return { firstTokenMs: r.firstTokenMs ?? NaN, tokens: r.tokens ?? 0, totalMs: r.totalMs };
}

/** One whole review of the small fixture analysis with the default output limits and 1,500-token budget. */
async function reviewTime(model: LocalModel): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < 3; i++) {
    const t0 = performance.now();
    const out = await reviewAnalysis(fixtureAnalysis(), model);
    times.push(performance.now() - t0);
    if (out.review?.error) console.log(`review ${i + 1}: ${out.review.error}`);
  }
  return median(times);
}

async function measure(threads: number, workerUrl: URL): Promise<Record<string, number>> {
  const loads: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const t0 = performance.now();
    const m = await loadLocalModel({ path: MODEL, workerUrl, threads });
    loads.push(performance.now() - t0);
    await m.unload();
  }
  const model = await loadLocalModel({ path: MODEL, workerUrl, threads });
  try {
    await gen(model, false); // warm-up
    await gen(model, true);
    const free: Run[] = [];
    const constrained: Run[] = [];
    for (let i = 0; i < RUNS; i++) {
      free.push(await gen(model, false));
      constrained.push(await gen(model, true));
    }
    const msPerToken = (rs: Run[]): number => median(rs.map((r) => r.totalMs / Math.max(1, r.tokens)));
    return {
      threads,
      loadMs: median(loads),
      workerLoadMs: model.info.loadMs,
      firstTokenMs: median(free.map((r) => r.firstTokenMs)),
      tokensPerSecond: 1000 / msPerToken(free),
      grammarFirstTokenMs: median(constrained.map((r) => r.firstTokenMs)),
      grammarTokensPerSecond: 1000 / msPerToken(constrained),
      grammarOverheadMsPerToken: msPerToken(constrained) - msPerToken(free),
      tokensPerRunFree: median(free.map((r) => r.tokens)),
      tokensPerRunGrammar: median(constrained.map((r) => r.tokens)),
      reviewMs: await reviewTime(model),
    };
  } finally {
    await model.unload();
  }
}

if (!existsSync(MODEL)) {
  console.error(`model bench: no model at ${MODEL} (set SITREP_BENCH_MODEL)`);
  process.exit(1);
}
const workerUrl = await bundleModelWorker();
const cores = physicalCores();
const results: Record<string, number>[] = [];
for (const threads of [...new Set([1, cores])]) {
  const r = await measure(threads, workerUrl);
  results.push(r);
  const f = (n: number | undefined, d = 1): string => (n === undefined ? '?' : n.toFixed(d));
  console.log(`threads=${threads}: load ${f(r.loadMs)} ms (median of ${RUNS}, incl. memory estimate and worker start; in-worker ${f(r.workerLoadMs)} ms)`);
  console.log(`threads=${threads}: first token ${f(r.firstTokenMs, 2)} ms, ${f(r.tokensPerSecond)} tokens/s (free text, ${r.tokensPerRunFree} tokens/run)`);
  console.log(`threads=${threads}: whole review of the fixture (default limits, 1,500-token budget): ${f(r.reviewMs, 0)} ms (median of 3)`);
  console.log(`threads=${threads}: with JSON grammar: first token ${f(r.grammarFirstTokenMs, 2)} ms, ${f(r.grammarTokensPerSecond)} tokens/s, overhead ${f(r.grammarOverheadMsPerToken, 3)} ms/token`);
}
mkdirSync(join(root, 'bench-results'), { recursive: true });
writeFileSync(join(root, 'bench-results', 'model.json'), JSON.stringify({ model: MODEL.split('/').pop(), physicalCores: cores, runs: RUNS, maxTokens: TOKENS, results, at: new Date().toISOString() }, null, 2) + '\n');
console.log('wrote bench-results/model.json');
