/**
 * What a Loki log line says about itself: severity and trace id, from the stream's labels and
 * structured metadata first, then from the line (logfmt `level=…`, JSON `"level":"…"`,
 * `traceID=`/`trace_id=`). Only the first MAX_SCAN characters of a line are scanned.
 */
import type { LogSeverity } from '../../../shared/events';

const MAX_SCAN = 4096;

export function severityOf(word: string | undefined): LogSeverity | undefined {
  switch (word?.toLowerCase()) {
    case 'trace':
      return 'trace';
    case 'debug':
    case 'dbug':
      return 'debug';
    case 'info':
    case 'information':
    case 'notice':
      return 'info';
    case 'warn':
    case 'warning':
      return 'warn';
    case 'error':
    case 'err':
    case 'eror':
      return 'error';
    case 'fatal':
    case 'critical':
    case 'crit':
    case 'panic':
    case 'emerg':
    case 'alert':
      return 'fatal';
    default:
      return undefined;
  }
}

const LEVEL_KEYS = ['level', 'severity', 'detected_level', 'lvl', 'log.level'];
const LEVEL_IN_LINE = /(?:^|[\s{,])"?(?:level|severity|lvl)"?\s*[=:]\s*"?([A-Za-z]+)/;
const TRACE_IN_LINE = /(?:^|[\s{,])"?(?:traceID|trace_id|traceId)"?\s*[=:]\s*"?([0-9a-fA-F]{16,32})/;

export function lineSeverity(labels: Record<string, string>, line: string): LogSeverity {
  for (const k of LEVEL_KEYS) {
    const s = severityOf(labels[k]);
    if (s) return s;
  }
  return severityOf(LEVEL_IN_LINE.exec(line.slice(0, MAX_SCAN))?.[1]) ?? 'info';
}

export function lineTraceId(labels: Record<string, string>, line: string): string | undefined {
  const fromLabels = labels.traceID ?? labels.trace_id ?? labels.traceId;
  if (fromLabels && /^[0-9a-fA-F]{16,32}$/.test(fromLabels)) return fromLabels.toLowerCase();
  return TRACE_IN_LINE.exec(line.slice(0, MAX_SCAN))?.[1]?.toLowerCase();
}

export function serviceOfLabels(labels: Record<string, string>): string {
  return labels.service_name ?? labels.app ?? labels['app.kubernetes.io/name'] ?? labels.job ?? labels.container ?? 'loki';
}
