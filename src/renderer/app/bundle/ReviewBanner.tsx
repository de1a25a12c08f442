/**
 * Shown on a review copy, under the top bar: it is read-only, who exported it and when, that it
 * was intact, whether this profile knows the exporter's key; and the bundle's own journal.
 */
import type { IncidentSummary } from '../../../shared/incident';
import { formatUtc } from '../format';
import { trustText } from './ReportView';
import { useBundleUi } from './state';

export function ReviewBanner(props: { incident: IncidentSummary | undefined }) {
  const setJournalFor = useBundleUi((s) => s.setJournalFor);
  const p = props.incident?.provenance;
  if (!props.incident || !p) return null;
  const id = props.incident.id;
  return (
    <div className={`review-banner${p.exporter.trust === 'known' ? '' : ' review-banner-unknown'}`} data-testid="review-banner" role="note">
      <span className="review-title">
        <strong>Review copy</strong> · exported by <strong data-testid="review-exporter">{p.exporter.name}</strong> at {formatUtc(p.exportedAt)} ·{' '}
        <span className="tone-text-ok" data-testid="review-intact">
          {p.intact ? 'intact' : 'NOT intact'}
        </span>
      </span>
      <span className={`review-trust ${p.exporter.trust === 'known' ? 'tone-text-ok' : 'tone-text-warn'}`} title={`Key ${p.exporter.fingerprint}`}>
        {trustText({ ...p.exporter, localName: null })} · <span className="mono">{p.exporter.fingerprint}</span>
      </span>
      <span className="muted review-readonly">Read-only: no decisions, runbooks or actions here{p.originalId !== id ? ` · original id ${p.originalId}` : ''}</span>
      <button type="button" className="btn btn-small" onClick={() => setJournalFor(id)} data-testid="review-journal-open">
        Bundle journal…
      </button>
    </div>
  );
}
