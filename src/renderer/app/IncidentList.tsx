/**
 * The first screen: every incident in the store, newest first. ↑/↓ move, Enter or click opens.
 * With a single incident the list is still shown (a person decides to open it).
 */
import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import type { IncidentSummary } from '../../shared/incident';
import { useIncidents } from '../api/queries';
import { useUi } from '../state/ui';
import { IncidentStatusBadge, SeverityBadge } from './Badges';
import { ErrorBanner } from './ErrorBanner';
import { ReviewCopyBadge } from './bundle/BundleButtons';
import { formatCount, formatDuration, formatUtc } from './format';

function durationOf(i: IncidentSummary, now: number): string {
  if (i.resolvedAt !== null) return formatDuration(i.resolvedAt - i.startedAt);
  return `${formatDuration(Math.max(0, now - i.startedAt))}, ongoing`;
}

export function IncidentList() {
  const incidents = useIncidents();
  const openIncident = useUi((s) => s.openIncident);
  const [active, setActive] = useState(0);
  const listRef = useRef<HTMLUListElement>(null);
  const rows = [...(incidents.data ?? [])].sort((a, b) => b.startedAt - a.startedAt);
  const hasRows = rows.length > 0;

  useEffect(() => {
    if (hasRows) listRef.current?.focus();
  }, [hasRows]);

  const open = (i: IncidentSummary) => openIncident(i.id, { from: i.windowFrom, to: i.windowTo });

  const onKeyDown = (e: KeyboardEvent<HTMLUListElement>) => {
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      const step = e.key === 'ArrowDown' ? 1 : -1;
      setActive((a) => Math.min(rows.length - 1, Math.max(0, a + step)));
    } else if (e.key === 'Enter') {
      const row = rows[Math.min(active, rows.length - 1)];
      if (row) {
        e.preventDefault();
        open(row);
      }
    }
  };

  if (incidents.isError) {
    return <ErrorBanner title="Could not load incidents" error={incidents.error} onRetry={() => void incidents.refetch()} />;
  }
  if (incidents.isPending) return <p className="muted pad">Loading incidents…</p>;
  if (!hasRows) {
    return (
      <div className="empty pad" data-testid="incident-list">
        <p>No incidents in this store yet.</p>
        <p className="muted">
          Build the demo incident with <code>sitrep demo</code>, or load your data with <code>sitrep import</code>.
        </p>
      </div>
    );
  }
  const now = Date.now();
  return (
    <ul
      ref={listRef}
      className="incident-list"
      data-testid="incident-list"
      role="listbox"
      aria-label="Incidents"
      tabIndex={0}
      aria-activedescendant={`incident-option-${rows[active]?.id ?? ''}`}
      onKeyDown={onKeyDown}
    >
      {rows.map((i, idx) => (
        <li
          key={i.id}
          id={`incident-option-${i.id}`}
          role="option"
          aria-selected={idx === active}
          className={`incident-row${idx === active ? ' active' : ''}`}
          data-testid={`incident-row-${i.id}`}
          onClick={() => open(i)}
          onMouseEnter={() => setActive(idx)}
        >
          <div className="incident-row-head">
            <SeverityBadge severity={i.severity} />
            <span className="incident-title">{i.title}</span>
            <ReviewCopyBadge incident={i} />
            <IncidentStatusBadge status={i.status} />
          </div>
          <div className="incident-row-meta">
            <span title="Started (UTC)">{formatUtc(i.startedAt)}</span>
            <span title="Duration">{durationOf(i, now)}</span>
            <span className="services" title="Services">
              {i.services.join(', ') || 'no services'}
            </span>
          </div>
          <div className="incident-row-counts">
            <span>{formatCount(i.counts.events)} events</span>
            <span className={i.counts.errors > 0 ? 'tone-text-error' : undefined}>{formatCount(i.counts.errors)} errors</span>
            <span className={i.counts.alerts > 0 ? 'tone-text-warn' : undefined}>{formatCount(i.counts.alerts)} alerts</span>
            <span>{formatCount(i.counts.changes)} changes</span>
          </div>
        </li>
      ))}
    </ul>
  );
}
