/**
 * The analysis an export or a rule proposal starts from: the incident's latest stored analysis
 * (with the commander's decisions replayed), else a fresh deterministic run (not stored).
 */
import { ContractFailure } from '../../shared/envelope';
import type { AnalysisResult, Hypothesis } from '../../shared/hypotheses';
import type { IncidentSummary } from '../../shared/incident';
import { analyze, latestAnalysis } from '../analysis';
import type { EventStore } from '../store/api';

export interface IncidentAnalysis {
  incident: IncidentSummary;
  result: AnalysisResult;
  source: 'stored' | 'computed';
}

/** How many of the leading hypotheses count as "top". */
export const TOP_HYPOTHESES = 3;

export function incidentAnalysis(store: EventStore, incidentId: string, now?: number): IncidentAnalysis {
  const incident = store.getIncident(incidentId);
  if (incident === null) throw new ContractFailure('not_found', `No incident ${incidentId}`);
  const stored = latestAnalysis(store, incident.id, incident.windowFrom, incident.windowTo);
  if (stored !== null) return { incident, result: stored, source: 'stored' };
  const result = analyze(store, { from: incident.windowFrom, to: incident.windowTo, incidentId: incident.id, ...(now !== undefined ? { now } : {}) });
  return { incident, result, source: 'computed' };
}

/** The leading hypotheses nobody rejected (accepted ones first, as the stored ranking has them). */
export function topHypotheses(r: AnalysisResult, n = TOP_HYPOTHESES): Hypothesis[] {
  return r.hypotheses.filter((h) => h.status !== 'rejected').slice(0, n);
}
