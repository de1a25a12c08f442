/**
 * Change correlation. A change is a suspect only when it came before the onset and an entity it
 * touched degraded after it; otherwise it is kept as a rejected hypothesis with the reason. The lag
 * from change to onset and how much of the impact the touched entities carry set its weight.
 */
import type { HypothesisCategory } from '../../shared/hypotheses';
import { candidate, type Candidate, type RuleInput, type RunbookId } from './candidate';
import type { ChangeInfo } from './changes';
import type { EvidenceBook } from './evidence';
import { iso } from './event-series';
import type { Signal } from './types';

const MIN = 60_000;

/** 1 within 15 minutes of the change, then decaying (0.5 at 45 minutes). */
export function lagFactor(lagMs: number, bucketMs: number): number {
  if (lagMs < -bucketMs) return 0;
  const m = Math.max(0, lagMs) / MIN;
  return m <= 15 ? 1 : 1 / (1 + (m - 15) / 30);
}

/** Authors that are controllers reacting to load (autoscalers), not people or pipelines shipping something. */
const AUTOMATED = /autoscal|(?:^|[^a-z])hpa(?:[^a-z]|$)|keda|karpenter|vertical-pod|vpa(?:[^a-z]|$)/i;

export function isAutomated(c: ChangeInfo): boolean {
  return c.event.changeType === 'scale' && AUTOMATED.test(`${c.event.author} ${c.event.source ?? ''}`);
}

/**
 * When what the change touched first clearly degraded: the first related symptom that carries a
 * real share of the strongest one's strength (a weak early blip does not count).
 */
function firstClear(ss: readonly Signal[]): number | null {
  if (ss.length === 0) return null;
  const max = Math.max(...ss.map((s) => s.strength));
  const clear = ss.filter((s) => s.strength >= Math.min(0.2, max) && s.strength >= 0.4 * max);
  return Math.min(...(clear.length > 0 ? clear : ss).map((s) => s.at));
}

function describeChange(c: ChangeInfo): string {
  const e = c.event;
  const fromTo = e.from !== undefined || e.to !== undefined ? ` ${e.from ?? '?'} → ${e.to ?? '?'}` : '';
  return `${e.changeType} of ${e.target}${fromTo}`;
}

/** LLM-side signals of the changed service count as touched by a prompt or model change. */
function touches(c: ChangeInfo, s: Signal, inp: RuleInput): boolean {
  if (inp.rel.related(c.entities, s.entities)) {
    if (c.event.changeType !== 'prompt' && c.event.changeType !== 'model') return true;
    // A prompt/model change shows in the changed service's LLM calls, tools and logs, not in every span it serves.
    return s.kind !== 'traffic';
  }
  return false;
}

/** What a degraded signal says about the failure mode, if anything, and how much. */
function modeOf(s: Signal): { runbook: RunbookId; category: HypothesisCategory; weight: number } | null {
  if (s.kind === 'oom' || s.kind === 'restart' || s.failureClass === 'oom' || (s.kind === 'memory' && s.direction === 'up')) return { runbook: 'oom-after-deploy', category: 'infrastructure', weight: 1 };
  if (s.failureClass === 'db_pool' || s.kind === 'pool') return { runbook: 'db-pool-exhaustion', category: 'infrastructure', weight: 1 };
  if (s.failureClass === 'certificate') return { runbook: 'certificate-expiry', category: 'infrastructure', weight: 1 };
  if (s.kind === 'invalid_output' || s.kind === 'version_regression' || s.kind === 'refusal') return { runbook: 'bad-prompt-release', category: 'model', weight: 1 };
  if (s.kind === 'cost') return { runbook: 'token-cost-runaway', category: 'agent', weight: 1.2 };
  // More tokens alone is demand; it is a cost problem when cost moved too (the cost vote above).
  if (s.kind === 'tokens') return { runbook: 'token-cost-runaway', category: 'agent', weight: 0.3 };
  if (s.kind === 'kv_cache' || s.kind === 'queue') return { runbook: 'kv-cache-saturation', category: 'infrastructure', weight: 1 };
  if (s.kind === 'tool_error') return { runbook: 'tool-misuse', category: 'agent', weight: 1 };
  // More tool calls per request and new tool combinations also come with a cost runaway: half a vote.
  if (s.kind === 'tool_combo' || s.kind === 'agent_frequency') return { runbook: 'tool-misuse', category: 'agent', weight: 0.5 };
  return null;
}

/**
 * The failure mode of what degraded after the change: the mode whose signals carry the most
 * strength (a cost surge with a few more tool calls is a cost runaway, failing tool calls are misuse).
 */
function classify(c: ChangeInfo, degraded: readonly Signal[]): { category: HypothesisCategory; runbook: RunbookId | null } {
  const t = c.event.changeType;
  if (t === 'prompt' || t === 'model') return { category: 'model', runbook: 'bad-prompt-release' };
  const votes = new Map<RunbookId, { category: HypothesisCategory; w: number }>();
  for (const s of degraded) {
    const m = modeOf(s);
    if (m === null) continue;
    const v = votes.get(m.runbook) ?? { category: m.category, w: 0 };
    v.w += m.weight * s.strength;
    votes.set(m.runbook, v);
  }
  const best = [...votes.entries()].sort((a, b) => b[1].w - a[1].w || (a[0] < b[0] ? -1 : 1))[0];
  if (best !== undefined && best[1].w >= 0.2) return { category: best[1].category, runbook: best[0] };
  return { category: t === 'feature_flag' || t === 'config' ? 'data' : 'infrastructure', runbook: null };
}

