/** The first screen: header and the incident list. */
import { IncidentList } from './IncidentList';
import { AppIdentity, ThemeAndHelp } from './TopBar';
import { OpenBundleButton } from './bundle/BundleButtons';
import './incidents.css';

export function IncidentsScreen() {
  return (
    <div className="incidents-screen">
      <header className="topbar">
        <div className="topbar-title">
          <h1>Sitrep · Incidents</h1>
        </div>
        <div className="topbar-tools">
          <OpenBundleButton />
          <AppIdentity />
          <ThemeAndHelp />
        </div>
      </header>
      <main className="incidents-main">
        <p className="muted hint">
          <kbd>↑</kbd> <kbd>↓</kbd> to choose, <kbd>Enter</kbd> to open, <kbd>?</kbd> for every shortcut. Times in UTC.
        </p>
        <IncidentList />
      </main>
    </div>
  );
}
