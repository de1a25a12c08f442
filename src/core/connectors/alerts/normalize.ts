/**
 * The shared mapping of every alert source onto `AlertEvent` (src/shared/events.ts).
 *
 * Severity table (case-insensitive; the source's own field is named in each parser):
 *
 * | critical | critical, crit, emergency, emerg, alert, fatal, page, high, error, err, major, disaster, p1, p2, sev1, sev2, sev-1, sev-2, 1, 2 |
 * | warning  | warning, warn, medium, average, minor, p3, sev3, sev-3, 3                                                                       |
 * | info     | info, informational, information, low, none, notice, debug, ok, p4, p5, sev4, sev5, sev-4, sev-5, 4, 5                           |
 * | absent or unknown value | warning (it fired, so it is more than information; the raw value stays in the labels)           |
 *
 * Service: the first non-empty label among SERVICE_LABELS (in that order), then the source's own
 * service field (PagerDuty `service.summary`, Opsgenie `entity`/team, Datadog `service:` tag), then
 * the source name.
 *
 * externalId = `${source}:${fingerprint}:${state}:${transition time ms}`: a re-delivery of the same
 * transition is a duplicate in the store (which deduplicates on kind + externalId).
 */
import type { AlertEvent, AlertSeverity, AlertState, Attrs } from '../../../shared/events';
import { MAX_ATTRS, MAX_SHORT, MAX_TEXT } from '../../../shared/events';
import { clampText } from '../common/text';
import { MAX_LABELS } from './limits';

export type AlertSource = 'alertmanager' | 'grafana' | 'pagerduty' | 'opsgenie' | 'datadog';

export const SERVICE_LABELS = ['service', 'service_name', 'app', 'app_kubernetes_io_name', 'application', 'job', 'component', 'container', 'namespace', 'role'] as const;

const CRITICAL = new Set(['critical', 'crit', 'emergency', 'emerg', 'alert', 'fatal', 'page', 'high', 'error', 'err', 'major', 'disaster', 'p1', 'p2', 'sev1', 'sev2', 'sev-1', 'sev-2', '1', '2']);
const WARNING = new Set(['warning', 'warn', 'medium', 'average', 'minor', 'p3', 'sev3', 'sev-3', '3']);
const INFO = new Set(['info', 'informational', 'information', 'low', 'none', 'notice', 'debug', 'ok', 'p4', 'p5', 'sev4', 'sev5', 'sev-4', 'sev-5', '4', '5']);

export function mapSeverity(raw: string | undefined): AlertSeverity {
  const v = (raw ?? '').trim().toLowerCase();
  if (CRITICAL.has(v)) return 'critical';
  if (WARNING.has(v)) return 'warning';
  if (INFO.has(v)) return 'info';
  return 'warning';
}

export function serviceFrom(labels: Record<string, string>, ...fallbacks: (string | undefined)[]): string {
  for (const k of SERVICE_LABELS) {
    const v = labels[k];
    if (v !== undefined && v.trim() !== '') return v;
  }
  for (const f of fallbacks) if (f !== undefined && f.trim() !== '') return f;
  return 'unknown';
}

/** Label map bounded in count and length; the number of dropped labels is recorded. */
export function boundLabels(labels: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  let n = 0;
  let dropped = 0;
  for (const [k, v] of Object.entries(labels)) {
    if (n >= MAX_LABELS) {
      dropped++;
      continue;
    }
    out[clampText(k, 256)] = clampText(v, MAX_SHORT);
    n++;
  }
  if (dropped > 0) out.sitrep_labels_dropped = String(dropped);
  return out;
}

function boundAttrs(attrs: Record<string, string | number | boolean | undefined>): Attrs | undefined {
  const out: Attrs = {};
  let n = 0;
  for (const [k, v] of Object.entries(attrs)) {
    if (v === undefined || n >= MAX_ATTRS) continue;
    out[clampText(k, 256)] = typeof v === 'string' ? clampText(v, MAX_TEXT) : v;
    n++;
  }
  return n === 0 ? undefined : out;
}

/** Keeps http(s) URLs only (a runbook link is opened by a person at 3 AM: no javascript: links). */
export function safeUrl(u: string | undefined): string | undefined {
  if (u === undefined) return undefined;
  const t = u.trim();
  if (!/^https?:\/\//i.test(t) || t.length > 2048) return undefined;
  return t;
}

export interface AlertDraft {
  source: AlertSource;
  name: string;
  fingerprint: string;
  state: AlertState;
  /** Transition time: when it started firing, was acknowledged or resolved (ms). */
  ts: number;
  severity: AlertSeverity;
  service: string;
  labels: Record<string, string>;
  summary?: string;
  runbookUrl?: string;
  durMs?: number;
  attrs?: Record<string, string | number | boolean | undefined>;
}

export function makeAlert(d: AlertDraft): AlertEvent {
  const fingerprint = clampText(d.fingerprint, 200);
  const e: AlertEvent = {
    kind: 'alert',
    externalId: clampText(`${d.source}:${fingerprint}:${d.state}:${d.ts}`, MAX_SHORT),
    ts: d.ts,
    service: clampText(d.service, MAX_SHORT),
    name: clampText(d.name.trim() === '' ? 'unnamed alert' : d.name, MAX_SHORT),
    fingerprint,
    severity: d.severity,
    state: d.state,
    labels: boundLabels(d.labels),
    source: d.source,
  };
  if (d.durMs !== undefined && d.durMs >= 0) e.durMs = d.durMs;
  if (d.summary !== undefined && d.summary.trim() !== '') e.summary = clampText(d.summary, MAX_TEXT);
  const rb = safeUrl(d.runbookUrl);
  if (rb !== undefined) e.runbookUrl = rb;
  const attrs = d.attrs ? boundAttrs(d.attrs) : undefined;
  if (attrs !== undefined) e.attrs = attrs;
  return e;
}

/** What a parser returns: the alerts, and what it accepted but did not map (with the reason). */
export interface AlertParse {
  alerts: AlertEvent[];
  ignored: { reason: string }[];
}
