/**
 * The app a viewer of a live share gets (same renderer, role learned from the core): it follows
 * the commander's incident, window, selection and cursor, shows only what can be read, and has
 * no control that changes anything. Everything it receives was masked in the core.
 */
import { useEffect, useRef, useState, useSyncExternalStore } from 'react';
import { connectionStatus, onConnectionStatus } from '../../api/connection';
import { useIncident } from '../../api/queries';
import { useUi } from '../../state/ui';
import { IncidentStatusBadge, SeverityBadge } from '../Badges';
import { IncidentGrid } from '../IncidentGrid';
import { usePresentationSync } from '../presentation/PresentationLayer';
import '../presentation/presentation.css';
import { CommanderCursor } from './CommanderCursor';
import { useShareViewState } from './queries';
import { ReadOnlyHypotheses } from './ReadOnlyHypotheses';
import { formatUtcClock } from './ShareDialog';
import { useShareUi } from './state';
import { useFollow } from './useFollow';
import './share.css';

function ViewerIncident(props: { incidentId: string; cursor: number | null; name: string }) {
  const wrap = useRef<HTMLDivElement>(null);
  return (
    <IncidentGrid
      incidentId={props.incidentId}
      timelineRef={wrap}
      timelineOverlay={<CommanderCursor wrap={wrap} cursor={props.cursor} name={props.name} />}
      hypotheses={<ReadOnlyHypotheses incidentId={props.incidentId} />}
    />
  );
}

function ViewerBar(props: { name: string | null; expiresAt: number | null; incidentId: string | null }) {
  const incident = useIncident(props.incidentId);
  const theme = useUi((s) => s.theme);
  const toggleTheme = useUi((s) => s.toggleTheme);
  const setHelpOpen = useUi((s) => s.setHelpOpen);
  const i = incident.data;
  return (
    <header className="topbar viewer-bar">
      <span className="viewer-badge" data-testid="viewer-badge">
        View only · following {props.name ?? 'the commander'}
        {props.expiresAt !== null ? ` · ends ${formatUtcClock(props.expiresAt)}` : ''}
      </span>
      <div className="topbar-title">
        {i ? <SeverityBadge severity={i.severity} /> : null}
        {props.incidentId ? <h1>{i?.title ?? props.incidentId}</h1> : null}
        {i ? <IncidentStatusBadge status={i.status} /> : null}
      </div>
      <div className="topbar-tools">
        <span className="presenting-badge presenting-static" title="Secrets, personal data and prompts are masked before they reach this page">
          <span className="presenting-dot" aria-hidden="true" />
          Redaction on
        </span>
        <button type="button" className="btn" onClick={toggleTheme} title="Toggle theme (t)">
          {theme === 'dark' ? 'Light theme' : 'Dark theme'}
        </button>
        <button type="button" className="btn" onClick={() => setHelpOpen(true)} title="Keyboard shortcuts (?)" aria-label="Keyboard shortcuts">
          ?
        </button>
      </div>
    </header>
  );
}

/** The share ended: said plainly; nothing more is fetched. */
function Ended(props: { why: string }) {
  return (
    <main className="viewer-ended" data-testid="viewer-ended">
      <h1>This view-only share has ended</h1>
      <p className="muted">{props.why}</p>
      <p className="muted">Ask the incident commander for a new link if you need to keep watching.</p>
    </main>
  );
}

export function ViewerApp() {
  usePresentationSync();
  const q = useShareViewState();
  const ended = useShareUi((s) => s.ended);
  const incidentId = useUi((s) => s.incidentId);
  const conn = useSyncExternalStore((cb) => onConnectionStatus(cb), connectionStatus);
  const [now, setNow] = useState(() => Date.now());
  const state = q.data ?? null;
  useFollow(state?.view);

  // Ended without a word (missed push, expired while away): the socket drops and the core stops answering.
  const { refetch } = q;
  useEffect(() => {
    if (conn === 'closed') void refetch();
  }, [conn, refetch]);
  const expiresAt = state?.expiresAt ?? null;
  useEffect(() => {
    if (expiresAt === null) return undefined;
    const t = setTimeout(() => setNow(Date.now()), Math.max(0, Math.min(2_000_000_000, expiresAt - Date.now() + 250)));
    return () => clearTimeout(t);
  }, [expiresAt, now]);

  const why =
    ended === 'stopped'
      ? 'The commander stopped sharing.'
      : ended === 'expired' || (expiresAt !== null && now >= expiresAt)
        ? 'The share reached its end time.'
        : q.isError
          ? 'The link is no longer valid.'
          : q.isSuccess && state === null
            ? 'No share is running.'
            : null;

  return (
    <div className="app viewer-app" data-testid="viewer-app">
      {why !== null ? (
        <Ended why={why} />
      ) : (
        <>
          <ViewerBar name={state?.name ?? null} expiresAt={expiresAt} incidentId={incidentId} />
          {conn === 'closed' ? (
            <div className="banner banner-warn" role="status">
              Live updates interrupted: reconnecting… What is on screen may be out of date.
            </div>
          ) : null}
          {incidentId !== null ? (
            <ViewerIncident key={incidentId} incidentId={incidentId} cursor={state?.view?.cursor ?? null} name={state?.name ?? 'commander'} />
          ) : (
            <main className="viewer-waiting">
              <p className="muted">{q.isLoading ? 'Connecting to the share…' : `Waiting for ${state?.name ?? 'the commander'} to open an incident…`}</p>
            </main>
          )}
        </>
      )}
    </div>
  );
}
