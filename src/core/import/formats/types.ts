/**
 * An importable format, recognised by content (never by file name). Every connector that has a
 * file form (OTLP/JSON, Prometheus exposition and API JSON, Loki, alert webhooks, Kubernetes,
 * Argo CD, GitHub, Langfuse exports) exports its formats as `ImportFormat`s; the import pipeline
 * (./registry.ts) reads the file once within its limits, offers the parsed input to each format's
 * `detect` in order, and the first that claims it parses it. A parse is all or nothing: it throws
 * an `ImportError` naming where the problem is, or returns the whole batch.
 */
import type { EventInput, MetricSeriesInput } from '../../../shared/events';
import type { Incident } from '../../../shared/incident';

export type ParsedInput =
  /** A JSON document (after any leading metadata lines were skipped: see `skippedLines`). */
  | { kind: 'json'; doc: unknown; skippedLines: number }
  /** JSON Lines: one value per non-empty line, with its 1-based line number. */
  | { kind: 'jsonl'; lines: { line: number; value: unknown }[] }
  /** One or more YAML documents (Kubernetes, Argo CD). */
  | { kind: 'yaml'; docs: unknown[] }
  /** Anything else that decoded as UTF-8 text (Prometheus exposition, OpenMetrics). */
  | { kind: 'text'; text: string };

export interface ParsedBatch {
  events: EventInput[];
  series: MetricSeriesInput[];
  incidents?: Incident[];
}

export interface ImportFormat {
  /** Stable id, printed in reports: e.g. 'otlp-json-traces', 'alertmanager-webhook', 'k8s-eventlist'. */
  id: string;
  /** Human label: 'OTLP/JSON traces'. */
  label: string;
  /** Cheap structural check; must never throw. */
  detect(input: ParsedInput): boolean;
  /** Maps the whole input, or throws ImportError. `ctx.now` is for payloads without timestamps. */
  parse(input: ParsedInput, ctx: ParseContext): ParsedBatch;
}

export interface ParseContext {
  /** Import time, ms epoch: the timestamp of last resort (documented per format when used). */
  now: number;
  /** Per-model prices for LLM cost (USD per 1M tokens); see connectors/common/prices.ts. */
  prices?: PriceTable;
}

export type PriceTable = Record<string, { inputPerMTok: number; outputPerMTok: number }>;

/** A rejection a person can act on: what is wrong and where (line, byte offset or JSON path). */
export class ImportError extends Error {
  constructor(
    message: string,
    readonly where?: { line?: number; offset?: number; path?: string },
  ) {
    super(message);
    this.name = 'ImportError';
  }
}
