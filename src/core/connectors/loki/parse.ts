/**
 * Loki HTTP API responses (`/loki/api/v1/query_range`, `/query`) → the unified event model.
 * - `resultType: "streams"`: each `[ns, line]` (or `[ns, line, {structuredMetadata, parsed}]`,
 *   Loki 3's categorised labels) → a LogRecord: service from service_name/app/job/container
 *   labels; severity from level/severity/detected_level labels or the line (./line.ts); trace id
 *   from labels, structured metadata or the line. The nanosecond timestamp is read as a string
 *   (BigInt: no float rounding) and kept exactly in attrs `loki.ts_ns`; `ts` is its millisecond.
 * - `resultType: "matrix"` (metric queries): each series → a MetricSeriesInput on the infra lane,
 *   named after `__name__` or the option `metricName` (default `loki_query`).
 * - the push format (`{streams:[{stream, values}]}`) maps like streams.
 * Limits: MAX_ENTRIES log lines and MAX_POINTS points per input (ImportError beyond); lines
 * clamped to MAX_TEXT, labels to 64 per stream; non-string or malformed entries are rejected
 * with their path (whole or nothing).
 */
import type { EventInput, LogRecord, MetricSeriesInput } from '../../../shared/events';
import { ImportError, type ParsedBatch } from '../../import/formats/types';
import { clampShort, clampText } from '../common/text';
import { checkCount, finishBatch } from '../kubernetes/batch';
import { arr, hash32, isObj, num, obj, strMap, type Obj } from '../kubernetes/fields';
import { lineSeverity, lineTraceId, serviceOfLabels } from './line';

export const MAX_ENTRIES = 1_000_000;
export const MAX_POINTS = 5_000_000;
const NS = /^\d{1,20}$/;

function nsToMs(ns: string, path: string): number {
  if (!NS.test(ns)) throw new ImportError(`timestamp ${clampShort(ns).slice(0, 40)} is not a nanosecond epoch string`, { path });
  const ms = Number(BigInt(ns) / 1_000_000n);
  if (ms > 8_640_000_000_000) throw new ImportError('timestamp out of range', { path });
  return ms;
}

function mapStreams(result: unknown[], base: string): EventInput[] {
  const out: EventInput[] = [];
  result.forEach((s, i) => {
    if (!isObj(s)) throw new ImportError('stream is not an object', { path: `${base}[${i}]` });
    const labels = strMap(s.stream);
    const values = arr(s.values);
    checkCount(out.length + values.length, MAX_ENTRIES, 'Loki log lines', `${base}[${i}].values`);
    const labelKey = hash32(JSON.stringify(labels));
    values.forEach((v, j) => {
      const path = `${base}[${i}].values[${j}]`;
      if (!Array.isArray(v) || typeof v[0] !== 'string' || typeof v[1] !== 'string') throw new ImportError('expected ["<ns>", "<line>"]', { path });
      const ts = nsToMs(v[0], path);
      const meta: Obj = isObj(v[2]) ? { ...obj(v[2].structuredMetadata), ...obj(v[2].parsed) } : {};
      const all = { ...labels, ...strMap(meta) };
      const line = v[1];
      const rec: LogRecord = {
        kind: 'log',
        externalId: `loki:${v[0]}:${labelKey}:${hash32(line)}`,
        ts,
        service: clampShort(serviceOfLabels(all)),
        severity: lineSeverity(all, line),
        body: clampText(line),
        attrs: { ...Object.fromEntries(Object.entries(labels).slice(0, 60)), 'loki.ts_ns': v[0] },
      };
      const trace = lineTraceId(all, line);
      if (trace) rec.traceId = trace;
      out.push(rec);
    });
  });
  return out;
}

function mapMatrix(result: unknown[], base: string, metricName: string): MetricSeriesInput[] {
  let points = 0;
  return result.map((s, i) => {
    if (!isObj(s)) throw new ImportError('series is not an object', { path: `${base}[${i}]` });
    const labels = strMap(s.metric);
    const values = arr(s.values);
    points += values.length;
    checkCount(points, MAX_POINTS, 'Loki matrix points', `${base}[${i}].values`);
    const { __name__: name, ...rest } = labels;
    return {
      name: clampShort(name ?? metricName).slice(0, 256) || 'loki_query',
      labels: rest,
      lane: 'infra',
      points: values.map((p, j): [number, number] => {
        const t = Array.isArray(p) ? num(p[0]) : undefined;
        const val = Array.isArray(p) && typeof p[1] === 'string' ? Number(p[1]) : undefined;
        if (t === undefined || val === undefined || Number.isNaN(val) || t < 0) throw new ImportError('expected [<seconds>, "<value>"]', { path: `${base}[${i}].values[${j}]` });
        return [Math.round(t * 1000), val];
      }),
    };
  });
}

export function isLokiResponse(doc: unknown): boolean {
  if (!isObj(doc)) return false;
  if (Array.isArray(doc.streams)) return doc.streams.every((s) => isObj(s) && isObj(s.stream));
  const data = obj(doc.data);
  if (!Array.isArray(data.result)) return false;
  // a matrix is also what Prometheus answers: only Loki adds `stats` with a `summary`
  if (data.resultType === 'matrix') return isObj(obj(data.stats).summary);
  return data.resultType === 'streams';
}

export function parseLoki(doc: unknown, opts: { metricName?: string } = {}): ParsedBatch {
  if (!isObj(doc)) throw new ImportError('expected a Loki API response object', { path: '$' });
  if (Array.isArray(doc.streams)) return finishBatch(mapStreams(doc.streams, '$.streams'), [], 'Loki');
  if (doc.status !== undefined && doc.status !== 'success') throw new ImportError(`Loki answered status ${String(doc.status)}: ${String(doc.error ?? '')}`.slice(0, 300), { path: '$.status' });
  const data = obj(doc.data);
  const result = data.result;
  if (!Array.isArray(result)) throw new ImportError('missing data.result array', { path: '$.data.result' });
  switch (data.resultType) {
    case 'streams':
      return finishBatch(mapStreams(result, '$.data.result'), [], 'Loki');
    case 'matrix':
      return finishBatch([], mapMatrix(result, '$.data.result', opts.metricName ?? 'loki_query'), 'Loki');
    default:
      throw new ImportError(`unsupported Loki resultType ${String(data.resultType)} (streams and matrix are imported)`, { path: '$.data.resultType' });
  }
}
