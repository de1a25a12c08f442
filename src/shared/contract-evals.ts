/**
 * Contract channels of the incident → eval → monitor loop and the cross-incident report (declared
 * here, spread into ../contract.ts): export an incident's relevant LLM calls as eval cases (JSON
 * Lines), propose Prometheus alerting rules for the signals that fired, and the report across every
 * incident in the store (engine precision, repeat incidents, time to context, MTTR).
 */
import { z } from 'zod';
import { HypothesisCategory } from './hypotheses';

const IncidentId = z.string().min(1).max(128);
const epochMs = z.number().int().min(0).max(8_640_000_000_000);
const short = z.string().max(512);
const text = z.string().max(16_384);
const count = z.number().int().min(0);

/** What went wrong in a call (or, for a baseline case, what it guards against). */
export const FAILURE_MODES = ['invalid_output', 'tool_arguments', 'tool_denied', 'refusal', 'policy_violation', 'prompt_injection'] as const;
export const FailureMode = z.enum(FAILURE_MODES);
export type FailureMode = z.infer<typeof FailureMode>;

export const EvalLabel = z.enum(['fail', 'pass']);
export type EvalLabel = z.infer<typeof EvalLabel>;

/**
 * One eval case, one line of the JSON Lines export. Field names are snake_case, as eval tools
 * expect. `input` is what the model was given as recorded: the call's own messages or prompt, or
 * (when the call recorded none) the nearest earlier input of the same trace; `tool_results` are
 * the tool outputs of the trace the model had read before this call.
 */
export const EvalCase = z.object({
  id: z.string().min(1).max(300),
  input: z.object({
    messages: z.array(z.object({ role: z.string().max(64), content: text })).max(200).nullable(),
    prompt: text.nullable(),
    tool_results: z.array(z.object({ tool: short, content: text })).max(10),
    recorded: z.enum(['call', 'trace', 'none']),
  }),
  observed_output: z.object({
    text: text.nullable(),
    finish_reason: short.nullable(),
    valid_json: z.boolean().nullable(),
    status: z.enum(['ok', 'error']),
    /** The tool calls the trace made after this model call (up to the next model call). */
    tool_calls: z.array(z.object({ tool: short, outcome: short, arguments: text.nullable(), error: text.nullable() })).max(20),
  }),
  /** The behaviour the case checks, in words (e.g. "must not refuse"). */
  expected: z.string().min(1).max(2048),
  label: EvalLabel,
  /** `incident:…`, `failure_mode:…`, `model:…`, `provider:…`, `prompt_version:…`, `service:…`, plus `baseline` or `cited`. */
  tags: z.array(z.string().max(600)).max(20),
  source: z.object({ trace_id: short.nullable(), span_id: short.nullable(), event_id: z.number().int().min(0), ts: epochMs, time: z.string().max(40) }),
  /** Why this call was picked. */
  why: z.string().max(1024),
});
export type EvalCase = z.infer<typeof EvalCase>;

const ModeCounts = z.object({ fail: count, pass: count });

export const EvalExport = z.object({
  incidentId: IncidentId,
  /** The analysis whose hypotheses picked the cited calls; `computed` when none was stored and one ran for this export. */
  analysisId: z.string().max(64).nullable(),
  analysisSource: z.enum(['stored', 'computed']),
  raw: z.boolean(),
  cases: count,
  byLabel: ModeCounts,
  byFailureMode: z.record(FailureMode, ModeCounts),
  /** How the cases' inputs were found: on the call itself, earlier in its trace, or not recorded. */
  inputs: z.object({ call: count, trace: count, none: count }),
  /** Distinct values redacted, by class (empty for a raw export). */
  redacted: z.record(z.string().max(64), count),
  /** Some failing calls were left out to keep the export bounded. */
  truncated: z.boolean(),
  fileName: z.string().max(200),
  /** The export itself: one EvalCase per line, UTF-8, newline-terminated. */
  jsonl: z.string().max(64 * 1024 * 1024),
});
export type EvalExport = z.infer<typeof EvalExport>;

