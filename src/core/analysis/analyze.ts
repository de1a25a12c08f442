/**
 * The deterministic engine: every analyzer over the window, then change correlation and the
 * pattern rules, ranked into hypotheses with their evidence. Same store contents and options →
 * the same result (createdAt aside, which is `now`).
 */
import { createHash } from 'node:crypto';
import { AnalysisResult } from '../../shared/hypotheses';
import type { EventStore } from '../store/api';
import { agentTraceSignals, fetchAgentRows, outcomeMix } from './agent-detail';
import { alertSignals } from './alerts';
import { blastRadius, triage } from './blast';
import type { RuleInput } from './candidate';
import { loadChanges } from './changes';
import { laneSignals } from './event-series';
import { EvidenceBook } from './evidence';
import { makeFrame } from './frame';
import { certificateSignals, gpuMemorySignals, kvSaturationSignals, throttleSignals, xidSignals } from './gpu';
import { injectionSignals } from './injection-scan';
import { aggregateLane, type KeyAgg } from './lanes';
import { fetchLlmRows, llmSignals } from './llm-detail';
import { errorLogSignals, fetchLogs, logSignals, problemLogCount } from './logs';
import { loadSeries, metricSignals, newcomerSignals } from './metrics';
import { globalOnset } from './onset-global';
import { learnPlacement } from './placement';
import { rank } from './rank';
import { Relations } from './relate';
import { changeCandidates } from './rules-change';
import { patternCandidates } from './rules-patterns';
import { signatureOf } from './signature';
import { similarIncidents } from './similar';
import { sql } from './sql';
import { dependencySignals, fetchFailedSpans } from './traces-detail';
import type { Ctx, Signal } from './types';

export const ENGINE_VERSION = 'sitrep-rules/2';

export interface AnalyzeOptions {
  from: number;
  to: number;
  incidentId?: string | null;
  now?: number;
}

const total = (keys: readonly KeyAgg[], f: (k: KeyAgg) => Float64Array): number => keys.reduce((s, k) => s + f(k).reduce((a, x) => a + x, 0), 0);

export function analyze(store: EventStore, opts: AnalyzeOptions): AnalysisResult {
  const from = Math.max(0, Math.floor(opts.from));
  const to = Math.max(from + 1, Math.floor(opts.to));
  const incidentId = opts.incidentId ?? null;
  const createdAt = Math.floor(opts.now ?? Date.now());
  const frame = makeFrame(from, to);
  const book = new EvidenceBook(from, to);
  const ctx: Ctx = { db: store.sql, frame, book };

  const traces = aggregateLane(ctx.db, frame, 'traces');
  const llm = aggregateLane(ctx.db, frame, 'llm');
  const agent = aggregateLane(ctx.db, frame, 'agent');

  const signals: Signal[] = [];
  const alerts = alertSignals(ctx);
  signals.push(...alerts.signals);
  signals.push(...laneSignals(ctx, 'traces', traces), ...laneSignals(ctx, 'llm', llm), ...laneSignals(ctx, 'agent', agent));

  const llmRows = fetchLlmRows(ctx);
  signals.push(...llmSignals(ctx, llmRows.rows, llmRows.stride, llmRows.query));
  const agentRows = fetchAgentRows(ctx, total(agent, (k) => k.count));
  signals.push(
    ...injectionSignals(ctx, [
      ...llmRows.rows.filter((r) => r.suspect !== null).map((r) => ({ id: r.id, ts: r.ts, service: r.service, trace_id: r.trace_id, body: r.suspect ?? '' })),
      ...agentRows.rows.filter((r) => r.suspect !== null).map((r) => ({ id: r.id, ts: r.ts, service: r.service, trace_id: r.trace_id, body: r.suspect ?? '' })),
    ]),
  );
  const mix = outcomeMix(agentRows.rows);
  signals.push(...agentTraceSignals(ctx, agentRows.rows, agentRows.query));

  const logRows = fetchLogs(ctx, problemLogCount(ctx));
  const logFindings = logSignals(ctx, logRows.rows, logRows.stride, logRows.query);
  signals.push(...logFindings.signals, ...errorLogSignals(ctx, logRows.rows, logRows.stride, logRows.query));

  const series = loadSeries(ctx);
  signals.push(...metricSignals(ctx, series), ...newcomerSignals(ctx, series), ...throttleSignals(ctx, series), ...gpuMemorySignals(ctx, series), ...kvSaturationSignals(ctx, series), ...certificateSignals(ctx, series));
  signals.push(...xidSignals(ctx, logRows.rows, logRows.query, series));

  const failed = fetchFailedSpans(ctx, total(traces, (k) => k.errors));
  signals.push(...dependencySignals(ctx, failed.spans, failed.query, failed.stride, new Set(traces.map((k) => k.service))));

  const rel = new Relations();
  for (const s of series) rel.learn(s.entities);
  learnPlacement(ctx, rel);
  const onset = globalOnset(signals, frame.bucketMs);
  const inp: RuleInput = { signals, rel, onset, bucketMs: frame.bucketMs };
  const changes = loadChanges(ctx);
  const ranked = rank(inp, [...changeCandidates(inp, changes, book), ...patternCandidates(inp, mix)]);
  const verdict = ranked.hypotheses.length > 0 && ranked.best >= 0.25 ? 'supported' : 'inconclusive';

  const blast = blastRadius(ctx, { hypotheses: ranked.hypotheses, signals, traces, llm, onset, failedSpans: failed.spans, failedStride: failed.stride });
  const draft: AnalysisResult = {
    id: analysisId(incidentId, from, to, createdAt),
    incidentId,
    from,
    to,
    createdAt,
    engineVersion: ENGINE_VERSION,
    verdict,
    hypotheses: ranked.hypotheses,
    rejected: ranked.rejected,
    evidence: [],
    triage: triage(blast.blast, ranked.hypotheses, signals, verdict),
    blastRadius: blast.blast,
    similar: [],
    review: null,
  };
  draft.evidence = book.all();
  const similar = similarIncidents(store, incidentId, signatureOf(draft));
  for (const s of similar) {
    book.add({
      kind: 'similar_incident',
      summary: `similar past incident ${s.incidentId} (${Math.round(s.similarity * 100)}% overlap): ${s.title}${s.resolvedBy !== null ? `; resolved by: ${s.resolvedBy}` : ''}`.slice(0, 1024),
      entities: [],
      at: from,
      sql: sql`SELECT id, incident_id, signature_json FROM analyses WHERE incident_id = ${s.incidentId} ORDER BY created_at DESC LIMIT 1`,
      strength: s.similarity,
      facts: { incident: s.incidentId, similarity: s.similarity },
    });
  }
  return AnalysisResult.parse({ ...draft, evidence: book.all(), similar });
}

function analysisId(incidentId: string | null, from: number, to: number, createdAt: number): string {
  const h = createHash('sha256').update(`${incidentId ?? ''}|${from}|${to}|${createdAt}|${ENGINE_VERSION}`).digest('hex');
  return `an-${h.slice(0, 20)}`;
}
