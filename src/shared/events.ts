/**
 * The unified event model. Every connector (OTLP, Prometheus, Loki, webhooks, Kubernetes,
 * Argo CD, GitHub, file import, the demo generator) maps what it reads into these shapes.
 * Times are milliseconds since the Unix epoch (UTC).
 */
import { z } from 'zod';

export const MAX_TEXT = 16_384;
export const MAX_SHORT = 512;
export const MAX_ATTRS = 128;

const short = z.string().max(MAX_SHORT);
const text = z.string().max(MAX_TEXT);
const epochMs = z.number().int().min(0).max(8_640_000_000_000);
const nonNeg = z.number().finite().min(0);

export const AttrValue = z.union([z.string().max(MAX_TEXT), z.number(), z.boolean(), z.null()]);
export type AttrValue = z.infer<typeof AttrValue>;
export const Attrs = z
  .record(z.string().max(256), AttrValue)
  .refine((r) => Object.keys(r).length <= MAX_ATTRS, { message: `at most ${MAX_ATTRS} attributes` });
export type Attrs = z.infer<typeof Attrs>;

/** Fields every discrete event carries. */
const common = {
  /** External id (span id, log id, alert fingerprint+state…), used to deduplicate re-imports. */
  externalId: short.optional(),
  ts: epochMs,
  durMs: nonNeg.optional(),
  service: short,
  traceId: short.optional(),
  spanId: short.optional(),
  parentSpanId: short.optional(),
  attrs: Attrs.optional(),
};

export const Status = z.enum(['ok', 'error']);
export type Status = z.infer<typeof Status>;

export const LlmCall = z.object({
  kind: z.literal('llm_call'),
  ...common,
  provider: short,
  model: short,
  operation: short, // chat | text_completion | embeddings | generate_content | invoke_agent …
  promptVersion: short.optional(),
  inputTokens: z.number().int().min(0),
  outputTokens: z.number().int().min(0),
  costUsd: nonNeg,
  latencyMs: nonNeg,
  ttftMs: nonNeg.optional(),
  status: Status,
  finishReason: short.optional(),
  errorType: short.optional(),
  /** Did the output parse against the expected structured-output schema (when one was expected). */
  outputValid: z.boolean().optional(),
  inputPreview: text.optional(),
  outputPreview: text.optional(),
});
export type LlmCall = z.infer<typeof LlmCall>;

export const AgentActionOutcome = z.enum(['ok', 'error', 'invalid_args', 'denied', 'timeout']);
export const AgentAction = z.object({
  kind: z.literal('agent_action'),
  ...common,
  agent: short,
  tool: short,
  argsDigest: short,
  outcome: AgentActionOutcome,
  error: text.optional(),
});
export type AgentAction = z.infer<typeof AgentAction>;

export const SpanKind = z.enum(['server', 'client', 'internal', 'producer', 'consumer']);
export const Span = z.object({
  kind: z.literal('span'),
  ...common,
  name: short,
  spanKind: SpanKind,
  status: Status,
  statusMessage: text.optional(),
});
export type Span = z.infer<typeof Span>;

export const LogSeverity = z.enum(['trace', 'debug', 'info', 'warn', 'error', 'fatal']);
export type LogSeverity = z.infer<typeof LogSeverity>;
export const LogRecord = z.object({
  kind: z.literal('log'),
  ...common,
  severity: LogSeverity,
  body: text,
});
export type LogRecord = z.infer<typeof LogRecord>;

export const AlertSeverity = z.enum(['critical', 'warning', 'info']);
export type AlertSeverity = z.infer<typeof AlertSeverity>;
export const AlertState = z.enum(['firing', 'acknowledged', 'resolved']);
export type AlertState = z.infer<typeof AlertState>;
/** One state transition of an alert; the alert's identity is its fingerprint. */
export const AlertEvent = z.object({
  kind: z.literal('alert'),
  ...common,
  name: short,
  fingerprint: short,
  severity: AlertSeverity,
  state: AlertState,
  labels: z.record(z.string().max(256), z.string().max(MAX_SHORT)),
  summary: text.optional(),
  runbookUrl: z.string().max(2048).optional(),
  source: short.optional(), // alertmanager | grafana | pagerduty | opsgenie | datadog | demo
});
export type AlertEvent = z.infer<typeof AlertEvent>;

export const ChangeType = z.enum(['deploy', 'rollback', 'prompt', 'model', 'config', 'feature_flag', 'scale']);
export type ChangeType = z.infer<typeof ChangeType>;
export const ChangeEvent = z.object({
  kind: z.literal('change'),
  ...common,
  changeType: ChangeType,
  /** What changed: a workload, a prompt template, a flag key… */
  target: short,
  author: short,
  summary: text,
  from: short.optional(),
  to: short.optional(),
  diff: text.optional(),
  source: short.optional(), // argocd | github | kubernetes | flag-service | demo
});
export type ChangeEvent = z.infer<typeof ChangeEvent>;

export const EventInput = z.discriminatedUnion('kind', [LlmCall, AgentAction, Span, LogRecord, AlertEvent, ChangeEvent]);
export type EventInput = z.infer<typeof EventInput>;
export type EventKind = EventInput['kind'];
export const EVENT_KINDS = ['llm_call', 'agent_action', 'span', 'log', 'alert', 'change'] as const satisfies readonly EventKind[];

/** Metric series: a name and labels, the lane it belongs to, points as [ts, value] pairs. */
export const MetricLane = z.enum(['gpu', 'inference', 'infra']);
export type MetricLane = z.infer<typeof MetricLane>;
export const MetricSeriesInput = z.object({
  name: z.string().min(1).max(256),
  labels: z.record(z.string().max(256), z.string().max(MAX_SHORT)),
  lane: MetricLane,
  unit: short.optional(),
  points: z.array(z.tuple([epochMs, z.number()])).max(10_000_000),
});
export type MetricSeriesInput = z.infer<typeof MetricSeriesInput>;

/** An event as stored, with its store id. */
export type StoredEvent = EventInput & { id: number };
