/** Incidents and their counts (events, errors, alerts, changes in the incident window, from rollups). */
import { Incident, type IncidentSummary } from '../../shared/incident';
import { EventLaneId } from '../../shared/lanes';
import { countRange } from './range-count';
import type { ReadStatements, WriteStatements } from './statements';

interface IncidentRow {
  id: string;
  title: string;
  severity: string;
  status: string;
  started_at: number;
  detected_at: number | null;
  resolved_at: number | null;
  window_from: number;
  window_to: number;
  services_json: string;
  summary: string;
}

export function upsertIncident(writes: WriteStatements, input: Incident): void {
  const i = Incident.parse(input);
  writes.upsertIncident.run({
    id: i.id,
    title: i.title,
    severity: i.severity,
    status: i.status,
    startedAt: i.startedAt,
    detectedAt: i.detectedAt,
    resolvedAt: i.resolvedAt,
    windowFrom: i.windowFrom,
    windowTo: i.windowTo,
    services: JSON.stringify(i.services),
    summary: i.summary,
    updatedAt: Date.now(),
  });
}

function summarize(reads: ReadStatements, r: IncidentRow): IncidentSummary {
  const incident = Incident.parse({
    id: r.id,
    title: r.title,
    severity: r.severity,
    status: r.status,
    startedAt: r.started_at,
    detectedAt: r.detected_at,
    resolvedAt: r.resolved_at,
    windowFrom: r.window_from,
    windowTo: r.window_to,
    services: JSON.parse(r.services_json) as unknown,
    summary: r.summary,
  });
  // The incident window is inclusive of windowTo.
  const counts = { events: 0, errors: 0, alerts: 0, changes: 0 };
  for (const lane of EventLaneId.options) {
    const c = countRange(reads, lane, r.window_from, r.window_to + 1);
    counts.events += c.events;
    counts.errors += c.errors;
    if (lane === 'alerts') counts.alerts = c.events;
    if (lane === 'changes') counts.changes = c.events;
  }
  return { ...incident, counts };
}

export function listIncidents(reads: ReadStatements): IncidentSummary[] {
  return (reads.incidents.all() as IncidentRow[]).map((r) => summarize(reads, r));
}

export function getIncident(reads: ReadStatements, id: string): IncidentSummary | null {
  const row = reads.incidentById.get(id) as IncidentRow | undefined;
  return row === undefined ? null : summarize(reads, row);
}
