/** Small coloured labels. Text always carries the meaning; colour only reinforces it. */
import type { IncidentSummary } from '../../shared/incident';
import type { EventStatusCode } from '../../shared/window';

export function SeverityBadge(props: { severity: IncidentSummary['severity'] }) {
  return <span className={`badge sev sev-${props.severity}`}>{props.severity.toUpperCase()}</span>;
}

export function IncidentStatusBadge(props: { status: IncidentSummary['status'] }) {
  return <span className={`badge status status-${props.status}`}>{props.status}</span>;
}

export function EventStatusBadge(props: { status: EventStatusCode; label?: string }) {
  return <span className={`badge tone-${props.status}`}>{props.label ?? props.status}</span>;
}
