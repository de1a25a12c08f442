/**
 * OTLP ExportTraceServiceRequest (OTLP/JSON, or protobuf decoded to plain objects) → events.
 * Invalid spans are rejected one by one (counted, first reason kept); the valid ones are mapped.
 */
import type { EventInput } from '../../shared/events';
import { clampShort, clampText } from '../connectors/common/text';
import { field, isRecord, list, obj, str } from './fields';
import { mapSpan } from './genai/map-span';
import { nanosToMs, spanIdOf, traceIdOf } from './ids-time';
import { OTLP_LIMITS } from './limits';
import type { MapOptions, SpanEventLike, SpanKindName, SpanLike } from './model';
import { keyValues } from './values';

export interface MapResult {
  events: EventInput[];
  rejected: number;
  /** The first rejection's reason (OTLP partialSuccess.errorMessage). */
  error: string;
}

const KINDS: SpanKindName[] = ['internal', 'internal', 'server', 'client', 'producer', 'consumer'];
// A Map, not an object: a hostile kind such as "valueOf" must not find Object.prototype's members.
const KIND_NAMES = new Map<string, SpanKindName>([
  ['SPAN_KIND_UNSPECIFIED', 'internal'],
  ['SPAN_KIND_INTERNAL', 'internal'],
  ['SPAN_KIND_SERVER', 'server'],
  ['SPAN_KIND_CLIENT', 'client'],
  ['SPAN_KIND_PRODUCER', 'producer'],
  ['SPAN_KIND_CONSUMER', 'consumer'],
]);

function kindOf(v: unknown): SpanKindName {
  if (typeof v === 'number') return (Number.isInteger(v) ? KINDS[v] : undefined) ?? 'internal';
  if (typeof v === 'string') return KIND_NAMES.get(v) ?? 'internal';
  return 'internal';
}

function statusIsError(code: unknown): boolean {
  return code === 2 || code === 'STATUS_CODE_ERROR';
}

/** service.name of a resource, 'unknown_service' when absent (as the SDKs default). */
export function serviceOf(resource: Record<string, unknown>): string {
  for (const kv of list(resource, 'attributes')) {
    if (isRecord(kv) && kv.key === 'service.name' && isRecord(kv.value)) {
      const s = field(kv.value, 'stringValue');
      if (typeof s === 'string' && s !== '') return clampShort(s);
    }
  }
  return 'unknown_service';
}

function eventsOf(span: Record<string, unknown>): SpanEventLike[] {
  const out: SpanEventLike[] = [];
  const evs = list(span, 'events');
  for (let i = 0; i < evs.length && i < OTLP_LIMITS.maxListEntries; i++) {
    const e = evs[i];
    if (!isRecord(e)) continue;
    out.push({ name: str(e, 'name') ?? '', timeMs: nanosToMs(field(e, 'timeUnixNano')), attrs: keyValues(field(e, 'attributes')) });
  }
  return out;
}

/** One OTLP span → SpanLike, or a reason string when it cannot be stored. */
export function toSpanLike(span: unknown, service: string, scope: string): SpanLike | string {
  if (!isRecord(span)) return 'span is not an object';
  const traceId = traceIdOf(field(span, 'traceId'));
  const spanId = spanIdOf(field(span, 'spanId'));
  const parent = spanIdOf(field(span, 'parentSpanId'));
  if (traceId === null || traceId === '') return 'span without a valid traceId (hex, up to 64 characters)';
  if (spanId === null || spanId === '') return 'span without a valid spanId (hex, up to 32 characters)';
  const start = nanosToMs(field(span, 'startTimeUnixNano'));
  if (start === null) return `span ${spanId}: startTimeUnixNano missing or invalid`;
  const end = nanosToMs(field(span, 'endTimeUnixNano'));
  const status = obj(span, 'status');
  const name = field(span, 'name');
  return {
    service,
    traceId,
    spanId,
    parentSpanId: parent ?? '',
    name: typeof name === 'string' && name !== '' ? clampShort(name) : '(unnamed span)',
    kind: kindOf(field(span, 'kind')),
    startMs: start,
    durMs: end !== null && end > start ? end - start : 0,
    statusError: statusIsError(field(status, 'code')),
    statusMessage: clampText(str(status, 'message') ?? ''),
    attrs: keyValues(field(span, 'attributes')),
    events: eventsOf(span),
    linkCount: list(span, 'links').length,
    scope: clampShort(scope),
  };
}

/** Maps a whole ExportTraceServiceRequest. Throws only when the top level is not one. */
export function mapTraces(doc: unknown, opts: MapOptions): MapResult {
  if (!isRecord(doc)) throw new TypeError('expected an ExportTraceServiceRequest object');
  const out: MapResult = { events: [], rejected: 0, error: '' };
  const reject = (why: string): void => {
    out.rejected++;
    if (out.error === '') out.error = why;
  };
  let seen = 0;
  for (const rs of list(doc, 'resourceSpans')) {
    if (!isRecord(rs)) {
      reject('resourceSpans entry is not an object');
      continue;
    }
    const service = serviceOf(obj(rs, 'resource'));
    for (const ss of list(rs, 'scopeSpans').concat(list(rs, 'instrumentationLibrarySpans'))) {
      if (!isRecord(ss)) continue;
      const scope = str(obj(ss, 'scope'), 'name') ?? str(obj(ss, 'instrumentationLibrary'), 'name') ?? '';
      for (const span of list(ss, 'spans')) {
        if (++seen > OTLP_LIMITS.maxItems) {
          reject(`more than ${OTLP_LIMITS.maxItems} spans in one request`);
          continue;
        }
        const s = toSpanLike(span, service, scope);
        if (typeof s === 'string') reject(s);
        else out.events.push(mapSpan(s, opts));
      }
    }
  }
  return out;
}
