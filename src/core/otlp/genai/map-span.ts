/** One decoded span → the event it is: LlmCall, AgentAction or a plain Span (rules in ./classify.ts). */
import type { AttrValue, EventInput, Span } from '../../../shared/events';
import type { MapOptions, SpanLike } from '../model';
import { OTLP_LIMITS } from '../limits';
import { buildAttrs } from '../values';
import { classify } from './classify';
import { spanIdentity } from './identity';
import { toLlmCall } from './llm';
import { toAgentAction } from './tool';

/** Span events and links, summarised (the raw lists are not stored). */
function summary(span: SpanLike): Record<string, AttrValue> {
  const out: Record<string, AttrValue> = {};
  if (span.scope !== '') out['otel.scope.name'] = span.scope;
  if (span.events.length > 0) {
    out['otel.events.count'] = span.events.length;
    out['otel.events.names'] = span.events
      .slice(0, OTLP_LIMITS.maxEventNames)
      .map((e) => e.name)
      .join(', ');
    const ex = span.events.find((e) => e.name === 'exception');
    if (ex) {
      const msg = ex.attrs['exception.message'] ?? ex.attrs['exception.type'];
      if (typeof msg === 'string') out['exception.message'] = msg;
    }
  }
  if (span.linkCount > 0) out['otel.links.count'] = span.linkCount;
  return out;
}

export function toPlainSpan(span: SpanLike, extra: Record<string, AttrValue>): Span {
  const s: Span = {
    kind: 'span',
    ...spanIdentity(span),
    name: span.name,
    spanKind: span.kind,
    status: span.statusError ? 'error' : 'ok',
    attrs: buildAttrs(span.attrs, extra),
  };
  if (span.parentSpanId !== '') s.parentSpanId = span.parentSpanId;
  if (span.statusMessage !== '') s.statusMessage = span.statusMessage;
  return s;
}

export function mapSpan(span: SpanLike, opts: MapOptions): EventInput {
  const c = classify(span.attrs);
  const extra = summary(span);
  switch (c.kind) {
    case 'llm':
      return toLlmCall(span, c.operation, opts, extra);
    case 'tool':
      return toAgentAction(span, false, extra);
    case 'agent':
      return toAgentAction(span, true, extra);
    case 'span':
      return toPlainSpan(span, extra);
  }
}
