/**
 * "Explain with model" in the hypothesis panel: starts a review, streams the model's answer as it
 * comes, offers Cancel, says what leaves the machine for a remote model (host and what was
 * redacted; nothing at all for a local one), then shows the model's summary and the claims it
 * made that were dropped because no evidence backs them, with why.
 */
import { useEffect, useRef } from 'react';
import type { ReviewProgress } from '../../../shared/contract-model';
import type { AnalysisResult, ModelReview as Review } from '../../../shared/hypotheses';
import { redactionWords } from '../../../shared/redaction-words';
import { useConnectionsUi } from '../connections/state';
import { useCancelReview, useModelSettings, useReviewProgress, useStartReview } from './model-queries';

const kb = (n: number): string => (n < 1024 ? `${n} B` : `${(n / 1024).toFixed(n < 10_240 ? 1 : 0)} kB`);

function Egress(props: { running: ReviewProgress | null; review: Review | null }) {
  if (props.running) {
    if (props.running.egressHost === null) return null;
    return (
      <p className="egress" data-testid="egress-indicator">
        <span className="egress-tag">remote</span> {props.running.egressHost} · redacted before sending
      </p>
    );
  }
  const e = props.review?.egress;
  if (!e) return null;
  const redacted = redactionWords(e.redacted);
  return (
    <p className="egress" data-testid="egress-indicator" title="What left this machine for the model">
      <span className="egress-tag">remote</span> {e.host} · {redacted === 'nothing' ? 'nothing needed redacting' : `redacted ${redacted}`} · {kb(e.bytes)} sent
    </p>
  );
}

function Stream(props: { text: string }) {
  const ref = useRef<HTMLPreElement>(null);
  useEffect(() => {
    const el = ref.current;
    if (el) el.scrollTop = el.scrollHeight;
  }, [props.text]);
  return (
    <pre ref={ref} className="model-stream" data-testid="review-stream" aria-live="polite" aria-label="The model's answer as it streams">
      {props.text === '' ? 'Waiting for the first words…' : props.text}
    </pre>
  );
}

function Dropped(props: { review: Review }) {
  const d = props.review.dropped;
  if (d.length === 0) return null;
  return (
    <section className="dropped" data-testid="review-dropped" aria-label="Dropped claims">
      <h3>
        Dropped ({d.length}) <span className="muted">— not backed by the evidence, so ignored</span>
      </h3>
      <ul>
        {d.map((c, i) => (
          <li key={i} className="dropped-claim" data-testid="dropped-claim">
            <span className="dropped-tag">dropped</span> <s>{c.text}</s>
            <div className="dropped-why">
              {c.reason}
              {c.cited.length > 0 && !c.cited.every((id) => c.reason.includes(id)) ? ` (cited ${c.cited.join(', ')})` : ''}
            </div>
          </li>
        ))}
      </ul>
    </section>
  );
}

export function ModelReview(props: { incidentId: string; result: AnalysisResult | null }) {
  const settings = useModelSettings();
  const start = useStartReview(props.incidentId);
  const cancel = useCancelReview();
  const openSettings = useConnectionsUi((s) => s.setOpen);
  const [progress] = useReviewProgress(props.incidentId);
  const running = progress !== null && !progress.done ? progress : null;
  const failed = progress?.done === true && progress.error !== undefined ? progress : null;
  const mode = settings.data?.mode ?? 'none';
  const review = props.result?.review ?? null;
  const label =
    mode === 'local'
      ? `local · ${(settings.data?.local.path ?? '').split(/[\\/]/).pop() ?? ''}`
      : mode === 'remote'
        ? `remote · ${settings.data?.remote?.model ?? ''}${settings.data?.offline ? ' (offline: blocked)' : ''}`
        : null;
  return (
    <div className="model-review" data-testid="model-review">
      <div className="model-review-bar">
        {running ? (
          <button type="button" className="btn btn-small btn-danger" data-testid="review-cancel" onClick={() => cancel.mutate(running.jobId)} disabled={cancel.isPending}>
            Cancel
          </button>
        ) : (
          <button
            type="button"
            className="btn btn-small btn-primary"
            data-testid="explain-with-model"
            disabled={mode === 'none' || start.isPending || props.result === null}
            onClick={() => start.mutate()}
            title={mode === 'none' ? 'Choose a model first (Connections screen, key c)' : 'Ask the model to explain and re-rank these hypotheses'}
          >
            Explain with model
          </button>
        )}
        {label !== null ? (
          <span className="muted model-label">{running ? `explaining with ${label}…` : label}</span>
        ) : (
          <button type="button" className="link-btn" onClick={() => openSettings(true)}>
            choose a model…
          </button>
        )}
      </div>
      <Egress running={running} review={running ? null : review} />
      {running ? <Stream text={running.text} /> : null}
      {start.error ? (
        <p role="alert" className="conn-error">
          {start.error.message}
        </p>
      ) : null}
      {failed ? (
        <p role="alert" className={failed.cancelled ? 'conn-note' : 'conn-error'} data-testid="review-error">
          {failed.cancelled ? 'Review cancelled: the hypotheses are unchanged.' : `The model review failed: ${failed.error ?? ''}`}
        </p>
      ) : null}
      {review && !running ? (
        <div className="review-result" data-testid="review-result">
          {review.error ? (
            <p className="conn-error">The last review failed: {review.error}</p>
          ) : review.summary ? (
            <p className="review-summary">
              <span className="review-by">{review.model}:</span> {review.summary}
            </p>
          ) : null}
          <Dropped review={review} />
        </div>
      ) : null}
    </div>
  );
}
