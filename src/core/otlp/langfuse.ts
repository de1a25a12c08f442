/**
 * Langfuse trace exports ({ trace, observations[] }) → events. The original OTel span attributes
 * sit under observations[].metadata.attributes (metadata may be a JSON string), resource
 * attributes under metadata.resourceAttributes. Where a framework did not write GenAI attributes,
 * Langfuse's own fields fill the gaps (never overriding an attribute that is present):
 * GENERATION → model and usageDetails.input/output as gen_ai.request.model / usage tokens (and
 * the chat operation when nothing classifies it); TOOL → execute_tool with the observation name;
 * AGENT → invoke_agent; input/output → input.value / output.value; completionStartTime → TTFT.
 * level ERROR → error status. Ids: the Langfuse trace and observation ids (hex for OTel sources).
 */
import type { EventInput } from '../../shared/events';
import { clampShort, clampText } from '../connectors/common/text';
import { ImportError } from '../import/formats/types';
import { isRecord } from './fields';
import { mapSpan } from './genai/map-span';
import type { MapOptions, SpanLike } from './model';

export function isLangfuseExport(doc: unknown): boolean {
  return isRecord(doc) && isRecord(doc.trace) && typeof doc.trace.id === 'string' && Array.isArray(doc.observations);
}

function parseMaybeJson(v: unknown): Record<string, unknown> {
  if (isRecord(v)) return v;
  if (typeof v !== 'string' || v === '') return {};
  try {
    const d: unknown = JSON.parse(v);
    return isRecord(d) ? d : {};
  } catch {
    return {};
  }
}

function ms(v: unknown): number | null {
  if (typeof v !== 'string') return null;
  const t = Date.parse(v);
  return Number.isFinite(t) && t > 0 ? t : null;
}

function fill(attrs: Record<string, unknown>, key: string, v: unknown): void {
  if (v === undefined || v === null || v === '') return;
  if (attrs[key] === undefined) attrs[key] = v;
}

const has = (a: Record<string, unknown>, ...keys: string[]): boolean => keys.some((k) => a[k] !== undefined);

function toSpanLike(o: Record<string, unknown>, traceId: string, fallbackService: string, i: number): SpanLike {
  const where = `observations[${i}]`;
  const id = o.id;
  if (typeof id !== 'string' || id === '') throw new ImportError(`${where}: observation without an id`, { path: where });
  const start = ms(o.startTime);
  if (start === null) throw new ImportError(`${where}: startTime missing or not an ISO date`, { path: `${where}.startTime` });
  const end = ms(o.endTime);
  const md = parseMaybeJson(o.metadata);
  const attrs: Record<string, unknown> = { ...parseMaybeJson(md.attributes) };
  const res = parseMaybeJson(md.resourceAttributes);
  const type = typeof o.type === 'string' ? o.type : 'SPAN';
  const usage = parseMaybeJson(o.usageDetails);
  const name = typeof o.name === 'string' && o.name !== '' ? o.name : type.toLowerCase();
  const classified = has(attrs, 'gen_ai.operation.name', 'openinference.span.kind');
  if (type === 'GENERATION') {
    fill(attrs, 'gen_ai.request.model', has(attrs, 'llm.model_name') ? undefined : o.model);
    if (!has(attrs, 'gen_ai.usage.input_tokens', 'gen_ai.usage.prompt_tokens', 'llm.token_count.prompt')) fill(attrs, 'gen_ai.usage.input_tokens', usage.input);
    if (!has(attrs, 'gen_ai.usage.output_tokens', 'gen_ai.usage.completion_tokens', 'llm.token_count.completion')) fill(attrs, 'gen_ai.usage.output_tokens', usage.output);
    const first = ms(o.completionStartTime);
    if (first !== null && first >= start) fill(attrs, 'sitrep.ttft_ms', first - start);
    if (!classified) fill(attrs, 'gen_ai.operation.name', 'chat');
  } else if (type === 'TOOL' && !classified) {
    fill(attrs, 'gen_ai.operation.name', 'execute_tool');
    fill(attrs, 'gen_ai.tool.name', attrs['ai.toolCall.name'] ?? name);
  } else if (type === 'AGENT' && !classified) fill(attrs, 'gen_ai.operation.name', 'invoke_agent');
  fill(attrs, 'input.value', o.input);
  fill(attrs, 'output.value', o.output);
  const service = typeof res['service.name'] === 'string' && res['service.name'] !== '' ? res['service.name'] : fallbackService;
  const scope = parseMaybeJson(md.scope).name;
  const error = o.level === 'ERROR';
  const parent = o.parentObservationId;
  return {
    service: clampShort(service),
    traceId: clampShort(traceId),
    spanId: clampShort(id),
    parentSpanId: typeof parent === 'string' ? clampShort(parent) : '',
    name: clampShort(name),
    kind: 'internal',
    startMs: start,
    durMs: end !== null && end > start ? end - start : 0,
    statusError: error,
    statusMessage: error && typeof o.statusMessage === 'string' ? clampText(o.statusMessage) : '',
    attrs,
    events: [],
    linkCount: 0,
    scope: typeof scope === 'string' ? clampShort(scope) : '',
  };
}

/** All observations, or an ImportError naming the first one that cannot be read. */
export function mapLangfuse(doc: unknown, opts: MapOptions): EventInput[] {
  if (!isLangfuseExport(doc) || !isRecord(doc)) throw new ImportError('not a Langfuse trace export ({ trace, observations })');
  const trace = doc.trace as Record<string, unknown>;
  const traceId = trace.id as string;
  const observations = doc.observations as unknown[];
  if (observations.length > 1_000_000) throw new ImportError('more than 1,000,000 observations');
  const fallback = typeof trace.name === 'string' && trace.name !== '' ? trace.name : 'langfuse';
  return observations.map((o, i) => {
    if (!isRecord(o)) throw new ImportError(`observations[${i}] is not an object`, { path: `observations[${i}]` });
    return mapSpan(toSpanLike(o, traceId, fallback, i), opts);
  });
}
