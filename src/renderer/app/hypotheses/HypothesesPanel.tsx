/**
 * The hypothesis panel (`hypotheses-panel`): ranked root-cause hypotheses for the open incident,
 * each with its supporting and contradicting evidence. Clicking a piece of evidence zooms the
 * timeline to it and selects its first event (highlighted on its lane). The commander accepts
 * or rejects a hypothesis; a rejection asks why, and rejected ones stay listed below. A model
 * can explain and re-rank them (./ModelReview.tsx); its answer streams in above the list.
 */
import { useEffect, useState } from 'react';
import type { AnalysisResult, Evidence, Hypothesis } from '../../../shared/hypotheses';
import { useUi } from '../../state/ui';
import { ModelReview } from './ModelReview';
import { useDecide, useLatestAnalysis, useRunAnalysis } from './queries';
import { RunbookLink } from '../remediation/RunbookLink';

const MIN = 60_000;
/** Supporting evidence shown before "Show N more". */
const FIRST_EVIDENCE = 3;
const pct = (x: number): string => `${Math.round(x * 100)}%`;

function EvidenceItem(props: { ev: Evidence | undefined; id: string; against?: boolean }) {
  const setView = useUi((s) => s.setView);
  const selectEvent = useUi((s) => s.selectEvent);
  const selected = useUi((s) => s.selectedEventId);
  const ev = props.ev;
  if (!ev) return <li className="ev missing">unknown evidence {props.id}</li>;
  const first = ev.eventIds[0];
  const active = first !== undefined && selected === first;
  const go = (): void => {
    // Zoom to ten minutes around it and select its first event, which its lane draws highlighted.
    setView({ from: ev.at - 5 * MIN, to: ev.at + 5 * MIN });
    selectEvent(first ?? null);
  };
  return (
    <li className={`ev${props.against ? ' against' : ''}${active ? ' active' : ''}`}>
      <button
        type="button"
        className="ev-link"
        onClick={go}
        aria-pressed={active}
        title={`Show on the timeline · ${ev.query.language}: ${ev.query.text}`}
        data-testid={`evidence-${ev.id}`}
        data-event-id={first ?? ''}
      >
        <span className="ev-kind">{props.against ? 'against' : ev.kind.replace('_', ' ')}</span> {ev.summary}
      </button>
    </li>
  );
}

