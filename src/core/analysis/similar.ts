/** Similar past incidents: stored analyses of other incidents with an overlapping signature, and what resolved them. */
import type { AnalysisResult, SimilarIncident } from '../../shared/hypotheses';
import type { EventStore } from '../store/api';
import { acceptedOf, loadAnalysis } from './persist';
import { jaccard } from './signature';
import { round } from './stats';

const MIN_SIMILARITY = 0.2;

interface Row {
  id: string;
  incident_id: string;
  signature_json: string;
}

export function similarIncidents(store: EventStore, incidentId: string | null, signature: readonly string[]): SimilarIncident[] {
  if (signature.length === 0) return [];
  // The latest analysis of each other incident.
  const rows = store.sql
    .prepare(
      `SELECT a.id, a.incident_id, a.signature_json FROM analyses a
        WHERE a.incident_id IS NOT NULL AND a.incident_id IS NOT ?
          AND a.created_at = (SELECT max(b.created_at) FROM analyses b WHERE b.incident_id = a.incident_id)
        ORDER BY a.incident_id LIMIT 2000`,
    )
    .all(incidentId) as Row[];
  const scored: { row: Row; sim: number }[] = [];
  for (const row of rows) {
    let sig: unknown;
    try {
      sig = JSON.parse(row.signature_json);
    } catch {
      continue;
    }
    if (!Array.isArray(sig)) continue;
    const sim = jaccard(signature, sig.filter((x): x is string => typeof x === 'string'));
    if (sim >= MIN_SIMILARITY) scored.push({ row, sim });
  }
  scored.sort((a, b) => b.sim - a.sim || (a.row.incident_id < b.row.incident_id ? -1 : 1));
  return scored.slice(0, 5).map(({ row, sim }) => {
    const inc = store.getIncident(row.incident_id);
    const past = loadAnalysis(store, row.id);
    return { incidentId: row.incident_id.slice(0, 128), title: (inc?.title ?? past?.hypotheses[0]?.title ?? row.incident_id).slice(0, 512), similarity: round(sim, 3), resolvedBy: resolvedBy(store, row.id, past, inc?.summary ?? null) };
  });
}

function resolvedBy(store: EventStore, analysisId: string, past: AnalysisResult | null, summary: string | null): string | null {
  const accepted = acceptedOf(store, analysisId)
    .map((a) => past?.hypotheses.find((h) => h.id === a.hypothesis_id) ?? past?.rejected.find((h) => h.id === a.hypothesis_id))
    .find((h) => h !== undefined);
  if (accepted !== undefined) return `${accepted.title}${accepted.runbook !== null ? ` (runbook ${accepted.runbook})` : ''}`.slice(0, 1024);
  if (summary !== null && summary.length > 0) return summary.slice(0, 1024);
  return null;
}
