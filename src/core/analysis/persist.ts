/**
 * Stored analyses and hypothesis decisions (migration 4). A stored result is never rewritten by a
 * decision: decisions are a journal replayed on read, so who decided what, when and why is kept.
 */
import { AnalysisResult, type Hypothesis } from '../../shared/hypotheses';
import { ContractFailure } from '../../shared/envelope';
import type { EventStore } from '../store/api';
import { signatureOf } from './signature';

export type Decision = 'accepted' | 'rejected' | 'proposed';

interface DecisionRow {
  hypothesis_id: string;
  decision: Decision;
  reason: string | null;
  actor: string;
  decided_at: number;
}

function writable(store: EventStore): void {
  if (store.readOnly) throw new ContractFailure('forbidden', `The store ${store.path} is open read-only; analyses cannot be saved.`);
}

export function saveAnalysis(store: EventStore, result: AnalysisResult): void {
  writable(store);
  const r = AnalysisResult.parse(result);
  store.sql
    .prepare(
      `INSERT INTO analyses (id, incident_id, window_from, window_to, created_at, engine_version, verdict, signature_json, result_json)
       VALUES (@id, @incidentId, @from, @to, @createdAt, @engineVersion, @verdict, @signature, @json)
       ON CONFLICT (id) DO UPDATE SET created_at = excluded.created_at, verdict = excluded.verdict,
         signature_json = excluded.signature_json, result_json = excluded.result_json`,
    )
    .run({
      id: r.id,
      incidentId: r.incidentId,
      from: r.from,
      to: r.to,
      createdAt: r.createdAt,
      engineVersion: r.engineVersion,
      verdict: r.verdict,
      signature: JSON.stringify(signatureOf(r)),
      json: JSON.stringify(r),
    });
}

function load(store: EventStore, id: string): AnalysisResult | null {
  const row = store.sql.prepare('SELECT result_json FROM analyses WHERE id = ?').get(id) as { result_json: string } | undefined;
  if (row === undefined) return null;
  return AnalysisResult.parse(JSON.parse(row.result_json) as unknown);
}

function decisions(store: EventStore, analysisId: string): DecisionRow[] {
  return store.sql
    .prepare('SELECT hypothesis_id, decision, reason, actor, decided_at FROM hypothesis_decisions WHERE analysis_id = ? ORDER BY id')
    .all(analysisId) as DecisionRow[];
}

/** Replays decisions over a result: rejected ones move to `rejected` with the reason, accepted ones lead. */
export function applyDecisions(result: AnalysisResult, rows: readonly DecisionRow[]): AnalysisResult {
  let live = result.hypotheses.map((h) => ({ ...h }));
  let rejected = result.rejected.map((h) => ({ ...h }));
  for (const d of rows) {
    const h = live.find((x) => x.id === d.hypothesis_id) ?? rejected.find((x) => x.id === d.hypothesis_id);
    if (h === undefined) continue;
    live = live.filter((x) => x !== h);
    rejected = rejected.filter((x) => x !== h);
    const next: Hypothesis = { ...h, status: d.decision };
    delete next.reason;
    if (d.decision === 'rejected') {
      next.reason = `${d.actor}: ${d.reason ?? 'rejected'}`.slice(0, 1024);
      rejected.push(next);
    } else {
      if (d.decision === 'accepted' && d.reason !== null) next.reason = `${d.actor}: ${d.reason}`.slice(0, 1024);
      live.push(next);
    }
  }
  live.sort((a, b) => Number(b.status === 'accepted') - Number(a.status === 'accepted') || b.confidence - a.confidence || a.rank - b.rank);
  return {
    ...result,
    hypotheses: live.map((h, i) => ({ ...h, rank: i + 1 })).slice(0, 50),
    rejected: rejected.map((h, i) => ({ ...h, rank: i + 1 })).slice(0, 100),
  };
}

export function latestAnalysis(store: EventStore, incidentId: string | null, from: number, to: number): AnalysisResult | null {
  const row = store.sql
    .prepare('SELECT id FROM analyses WHERE incident_id IS ? AND window_from = ? AND window_to = ? ORDER BY created_at DESC, rowid DESC LIMIT 1')
    .get(incidentId, from, to) as { id: string } | undefined;
  if (row === undefined) return null;
  const r = load(store, row.id);
  return r === null ? null : applyDecisions(r, decisions(store, r.id));
}

export function decideHypothesis(store: EventStore, analysisId: string, hypothesisId: string, decision: Decision, reason: string | null, actor: string): AnalysisResult {
  writable(store);
  const r = load(store, analysisId);
  if (r === null) throw new ContractFailure('not_found', `No analysis ${analysisId}`);
  if (!r.hypotheses.some((h) => h.id === hypothesisId) && !r.rejected.some((h) => h.id === hypothesisId)) {
    throw new ContractFailure('not_found', `Analysis ${analysisId} has no hypothesis ${hypothesisId}`);
  }
  store.sql
    .prepare('INSERT INTO hypothesis_decisions (analysis_id, hypothesis_id, decision, reason, actor, decided_at) VALUES (?, ?, ?, ?, ?, ?)')
    .run(analysisId, hypothesisId, decision, reason === null ? null : reason.slice(0, 1000), actor.slice(0, 200), Date.now());
  return applyDecisions(r, decisions(store, analysisId));
}

/** Accepted hypotheses of an analysis (for "what resolved it"). */
export function acceptedOf(store: EventStore, analysisId: string): { hypothesis_id: string }[] {
  return store.sql
    .prepare("SELECT hypothesis_id FROM hypothesis_decisions d WHERE analysis_id = ? AND decision = 'accepted' AND id = (SELECT max(id) FROM hypothesis_decisions WHERE analysis_id = d.analysis_id AND hypothesis_id = d.hypothesis_id) ORDER BY id")
    .all(analysisId) as { hypothesis_id: string }[];
}

export { load as loadAnalysis };
