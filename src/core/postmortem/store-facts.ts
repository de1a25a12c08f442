/**
 * What the draft reads from the store: the alerts and changes of the incident window, LLM calls
 * (tokens, cost, failures), the stored analyses and the hypothesis decisions, and the key metric
 * series for the charts (through the same window query the timeline uses).
 */
import type { AlertEvent, ChangeEvent } from '../../shared/events';
import type { AnalysisResult, Evidence } from '../../shared/hypotheses';
import type { MetricLaneId } from '../../shared/lanes';
import type { ChartSeries, LlmUsage } from '../../shared/postmortem';
import type { EventStore } from '../store/api';

export type AlertFact = Pick<AlertEvent, 'ts' | 'name' | 'state' | 'severity' | 'summary' | 'service'> & { id: number };
export type ChangeFact = Pick<ChangeEvent, 'ts' | 'changeType' | 'target' | 'author' | 'summary' | 'from' | 'to' | 'service'> & { id: number };

/** Alerts and changes are read up to this many each. */
export const MAX_SCRIPTED = 200;

export function alertsAndChanges(store: EventStore, from: number, to: number): { alerts: AlertFact[]; changes: ChangeFact[]; truncated: boolean } {
  const alerts: AlertFact[] = [];
  const changes: ChangeFact[] = [];
  let after: { ts: number; id: number } | undefined;
  let truncated = false;
  for (;;) {
    const page = store.listEvents({ from, to: to + 1, kinds: ['alert', 'change'], limit: 200, ...(after ? { after } : {}) });
    for (const row of page.rows) {
      const e = store.getEvent(row.id)?.event;
      const list: unknown[] = e?.kind === 'alert' ? alerts : changes;
      if (list.length >= MAX_SCRIPTED) {
        truncated = true;
        continue;
      }
      if (e?.kind === 'alert') alerts.push({ id: row.id, ts: e.ts, name: e.name, state: e.state, severity: e.severity, summary: e.summary, service: e.service });
      if (e?.kind === 'change') changes.push({ id: row.id, ts: e.ts, changeType: e.changeType, target: e.target, author: e.author, summary: e.summary, from: e.from, to: e.to, service: e.service });
    }
    if (page.next === null || (alerts.length >= MAX_SCRIPTED && changes.length >= MAX_SCRIPTED)) break;
    after = page.next;
  }
  return { alerts, changes, truncated };
}

/** LLM calls in [from, to): one bucket of the window query's llm lane. */
export function llmTotals(store: EventStore, from: number, to: number): Omit<LlmUsage, 'expectedTokens' | 'expectedCostUsd'> | null {
  if (to <= from) return null;
  const w = store.window({ from, to, widthPx: 1, lanes: [{ type: 'events', lane: 'llm' }] });
  const lane = w.lanes[0];
  if (lane?.type !== 'events' || lane.total === 0) return null;
  const b = lane.buckets;
  const sum = (xs: readonly number[]): number => xs.reduce((a, x) => a + x, 0);
  return { calls: sum(b.count), failed: sum(b.errors) + sum(b.warns), tokens: sum(b.tokens), costUsd: sum(b.costUsd) };
}

/** Usage from the onset to `end`, with what the same span would have used at the pre-onset rate. */
export function llmUsage(store: EventStore, windowFrom: number, onset: number, end: number): LlmUsage | null {
  const during = llmTotals(store, onset, end);
  if (during === null) return null;
  // A baseline shorter than five minutes says little about a rate.
  const base = onset - windowFrom >= 5 * 60_000 ? llmTotals(store, windowFrom, onset) : null;
  const scale = base === null ? 0 : (end - onset) / (onset - windowFrom);
  return {
    ...during,
    expectedTokens: base === null ? null : base.tokens * scale,
    expectedCostUsd: base === null ? null : base.costUsd * scale,
  };
}

export interface StoredAnalysisRow {
  id: string;
  createdAt: number;
  hypotheses: number;
  leading: string | null;
  confidence: number | null;
}

