/** The hypotheses as a viewer sees them: the ranked list and its evidence, nothing to decide or run. */
import type { AnalysisResult, Hypothesis } from '../../../shared/hypotheses';
import { useLatestAnalysis } from '../hypotheses/queries';

const pct = (x: number): string => `${Math.round(x * 100)}%`;

function Card(props: { h: Hypothesis; result: AnalysisResult }) {
  const byId = new Map(props.result.evidence.map((e) => [e.id, e]));
  const { h } = props;
  return (
    <li className={`hyp hyp-${h.status}`} data-testid={`viewer-hypothesis-${h.rank}`}>
      <div className="hyp-head">
        <span className="hyp-rank">{h.rank}</span>
        <strong className="hyp-title">{h.title}</strong>
        <span className="hyp-conf" title="confidence">
          {pct(h.confidence)}
        </span>
      </div>
      <div className="hyp-meta muted">
        {h.category} · {h.entities.join(', ')}
        {h.status !== 'proposed' ? ` · ${h.status}` : ''}
      </div>
      <ul className="ev-list">
        {h.supporting.slice(0, 3).map((id) => {
          const ev = byId.get(id);
          return (
            <li key={id} className="ev">
              <span className="ev-kind">{ev ? ev.kind.replace('_', ' ') : 'evidence'}</span> {ev?.summary ?? id}
            </li>
          );
        })}
      </ul>
    </li>
  );
}

export function ReadOnlyHypotheses(props: { incidentId: string }) {
  const latest = useLatestAnalysis(props.incidentId);
  const result = latest.data ?? null;
  return (
    <section className="panel hypotheses-panel" data-testid="viewer-hypotheses" aria-labelledby="viewer-hyp-title">
      <div className="panel-head">
        <h2 id="viewer-hyp-title">Hypotheses</h2>
      </div>
      {latest.error ? <p className="muted pad">Hypotheses are not available.</p> : null}
      {result === null ? (
        <p className="muted pad">{latest.isLoading ? 'Loading…' : 'No analysis yet.'}</p>
      ) : (
        <>
          <p className="hyp-verdict">
            {result.verdict === 'inconclusive' ? 'Inconclusive: nothing stands out in this window.' : `Triage: ${result.triage.severity}, ${result.triage.category}`}
          </p>
          <ol className="hyp-list">
            {result.hypotheses.map((h) => (
              <Card key={h.id} h={h} result={result} />
            ))}
          </ol>
        </>
      )}
    </section>
  );
}
