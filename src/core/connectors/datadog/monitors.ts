/**
 * Datadog v1 `GET /api/v1/monitor` (a list; or `{monitors:[…]}` from /monitor/search) → the
 * current state of each monitor as one AlertEvent: overall_state Alert → firing/critical,
 * Warn → firing/warning, No Data → firing/warning, OK → resolved; Ignored/Skipped/Unknown are
 * skipped. Time: overall_state_modified, else modified, else the import time (documented).
 * Fingerprint `datadog:monitor:<id>`; labels from `k:v` tags. Limits: MAX_MONITORS entries.
 */
import type { AlertEvent, AlertSeverity, AlertState } from '../../../shared/events';
import { ImportError } from '../../import/formats/types';
import { clampText } from '../common/text';
import { checkCount } from '../kubernetes/batch';
import { arr, isObj, num, str, text, time } from '../kubernetes/fields';

export const MAX_MONITORS = 100_000;

const looksLikeMonitor = (m: unknown): boolean => isObj(m) && (typeof m.overall_state === 'string' || typeof m.status === 'string') && typeof m.query === 'string' && m.id !== undefined;
export const isMonitorList = (doc: unknown): boolean => {
  const list = Array.isArray(doc) ? doc : isObj(doc) && Array.isArray(doc.monitors) ? doc.monitors : null;
  return list !== null && list.length > 0 && list.every(looksLikeMonitor);
};

function stateOf(s: string | undefined, priority: number | undefined): { state: AlertState; severity: AlertSeverity } | null {
  const high: AlertSeverity = priority !== undefined && priority <= 2 ? 'critical' : 'warning';
  switch (s) {
    case 'Alert':
      return { state: 'firing', severity: priority !== undefined && priority >= 4 ? 'warning' : 'critical' };
    case 'Warn':
    case 'No Data':
      return { state: 'firing', severity: high };
    case 'OK':
      return { state: 'resolved', severity: 'info' };
    default:
      return null;
  }
}

export function mapMonitors(doc: unknown, now: number): AlertEvent[] {
  const list = Array.isArray(doc) ? doc : isObj(doc) && Array.isArray(doc.monitors) ? doc.monitors : null;
  if (!list) throw new ImportError('expected a list of Datadog monitors', { path: '$' });
  checkCount(list.length, MAX_MONITORS, 'Datadog monitors', '$');
  const out: AlertEvent[] = [];
  list.forEach((m, i) => {
    if (!isObj(m)) throw new ImportError('monitor is not an object', { path: `$[${i}]` });
    const id = str(m.id);
    if (!id) throw new ImportError('monitor without an id', { path: `$[${i}].id` });
    const st = stateOf(str(m.overall_state) ?? str(m.status), num(m.priority));
    if (!st) return;
    const ts = time(m.overall_state_modified) ?? time(m.modified) ?? now;
    const labels: Record<string, string> = {};
    for (const t of arr(m.tags).slice(0, 48)) {
      if (typeof t !== 'string') continue;
      const k = t.indexOf(':');
      labels[(k > 0 ? t.slice(0, k) : t).slice(0, 256)] = k > 0 ? t.slice(k + 1).slice(0, 512) : '';
    }
    labels.monitor_type = str(m.type) ?? 'unknown';
    out.push({
      kind: 'alert',
      externalId: `datadog:monitor:${id}:${st.state}:${ts}`,
      ts,
      service: labels.service ?? 'datadog',
      name: str(m.name) ?? `monitor ${id}`,
      fingerprint: `datadog:monitor:${id}`,
      severity: st.severity,
      state: st.state,
      labels,
      summary: clampText(`${str(m.overall_state) ?? ''}: ${text(m.message) ?? str(m.query) ?? ''}`),
      source: 'datadog',
      attrs: { 'datadog.query': str(m.query) ?? '', 'datadog.monitor_id': id },
    });
  });
  return out;
}