/** Every analysis stored for the incident, oldest first. */
export function storedAnalyses(store: EventStore, incidentId: string): StoredAnalysisRow[] {
  const rows = store.sql
    .prepare(
      `SELECT id, created_at AS createdAt, json_array_length(result_json, '$.hypotheses') AS hypotheses,
              json_extract(result_json, '$.hypotheses[0].title') AS leading, json_extract(result_json, '$.hypotheses[0].confidence') AS confidence
         FROM analyses WHERE incident_id = ? ORDER BY created_at, rowid`,
    )
    .all(incidentId) as { id: string; createdAt: number; hypotheses: number | null; leading: string | null; confidence: number | null }[];
  return rows.map((r) => ({ ...r, hypotheses: r.hypotheses ?? 0 }));
}

export interface StoredDecision {
  analysisId: string;
  hypothesisId: string;
  decision: 'accepted' | 'rejected' | 'proposed';
  reason: string | null;
  actor: string;
  decidedAt: number;
}

export function storedDecisions(store: EventStore, incidentId: string): StoredDecision[] {
  return store.sql
    .prepare(
      `SELECT d.analysis_id AS analysisId, d.hypothesis_id AS hypothesisId, d.decision, d.reason, d.actor, d.decided_at AS decidedAt
         FROM hypothesis_decisions d JOIN analyses a ON a.id = d.analysis_id
        WHERE a.incident_id = ? ORDER BY d.decided_at, d.id`,
    )
    .all(incidentId) as StoredDecision[];
}

/** Points per chart: enough for a page-wide line, little enough to keep the draft small. */
export const CHART_POINTS = 180;
const MAX_METRIC_CHARTS = 3;

interface SeriesMeta {
  id: number;
  name: string;
  lane: MetricLaneId;
  labels_json: string;
  unit: string | null;
}

const LABEL_KEYS = ['pod', 'Hostname', 'instance', 'service', 'gpu', 'model_name'];

function seriesTitle(m: SeriesMeta): string {
  let labels: Record<string, unknown> = {};
  try {
    labels = JSON.parse(m.labels_json) as Record<string, unknown>;
  } catch {
    labels = {};
  }
  const key = LABEL_KEYS.find((k) => typeof labels[k] === 'string');
  return key === undefined ? m.name : `${m.name} (${key}=${String(labels[key])})`;
}

/**
 * The charts of the PDF: the share of LLM calls failing or returning invalid output, then up to
 * three metric series the leading hypotheses' evidence names (strongest first, one per metric).
 */
export function chartSeries(store: EventStore, analysis: AnalysisResult | null, leadIds: readonly string[], from: number, to: number): ChartSeries[] {
  const out: ChartSeries[] = [];
  const w = store.window({ from, to, widthPx: CHART_POINTS, lanes: [{ type: 'events', lane: 'llm' }] });
  const llm = w.lanes[0];
  if (llm?.type === 'events' && llm.total > 0) {
    const b = llm.buckets;
    out.push({
      title: 'LLM calls failing or returning invalid output',
      unit: 'share',
      points: b.count.map((n, i): [number, number | null] => [Math.round(b.t0 + i * b.step), n > 0 ? ((b.errors[i] ?? 0) + (b.warns[i] ?? 0)) / n : null]),
    });
  }
  if (analysis === null) return out;
  const byId = new Map(analysis.evidence.map((e) => [e.id, e]));
  const cited: Evidence[] = [];
  for (const hid of leadIds) {
    const h = analysis.hypotheses.find((x) => x.id === hid);
    for (const id of h?.supporting ?? []) {
      const e = byId.get(id);
      if (e && e.seriesIds.length > 0 && !cited.includes(e)) cited.push(e);
    }
  }
  cited.sort((a, b) => b.strength - a.strength);
  const meta = store.sql.prepare('SELECT id, name, lane, labels_json, unit FROM metric_series WHERE id = ?');
  const names = new Set<string>();
  for (const e of cited) {
    if (names.size >= MAX_METRIC_CHARTS) break;
    const m = meta.get(e.seriesIds[0]) as SeriesMeta | undefined;
    if (m === undefined || names.has(m.name)) continue;
    const r = store.window({ from, to, widthPx: CHART_POINTS, lanes: [{ type: 'metrics', lane: m.lane, metric: m.name }] }).lanes[0];
    const s = r?.type === 'metrics' ? r.series.find((x) => x.id === m.id) : undefined;
    if (s === undefined) continue;
    names.add(m.name);
    out.push({ title: seriesTitle(m), unit: m.unit, points: s.max.map((v, i): [number, number | null] => [Math.round(s.t0 + i * s.step), v]) });
  }
  return out;
}
