/**
 * Which runbooks apply to an incident: each runbook's trigger against the firing alerts and the
 * standing hypotheses, ranked, with the reasons. A hypothesis that names the runbook outranks a
 * category match; an alert match sits between them; every further matching signal adds a little.
 */
import type { AlertState } from '../../shared/events';
import type { HypothesisCategory, HypothesisStatus } from '../../shared/hypotheses';
import type { Runbook } from './schema';

export interface MatchAlert {
  name: string;
  labels: Readonly<Record<string, string>>;
  state?: AlertState;
}

export interface MatchHypothesis {
  id: string;
  title?: string;
  category: HypothesisCategory;
  confidence: number;
  runbook: string | null;
  status?: HypothesisStatus;
}

export interface RunbookMatch {
  runbook: Runbook;
  score: number;
  /** Why, strongest first. */
  reasons: string[];
  /** The hypothesis behind the strongest reason, if a hypothesis matched. */
  hypothesisId: string | null;
  /** The alert behind the strongest alert reason, if an alert matched. */
  alert: MatchAlert | null;
}

const pct = (c: number): string => `${Math.round(c * 100)}%`;

interface Signal {
  score: number;
  reason: string;
  hypothesis?: MatchHypothesis;
  alert?: MatchAlert;
}

function signals(rb: Runbook, alerts: readonly MatchAlert[], hypotheses: readonly MatchHypothesis[]): Signal[] {
  const out: Signal[] = [];
  for (const h of hypotheses) {
    if (h.status === 'rejected') continue;
    let best: Signal | null = null;
    for (const m of rb.trigger.hypotheses) {
      if (m.runbook !== undefined && h.runbook !== m.runbook) continue;
      if (m.category !== undefined && h.category !== m.category) continue;
      const label = `hypothesis ${h.id}${h.title !== undefined ? ` "${h.title}"` : ''}`;
      if (h.confidence < m.min_confidence) continue;
      const s: Signal =
        m.runbook !== undefined
          ? { score: 2 + h.confidence, reason: `${label} suggests this runbook (confidence ${pct(h.confidence)} ≥ ${pct(m.min_confidence)})`, hypothesis: h }
          : { score: 1 + h.confidence, reason: `${label} is in category ${h.category} (confidence ${pct(h.confidence)} ≥ ${pct(m.min_confidence)})`, hypothesis: h };
      if (best === null || s.score > best.score) best = s;
    }
    if (best !== null) out.push(best);
  }
  for (const a of alerts) {
    if (a.state === 'resolved') continue;
    const m = rb.trigger.alerts.find((t) => t.name === a.name && Object.entries(t.labels ?? {}).every(([k, v]) => a.labels[k] === v));
    if (m === undefined) continue;
    const labels = Object.entries(m.labels ?? {}).map(([k, v]) => `${k}="${v}"`);
    out.push({ score: 1.5, reason: `alert ${a.name}${labels.length > 0 ? `{${labels.join(', ')}}` : ''} is ${a.state ?? 'firing'}`, alert: a });
  }
  return out.sort((x, y) => y.score - x.score);
}

export function matchRunbooks(runbooks: readonly Runbook[], input: { alerts?: readonly MatchAlert[]; hypotheses?: readonly MatchHypothesis[] }): RunbookMatch[] {
  const out: RunbookMatch[] = [];
  for (const rb of runbooks) {
    const s = signals(rb, input.alerts ?? [], input.hypotheses ?? []);
    const top = s[0];
    if (top === undefined) continue;
    out.push({
      runbook: rb,
      score: Math.round((top.score + 0.1 * Math.min(s.length - 1, 5)) * 1000) / 1000,
      reasons: s.map((x) => x.reason),
      hypothesisId: s.find((x) => x.hypothesis !== undefined)?.hypothesis?.id ?? null,
      alert: s.find((x) => x.alert !== undefined)?.alert ?? null,
    });
  }
  return out.sort((a, b) => b.score - a.score || a.runbook.id.localeCompare(b.runbook.id));
}
