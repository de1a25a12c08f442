/**
 * The journal entries a review copy came with: the exporter's, with their original numbers and
 * hashes, and the checkpoint the exporter's journal signed over them. Read-only; never part of
 * this machine's own journal.
 */
import { useEffect, useRef, useState } from 'react';
import { describeError } from '../ErrorBanner';
import { formatUtc } from '../format';
import { useBundleJournal } from './queries';
import { Dialog } from '../Dialog';

export function ReviewJournalDialog(props: { incidentId: string; onClose: () => void }) {
  const j = useBundleJournal(props.incidentId);
  const [open, setOpen] = useState<number | null>(null);
  const close = useRef<HTMLButtonElement>(null);
  useEffect(() => close.current?.focus(), []);
  const data = j.data;
  return (
    <Dialog titleId="bundle-journal-title" title="Journal from the bundle" testId="review-journal" className="bundle-dialog bundle-journal" onClose={props.onClose} closeRef={close}>
      {j.isError ? <p className="tone-text-error">{describeError(j.error)}</p> : null}
      {j.isPending ? <p className="muted">Loading…</p> : null}
      {data ? (
        <>
          <p className="muted bundle-why">
            {data.included
              ? `The exporter's journal entries about this incident (${data.entries.length}), read-only. They are not part of this machine's journal.`
              : `The bundle carries no journal entries: ${data.note ?? 'left out at export'}.`}
          </p>
          {data.checkpoint ? (
            <p className={data.checkpoint.valid ? 'tone-text-ok' : 'tone-text-error'} data-testid="review-checkpoint">
              {data.checkpoint.valid ? '✓' : '✕'} Checkpoint #{data.checkpoint.seq} of {formatUtc(data.checkpoint.createdAt)}, signed by the journal's key <span className="mono">{data.checkpoint.keyFingerprint}</span>
              {data.checkpoint.valid ? ': valid, covers every entry below' : ': INVALID'}
            </p>
          ) : null}
          <ol className="review-entries" data-testid="review-entries">
            {data.entries.map((e) => (
              <li key={e.seq} data-seq={e.seq}>
                <button type="button" className="review-entry" aria-expanded={open === e.seq} onClick={() => setOpen(open === e.seq ? null : e.seq)}>
                  <span className="mono review-seq">#{e.seq}</span>
                  <span className="mono review-ts">{formatUtc(e.ts)}</span>
                  <span className="review-kind">{e.kind}</span>
                  <span className="review-actor">{e.actor}</span>
                  <span className="review-summary">{e.summary}</span>
                  <span className="mono muted review-hash" title={`hash ${e.hash}${e.linked ? '; links to the entry before it' : ''}`}>
                    {e.linked ? '↳ ' : ''}
                    {e.hash.slice(0, 10)}
                  </span>
                </button>
                {open === e.seq ? <pre className="review-payload">{e.payload}</pre> : null}
              </li>
            ))}
          </ol>
        </>
      ) : null}
    </Dialog>
  );
}
