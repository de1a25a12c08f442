/** The app shell: incidents list or one incident, the help overlay, connection and crash banners. */
import { ConnectionBanner } from './app/ConnectionBanner';
import { ErrorBoundary } from './app/ErrorBoundary';
import { HelpOverlay } from './app/HelpOverlay';
import { IncidentsScreen } from './app/IncidentsScreen';
import { IncidentView } from './app/IncidentView';
import { useShortcuts } from './app/shortcuts';
import { useUi } from './state/ui';

export function App() {
  useShortcuts();
  const incidentId = useUi((s) => s.incidentId);
  return (
    <div className="app">
      <ConnectionBanner />
      <ErrorBoundary region="Sitrep">
        {incidentId !== null ? <IncidentView key={incidentId} incidentId={incidentId} /> : <IncidentsScreen />}
      </ErrorBoundary>
      <HelpOverlay />
    </div>
  );
}
