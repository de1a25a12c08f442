/** The button to the cross-incident report (key `i`), shown on the incident list (inside an incident the key still works). */
import { useConnectionsUi } from '../connections/state';
import { useGovernanceUi } from '../governance/state';
import { useUi } from '../../state/ui';
import { useReportUi } from './state';

export function ReportButton() {
  const open = useReportUi((s) => s.open);
  const setOpen = useReportUi((s) => s.setOpen);
  const inIncident = useUi((s) => s.incidentId !== null);
  if (open || inIncident) return null;
  return (
    <button
      type="button"
      className="btn"
      data-testid="open-report"
      onClick={() => {
        useConnectionsUi.getState().setOpen(false);
        useGovernanceUi.getState().setJournalOpen(false);
        setOpen(true);
      }}
      title="Report across incidents (i)"
    >
      Report
    </button>
  );
}
