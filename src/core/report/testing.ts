/**
 * Test material: a store holding several past incidents (the demo incident at different times and
 * seeds), each analysed at a chosen delay after its start, with the commander's decisions on its
 * leading hypotheses, and a chosen time to resolve. Used by the report's tests and the e2e journey.
 */
import type { Incident } from '../../shared/incident';
import { analyze, decideHypothesis, saveAnalysis } from '../analysis';
import { generateDemo } from '../demo';
import type { EventStore } from '../store/api';

const MIN = 60_000;

export interface PastIncident {
  /** T0 of the demo incident (its prompt release); the incident starts 3 minutes later. */
  anchor: number;
  seed?: number;
  events?: number;
  /** Minutes after the start at which the analysis ran; null: never analysed. */
  analysedAfterMin?: number | null;
  /** Decisions on the leading hypotheses, in rank order. */
  decisions?: readonly ('accepted' | 'rejected')[];
  /** Minutes from start to resolution; null: still open. Default: the demo's own (27). */
  resolvedAfterMin?: number | null;
}

export function writeHistory(store: EventStore, past: readonly PastIncident[]): Incident[] {
  const out: Incident[] = [];
  for (const p of past) {
    const { incident: demo } = generateDemo(store, { anchor: p.anchor, seed: p.seed ?? 1, events: p.events ?? 3_000 });
    const resolvedAt = p.resolvedAfterMin === undefined ? demo.resolvedAt : p.resolvedAfterMin === null ? null : demo.startedAt + p.resolvedAfterMin * MIN;
    const incident: Incident = { ...demo, resolvedAt, status: resolvedAt === null ? 'open' : 'resolved' };
    store.upsertIncident(incident);
    out.push(incident);
    if (p.analysedAfterMin === null) continue;
    const r = analyze(store, { from: incident.windowFrom, to: incident.windowTo, incidentId: incident.id, now: incident.startedAt + (p.analysedAfterMin ?? 5) * MIN });
    saveAnalysis(store, r);
    (p.decisions ?? []).forEach((d, i) => {
      const h = r.hypotheses[i];
      if (h !== undefined) decideHypothesis(store, r.id, h.id, d, d === 'rejected' ? 'not the cause' : null, 'test:commander');
    });
  }
  return out;
}