export const ProposedRule = z.object({
  alert: z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/).max(200),
  expr: z.string().max(4096),
  /** Prometheus duration (`2m`) and the same in ms. */
  for: z.string().max(16),
  forMs: count,
  severity: z.enum(['critical', 'warning']),
  metric: short,
  selector: z.record(z.string().max(256), short),
  counter: z.boolean(),
  direction: z.enum(['above', 'below']),
  threshold: z.number(),
  /** The baseline's 95th percentile (below for `below`: its 5th) and the level right after onset. */
  baseline: z.number(),
  onset: z.number(),
  onsetAt: epochMs,
  /** Stored series the selector matches (the rule was evaluated on all of them). */
  seriesMatched: count,
  evidence: z.array(z.string().max(64)).max(50),
  /** The first time the rule, evaluated on the stored points, would have fired. */
  wouldHaveFiredAt: epochMs,
  /** Minutes before the reference (the first alert, else detection); negative = after it; null = no reference. */
  leadMinutes: z.number().nullable(),
  why: z.string().max(2048),
});
export type ProposedRule = z.infer<typeof ProposedRule>;

export const MonitorProposal = z.object({
  incidentId: IncidentId,
  analysisId: z.string().max(64).nullable(),
  /** What "earlier" is measured against: the first alert that fired in the window, else the incident's detection time. */
  reference: z.object({ kind: z.enum(['alert', 'detected', 'none']), name: short.nullable(), at: epochMs.nullable() }),
  rules: z.array(ProposedRule).max(50),
  /**
   * Signals that fired but have no stored series a Prometheus rule could read. For a rate computed
   * from events (error, invalid-output, tool-error rates) `rate` says what the same threshold rule
   * on that rate would have done, had a metric carried it.
   */
  uncovered: z
    .array(
      z.object({
        signal: z.string().max(1024),
        evidenceId: z.string().max(64),
        reason: z.string().max(1024),
        rate: z
          .object({ what: z.string().max(512), threshold: z.number(), baseline: z.number(), onset: z.number(), for: z.string().max(16), wouldHaveFiredAt: epochMs, leadMinutes: z.number().nullable() })
          .nullable(),
      }),
    )
    .max(100),
  /** Series evidence that did not make a rule, and why. */
  skipped: z.array(z.object({ metric: short, reason: z.string().max(1024) })).max(100),
  /** The rules as a Prometheus rule file (groups/rules YAML). */
  yaml: z.string().max(1024 * 1024),
});
export type MonitorProposal = z.infer<typeof MonitorProposal>;

const Precision = z.object({ accepted: count, rejected: count, precision: z.number().min(0).max(1).nullable() });

export const IncidentReport = z.object({
  generatedAt: epochMs,
  granularity: z.enum(['week', 'month']),
  incidents: count,
  analysed: count,
  notAnalysed: z.array(z.object({ id: IncidentId, title: short })).max(1000),
  precision: Precision.extend({
    byPeriod: z.array(Precision.extend({ period: z.string().max(16), from: epochMs })).max(1000),
    byCategory: z.array(Precision.extend({ category: HypothesisCategory })).max(10),
  }),
  /** Incidents whose analyses share a signature (similarity ≥ the threshold), two or more per group. */
  repeats: z
    .array(
      z.object({
        signature: z.array(z.string().max(600)).max(50),
        leadingHypothesis: z.string().max(512).nullable(),
        incidents: z.array(z.object({ id: IncidentId, title: short, startedAt: epochMs })).max(1000),
      }),
    )
    .max(500),
  timing: z.object({
    ttcMedianMs: z.number().min(0).nullable(),
    mttrMedianMs: z.number().min(0).nullable(),
    perIncident: z
      .array(z.object({ id: IncidentId, title: short, startedAt: epochMs, status: z.enum(['open', 'mitigated', 'resolved']), ttcMs: z.number().min(0).nullable(), mttrMs: z.number().min(0).nullable() }))
      .max(5000),
    byPeriod: z.array(z.object({ period: z.string().max(16), from: epochMs, incidents: count, ttcMedianMs: z.number().min(0).nullable(), mttrMedianMs: z.number().min(0).nullable() })).max(1000),
  }),
});
export type IncidentReport = z.infer<typeof IncidentReport>;

export const evalsChannels = {
  /** The incident's relevant LLM calls as eval cases (operators only: it exports traces). Redacted unless `raw`. */
  'evals.export': { input: z.object({ incidentId: IncidentId, raw: z.boolean().default(false) }).strict(), output: EvalExport },
  /** Prometheus alerting rules for the signals that fired, with when each would have fired. */
  'monitors.propose': { input: z.object({ incidentId: IncidentId }).strict(), output: MonitorProposal },
  /** The report across every incident in the store. */
  'report.get': { input: z.object({ granularity: z.enum(['week', 'month', 'auto']).default('auto') }).strict(), output: IncidentReport },
} as const;
