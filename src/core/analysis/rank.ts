/**
 * Scoring and ranking. score = prior × support × coverage × timing × penalties, where support
 * combines the strengths of the supporting signals (noisy-or), coverage is the share of the
 * user-facing impact on related entities, and timing favours causes that start at or before the
 * onset. A change that explains a pattern's signals demotes the pattern (kept, with the change as
 * contradicting evidence); a change whose service only failed because of a dependency is demoted,
 * and a dependency of ours that was changed just before it failed is demoted in favour of the change.
 */
import type { Hypothesis, HypothesisCategory } from '../../shared/hypotheses';
import { candidate, entitiesOf, type Candidate, type RuleInput, type RunbookId } from './candidate';
import { kindOf, nameOf } from './entities';
import { noisyOr, round } from './stats';
import type { FailureClass, Signal } from './types';

const MIN = 60_000;

function overlap(a: readonly Signal[], b: readonly Signal[]): number {
  if (a.length === 0) return 0;
  const ids = new Set(b.map((s) => s.evidenceId));
  return a.filter((s) => ids.has(s.evidenceId)).length / a.length;
}

/** Pattern candidates with the same runbook as a related, non-rejected change are folded into it. */
function mergeIntoChanges(inp: RuleInput, cands: Candidate[]): Candidate[] {
  // Only a change that could have caused it hosts a pattern: not an autoscaler's reaction, not a
  // change whose own service merely failed calling a dependency.
  const changes = cands.filter((c) => c.changeAnchored && c.rejectReason === undefined && c.automated !== true && c.penalty >= 0.5);
  const out: Candidate[] = [];
  for (const c of cands) {
    if (c.changeAnchored || c.rejectReason !== undefined) {
      out.push(c);
      continue;
    }
    const host = changes.find((h) => h.runbook === c.runbook && h.anchorAt <= c.anchorAt + 2 * inp.bucketMs && (inp.rel.related(h.entities, c.entities) || overlap(c.supporting, h.supporting) >= 0.3));
    if (host === undefined) {
      out.push(c);
      continue;
    }
    const ids = new Set(host.supporting.map((s) => s.evidenceId));
    host.supporting.push(...c.supporting.filter((s) => !ids.has(s.evidenceId)));
    host.entities = [...new Set([...c.entities.slice(0, 3), ...host.entities])];
  }
  return out;
}

function coverage(inp: RuleInput, c: Candidate, symptoms: readonly Signal[], total: number): number {
  if (total === 0) return 0;
  const infra = c.category === 'infrastructure';
  let covered = 0;
  for (const s of symptoms) if (c.supporting.includes(s) || inp.rel.related(c.entities, s.entities, infra)) covered += s.strength;
  return Math.min(1, covered / total);
}

function score(inp: RuleInput, c: Candidate, symptoms: readonly Signal[], total: number): number {
  const strengths = [...c.supporting.map((s) => s.strength), ...c.extra.map((e) => e.strength)].sort((a, b) => b - a).slice(0, 6);
  const support = noisyOr(strengths);
  const cov = coverage(inp, c, symptoms, total);
  const covFactor = c.changeAnchored ? 0.75 + 0.25 * cov : total === 0 ? 0.8 : 0.45 + 0.55 * cov;
  let timing = 1;
  if (inp.onset !== null && c.anchorAt > inp.onset + 2 * inp.bucketMs) timing = Math.max(0.45, 1 - (c.anchorAt - inp.onset) / (20 * MIN));
  return c.prior * support * covFactor * timing * c.penalty;
}

/** A change whose touched service only failed calling some other dependency did not cause it. */
function dependencyContradictions(inp: RuleInput, cands: readonly Candidate[]): void {
  const deps = inp.signals.filter((s) => s.kind === 'dependency_error');
  for (const c of cands) {
    if (!c.changeAnchored || c.rejectReason !== undefined) continue;
    const own = new Set(c.entities.filter((e) => kindOf(e) === 'service' || kindOf(e) === 'workload').map(nameOf));
    const blame = deps.find((d) => !own.has(nameOf(d.entities[0] ?? '')) && d.entities.slice(1).some((e) => own.has(nameOf(e))));
    if (blame === undefined) continue;
    c.contradicting.push(blame.evidenceId);
    c.penalty *= 0.35;
  }
}

