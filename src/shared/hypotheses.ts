/**
 * Root-cause analysis results: evidence produced by the deterministic analyzers, hypotheses
 * built from it, and what a model (local or remote) said about them. The model may reorder,
 * explain and add hypotheses, but every claim must cite evidence ids present in `evidence`.
 */
import { z } from 'zod';

const epochMs = z.number().int().min(0).max(8_640_000_000_000);
const short = z.string().max(512);

/** `service:checkout`, `pod:vllm-7d9f-abc12`, `workload:vllm`, `node:gpu-node-3`, `gpu:node-3/0`, `model:gpt-4o`, `provider:openai`, `tool:get_order_status`, `prompt:support-v42`. */
export const EntityRef = z.string().min(3).max(512).regex(/^[a-z_]+:.+$/, 'entity refs look like kind:name');
export type EntityRef = z.infer<typeof EntityRef>;
export const ENTITY_KINDS = ['service', 'workload', 'pod', 'node', 'gpu', 'model', 'provider', 'tool', 'prompt', 'endpoint', 'alert'] as const;

export const HypothesisCategory = z.enum(['infrastructure', 'model', 'agent', 'data', 'security', 'dependency']);
export type HypothesisCategory = z.infer<typeof HypothesisCategory>;

export const EvidenceKind = z.enum([
  'anomaly', // onset of a series or event-rate deviation against its own baseline
  'change', // a deploy, rollback, prompt/model/config/flag change and its lag to onset
  'log_signature', // a mined log template with first-seen time and count
  'trace_stat', // error rate / latency / tokens / cost per dimension against baseline
  'monitor', // one of the AI monitors (invalid JSON rate, tool error rate, injection hits…)
  'gpu', // Xid, throttling, memory pressure, KV cache, queue depth
  'alert', // an alert that fired in the window
  'blast_radius', // share of requests, users, endpoints affected
  'similar_incident', // a past incident with the same signature
  'diagnostic', // the result of a runbook's read-only diagnostic step
]);
export type EvidenceKind = z.infer<typeof EvidenceKind>;

/** How to reproduce a piece of evidence: the exact query and the window it ran over. */
export const EvidenceQuery = z.object({
  /** `sql` against the local store, `promql`/`logql` against a backend, `derived` from other evidence. */
  language: z.enum(['sql', 'promql', 'logql', 'derived']),
  text: z.string().max(4096),
  from: epochMs,
  to: epochMs,
});
export type EvidenceQuery = z.infer<typeof EvidenceQuery>;

export const Evidence = z.object({
  /** Stable within one analysis, e.g. `ev-3`; models cite these. */
  id: z.string().min(1).max(64),
  kind: EvidenceKind,
  summary: z.string().max(1024),
  entities: z.array(EntityRef).max(32),
  /** When the thing happened (onset, change time, first seen). */
  at: epochMs,
  /** Ids of events in the store that show it (a bounded sample). */
  eventIds: z.array(z.number().int().min(0)).max(50),
  /** Ids of metric series in the store that show it. */
  seriesIds: z.array(z.number().int().min(0)).max(20),
  query: EvidenceQuery,
  /** Strength of the signal, 0..1, comparable across kinds. */
  strength: z.number().min(0).max(1),
  /** Small numeric facts (baseline, observed, ratio, lag_ms, count…), for explanations and tests. */
  facts: z.record(z.string().max(64), z.union([z.number(), z.string().max(512), z.boolean(), z.null()])),
});
export type Evidence = z.infer<typeof Evidence>;

export const HypothesisStatus = z.enum(['proposed', 'accepted', 'rejected']);
export type HypothesisStatus = z.infer<typeof HypothesisStatus>;

export const Hypothesis = z.object({
  id: z.string().min(1).max(64),
  rank: z.number().int().min(1),
  title: z.string().max(256),
  category: HypothesisCategory,
  entities: z.array(EntityRef).max(32),
  confidence: z.number().min(0).max(1),
  supporting: z.array(z.string().max(64)).max(64),
  contradicting: z.array(z.string().max(64)).max(64),
  /** Id of the suggested runbook in `runbooks/`, or null. */
  runbook: z.string().max(128).nullable(),
  /** Which rule of the engine produced it, or `model` for one a model added. */
  source: z.string().max(64),
  explanation: z.string().max(4096).optional(),
  status: HypothesisStatus,
  /** Why it was rejected (by the engine, a model or a human). */
  reason: z.string().max(1024).optional(),
});
export type Hypothesis = z.infer<typeof Hypothesis>;

export const Triage = z.object({
  severity: z.enum(['sev1', 'sev2', 'sev3', 'sev4']),
  category: HypothesisCategory,
  rationale: z.string().max(1024),
});
export type Triage = z.infer<typeof Triage>;

export const BlastRadius = z.object({
  requestShare: z.number().min(0).max(1).nullable(),
  usersAffected: z.number().int().min(0).nullable(),
  usersTotal: z.number().int().min(0).nullable(),
  endpoints: z.array(z.string().max(512)).max(50),
  services: z.array(z.string().max(512)).max(50),
});
export type BlastRadius = z.infer<typeof BlastRadius>;

export const SimilarIncident = z.object({
  incidentId: z.string().max(128),
  title: z.string().max(512),
  similarity: z.number().min(0).max(1),
  resolvedBy: z.string().max(1024).nullable(),
});
export type SimilarIncident = z.infer<typeof SimilarIncident>;

/** A model claim that was dropped because it cited no evidence or an id not in the bundle. */
export const DroppedClaim = z.object({
  text: z.string().max(2048),
  cited: z.array(z.string().max(64)).max(32),
  reason: z.string().max(256),
});
export type DroppedClaim = z.infer<typeof DroppedClaim>;

export const ModelReview = z.object({
  /** `local:<file name>` or `remote:<host>`. */
  model: short,
  startedAt: epochMs,
  durationMs: z.number().min(0),
  summary: z.string().max(4096),
  dropped: z.array(DroppedClaim).max(100),
  /** What left the machine (remote only): counts of redacted items by class, bytes sent. */
  egress: z
    .object({ host: short, bytes: z.number().int().min(0), redacted: z.record(z.string().max(64), z.number().int().min(0)) })
    .nullable(),
  error: z.string().max(1024).optional(),
});
export type ModelReview = z.infer<typeof ModelReview>;

export const AnalysisResult = z.object({
  id: z.string().min(1).max(64),
  incidentId: z.string().max(128).nullable(),
  from: epochMs,
  to: epochMs,
  createdAt: epochMs,
  engineVersion: short,
  verdict: z.enum(['supported', 'inconclusive']),
  hypotheses: z.array(Hypothesis).max(50),
  rejected: z.array(Hypothesis).max(100),
  evidence: z.array(Evidence).max(500),
  triage: Triage,
  blastRadius: BlastRadius,
  similar: z.array(SimilarIncident).max(10),
  review: ModelReview.nullable(),
});
export type AnalysisResult = z.infer<typeof AnalysisResult>;
