/**
 * The incident view (`incident-view`): top bar, review and live banners, the working area
 * (IncidentGrid) and the panels that open over it (runbooks, postmortem, eval & monitors).
 */
import { useIncident } from '../api/queries';
import { ErrorBanner } from './ErrorBanner';
import { HypothesesPanel } from './hypotheses/HypothesesPanel';
import { IncidentGrid } from './IncidentGrid';
import { LiveStatusStrip } from './import/LiveStatusStrip';
import { useLiveWatch } from './import/useLiveWatch';
import { RemediationPanel } from './remediation/RemediationPanel';
import { PostmortemPanel } from './postmortem/PostmortemScreen';
import { EvalsPanel } from './evals/EvalsPanel';
import { ReviewBanner } from './bundle/ReviewBanner';
import { TopBar } from './TopBar';

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
      <IncidentGrid incidentId={props.incidentId} hypotheses={<HypothesesPanel incidentId={props.incidentId} />} />
      <RemediationPanel incidentId={props.incidentId} />
      <PostmortemPanel incidentId={props.incidentId} />
      <EvalsPanel incidentId={props.incidentId} />
    </div>
  );
}
