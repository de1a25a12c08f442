/**
 * The report across every incident in the store:
 * - engine precision: hypotheses the humans accepted / (accepted + rejected), per period (of the
 *   incident's start) and per category; each hypothesis counts once per incident, by its last decision;
 * - repeat incidents: incidents whose latest analyses share a signature (the similar-incidents
 *   signature, ../analysis/signature.ts), grouped when their Jaccard similarity reaches 0.5;
 * - time to context (the first analysis with a hypothesis − the start) and MTTR (resolved − start),
 *   per incident and as medians per period.
 * Incidents never analysed are listed, and left out of precision, repeats and time to context.
 */
import type { IncidentReport } from '../../shared/contract-evals';
import type { HypothesisCategory } from '../../shared/hypotheses';
import { HypothesisCategory as Categories } from '../../shared/hypotheses';
import type { IncidentSummary } from '../../shared/incident';
import { jaccard } from '../analysis/signature';
import { median } from '../analysis/stats';
import { loadAnalysis } from '../analysis/persist';
import type { EventStore } from '../store/api';
import { autoGranularity, periodOf, periodsBetween, type Granularity } from './periods';

export interface ReportOptions {
  granularity?: Granularity | 'auto';
  /** Jaccard similarity of signatures from which two incidents are repeats. Default 0.5. */
  repeatThreshold?: number;
  now?: number;
}

interface AnalysisRow {
  id: string;
  incident_id: string;
  created_at: number;
  signature_json: string;
  hyps: number;
  top: string | null;
}

interface DecisionRow {
  analysis_id: string;
  incident_id: string;
  hypothesis_id: string;
  decision: 'accepted' | 'rejected' | 'proposed';
}

const precisionOf = (accepted: number, rejected: number): number | null => (accepted + rejected === 0 ? null : accepted / (accepted + rejected));

function signatureOfRow(json: string): string[] {
  try {
    const v = JSON.parse(json) as unknown;
    return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
  } catch {
    return [];
  }
}

export function incidentReport(store: EventStore, opts: ReportOptions = {}): IncidentReport {
  const db = store.sql;
  const incidents = store.listIncidents();
  const byId = new Map(incidents.map((i) => [i.id, i]));
  const starts = incidents.map((i) => i.startedAt);
  const granularity: Granularity = opts.granularity === undefined || opts.granularity === 'auto' ? autoGranularity(starts) : opts.granularity;
  const threshold = opts.repeatThreshold ?? 0.5;

  const analyses = (
    db
      .prepare(
        `SELECT id, incident_id, created_at, signature_json, coalesce(json_array_length(result_json, '$.hypotheses'), 0) AS hyps,
          json_extract(result_json, '$.hypotheses[0].title') AS top
         FROM analyses WHERE incident_id IS NOT NULL ORDER BY incident_id, created_at, rowid`,
      )
      .all() as AnalysisRow[]
  ).filter((a) => byId.has(a.incident_id));
  const perIncident = new Map<string, AnalysisRow[]>();
  for (const a of analyses) (perIncident.get(a.incident_id) ?? perIncident.set(a.incident_id, []).get(a.incident_id))?.push(a);

  // Decisions: the last one per (incident, hypothesis) across the incident's analyses.
  const decisions = db
    .prepare(
      `SELECT d.analysis_id, a.incident_id, d.hypothesis_id, d.decision FROM hypothesis_decisions d JOIN analyses a ON a.id = d.analysis_id
        WHERE a.incident_id IS NOT NULL ORDER BY d.id`,
    )
    .all() as DecisionRow[];
  const last = new Map<string, DecisionRow>();
  for (const d of decisions) if (byId.has(d.incident_id)) last.set(`${d.incident_id}\u0000${d.hypothesis_id}`, d);
  const categories = new Map<string, Map<string, HypothesisCategory>>();
  const categoryOf = (analysisId: string, hypothesisId: string): HypothesisCategory | null => {
    let m = categories.get(analysisId);
    if (m === undefined) {
      m = new Map();
      const r = loadAnalysis(store, analysisId);
      for (const h of [...(r?.hypotheses ?? []), ...(r?.rejected ?? [])]) m.set(h.id, h.category);
      categories.set(analysisId, m);
    }
    return m.get(hypothesisId) ?? null;
  };

  const overall = { accepted: 0, rejected: 0 };
  const periodCounts = new Map<string, { from: number; accepted: number; rejected: number }>();
  const categoryCounts = new Map<HypothesisCategory, { accepted: number; rejected: number }>();
  for (const d of last.values()) {
    if (d.decision === 'proposed') continue;
    const inc = byId.get(d.incident_id) as IncidentSummary;
    const key = d.decision === 'accepted' ? 'accepted' : 'rejected';
    overall[key]++;
    const p = periodOf(inc.startedAt, granularity);
    const pc = periodCounts.get(p.key) ?? periodCounts.set(p.key, { from: p.from, accepted: 0, rejected: 0 }).get(p.key);
    if (pc !== undefined) pc[key]++;
    const cat = categoryOf(d.analysis_id, d.hypothesis_id);
    if (cat !== null) {
      const cc = categoryCounts.get(cat) ?? categoryCounts.set(cat, { accepted: 0, rejected: 0 }).get(cat);
      if (cc !== undefined) cc[key]++;
    }
  }

  const periods = starts.length === 0 ? [] : (periodsBetween(Math.min(...starts), Math.max(...starts), granularity) ?? [...new Map(starts.map((t) => periodOf(t, granularity)).map((p) => [p.key, p])).values()].sort((a, b) => a.from - b.from));

  // Timing.
  const timing = incidents
    .map((inc) => {
      const first = (perIncident.get(inc.id) ?? []).find((a) => a.hyps > 0);
      return {
        id: inc.id,
        title: inc.title.slice(0, 512),
        startedAt: inc.startedAt,
        status: inc.status,
        ttcMs: first === undefined ? null : Math.max(0, first.created_at - inc.startedAt),
        mttrMs: inc.resolvedAt === null ? null : Math.max(0, inc.resolvedAt - inc.startedAt),
      };
    })
    .sort((a, b) => a.startedAt - b.startedAt || (a.id < b.id ? -1 : 1));
  const med = (xs: (number | null)[]): number | null => {
    const v = xs.filter((x): x is number => x !== null);
    return v.length === 0 ? null : median(v);
  };

  return {
    generatedAt: Math.floor(opts.now ?? Date.now()),
    granularity,
    incidents: incidents.length,
    analysed: perIncident.size,
    notAnalysed: incidents.filter((i) => !perIncident.has(i.id)).slice(0, 1000).map((i) => ({ id: i.id, title: i.title.slice(0, 512) })),
    precision: {
      ...overall,
      precision: precisionOf(overall.accepted, overall.rejected),
      byPeriod: periods.map((p) => {
        const c = periodCounts.get(p.key) ?? { accepted: 0, rejected: 0 };
        return { period: p.key, from: p.from, accepted: c.accepted, rejected: c.rejected, precision: precisionOf(c.accepted, c.rejected) };
      }),
      byCategory: Categories.options.flatMap((category) => {
        const c = categoryCounts.get(category);
        return c === undefined ? [] : [{ category, accepted: c.accepted, rejected: c.rejected, precision: precisionOf(c.accepted, c.rejected) }];
      }),
    },
    repeats: repeatGroups(perIncident, byId, threshold),
    timing: {
      ttcMedianMs: med(timing.map((t) => t.ttcMs)),
      mttrMedianMs: med(timing.map((t) => t.mttrMs)),
      perIncident: timing.slice(-5000),
      byPeriod: periods.map((p) => {
        const inPeriod = timing.filter((t) => periodOf(t.startedAt, granularity).key === p.key);
        return { period: p.key, from: p.from, incidents: inPeriod.length, ttcMedianMs: med(inPeriod.map((t) => t.ttcMs)), mttrMedianMs: med(inPeriod.map((t) => t.mttrMs)) };
      }),
    },
  };
}

