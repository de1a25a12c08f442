/** The two entry points: "Open bundle…" on the incident list, "Export bundle…" in an incident's top bar. */
import type { IncidentSummary } from '../../../shared/incident';
import { useBundleUi } from './state';

export function OpenBundleButton() {
  const setOpen = useBundleUi((s) => s.setOpenDialog);
  return (
    <button type="button" className="btn" data-testid="bundle-open" onClick={() => setOpen(true)} title="Open a review bundle (.sitrep) as a read-only copy">
      Open bundle…
    </button>
  );
}

/** Hidden on a review copy: bundles are exported from the original, where it lives. */
export function ExportBundleButton(props: { incident: IncidentSummary | undefined }) {
  const setExportFor = useBundleUi((s) => s.setExportFor);
  const i = props.incident;
  if (!i || i.provenance) return null;
  return (
    <button type="button" className="btn" data-testid="bundle-export" onClick={() => setExportFor(i.id)} title="Export this incident as an encrypted, signed review bundle">
      Export bundle…
    </button>
  );
}

/** A small mark on the incident list for review copies. */
export function ReviewCopyBadge(props: { incident: IncidentSummary }) {
  const p = props.incident.provenance;
  if (!p) return null;
  return (
    <span className="badge review-badge" title={`Opened from a bundle exported by ${p.exporter.name}`} data-testid="review-badge">
      review copy · {p.exporter.name}
    </span>
  );
}
