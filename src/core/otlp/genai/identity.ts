/** The fields every event mapped from a span carries: identity, time, service and trace ids. */
import type { SpanLike } from '../model';

export function spanIdentity(span: SpanLike) {
  return {
    externalId: `${span.traceId}:${span.spanId}`,
    ts: Math.floor(span.startMs),
    durMs: span.durMs,
    service: span.service,
    traceId: span.traceId,
    spanId: span.spanId,
  };
}
