/** The decoded, source-neutral span every mapper works on (OTLP JSON/protobuf, Langfuse, attribute maps). */
import type { PriceTable } from '../import/formats/types';

export type SpanKindName = 'server' | 'client' | 'internal' | 'producer' | 'consumer';

export interface SpanEventLike {
  name: string;
  timeMs: number | null;
  attrs: Record<string, unknown>;
}

export interface SpanLike {
  service: string;
  traceId: string;
  spanId: string;
  parentSpanId: string;
  name: string;
  kind: SpanKindName;
  startMs: number;
  durMs: number;
  /** OTLP status code: unset counts as ok. */
  statusError: boolean;
  statusMessage: string;
  /** Span attributes as decoded values (arrays stay arrays). */
  attrs: Record<string, unknown>;
  events: SpanEventLike[];
  linkCount: number;
  scope: string;
}

export interface MapOptions {
  prices: PriceTable;
}
