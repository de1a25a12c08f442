/** What a dispatch did, said plainly: observed, verified, sent but unverified, escalated, failed or refused. */
import type { DispatchResult } from '../../../shared/contract-remediation';

const HEADLINE: Record<DispatchResult['status'], string> = {
  observed: 'Observed — nothing was sent',
  verified: 'Sent and verified',
  unverified: 'Sent — a person must confirm the effect',
  escalated: 'Sent — verification failed, escalated to a person',
  failed: 'Failed — the target refused the request',
  refused: 'Refused — nothing was sent',
};

export function Outcome(props: { result: DispatchResult }) {
  const r = props.result;
  return (
    <section className={`rem-outcome rem-outcome-${r.status}`} data-testid="dispatch-outcome" data-status={r.status} aria-live="polite">
      <h3>{HEADLINE[r.status]}</h3>
      <p>{r.message}</p>
      {r.reason !== null ? <p className="muted mono">reason: {r.reason}</p> : null}
      {r.breakGlass ? <p className="rem-flag">Break-glass: flagged in the journal and the postmortem</p> : null}
      {r.sent.length > 0 ? (
        <ul className="rem-sent" data-testid="dispatch-sent">
          {r.sent.map((s, i) => (
            <li key={i} className="mono">
              {s.method} {s.url} → {s.status ?? 'no answer'} {s.ok ? '✓' : '✗'}
            </li>
          ))}
        </ul>
      ) : null}
      {r.checks.length > 0 ? (
        <ul className="rem-checks">
          {r.checks.map((c, i) => (
            <li key={i} className={c.ok ? 'rem-ok' : 'rem-bad'}>
              {c.ok ? '✓' : '✗'} {c.description} <span className="muted">({c.observed})</span>
            </li>
          ))}
        </ul>
      ) : null}
    </section>
  );
}
