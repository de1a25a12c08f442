/**
 * OTLP and GenAI file formats for `sitrep import` (recognised by content): OTLP/JSON traces, logs
 * and metrics (one request per file, or JSON Lines of requests as the Collector's file exporter
 * writes them), Langfuse trace exports, and flat GenAI / OpenInference attribute maps. A file is
 * all or nothing: any rejected span, record or point rejects the file, naming the first reason.
 */
import { DEFAULT_PRICES } from '../connectors/common/prices';
import { ImportError, type ImportFormat, type ParseContext, type ParsedBatch, type ParsedInput } from '../import/formats/types';
import { isAttributeMap, mapAttributeMap } from './attribute-map';
import { isRecord } from './fields';
import { isLangfuseExport, mapLangfuse } from './langfuse';
import type { Signal } from './proto';
import { mapRequest } from './routes';

const TOP: Record<Signal, string[]> = { traces: ['resourceSpans', 'resource_spans'], logs: ['resourceLogs', 'resource_logs'], metrics: ['resourceMetrics', 'resource_metrics'] };
const isSignal = (doc: unknown, s: Signal): boolean => isRecord(doc) && TOP[s].some((k) => Array.isArray(doc[k]));
const signalOf = (doc: unknown): Signal | null => (['traces', 'logs', 'metrics'] as const).find((s) => isSignal(doc, s)) ?? null;

function parseDoc(signal: Signal, doc: unknown, ctx: ParseContext, into: ParsedBatch, line?: number): void {
  let m;
  try {
    m = mapRequest(signal, doc, ctx.prices ?? DEFAULT_PRICES);
  } catch (err) {
    throw new ImportError(err instanceof Error ? err.message : String(err), line === undefined ? undefined : { line });
  }
  if (m.rejected > 0) {
    throw new ImportError(`${m.rejected} invalid item(s) in the OTLP ${signal} request; first: ${m.error}`, line === undefined ? { path: TOP[signal][0] } : { line });
  }
  for (const e of m.events) into.events.push(e);
  for (const s of m.series) into.series.push(s);
}

function otlpJson(signal: Signal, label: string): ImportFormat {
  return {
    id: `otlp-json-${signal}`,
    label,
    detect: (input) => input.kind === 'json' && isSignal(input.doc, signal),
    parse(input, ctx) {
      if (input.kind !== 'json') throw new ImportError(`expected a JSON ${label} document`);
      const out: ParsedBatch = { events: [], series: [] };
      parseDoc(signal, input.doc, ctx, out);
      return out;
    },
  };
}

const otlpJsonLines: ImportFormat = {
  id: 'otlp-jsonl',
  label: 'OTLP/JSON Lines (Collector file exporter)',
  detect: (input) => input.kind === 'jsonl' && input.lines.length > 0 && input.lines.every((l) => signalOf(l.value) !== null),
  parse(input: ParsedInput, ctx) {
    if (input.kind !== 'jsonl') throw new ImportError('expected JSON Lines of OTLP requests');
    const out: ParsedBatch = { events: [], series: [] };
    for (const l of input.lines) {
      const s = signalOf(l.value);
      if (s === null) throw new ImportError('not an OTLP request', { line: l.line });
      parseDoc(s, l.value, ctx, out, l.line);
    }
    return out;
  },
};

const langfuse: ImportFormat = {
  id: 'langfuse-trace',
  label: 'Langfuse trace export',
  detect: (input) => input.kind === 'json' && isLangfuseExport(input.doc),
  parse(input, ctx) {
    if (input.kind !== 'json') throw new ImportError('expected a Langfuse trace export (JSON)');
    return { events: mapLangfuse(input.doc, { prices: ctx.prices ?? DEFAULT_PRICES }), series: [] };
  },
};

const attributeMap: ImportFormat = {
  id: 'genai-attributes',
  label: 'GenAI / OpenInference span attributes',
  detect: (input) => input.kind === 'json' && isAttributeMap(input.doc),
  parse(input, ctx) {
    if (input.kind !== 'json' || !isAttributeMap(input.doc)) throw new ImportError('expected a flat map of span attributes');
    return { events: [mapAttributeMap(input.doc, ctx.now, { prices: ctx.prices ?? DEFAULT_PRICES })], series: [] };
  },
};

export const otlpFormats: ImportFormat[] = [
  otlpJson('traces', 'OTLP/JSON traces'),
  otlpJson('logs', 'OTLP/JSON logs'),
  otlpJson('metrics', 'OTLP/JSON metrics'),
  otlpJsonLines,
  langfuse,
  attributeMap,
];