function HypothesisCard(props: { h: Hypothesis; result: AnalysisResult; incidentId: string }) {
  const { h, result } = props;
  const decide = useDecide(props.incidentId);
  const [rejecting, setRejecting] = useState(false);
  const [reason, setReason] = useState('');
  const [showAll, setShowAll] = useState(false);
  const byId = new Map(result.evidence.map((e) => [e.id, e]));
  return (
    <li className={`hyp hyp-${h.status}`} data-testid={`hypothesis-${h.rank}`}>
      <div className="hyp-head">
        <span className="hyp-rank">{h.rank}</span>
        <strong className="hyp-title">{h.title}</strong>
        <span className="hyp-conf" title="confidence">{pct(h.confidence)}</span>
      </div>
      <div className="hyp-meta muted">
        {h.category} · {h.entities.join(', ')}
        {h.runbook ? (
          <>
            {' · '}
            <RunbookLink runbookId={h.runbook} />
          </>
        ) : null}
        {h.status !== 'proposed' ? ` · ${h.status}` : ''}
      </div>
      {h.explanation ? (
        <p className="hyp-explain" data-testid="hyp-explanation">
          <span className="hyp-explain-by">model</span> {h.explanation}
        </p>
      ) : null}
      <ul className="ev-list">
        {(showAll ? h.supporting : h.supporting.slice(0, FIRST_EVIDENCE)).map((id) => (
          <EvidenceItem key={id} id={id} ev={byId.get(id)} />
        ))}
        {h.contradicting.map((id) => (
          <EvidenceItem key={`c-${id}`} id={id} ev={byId.get(id)} against />
        ))}
      </ul>
      {h.supporting.length > FIRST_EVIDENCE ? (
        <button type="button" className="link-btn ev-more" onClick={() => setShowAll(!showAll)} aria-expanded={showAll}>
          {showAll ? 'Show less evidence' : `Show ${h.supporting.length - FIRST_EVIDENCE} more evidence`}
        </button>
      ) : null}
      {h.status === 'proposed' ? (
        rejecting ? (
          <form
            className="hyp-reject"
            onKeyDown={(e) => {
              if (e.key === 'Escape') {
                e.stopPropagation();
                setRejecting(false);
              }
            }}
            onSubmit={(e) => {
              e.preventDefault();
              decide.mutate({ analysisId: result.id, hypothesisId: h.id, decision: 'rejected', reason });
            }}
          >
            <input className="input" autoFocus placeholder="Why is this not the cause?" value={reason} onChange={(e) => setReason(e.target.value)} aria-label={`Why reject “${h.title}”`} />
            <button type="submit" className="btn btn-small" disabled={reason.trim() === '' || decide.isPending}>
              Reject
            </button>
            <button type="button" className="btn btn-small" onClick={() => setRejecting(false)}>
              Cancel
            </button>
          </form>
        ) : (
          <div className="hyp-actions">
            <button type="button" className="btn btn-small" onClick={() => decide.mutate({ analysisId: result.id, hypothesisId: h.id, decision: 'accepted', reason: null })}>
              Accept
            </button>
            <button type="button" className="btn btn-small" onClick={() => setRejecting(true)}>
              Reject…
            </button>
          </div>
        )
      ) : null}
      {decide.error ? <p role="alert" className="conn-error">{decide.error.message}</p> : null}
    </li>
  );
}

export function HypothesesPanel(props: { incidentId: string }) {
  const latest = useLatestAnalysis(props.incidentId);
  const run = useRunAnalysis(props.incidentId);
  // The moment an incident opens without a stored analysis, run one.
  useEffect(() => {
    if (latest.isSuccess && latest.data === null && run.isIdle) run.mutate();
  }, [latest.isSuccess, latest.data, run]);
  const result = latest.data ?? null;
  return (
    <section className="panel hypotheses-panel" data-testid="hypotheses-panel" aria-labelledby="hyp-title">
      <div className="panel-head">
        <h2 id="hyp-title">Hypotheses</h2>
        <button type="button" className="btn btn-small" onClick={() => run.mutate()} disabled={run.isPending}>
          {run.isPending ? 'Analysing…' : 'Re-run'}
        </button>
      </div>
      {latest.error ?? run.error ? <p role="alert" className="conn-error">{(latest.error ?? run.error)?.message}</p> : null}
      {result === null ? (
        <p className="muted pad">{run.isPending ? 'Analysing the incident window…' : 'No analysis yet.'}</p>
      ) : (
        <>
          <p className="hyp-verdict">
            {result.verdict === 'inconclusive' ? 'Inconclusive: nothing stands out in this window.' : `Triage: ${result.triage.severity}, ${result.triage.category}`}
          </p>
          <ModelReview incidentId={props.incidentId} result={result} />
          <ol className="hyp-list">
            {result.hypotheses.map((h) => (
              <HypothesisCard key={h.id} h={h} result={result} incidentId={props.incidentId} />
            ))}
          </ol>
          {result.rejected.length > 0 ? (
            <details className="hyp-rejected" open data-testid="hypotheses-rejected">
              <summary>Rejected ({result.rejected.length})</summary>
              <ul>
                {result.rejected.map((h) => (
                  <li key={h.id} data-testid={`rejected-${h.id}`}>
                    <span className="hyp-rejected-title">{h.title}</span>
                    <span className="hyp-why">why: {h.reason ?? 'no reason given'}</span>
                  </li>
                ))}
              </ul>
            </details>
          ) : null}
        </>
      )}
    </section>
  );
}
