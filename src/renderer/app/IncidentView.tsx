/**
 * The incident view (`incident-view`): top bar; the timeline taking most of the height with
 * the logs below it; details and key signals on the right. Each region has its own error boundary.
 */
import { lazy, Suspense } from 'react';
import { useIncident } from '../api/queries';
import { Timeline } from '../timeline/Timeline';
import { EventDetails } from './details/EventDetails';
import { ErrorBanner } from './ErrorBanner';
import { ErrorBoundary } from './ErrorBoundary';
import { HypothesesPanel } from './hypotheses/HypothesesPanel';
import './hypotheses/hypotheses.css';
import { LiveStatusStrip } from './import/LiveStatusStrip';
import { useLiveWatch } from './import/useLiveWatch';
import { LogsPanel } from './logs/LogsPanel';
import { RemediationPanel } from './remediation/RemediationPanel';
import { PostmortemPanel } from './postmortem/PostmortemScreen';
import { EvalsPanel } from './evals/EvalsPanel';
import { ReviewBanner } from './bundle/ReviewBanner';
import { TopBar } from './TopBar';

// recharts is the heaviest dependency and only feeds this small panel: load it on its own.
const KeySignals = lazy(() => import('./signals/KeySignals').then((m) => ({ default: m.KeySignals })));

export function IncidentView(props: { incidentId: string }) {
  const incident = useIncident(props.incidentId);
  const live = useLiveWatch(props.incidentId);
  return (
    <div className="incident-view" data-testid="incident-view" data-review-copy={incident.data?.provenance ? '' : undefined}>
      <TopBar incident={incident.data} incidentId={props.incidentId} />
      <ReviewBanner incident={incident.data} />
      <LiveStatusStrip status={live} />
      {incident.isError ? (
        <ErrorBanner title="Could not load this incident" error={incident.error} onRetry={() => void incident.refetch()} />
      ) : null}
      <div className="incident-grid">
        <div className="timeline-slot">
          <ErrorBoundary region="Timeline">
            <Timeline incidentId={props.incidentId} />
          </ErrorBoundary>
        </div>
        <div className="logs-slot">
          <ErrorBoundary region="Logs panel">
            <LogsPanel />
          </ErrorBoundary>
        </div>
        <aside className="side-slot">
          <ErrorBoundary region="Hypotheses">
            <HypothesesPanel incidentId={props.incidentId} />
          </ErrorBoundary>
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
      <RemediationPanel incidentId={props.incidentId} />
      <PostmortemPanel incidentId={props.incidentId} />
      <EvalsPanel incidentId={props.incidentId} />
    </div>
  );
}
