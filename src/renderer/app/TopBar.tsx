/**
 * The incident view's top bar: back, what incident this is, the incident's tools, theme and help.
 * Which core we talk to is shown on the incident list (AppIdentity), not here, to leave the title room.
 */
import type { IncidentSummary } from '../../shared/incident';
import { useAppInfo } from '../api/queries';
import { useUi } from '../state/ui';
import { IncidentStatusBadge, SeverityBadge } from './Badges';
import { ConnectionsButton } from './connections/ConnectionsScreen';
import { AuthIndicator, JournalButton } from './governance/AuthIndicator';
import { PresentationBadge } from './presentation/PresentationBadge';
import { ShareButton } from './share/ShareButton';
import { EvalsButton } from './evals/EvalsButton';
import { ReportButton } from './report/ReportButton';
import { ExportBundleButton } from './bundle/BundleButtons';
import { PostmortemButton } from './postmortem/PostmortemScreen';

export function AppIdentity() {
  const info = useAppInfo();
  if (!info.data) return null;
  const { host, version, readOnly } = info.data;
  return (
    <span className="muted app-id" title={info.data.store.path}>
      Sitrep {version} · {host === 'browser' ? 'browser host' : 'desktop'}
      {readOnly ? ' · read-only' : ''}
    </span>
  );
}

export function ThemeAndHelp() {
  const theme = useUi((s) => s.theme);
  const toggleTheme = useUi((s) => s.toggleTheme);
  const setHelpOpen = useUi((s) => s.setHelpOpen);
  return (
    <>
      <PresentationBadge />
      <ShareButton />
      <AuthIndicator />
      <JournalButton />
      <ReportButton />
      <ConnectionsButton />
      <button type="button" className="btn" data-testid="theme-toggle" onClick={toggleTheme} title="Toggle theme (t)">
        {theme === 'dark' ? 'Light theme' : 'Dark theme'}
      </button>
      <button type="button" className="btn" onClick={() => setHelpOpen(true)} title="Keyboard shortcuts (?)" aria-label="Keyboard shortcuts">
        ?
      </button>
    </>
  );
}

export function TopBar(props: { incident: IncidentSummary | undefined; incidentId: string }) {
  const closeIncident = useUi((s) => s.closeIncident);
  const i = props.incident;
  return (
    <header className="topbar">
      <button type="button" className="btn" data-testid="back-to-incidents" onClick={closeIncident} title="Back to incidents (Backspace)">
        ← Incidents
      </button>
      <div className="topbar-title">
        {i ? <SeverityBadge severity={i.severity} /> : null}
        <h1 title={i?.summary}>{i?.title ?? props.incidentId}</h1>
        {i ? <IncidentStatusBadge status={i.status} /> : null}
      </div>
      <div className="topbar-tools">
        <PostmortemButton incidentId={props.incidentId} />
        <EvalsButton />
        <ExportBundleButton incident={i} />
        <ThemeAndHelp />
      </div>
    </header>
  );
}
