/** A rendered plan: what changes, the exact request(s), the policy's requirements, the checks before and after. */
import { useEffect, useRef } from 'react';
import type { PlanPreview } from '../../../shared/contract-remediation';
import { describeError } from '../ErrorBanner';
import { clock, requestText, valueText } from './format';
import { useRecordHuman } from './queries';

export function PlanView(props: { plan: PlanPreview; onApprove: () => void; state: 'new' | 'approved' | 'dispatched' }) {
  const p = props.plan;
  const human = useRecordHuman();
  const ref = useRef<HTMLElement>(null);
  useEffect(() => ref.current?.scrollIntoView({ block: 'start', behavior: 'smooth' }), [p.planId]);
  const req = p.requirements;
  const refused = req.refusals.length > 0 || p.policy.problem !== null;
  return (
    <section ref={ref} className="rem-plan" data-testid="plan-preview" data-plan-id={p.planId}>
      <h3>
        {p.title} <span className="muted mono">{p.actionId}</span> → <span className="mono">{p.targetName}</span>
      </h3>
      {p.changes.length > 0 ? (
        <table className="rem-diff" data-testid="plan-diff">
          <tbody>
            {p.changes.map((c) => (
              <tr key={c.field}>
                <th scope="row">{c.field}</th>
                <td className="rem-from mono">{valueText(c.from)}</td>
                <td aria-hidden="true">→</td>
                <td className="rem-to mono">{valueText(c.to)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      <h4>Exact request{p.requests.length > 1 ? `s (${p.requests.length}, in order)` : ''}</h4>
      {p.requests.map((r, i) => (
        <pre key={i} className="rem-pre" data-testid="plan-request" data-method={r.method} data-url={r.url} data-body={r.body ?? ''}>
          {requestText(r)}
        </pre>
      ))}
      <p className="muted">Secrets are shown as ⟦secret:NAME⟧: the core fills them in from the credential vault only when sending.</p>
      <dl className="rem-facts">
        <dt>Policy</dt>
        <dd>
          {req.service ?? 'unlisted service'} · {req.tier} · {req.risk} risk · blast radius:{' '}
          {Object.entries(req.measures)
            .map(([k, v]) => `${k === 'targets' ? 'objects changed' : k} ${v}`)
            .join(', ')}
        </dd>
        <dt>Approvals</dt>
        <dd data-testid="plan-approvals-needed">
          {p.approvalsNeeded === 2 ? `Two different operators (${req.twoPersonReasons.join('; ')})` : 'One operator'}
        </dd>
        <dt>Dry run</dt>
        <dd>{p.dryRun ? (p.dryRunFirst ? 'Available: sent first, the real request only if it passes' : 'Available (the policy does not send it first)') : 'Not available for this target'}</dd>
        <dt>Before sending</dt>
        <dd>{p.preconditions.length > 0 ? p.preconditions.map((c) => c.description).join('; ') : 'No precondition to re-check'}</dd>
        <dt>Afterwards</dt>
        <dd>{p.verification.length > 0 ? p.verification.map((c) => c.description).join('; ') : 'No automatic verification: a person must confirm the effect'}</dd>
        <dt>Valid until</dt>
        <dd>{clock(p.expiresAt)} (approvals cannot outlive the plan)</dd>
      </dl>
      {req.refusals.length > 0 ? (
        <p className="banner banner-error" role="alert">
          The policy refuses this action as rendered: {req.refusals.join('; ')}
        </p>
      ) : null}
      {props.state === 'new' ? (
        <div className="rem-row">
          <button type="button" className="btn btn-primary" onClick={props.onApprove} disabled={refused} data-testid="plan-approve">
            Approve… (password + code)
          </button>
          <button type="button" className="btn" onClick={() => human.mutate({ planId: p.planId })} disabled={human.isPending || human.isSuccess} data-testid="plan-done-by-hand" title="Record that a responder did exactly this outside Sitrep (observation mode's accuracy)">
            {human.isSuccess ? 'Recorded as done by hand' : 'We did this by hand'}
          </button>
          {human.isError ? <span className="rem-bad">{describeError(human.error)}</span> : null}
        </div>
      ) : (
        <p className="rem-done">{props.state === 'dispatched' ? 'Dispatched: see the outcome on the right. Preview again to prepare another.' : 'Approved by you: see the approvals queue on the right.'}</p>
      )}
    </section>
  );
}