/** Single-linkage groups of incidents whose latest signatures reach the threshold; two or more per group. */
function repeatGroups(perIncident: ReadonlyMap<string, AnalysisRow[]>, byId: ReadonlyMap<string, IncidentSummary>, threshold: number): IncidentReport['repeats'] {
  const latest = [...perIncident.entries()]
    .map(([id, rows]) => ({ id, row: rows[rows.length - 1] as AnalysisRow }))
    .map((x) => ({ ...x, sig: signatureOfRow(x.row.signature_json) }))
    .filter((x) => x.sig.length > 0)
    .sort((a, b) => (byId.get(a.id)?.startedAt ?? 0) - (byId.get(b.id)?.startedAt ?? 0) || (a.id < b.id ? -1 : 1));
  const parent = latest.map((_, i) => i);
  const find = (i: number): number => {
    while (parent[i] !== i) i = parent[i] = parent[parent[i] as number] as number;
    return i;
  };
  for (let i = 0; i < latest.length; i++) {
    for (let j = i + 1; j < latest.length; j++) {
      if (jaccard((latest[i] as (typeof latest)[number]).sig, (latest[j] as (typeof latest)[number]).sig) >= threshold) parent[find(j)] = find(i);
    }
  }
  const groups = new Map<number, typeof latest>();
  latest.forEach((x, i) => (groups.get(find(i)) ?? groups.set(find(i), []).get(find(i)))?.push(x));
  return [...groups.values()]
    .filter((g) => g.length >= 2)
    .map((g) => {
      const counts = new Map<string, number>();
      for (const x of g) for (const s of new Set(x.sig)) counts.set(s, (counts.get(s) ?? 0) + 1);
      const shared = [...counts.entries()].filter(([, n]) => n >= Math.max(2, Math.ceil(g.length / 2))).sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).map(([s]) => s.slice(0, 600));
      const newest = g[g.length - 1];
      return {
        signature: shared.slice(0, 50),
        leadingHypothesis: newest?.row.top?.slice(0, 512) ?? null,
        incidents: g.slice(0, 1000).map((x) => {
          const inc = byId.get(x.id) as IncidentSummary;
          return { id: inc.id, title: inc.title.slice(0, 512), startedAt: inc.startedAt };
        }),
      };
    })
    .sort((a, b) => b.incidents.length - a.incidents.length || ((a.incidents[0]?.startedAt ?? 0) - (b.incidents[0]?.startedAt ?? 0)))
    .slice(0, 500);
}