export function changeCandidates(inp: RuleInput, changes: readonly ChangeInfo[], book: EvidenceBook): Candidate[] {
  const out: Candidate[] = [];
  const maxLag = Math.max(30 * MIN, 20 * inp.bucketMs);
  const symptoms = inp.signals.filter((s) => s.symptom);
  const totalSymptom = symptoms.reduce((a, s) => a + s.strength, 0);
  for (const c of changes) {
    const e = c.event;
    const onset = inp.onset;
    const what = describeChange(c);
    // A rollback after the onset is the remediation, not a suspect.
    if (e.changeType === 'rollback' && (onset === null || c.ts > onset)) continue;
    const degraded = inp.signals.filter((s) => s.at >= c.ts - inp.bucketMs && s.at <= c.ts + maxLag && s.kind !== 'alert' && touches(c, s, inp));
    const relSymptoms = degraded.filter((s) => s.symptom || s.kind === 'version_regression');
    const firstDegraded = firstClear(relSymptoms);
    const automated = isAutomated(c);
    const lag = firstDegraded === null ? null : firstDegraded - c.ts;
    const evId = book.add({
      kind: 'change',
      summary: `${what} by ${e.author} at ${iso(c.ts)}${lag !== null ? `, ${lag < MIN ? 'under a minute' : `${Math.round(lag / MIN)} min`} before the first degradation of what it touched` : ''}${onset !== null ? ` (onset ${iso(onset)})` : ''}`,
      entities: c.entities,
      at: c.ts,
      eventIds: [c.id],
      sql: c.query,
      strength: firstDegraded === null ? 0.1 : 0.4 * lagFactor(lag ?? 0, inp.bucketMs),
      facts: {
        change_type: e.changeType,
        target: e.target,
        from: e.from ?? null,
        to: e.to ?? null,
        author: e.author,
        lag_to_onset_ms: onset === null ? null : onset - c.ts,
        lag_to_degradation_ms: lag,
        degraded_signals: relSymptoms.length,
      },
    });
    if (evId === null) continue;
    // The change's demand lands on the model servers its calls go to: their saturation counts too.
    const models = new Set(degraded.flatMap((s) => s.entities.filter((x) => x.startsWith('model:'))));
    const downstream = inp.signals.filter((s) => (s.kind === 'kv_cache' || s.kind === 'queue') && s.at >= c.ts - inp.bucketMs && s.at <= c.ts + maxLag && s.entities.some((x) => models.has(x)) && !degraded.includes(s));
    const { category, runbook } = classify(c, [...degraded, ...downstream]);
    const base = candidate({
      key: `change:${c.id}`,
      title: `${e.changeType === 'prompt' ? 'Prompt release' : e.changeType === 'model' ? 'Model change' : e.changeType === 'feature_flag' ? 'Feature flag change' : e.changeType === 'config' ? 'Config change' : e.changeType === 'scale' ? (automated ? 'Automatic scaling of' : 'Scaling') : e.changeType === 'rollback' ? 'Rollback' : 'Deploy'} ${e.target}${e.to !== undefined ? ` (${e.from !== undefined ? `${e.from} → ` : ''}${e.to})` : ''}`,
      category,
      runbook,
      source: 'change-correlation',
      entities: c.entities,
      supporting: [],
      anchorAt: c.ts,
      // An autoscaler's rescale answers load; it is rarely what broke things.
      prior: automated ? 0.3 : 1,
      changeAnchored: true,
      automated,
    });
    if (onset !== null && c.ts > onset + 2 * inp.bucketMs) {
      out.push({ ...base, extra: [{ id: evId, strength: 0 }], rejectReason: `came ${Math.round((c.ts - onset) / MIN)} min after the onset at ${iso(onset)}; it cannot have caused it` });
      continue;
    }
    if (onset === null || relSymptoms.length === 0) {
      const touched = c.entities.filter((x) => !x.startsWith('prompt:') || c.event.changeType === 'prompt').slice(0, 3).join(', ');
      out.push({ ...base, extra: [{ id: evId, strength: 0 }], rejectReason: onset === null ? 'nothing user-facing degraded in the window' : `${touched} did not degrade after the change (no anomaly on what it touched)` });
      continue;
    }
    const coverage = totalSymptom === 0 ? 0 : Math.min(1, relSymptoms.filter((s) => s.symptom).reduce((a, s) => a + s.strength, 0) / totalSymptom);
    const lf = lagFactor(lag ?? 0, inp.bucketMs);
    out.push({
      ...base,
      supporting: degraded,
      extra: [{ id: evId, strength: 0.4 * lf }],
      penalty: lf * (0.55 + 0.45 * coverage),
      anchorAt: c.ts,
      title: `${base.title}: ${relSymptoms.length} signal${relSymptoms.length === 1 ? '' : 's'} degraded ${(lag ?? 0) < MIN ? 'within a minute' : `${Math.round((lag ?? 0) / MIN)} min later`}`,
    });
  }
  return out;
}

