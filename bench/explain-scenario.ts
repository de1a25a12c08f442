/**
 * Explains one scenario's analysis: every hypothesis (kept and rejected) with its rank, category,
 * runbook, entities, confidence and evidence, and the expected label. For engine development.
 * Usage: npm run bench -- explain (EXPLAIN_SCENARIO=id, EXPLAIN_SEED=n).
 */
import { analyze } from '../src/core/analysis/index';
import { SCENARIOS } from '../src/core/scenarios/catalog/index';
import { writeScenario } from '../src/core/scenarios/generate';
import { openStore } from '../src/core/store/store';

const id = process.env.EXPLAIN_SCENARIO ?? '';
const seed = Number(process.env.EXPLAIN_SEED ?? 1);
const def = SCENARIOS.find((s) => s.id === id);
if (!def) {
  console.error(`EXPLAIN_SCENARIO must be one of: ${SCENARIOS.map((s) => s.id).join(', ')}`);
  process.exit(2);
}
const store = openStore(':memory:');
const w = store.bulk();
const g = writeScenario(w, def, { seed });
w.commit();
const r = analyze(store, { from: g.from, to: g.to, now: g.to });
const byId = new Map(r.evidence.map((e) => [e.id, e]));
console.log(`${def.id} seed ${seed}: ${g.label.title}`);
console.log(`expected ${JSON.stringify(g.label.expected)}${g.label.trap ? ` trap ${JSON.stringify(g.label.trap)}` : ''}`);
console.log(`verdict ${r.verdict}; triage ${r.triage.severity} ${r.triage.category}`);
for (const h of [...r.hypotheses, ...r.rejected]) {
  console.log(`\n#${h.rank} ${h.status} [${h.category}/${h.runbook ?? '-'}] ${h.title} conf=${h.confidence.toFixed(3)}${h.reason ? ` reason=${h.reason}` : ''}`);
  console.log(`   entities ${h.entities.join(', ')}`);
  for (const e of h.supporting) console.log(`   + ${byId.get(e)?.kind} ${byId.get(e)?.summary}`);
  for (const e of h.contradicting) console.log(`   - ${byId.get(e)?.kind} ${byId.get(e)?.summary}`);
}
store.close();
if (process.env.EXPLAIN_EVIDENCE) {
  console.log('\nall evidence:');
  for (const e of r.evidence) console.log(`  ${e.id} ${e.kind} s=${e.strength.toFixed(2)} ${e.summary.slice(0, 200)} [${e.entities.join(',')}]`);
}
