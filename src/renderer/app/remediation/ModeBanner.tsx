/** The policy's mode, always visible at the top of the panel. */
import type { PolicyInfo } from '../../../shared/contract-remediation';

export function ModeBanner(props: { policy: PolicyInfo | undefined }) {
  const p = props.policy;
  if (!p) return null;
  if (p.problem !== null) {
    return (
      <p className="banner banner-error" role="alert" data-testid="policy-mode" data-mode="invalid">
        <strong>Nothing can be dispatched.</strong> {p.problem}
      </p>
    );
  }
  return p.mode === 'observe' ? (
    <p className="banner banner-warn" data-testid="policy-mode" data-mode="observe">
      <strong>Observation mode.</strong> Sitrep only records what it would do: nothing is sent to production. ({p.source === 'shipped' ? 'shipped default policy' : 'policy.yaml'})
    </p>
  ) : (
    <p className="banner banner-error" data-testid="policy-mode" data-mode="enforce">
      <strong>Enforce mode.</strong> Approved actions are sent to production, after the core checks every approval again. (
      {p.source === 'shipped' ? 'shipped default policy' : 'policy.yaml'})
    </p>
  );
}
