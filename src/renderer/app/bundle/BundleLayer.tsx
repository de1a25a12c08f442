/** Always mounted: the bundle dialogs (open, export, a review copy's journal) when asked for. */
import { ExportBundleDialog } from './ExportBundleDialog';
import { OpenBundleDialog } from './OpenBundleDialog';
import { ReviewJournalDialog } from './ReviewJournalDialog';
import { useBundleUi } from './state';
import './bundle.css';

export function BundleLayer() {
  const ui = useBundleUi();
  return (
    <>
      {ui.openDialog ? <OpenBundleDialog onClose={() => ui.setOpenDialog(false)} /> : null}
      {ui.exportFor !== null ? <ExportBundleDialog key={ui.exportFor} incidentId={ui.exportFor} onClose={() => ui.setExportFor(null)} /> : null}
      {ui.journalFor !== null ? <ReviewJournalDialog key={ui.journalFor} incidentId={ui.journalFor} onClose={() => ui.setJournalFor(null)} /> : null}
    </>
  );
}
