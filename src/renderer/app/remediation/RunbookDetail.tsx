/** One runbook: why it matches, its steps (read-only diagnostics run as soon as it opens; actions are prepared and approved). */
import { useEffect } from 'react';
import type { RunbookStepView, RunbookView } from '../../../shared/contract-remediation';
import { describeError } from '../ErrorBanner';
import { useDiagnose } from './queries';

export function RunbookDetail(props: { incidentId: string; runbook: RunbookView; onPrepare: (step: RunbookStepView) => void; preparing: string | null }) {
  const rb = props.runbook;
  const diagnose = useDiagnose();
  const evidence = new Map((diagnose.data?.runbookId === rb.id ? diagnose.data.evidence : []).map((e) => [e.stepId, e]));
  const hasDiagnostics = rb.steps.some((s) => s.kind === 'query');
  const { mutate } = diagnose;
  // Read-only steps run on their own the moment a runbook is opened; actions always wait for a human.
  useEffect(() => {
    if (hasDiagnostics) mutate({ incidentId: props.incidentId, runbookId: rb.id });
  }, [hasDiagnostics, mutate, props.incidentId, rb.id]);
  return (
    <section className="rem-runbook" data-testid="runbook-detail" data-runbook={rb.id}>
      <h3>{rb.title}</h3>
      <p className="muted">
        {rb.category} · {rb.severity} · {rb.reasons[0] ?? ''}
      </p>
      <p className="rem-desc">{rb.description}</p>
      <div className="rem-row">
        <button type="button" className="btn" onClick={() => diagnose.mutate({ incidentId: props.incidentId, runbookId: rb.id })} disabled={diagnose.isPending} data-testid="run-diagnostics">
          {diagnose.isPending ? 'Running diagnostics…' : 'Re-run diagnostics (read-only)'}
        </button>
        {diagnose.data ? <span className="muted" data-testid="diagnostics-status">{diagnose.data.journaled ? 'Evidence recorded in the journal' : 'Journal locked: evidence shown, not recorded'}</span> : null}
        {diagnose.isError ? <span className="rem-bad" data-testid="diagnostics-status">{describeError(diagnose.error)}</span> : null}
      </div>
      <ol className="rem-steps">
        {rb.steps.map((s) => {
          const e = evidence.get(s.id);
          return (
            <li key={s.id} className={`rem-step rem-step-${s.kind}`} data-testid={`step-${s.id}`}>
              <div className="rem-step-head">
                <span className={`rem-tag rem-tag-${s.action}`}>{s.action.replace('_', ' ')}</span>
                <strong>{s.name}</strong>
                <span className="muted mono">{s.uses}</span>
                {s.requiresApproval ? <span className="rem-tag rem-tag-approval">needs approval</span> : s.kind === 'query' ? <span className="rem-tag">read-only</span> : null}
              </div>
              <div className="muted rem-expected">Expected: {s.expected}</div>
              {e ? (
                <div className={`rem-evidence rem-evidence-${e.status}`} data-testid={`evidence-${s.id}`}>
                  {e.status === 'ok' ? `Value ${e.value ?? '—'}${e.passed === null ? '' : e.passed ? ' · as expected' : ' · NOT as expected'} · digest ${(e.resultDigest ?? '').slice(0, 12)}` : `${e.status}: ${e.error ?? ''}`}
                </div>
              ) : null}
              {s.kind === 'action' ? (
                <button type="button" className="btn btn-small" onClick={() => props.onPrepare(s)} aria-pressed={props.preparing === s.id} data-testid={`prepare-${s.id}`}>
                  Prepare and preview…
                </button>
              ) : null}
            </li>
          );
        })}
      </ol>
    </section>
  );
}
