/**
 * OTLP ExportLogsServiceRequest → LogRecord events. Severity from severityNumber (1–4 trace,
 * 5–8 debug, 9–12 info, 13–16 warn, 17–20 error, 21–24 fatal), else from severityText, else info.
 * Time: timeUnixNano, else observedTimeUnixNano, else the record is rejected. Body: a string body
 * as is, any other AnyValue as JSON, clamped to 16 KiB. externalId: a sha1 of service, time,
 * severity and body, so re-importing a file stores nothing twice.
 */
import { createHash } from 'node:crypto';
import type { LogRecord, LogSeverity } from '../../shared/events';
import { clampText } from '../connectors/common/text';
import { field, isRecord, list, obj, str } from './fields';
import { nanosToMs, spanIdOf, traceIdOf } from './ids-time';
import { OTLP_LIMITS } from './limits';
import type { MapResult } from './spans';
import { serviceOf } from './spans';
import { anyValue, buildAttrs, keyValues } from './values';

const BY_NUMBER: LogSeverity[] = ['trace', 'debug', 'info', 'warn', 'error', 'fatal'];

export function severityOf(num: unknown, text: string | undefined): LogSeverity {
  if (typeof num === 'number' && num >= 1 && num <= 24) return BY_NUMBER[Math.floor((num - 1) / 4)] ?? 'info';
  const t = (text ?? (typeof num === 'string' ? num.replace(/^SEVERITY_NUMBER_/, '') : '')).toLowerCase();
  if (t.startsWith('trace')) return 'trace';
  if (t.startsWith('debug')) return 'debug';
  if (t.startsWith('warn')) return 'warn';
  if (t.startsWith('err')) return 'error';
  if (t.startsWith('fatal') || t.startsWith('crit') || t.startsWith('emerg') || t.startsWith('alert')) return 'fatal';
  return 'info';
}

function bodyText(v: unknown): string {
  const b = anyValue(v);
  if (b === null) return '';
  if (typeof b === 'string') return clampText(b);
  return clampText(JSON.stringify(b));
}

function toLog(rec: unknown, service: string, scope: string): LogRecord | string {
  if (!isRecord(rec)) return 'log record is not an object';
  const ms = nanosToMs(field(rec, 'timeUnixNano')) ?? nanosToMs(field(rec, 'observedTimeUnixNano'));
  if (ms === null) return 'log record without timeUnixNano or observedTimeUnixNano';
  const traceId = traceIdOf(field(rec, 'traceId'));
  const spanId = spanIdOf(field(rec, 'spanId'));
  if (traceId === null || spanId === null) return 'log record with a malformed traceId or spanId';
  const severity = severityOf(field(rec, 'severityNumber'), str(rec, 'severityText'));
  const body = bodyText(field(rec, 'body'));
  const extra: Record<string, string> = {};
  const eventName = str(rec, 'eventName');
  if (eventName) extra['event.name'] = eventName;
  const sevText = str(rec, 'severityText');
  if (sevText) extra['otel.severity_text'] = sevText;
  if (scope !== '') extra['otel.scope.name'] = scope;
  const ts = Math.floor(ms);
  const log: LogRecord = {
    kind: 'log',
    externalId: 'otlp:' + createHash('sha1').update(`${service}\u0000${ms}\u0000${severity}\u0000${traceId}${spanId}\u0000${body}`).digest('hex'),
    ts,
    service,
    severity,
    body,
    attrs: buildAttrs(keyValues(field(rec, 'attributes')), extra),
  };
  if (traceId !== '') log.traceId = traceId;
  if (spanId !== '') log.spanId = spanId;
  return log;
}

export function mapLogs(doc: unknown): MapResult {
  if (!isRecord(doc)) throw new TypeError('expected an ExportLogsServiceRequest object');
  const out: MapResult = { events: [], rejected: 0, error: '' };
  let seen = 0;
  for (const rl of list(doc, 'resourceLogs')) {
    if (!isRecord(rl)) continue;
    const service = serviceOf(obj(rl, 'resource'));
    for (const sl of list(rl, 'scopeLogs').concat(list(rl, 'instrumentationLibraryLogs'))) {
      if (!isRecord(sl)) continue;
      const scope = str(obj(sl, 'scope'), 'name') ?? '';
      for (const rec of list(sl, 'logRecords')) {
        const r = ++seen > OTLP_LIMITS.maxItems ? `more than ${OTLP_LIMITS.maxItems} log records in one request` : toLog(rec, service, scope);
        if (typeof r === 'string') {
          out.rejected++;
          if (out.error === '') out.error = r;
        } else out.events.push(r);
      }
    }
  }
  return out;
}