/**
 * Errors propagate up a call chain: when a failing dependency is itself failing its calls to a
 * deeper one (it is a caller in that one's dependency signal, from no later on), the deeper one is
 * the better root cause; the shallower hypothesis is demoted with the deeper failure against it.
 */
function propagated(inp: RuleInput, cands: readonly Candidate[]): void {
  const deps = inp.signals.filter((s) => s.kind === 'dependency_error');
  for (const c of cands) {
    if (c.source !== 'dependency-errors' || c.rejectReason !== undefined) continue;
    const peer = c.entities[0];
    if (peer === undefined) continue;
    const own = c.supporting.find((s) => s.kind === 'dependency_error');
    const deeper = deps.find((d) => d.entities[0] !== peer && d.entities.slice(1).includes(peer) && d.at <= (own?.at ?? c.anchorAt) + 2 * inp.bucketMs);
    if (deeper === undefined) continue;
    c.contradicting.push(deeper.evidenceId);
    c.penalty *= 0.4;
  }
}

/**
 * A failing dependency that is one of ours and was changed (deployed, reconfigured…) shortly before
 * its failures began is not an independent outage: the change is the better root cause, and its
 * evidence contradicts the dependency hypothesis. An external dependency (no change of ours names
 * it) is untouched by this.
 */
function changedDependency(inp: RuleInput, cands: readonly Candidate[]): void {
  const changes = cands.filter((c) => c.changeAnchored && c.rejectReason === undefined && c.automated !== true);
  for (const c of cands) {
    if (c.source !== 'dependency-errors' || c.rejectReason !== undefined) continue;
    const peer = c.entities[0];
    if (peer === undefined) continue;
    const name = nameOf(peer);
    const failedAt = c.supporting.find((s) => s.kind === 'dependency_error')?.at ?? c.anchorAt;
    const change = changes.find(
      (h) => h.anchorAt <= failedAt + inp.bucketMs && failedAt - h.anchorAt <= 30 * MIN && h.entities.some((e) => (kindOf(e) === 'service' || kindOf(e) === 'workload') && nameOf(e) === name),
    );
    if (change === undefined) continue;
    const ev = change.extra[0]?.id;
    if (ev !== undefined && !c.contradicting.includes(ev)) c.contradicting.push(ev);
    c.penalty *= 0.4;
  }
}

/**
 * Capacity saturation driven by demand (longer outputs or more calls to the same model, starting no
 * later than the saturation) is a consequence: the demand signal contradicts it as a root cause.
 */
function demandDriven(inp: RuleInput, cands: readonly Candidate[]): void {
  for (const c of cands) {
    if (c.runbook !== 'kv-cache-saturation' || c.rejectReason !== undefined) continue;
    const models = c.entities.filter((e) => kindOf(e) === 'model');
    const demand = inp.signals.filter(
      (s) => ((s.kind === 'tokens' && s.detail?.which === 'output') || (s.kind === 'traffic' && s.direction === 'up' && s.detail?.lane === 'llm')) && s.at <= c.anchorAt + inp.bucketMs && inp.rel.related(models, s.entities),
    );
    if (demand.length === 0) continue;
    c.contradicting.push(...demand.map((d) => d.evidenceId));
    c.penalty *= 0.6;
  }
}

function explainedBy(inp: RuleInput, cands: Candidate[]): void {
  const changes = cands.filter((c) => c.changeAnchored && c.rejectReason === undefined && (c.score ?? 0) > 0.2);
  for (const c of cands) {
    if (c.changeAnchored || c.rejectReason !== undefined) continue;
    for (const h of changes) {
      if (h.anchorAt > c.anchorAt + inp.bucketMs || (h.score ?? 0) < (c.score ?? 0) * 0.8) continue;
      const shared = overlap(c.supporting, h.supporting);
      if (shared < 0.3 && !inp.rel.related(h.entities, c.entities)) continue;
      const ev = h.extra[0]?.id;
      if (ev !== undefined && !c.contradicting.includes(ev)) c.contradicting.push(ev);
      c.score = (c.score ?? 0) * (shared >= 0.5 ? 0.5 : 0.65);
      break;
    }
  }
}

