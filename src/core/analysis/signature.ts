/**
 * An analysis' signature for finding similar past incidents: the anomalous entities (those of the
 * leading hypotheses), the alerts that fired, the error templates and the suggested runbooks.
 */
import type { AnalysisResult } from '../../shared/hypotheses';

export function signatureOf(r: AnalysisResult): string[] {
  const out = new Set<string>();
  for (const h of r.hypotheses.slice(0, 3)) {
    for (const e of h.entities.slice(0, 8)) if (!e.startsWith('alert:')) out.add(`entity:${e}`);
    if (h.runbook !== null) out.add(`runbook:${h.runbook}`);
  }
  for (const e of r.evidence) {
    if (e.kind === 'alert' && typeof e.facts.alert === 'string') out.add(`alert:${e.facts.alert}`);
    if (e.kind === 'log_signature' && typeof e.facts.template_id === 'string') out.add(`template:${e.facts.template_id}`);
    if (e.kind === 'gpu' && typeof e.facts.xid === 'number') out.add(`xid:${e.facts.xid}`);
  }
  return [...out].sort().slice(0, 200);
}

export function jaccard(a: readonly string[], b: readonly string[]): number {
  const sa = new Set(a);
  const sb = new Set(b);
  let inter = 0;
  for (const x of sa) if (sb.has(x)) inter++;
  const union = sa.size + sb.size - inter;
  return union === 0 ? 0 : inter / union;
}
