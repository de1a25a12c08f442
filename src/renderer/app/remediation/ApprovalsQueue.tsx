/** Plans with approvals: waiting for a second, different operator, or ready to dispatch. */
import type { PendingItem } from '../../../shared/contract-remediation';
import { clock } from './format';

export function ApprovalsQueue(props: { items: readonly PendingItem[]; onApprove: (i: PendingItem) => void; onDispatch: (i: PendingItem) => void; dispatching: string | null }) {
  return (
    <section className="rem-queue" aria-labelledby="rem-queue-title">
      <h3 id="rem-queue-title">Approvals queue</h3>
      {props.items.length === 0 ? <p className="muted">Nothing waiting.</p> : null}
      <ul className="rem-queue-list" data-testid="approvals-queue">
        {props.items.map((i) => (
          <li key={i.planId} className="rem-queue-item" data-testid="queue-item" data-plan-id={i.planId} data-ready={i.ready}>
            <strong>{i.title}</strong> <span className="muted">→ {i.targetName}</span>
            {i.requests.map((r) => (
              <div key={r} className="mono rem-small">
                {r}
              </div>
            ))}
            <div className="rem-small">
              {i.approvals.length} of {i.approvalsNeeded} approval{i.approvalsNeeded > 1 ? 's' : ''}: {i.approvals.map((a) => `${a.operator}${a.kind === 'break_glass' ? ' (break-glass)' : ''}`).join(', ')}
            </div>
            <div className="rem-small muted">Expires {clock(i.expiresAt)}</div>
            {i.ready ? (
              <button type="button" className="btn btn-primary" onClick={() => props.onDispatch(i)} disabled={props.dispatching === i.planId} data-testid="queue-dispatch">
                {props.dispatching === i.planId ? 'Dispatching…' : 'Dispatch'}
              </button>
            ) : (
              <>
                <div className="rem-small rem-wait">Waiting for a second, different operator</div>
                <button type="button" className="btn" onClick={() => props.onApprove(i)} data-testid="queue-approve">
                  Approve as second operator…
                </button>
              </>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}
