/** The app shell: incidents list or one incident, the help overlay, connection and crash banners. */
import { ConnectionBanner } from './app/ConnectionBanner';
import { ConnectionsScreen } from './app/connections/ConnectionsScreen';
import { useConnectionsUi } from './app/connections/state';
import { ErrorBoundary } from './app/ErrorBoundary';
import { GovernanceLayer } from './app/governance/GovernanceLayer';
import { JournalScreen } from './app/governance/JournalScreen';
import { useGovernanceUi } from './app/governance/state';
import { HelpOverlay } from './app/HelpOverlay';
import { IncidentsScreen } from './app/IncidentsScreen';
import { IncidentView } from './app/IncidentView';
import { ImportLayer } from './app/import/ImportLayer';
import { BundleLayer } from './app/bundle/BundleLayer';
import { PresentationLayer } from './app/presentation/PresentationLayer';
import { useSeatRole } from './app/presentation/queries';
import { ShareLayer } from './app/share/ShareLayer';
import { ViewerApp } from './app/share/ViewerApp';
import { ReportScreen } from './app/report/ReportScreen';
import { useReportUi } from './app/report/state';
import { ThemeAndHelp } from './app/TopBar';
import { useShortcuts } from './app/shortcuts';
import { useAppCommands } from './app/appCommands';
import { useUi } from './state/ui';

export function App() {
  useShortcuts();
  useAppCommands();
  const incidentId = useUi((s) => s.incidentId);
  const connectionsOpen = useConnectionsUi((s) => s.open);
  const journalOpen = useGovernanceUi((s) => s.journalOpen);
  const reportOpen = useReportUi((s) => s.open);
  // A viewer of a live share gets the view-only app: it follows the commander, changes nothing.
  const role = useSeatRole();
  if (role === null) return <div className="app" aria-busy="true" />;
  if (role === 'viewer') {
    return (
      <>
        <ViewerApp />
        <HelpOverlay />
      </>
    );
  }
  return (
    <div className="app">
      <ConnectionBanner />
      <ErrorBoundary region="Sitrep">
        {connectionsOpen ? (
          <ConnectionsScreen tools={<ThemeAndHelp />} />
        ) : journalOpen ? (
          <JournalScreen tools={<ThemeAndHelp />} />
        ) : reportOpen ? (
          <ReportScreen tools={<ThemeAndHelp />} />
        ) : incidentId !== null ? (
          <IncidentView key={incidentId} incidentId={incidentId} />
        ) : (
          <IncidentsScreen />
        )}
      </ErrorBoundary>
      <HelpOverlay />
      <ImportLayer />
      <GovernanceLayer />
      <BundleLayer />
      <PresentationLayer />
      <ShareLayer />
    </div>
  );
}
