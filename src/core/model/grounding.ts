/**
 * Grounding: what a model said, kept only where it cites evidence that was in the bundle it saw.
 * A claim citing nothing or an unknown id is dropped; a new hypothesis without one valid claim is
 * dropped; a runbook outside the catalogue is dropped; an entity named in no evidence is dropped.
 * Every drop is recorded. The model reorders and explains; the engine's facts stay the engine's.
 */
import { EntityRef, type AnalysisResult, type DroppedClaim, type Hypothesis } from '../../shared/hypotheses';
import { NEW_HYPOTHESIS, type ModelAnswer, type ModelHypothesis } from './output-schema';

export interface GroundingInput {
  result: AnalysisResult;
  answer: ModelAnswer;
  /** Evidence ids the model was shown. */
  evidenceIds: readonly string[];
  runbooks: readonly string[];
}

export interface Grounded {
  hypotheses: Hypothesis[];
  dropped: DroppedClaim[];
}

const MAX_DROPPED = 100;
const cut = (s: string, n: number): string => (s.length <= n ? s : `${s.slice(0, n - 1)}…`);

export function ground(input: GroundingInput): Grounded {
  const { result, answer } = input;
  const sent = new Set(input.evidenceIds);
  const catalogue = new Set(input.runbooks);
  const knownEntities = new Set(result.evidence.filter((e) => sent.has(e.id)).flatMap((e) => e.entities));
  const existing = new Map(result.hypotheses.map((h) => [h.id, h]));
  const rejected = new Set(result.rejected.map((h) => h.id));
  const dropped: DroppedClaim[] = [];
  const drop = (text: string, cited: readonly string[], reason: string): void => {
    if (dropped.length < MAX_DROPPED) dropped.push({ text: cut(text, 2048), cited: cited.slice(0, 32).map((c) => cut(c, 64)), reason });
  };

  /** Claims that cite at least one id, all of them sent; the rest recorded as dropped. */
  const keptClaims = (h: ModelHypothesis): { text: string; evidence: string[] }[] =>
    h.claims.filter((c) => {
      if (c.evidence.length === 0) {
        drop(c.text, [], 'cites no evidence');
        return false;
      }
      const unknown = c.evidence.filter((id) => !sent.has(id));
      if (unknown.length > 0) {
        drop(c.text, c.evidence, `cites evidence not in the bundle: ${unknown.slice(0, 5).join(', ')}`);
        return false;
      }
      return true;
    });

  const explanation = (claims: { text: string; evidence: string[] }[]): string | undefined =>
    claims.length === 0 ? undefined : cut(claims.map((c) => `${c.text.trim()} [${[...new Set(c.evidence)].join(', ')}]`).join('\n'), 4096);

  const runbookOf = (h: ModelHypothesis): string | null => {
    if (h.runbook === null || h.runbook === '') return null;
    if (catalogue.has(h.runbook)) return h.runbook;
    drop(`runbook "${h.runbook}" for "${h.title}"`, [], 'runbook not in the catalogue');
    return null;
  };

  const ordered: Hypothesis[] = [];
  const used = new Set<string>();
  let added = 0;
  for (const h of answer.hypotheses) {
    const prior = existing.get(h.id);
    if (prior) {
      if (used.has(h.id)) {
        drop(h.title, [], `hypothesis ${h.id} listed twice`);
        continue;
      }
      used.add(h.id);
      const claims = keptClaims(h);
      const suggested = runbookOf(h);
      const text = explanation(claims);
      ordered.push({ ...prior, runbook: prior.runbook ?? suggested, ...(text !== undefined ? { explanation: text } : {}) });
      continue;
    }
    if (rejected.has(h.id)) {
      drop(h.title, [], `hypothesis ${h.id} was rejected and stays rejected`);
      continue;
    }
    // A new hypothesis (id "new", or an id the model made up).
    if (result.hypotheses.length + added >= 50) {
      drop(h.title, [], 'too many hypotheses: the list holds 50');
      continue;
    }
    const claims = keptClaims(h);
    if (claims.length === 0) {
      drop(h.title, [...new Set(h.claims.flatMap((c) => c.evidence))], 'new hypothesis without a valid citation');
      continue;
    }
    const entities: string[] = [];
    for (const e of h.entities) {
      if (EntityRef.safeParse(e).success && knownEntities.has(e)) entities.push(e);
      else drop(`entity "${e}" in "${h.title}"`, [], 'entity not named by any evidence');
    }
    added += 1;
    const supporting = [...new Set(claims.flatMap((c) => c.evidence))].slice(0, 64);
    ordered.push({
      id: cut(`model-${added}`, 64),
      rank: 0,
      title: cut(h.title.trim() || 'Untitled hypothesis', 256),
      category: h.category,
      entities: [...new Set(entities)].slice(0, 32),
      confidence: Math.min(1, Math.max(0, h.confidence)),
      supporting,
      contradicting: [],
      runbook: runbookOf(h),
      source: h.id === NEW_HYPOTHESIS ? 'model' : `model (${cut(h.id, 48)})`,
      explanation: explanation(claims),
      status: 'proposed',
    });
  }
  // Hypotheses the model did not mention keep their place after the ones it ranked.
  for (const h of [...result.hypotheses].sort((a, b) => a.rank - b.rank)) if (!used.has(h.id)) ordered.push(h);
  const hypotheses = ordered.slice(0, 50).map((h, i) => ({ ...h, rank: i + 1 }));
  return { hypotheses, dropped };
}
