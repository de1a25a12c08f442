/**
 * Datadog v2 `POST /api/v2/logs/events/search` → LogRecords: `data[]` entries of type `log`;
 * time from attributes.timestamp (ISO), severity from attributes.status, service, message, host
 * and tags into attrs, trace id from attributes.attributes.trace_id / dd.trace_id.
 * Limits: MAX_LOGS entries (ImportError beyond); strings clamped.
 */
import type { EventInput, LogSeverity } from '../../../shared/events';
import { ImportError } from '../../import/formats/types';
import { clampText } from '../common/text';
import { checkCount } from '../kubernetes/batch';
import { arr, isObj, obj, str, time } from '../kubernetes/fields';

export const MAX_LOGS = 1_000_000;

export function severityOfStatus(s: string | undefined): LogSeverity {
  switch (s?.toLowerCase()) {
    case 'emerg':
    case 'emergency':
    case 'alert':
    case 'critical':
    case 'crit':
    case 'fatal':
      return 'fatal';
    case 'error':
    case 'err':
      return 'error';
    case 'warn':
    case 'warning':
      return 'warn';
    case 'debug':
      return 'debug';
    case 'trace':
      return 'trace';
    default:
      return 'info';
  }
}

export function tagAttrs(tags: unknown[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const t of tags.slice(0, 48)) {
    if (typeof t !== 'string') continue;
    const i = t.indexOf(':');
    if (i > 0) out[`tag.${t.slice(0, i)}`.slice(0, 256)] = t.slice(i + 1).slice(0, 512);
  }
  return out;
}

export const isLogsSearch = (doc: unknown): boolean =>
  isObj(doc) && Array.isArray(doc.data) && doc.data.length > 0 && doc.data.every((d) => isObj(d) && d.type === 'log' && isObj(d.attributes));

export function mapLogsSearch(doc: unknown): EventInput[] {
  if (!isObj(doc) || !Array.isArray(doc.data)) throw new ImportError('expected a Datadog logs search answer ({data: [...]})', { path: '$.data' });
  const data = doc.data;
  checkCount(data.length, MAX_LOGS, 'Datadog logs', '$.data');
  return data.map((d, i) => {
    const e = obj(d);
    const a = obj(e.attributes);
    const ts = time(a.timestamp);
    if (ts === undefined) throw new ImportError('log without a valid attributes.timestamp', { path: `$.data[${i}].attributes.timestamp` });
    const inner = obj(a.attributes);
    const trace = str(inner.trace_id) ?? str(obj(inner.dd).trace_id);
    const host = str(a.host);
    const rec: EventInput = {
      kind: 'log',
      ts,
      service: str(a.service) ?? 'datadog',
      severity: severityOfStatus(str(a.status)),
      body: clampText(typeof a.message === 'string' ? a.message : ''),
      attrs: { ...tagAttrs(arr(a.tags)), ...(host ? { host } : {}) },
    };
    const id = str(e.id);
    if (id) rec.externalId = `datadog:log:${id}`;
    if (trace) rec.traceId = trace;
    return rec;
  });
}
