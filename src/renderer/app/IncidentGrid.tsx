/**
 * The incident's working area, the same for the commander and for a viewer of a live share: the
 * timeline taking most of the height with the logs below it; hypotheses, details and key signals
 * on the right. Each region has its own error boundary. What differs (the hypotheses panel, an
 * overlay on the timeline) comes in as props.
 */
import { lazy, Suspense, type ReactNode, type Ref } from 'react';
import { Timeline } from '../timeline/Timeline';
import { EventDetails } from './details/EventDetails';
import { ErrorBoundary } from './ErrorBoundary';
import { LogsPanel } from './logs/LogsPanel';
import './hypotheses/hypotheses.css';

// recharts is the heaviest dependency and only feeds this small panel: load it on its own.
const KeySignals = lazy(() => import('./signals/KeySignals').then((m) => ({ default: m.KeySignals })));

export function IncidentGrid(props: { incidentId: string; hypotheses: ReactNode; timelineRef?: Ref<HTMLDivElement>; timelineOverlay?: ReactNode }) {
  return (
    <div className="incident-grid">
      <div className="timeline-slot" ref={props.timelineRef}>
        <ErrorBoundary region="Timeline">
          <Timeline incidentId={props.incidentId} />
        </ErrorBoundary>
        {props.timelineOverlay}
      </div>
      <div className="logs-slot">
        <ErrorBoundary region="Logs panel">
          <LogsPanel />
        </ErrorBoundary>
      </div>
      <aside className="side-slot">
        <ErrorBoundary region="Hypotheses">{props.hypotheses}</ErrorBoundary>
        <ErrorBoundary region="Details panel">
          <EventDetails />
        </ErrorBoundary>
        <ErrorBoundary region="Key signals">
          <Suspense fallback={<p className="muted pad">Loading key signals…</p>}>
            <KeySignals />
          </Suspense>
        </ErrorBoundary>
      </aside>
    </div>
  );
}