const categoryOfKinds = (ss: readonly Signal[]): HypothesisCategory => {
  const k = new Set(ss.map((s) => s.kind));
  if (k.has('invalid_output') || k.has('refusal') || k.has('llm_error') || k.has('version_regression')) return 'model';
  if (k.has('tool_error') || k.has('agent_frequency') || k.has('tool_combo')) return 'agent';
  if (k.has('dependency_error')) return 'dependency';
  if (k.has('policy_violation') || k.has('injection')) return 'security';
  return 'infrastructure';
};

type KnownClass = Exclude<FailureClass, 'other'>;
const CLASS_RUNBOOK: Record<KnownClass, { runbook: RunbookId; category: HypothesisCategory }> = {
  db_pool: { runbook: 'db-pool-exhaustion', category: 'infrastructure' },
  certificate: { runbook: 'certificate-expiry', category: 'infrastructure' },
  oom: { runbook: 'oom-after-deploy', category: 'infrastructure' },
  upstream: { runbook: 'upstream-dependency-outage', category: 'dependency' },
  provider: { runbook: 'provider-outage-failover', category: 'dependency' },
  gpu: { runbook: 'gpu-xid-unhealthy-node', category: 'infrastructure' },
  thermal: { runbook: 'gpu-thermal-throttling', category: 'infrastructure' },
  kv_cache: { runbook: 'kv-cache-saturation', category: 'infrastructure' },
  structured_output: { runbook: 'bad-prompt-release', category: 'model' },
  tool: { runbook: 'tool-misuse', category: 'agent' },
  injection: { runbook: 'prompt-injection', category: 'security' },
  cost: { runbook: 'token-cost-runaway', category: 'model' },
};
const CLASS_LABEL: Record<KnownClass, string> = {
  db_pool: 'database connection-pool exhaustion',
  certificate: 'a certificate problem',
  oom: 'memory exhaustion',
  upstream: 'a failing upstream dependency',
  provider: 'the LLM provider',
  gpu: 'GPU faults',
  thermal: 'GPU throttling',
  kv_cache: 'inference queueing / KV-cache pressure',
  structured_output: 'invalid model output',
  tool: 'tool calls',
  injection: 'prompt injection',
  cost: 'cost',
};

/** The failure class most of a group's strength points at (log templates, alerts, status messages), if any. */
function dominantClass(ss: readonly Signal[]): KnownClass | null {
  const w = new Map<KnownClass, number>();
  for (const s of ss) if (s.failureClass !== undefined && s.failureClass !== 'other') w.set(s.failureClass, (w.get(s.failureClass) ?? 0) + s.strength);
  const best = [...w.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))[0];
  return best === undefined ? null : best[0];
}

/** The most affected entity nobody explains yet: a generic, low-prior hypothesis. */
function genericCandidate(inp: RuleInput, cands: readonly Candidate[], symptoms: readonly Signal[]): Candidate | null {
  const scores = new Map<string, { s: number; sigs: Signal[] }>();
  for (const sig of symptoms) {
    const ent = sig.entities.slice(0, 2);
    for (const e of ent) {
      const early = inp.onset !== null && sig.at <= inp.onset + 2 * inp.bucketMs ? 1.3 : 1;
      const v = scores.get(e) ?? scores.set(e, { s: 0, sigs: [] }).get(e);
      if (v === undefined) continue;
      v.s += sig.strength * early;
      v.sigs.push(sig);
    }
  }
  const ranked = [...scores.entries()].sort((a, b) => b[1].s - a[1].s || (a[0] < b[0] ? -1 : 1));
  // What the live hypotheses already account for, followed up the call chains their failing
  // dependencies sit in (a caller of a failing service fails too).
  const explained = new Set(cands.filter((c) => c.rejectReason === undefined && (c.score ?? 0) >= 0.1).flatMap((c) => c.entities));
  const deps = inp.signals.filter((s) => s.kind === 'dependency_error');
  for (let grew = true; grew; ) {
    grew = false;
    for (const d of deps) {
      if (!explained.has(d.entities[0] ?? '')) continue;
      for (const caller of d.entities.slice(1)) if (!explained.has(caller)) grew = explained.add(caller) !== undefined;
    }
  }
  for (const [e, v] of ranked.slice(0, 5)) {
    if (cands.some((c) => c.rejectReason === undefined && (c.score ?? 0) >= 0.15 && inp.rel.related(c.entities, [e]))) continue;
    if (inp.rel.related([...explained], [e])) continue;
    const distinct = new Set(v.sigs.map((s) => s.kind)).size;
    const cls = dominantClass(v.sigs);
    return candidate({
      key: `entity:${e}`,
      title: `${nameOf(e)} degraded (${distinct} independent signal${distinct > 1 ? 's' : ''})${cls !== null ? `; the errors point at ${CLASS_LABEL[cls]}` : ' with no recognised cause'}`,
      category: cls !== null ? CLASS_RUNBOOK[cls].category : categoryOfKinds(v.sigs),
      runbook: cls !== null ? CLASS_RUNBOOK[cls].runbook : null,
      source: 'entity-ranking',
      entities: [e, ...entitiesOf(v.sigs, 6).filter((x) => x !== e)],
      supporting: v.sigs,
      anchorAt: Math.min(...v.sigs.map((s) => s.at)),
      prior: 0.4 + 0.1 * Math.min(3, distinct),
    });
  }
  return null;
}

