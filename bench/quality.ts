/**
 * The quality gate: every scenario of src/core/scenarios at several seeds, analysed by the
 * deterministic engine over the scenario's window, scored against its label. Prints one row per
 * scenario × seed (rank of the first correct hypothesis, the top hypothesis), top-1 and top-3
 * accuracy and the false-correlation trap; writes bench-results/quality.json. Exits 1 when a
 * target is missed (top-3 ≥ 90 %, top-1 ≥ 75 %, trap never sprung).
 * Env: QUALITY_SEEDS (default 3), QUALITY_SCALE (traffic multiplier, default 1), QUALITY_ONLY (comma-separated scenario ids).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ENGINE_VERSION, analyze } from '../src/core/analysis/index';
import { SCENARIOS } from '../src/core/scenarios/catalog/index';
import { formatReport, runCase, summarize, type CaseResult } from '../src/core/scenarios/quality';

const SEEDS = Number(process.env.QUALITY_SEEDS ?? 3);
const SCALE = Number(process.env.QUALITY_SCALE ?? 1);
const ONLY = (process.env.QUALITY_ONLY ?? '').split(',').filter((s) => s !== '');
const TARGET = { top1: 0.75, top3: 0.9 };

const scenarios = SCENARIOS.filter((s) => ONLY.length === 0 || ONLY.includes(s.id));
console.log(`engine ${ENGINE_VERSION}: ${scenarios.length} scenarios × ${SEEDS} seeds (scale ${SCALE})`);
const cases: CaseResult[] = [];
const started = performance.now();
for (const def of scenarios) {
  for (let seed = 1; seed <= SEEDS; seed++) {
    const c = runCase(def, seed, analyze, { scale: SCALE });
    cases.push(c);
    process.stdout.write(`  ${def.id} seed ${seed}: rank ${c.rank ?? '-'}${c.trap === 'sprung' ? ' (TRAP SPRUNG)' : ''} — ${c.label}\n`);
  }
}
const report = summarize(cases);
console.log(`\n${formatReport(report)}`);
const pass = report.top1 >= TARGET.top1 && report.top3 >= TARGET.top3 && report.traps.sprung === 0;
console.log(pass ? 'quality gate: PASS' : 'quality gate: FAIL (figures above are reported as measured)');

const dir = join(process.cwd(), 'bench-results');
mkdirSync(dir, { recursive: true });
writeFileSync(
  join(dir, 'quality.json'),
  JSON.stringify(
    {
      date: new Date().toISOString(),
      engineVersion: ENGINE_VERSION,
      seeds: SEEDS,
      scale: SCALE,
      targets: { ...TARGET, trapSprung: 0 },
      top1: report.top1,
      top3: report.top3,
      traps: report.traps,
      pass,
      totalMs: Math.round(performance.now() - started),
      cases: report.cases,
    },
    null,
    2,
  ) + '\n',
);
console.log('wrote bench-results/quality.json');
if (!pass) process.exitCode = 1;
