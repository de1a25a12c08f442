/** Observation mode's scorecard: how often what Sitrep would have done matched what responders did. */
import { describeError } from '../ErrorBanner';
import { useObservations } from './queries';

const pct = (x: number | null): string => (x === null ? '—' : `${Math.round(x * 100)} %`);

export function Observations(props: { enabled: boolean }) {
  const q = useObservations(props.enabled);
  if (!props.enabled) return null;
  return (
    <section className="rem-observations" data-testid="observations" aria-label="Observation accuracy">
      <h3>Observation accuracy</h3>
      {q.isError ? (
        <p className="muted">{describeError(q.error)}</p>
      ) : q.data ? (
        <dl className="rem-facts">
          <dt>Sitrep would have done</dt>
          <dd data-testid="obs-would">{q.data.wouldHaveDone}</dd>
          <dt>Done by hand</dt>
          <dd data-testid="obs-human">{q.data.doneByHand}</dd>
          <dt>Both (same action, same targets)</dt>
          <dd data-testid="obs-matched">{q.data.matched}</dd>
          <dt>Precision · recall</dt>
          <dd>
            {pct(q.data.precision)} · {pct(q.data.recall)}
          </dd>
        </dl>
      ) : (
        <p className="muted">Loading…</p>
      )}
    </section>
  );
}