export interface Ranked {
  hypotheses: Hypothesis[];
  rejected: Hypothesis[];
  best: number;
}

export function rank(inp: RuleInput, all: Candidate[]): Ranked {
  const symptoms = inp.signals.filter((s) => s.symptom);
  const total = symptoms.reduce((a, s) => a + s.strength, 0);
  dependencyContradictions(inp, all);
  propagated(inp, all);
  changedDependency(inp, all);
  demandDriven(inp, all);
  let cands = mergeIntoChanges(inp, all);
  // One candidate per key (the strongest).
  for (const c of cands) c.score = c.rejectReason === undefined ? score(inp, c, symptoms, total) : 0;
  const byKey = new Map<string, Candidate>();
  for (const c of cands) {
    const prev = byKey.get(c.key);
    if (prev === undefined || (c.score ?? 0) > (prev.score ?? 0) || (prev.rejectReason !== undefined && c.rejectReason === undefined)) byKey.set(c.key, c);
  }
  cands = [...byKey.values()];
  explainedBy(inp, cands);
  const generic = genericCandidate(inp, cands, symptoms);
  if (generic !== null) {
    generic.score = score(inp, generic, symptoms, total);
    cands.push(generic);
  }
  const live = cands
    .filter((c) => c.rejectReason === undefined && (c.score ?? 0) >= 0.05)
    .sort((a, b) => (b.score ?? 0) - (a.score ?? 0) || a.anchorAt - b.anchorAt || (a.key < b.key ? -1 : 1))
    .slice(0, 10);
  const rejected = cands.filter((c) => c.rejectReason !== undefined).sort((a, b) => a.anchorAt - b.anchorAt || (a.key < b.key ? -1 : 1)).slice(0, 100);
  return {
    hypotheses: live.map((c, i) => toHypothesis(c, i + 1, 'proposed')),
    rejected: rejected.map((c, i) => toHypothesis(c, i + 1, 'rejected')),
    best: live[0]?.score ?? 0,
  };
}

function toHypothesis(c: Candidate, rankNo: number, status: Hypothesis['status']): Hypothesis {
  const supporting = [...new Set([...c.extra.map((e) => e.id), ...[...c.supporting].sort((a, b) => b.strength - a.strength).map((s) => s.evidenceId)])].slice(0, 64);
  const h: Hypothesis = {
    id: `h-${hashKey(c.key)}`,
    rank: rankNo,
    title: c.title.slice(0, 256),
    category: c.category,
    entities: [...new Set(c.entities)].filter((e) => /^[a-z_]+:.+$/.test(e) && e.length <= 512).slice(0, 32),
    confidence: round(Math.min(1, Math.max(0, c.score ?? 0)), 3),
    supporting,
    contradicting: [...new Set(c.contradicting)].slice(0, 64),
    runbook: c.runbook,
    source: c.source,
    status,
  };
  if (c.rejectReason !== undefined) h.reason = c.rejectReason.slice(0, 1024);
  return h;
}

function hashKey(s: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0).toString(16).padStart(8, '0');
}
