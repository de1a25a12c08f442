/**
 * Pure decisions of incident open/join (no store, no clock): given an alert and the open
 * incidents with their member alerts, say what to do. The store side is ./open-or-join.ts.
 *
 * - Only a firing alert opens or joins (acknowledged: nothing; resolved: see `allResolved`).
 * - Join: an incident with status 'open' whose services include the alert's service, or whose
 *   member alerts include one of the same name, and whose last activity (latest member alert,
 *   else its start) is at most `joinWindowMs` (default 60 min) before the alert, and whose window
 *   does not start more than `joinWindowMs` after it. Among several, the most recently active.
 *   Joining widens the window to [ts − pad, ts + pad] if needed and adds the service; the
 *   severity a person may have set is left alone.
 * - Open: `INC-YYYYMMDD-HHMM-<6 hex>` (UTC start; hash of source+fingerprint+start), title from
 *   the summary (else the name), sev1/sev2/sev3 for critical/warning/info, startedAt = alert start,
 *   detectedAt = receipt, window [start − pad, start + pad] (pad 30 min).
 * - Mitigated: when every member alert's latest state is resolved. Never 'resolved': a person
 *   resolves an incident.
 */
import { createHash } from 'node:crypto';
import type { AlertEvent, AlertSeverity } from '../../shared/events';
import type { Incident } from '../../shared/incident';

export const DEFAULT_JOIN_WINDOW_MS = 60 * 60_000;
export const WINDOW_PAD_MS = 30 * 60_000;

export interface IncidentView {
  incident: Incident;
  /** The incident's member alerts (every transition stored for them). */
  members: AlertEvent[];
}

export type Decision =
  | { type: 'open'; incident: Incident }
  | { type: 'join'; incident: Incident; changed: boolean }
  | { type: 'none'; reason: string };

const SEV: Record<AlertSeverity, Incident['severity']> = { critical: 'sev1', warning: 'sev2', info: 'sev3' };

export function lastActivity(v: IncidentView): number {
  let t = v.incident.startedAt;
  for (const m of v.members) if (m.ts > t) t = m.ts;
  return t;
}

function pad2(n: number): string {
  return String(n).padStart(2, '0');
}

export function incidentId(alert: AlertEvent): string {
  const d = new Date(alert.ts);
  const stamp = `${d.getUTCFullYear()}${pad2(d.getUTCMonth() + 1)}${pad2(d.getUTCDate())}-${pad2(d.getUTCHours())}${pad2(d.getUTCMinutes())}`;
  const hash = createHash('sha256').update(`${alert.source ?? ''}\0${alert.fingerprint}\0${alert.ts}`).digest('hex').slice(0, 6);
  return `INC-${stamp}-${hash}`;
}

export function isSuppressed(alert: AlertEvent): boolean {
  return alert.labels.sitrep_silenced === 'true' || alert.labels.sitrep_inhibited === 'true';
}

export function newIncident(alert: AlertEvent, receivedAt: number, padMs = WINDOW_PAD_MS): Incident {
  const title = (alert.summary ?? alert.name).slice(0, 512);
  return {
    id: incidentId(alert),
    title,
    severity: SEV[alert.severity],
    status: 'open',
    startedAt: alert.ts,
    detectedAt: receivedAt,
    resolvedAt: null,
    windowFrom: Math.max(0, alert.ts - padMs),
    windowTo: alert.ts + padMs,
    services: [alert.service],
    summary: `Opened by the ${alert.source ?? 'unknown'} alert ${alert.name} (${alert.severity}) on ${alert.service}.`.slice(0, 16_384),
  };
}

export function decideFiring(alert: AlertEvent, receivedAt: number, open: IncidentView[], opts: { joinWindowMs?: number; padMs?: number } = {}): Decision {
  if (alert.state !== 'firing') return { type: 'none', reason: `a ${alert.state} alert opens no incident` };
  if (isSuppressed(alert)) return { type: 'none', reason: 'the alert is silenced or inhibited' };
  const joinMs = opts.joinWindowMs ?? DEFAULT_JOIN_WINDOW_MS;
  const padMs = opts.padMs ?? WINDOW_PAD_MS;
  let best: { v: IncidentView; last: number } | null = null;
  for (const v of open) {
    if (v.incident.status !== 'open') continue;
    const shares = v.incident.services.includes(alert.service) || v.members.some((m) => m.name === alert.name);
    if (!shares) continue;
    const last = lastActivity(v);
    if (alert.ts > last + joinMs || alert.ts < v.incident.windowFrom - joinMs) continue;
    if (best === null || last > best.last) best = { v, last };
  }
  if (best === null) return { type: 'open', incident: newIncident(alert, receivedAt, padMs) };
  const inc = best.v.incident;
  const next: Incident = {
    ...inc,
    windowFrom: Math.min(inc.windowFrom, Math.max(0, alert.ts - padMs)),
    windowTo: Math.max(inc.windowTo, alert.ts + padMs),
    services: inc.services.includes(alert.service) ? inc.services : [...inc.services, alert.service],
  };
  const changed = next.windowFrom !== inc.windowFrom || next.windowTo !== inc.windowTo || next.services !== inc.services;
  return { type: 'join', incident: next, changed };
}

/** True when the incident has member alerts and the latest transition of each is 'resolved'. */
export function allResolved(members: AlertEvent[]): boolean {
  const latest = new Map<string, AlertEvent>();
  for (const m of members) {
    const key = `${m.source ?? ''}\0${m.fingerprint}`;
    const cur = latest.get(key);
    // On equal times a resolution wins (it cannot precede its own firing).
    if (cur === undefined || m.ts > cur.ts || (m.ts === cur.ts && m.state === 'resolved')) latest.set(key, m);
  }
  if (latest.size === 0) return false;
  for (const m of latest.values()) if (m.state !== 'resolved') return false;
  return true;
}
