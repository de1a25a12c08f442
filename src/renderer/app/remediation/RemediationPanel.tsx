/**
 * The runbook panel (key `r`, or a hypothesis' runbook link): the policy's mode, the runbooks the
 * hypotheses point to, a runbook's steps, the preview of an action, the confirmation with
 * step-up, the approvals queue and the outcome of a dispatch.
 */
import { useEffect, useRef, useState } from 'react';
import type { DispatchResult, PendingItem, PlanPreview, RunbookStepView } from '../../../shared/contract-remediation';
import { describeError } from '../ErrorBanner';
import { useGovernanceUi } from '../governance/state';
import { useAuthStatus } from '../governance/queries';
import { ActionPreview } from './ActionPreview';
import { ApprovalsQueue } from './ApprovalsQueue';
import { ConfirmDialog, type ConfirmTarget } from './ConfirmDialog';
import { ModeBanner } from './ModeBanner';
import { Observations } from './Observations';
import { Outcome } from './Outcome';
import { useDispatch, usePending, useRunbooks } from './queries';
import { RunbookDetail } from './RunbookDetail';
import { useRemediationUi } from './state';
import './remediation.css';

export function RemediationPanel(props: { incidentId: string }) {
  const open = useRemediationUi((s) => s.open);
  return open ? <Panel incidentId={props.incidentId} /> : null;
}

const fromPlan = (p: PlanPreview): ConfirmTarget => ({ planId: p.planId, title: p.title, targetName: p.targetName, requests: p.requests.map((r) => `${r.method} ${r.url}`), approvalsNeeded: p.approvalsNeeded, approvedBy: [] });
const fromItem = (i: PendingItem): ConfirmTarget => ({ planId: i.planId, title: i.title, targetName: i.targetName, requests: i.requests, approvalsNeeded: i.approvalsNeeded, approvedBy: i.approvals.map((a) => a.operator) });

function Panel(props: { incidentId: string }) {
  const close = useRemediationUi((s) => s.close);
  const select = useRemediationUi((s) => s.select);
  const selectedId = useRemediationUi((s) => s.runbookId);
  const runbooks = useRunbooks(props.incidentId, true);
  const pending = usePending(true);
  const auth = useAuthStatus().data;
  const openSignIn = useGovernanceUi((s) => s.setSignInOpen);
  const dispatch = useDispatch();
  const [step, setStep] = useState<RunbookStepView | null>(null);
  const [confirm, setConfirm] = useState<ConfirmTarget | null>(null);
  const [note, setNote] = useState<string | null>(null);
  const [outcome, setOutcome] = useState<DispatchResult | null>(null);
  const [approved, setApproved] = useState<ReadonlySet<string>>(new Set());
  const [dispatched, setDispatched] = useState<ReadonlySet<string>>(new Set());
  const stateOf = (planId: string) => (dispatched.has(planId) ? 'dispatched' : approved.has(planId) ? 'approved' : 'new') as 'new' | 'approved' | 'dispatched';
  const closeRef = useRef<HTMLButtonElement>(null);
  useEffect(() => closeRef.current?.focus(), []);

  const list = runbooks.data?.runbooks ?? [];
  const current = list.find((r) => r.id === selectedId) ?? list[0] ?? null;
  const signedIn = auth?.state === 'active';

  const doDispatch = (planId: string) => {
    setOutcome(null);
    setNote(null);
    dispatch.mutate(planId, {
      onSuccess: (r) => {
        setOutcome(r);
        if (r.status !== 'refused') setDispatched((s) => new Set(s).add(planId));
      },
      onError: (err) => setNote(describeError(err)),
    });
  };

  return (
    <div className="overlay rem-overlay">
      <div
        className="dialog rem-dialog"
        role="dialog"
        aria-modal="true"
        aria-labelledby="rem-title"
        data-testid="runbook-panel"
        onKeyDown={(e) => {
          if (e.key === 'Escape' && confirm === null) {
            e.preventDefault();
            e.stopPropagation();
            close();
          }
        }}
      >
        <header className="dialog-head">
          <h2 id="rem-title">Runbooks and remediation</h2>
          <span className="muted">
            {signedIn ? `Signed in: ${auth.operator?.name ?? ''} (${auth.operator?.roles.join(', ') ?? ''})` : 'Not signed in: you can read, but not approve or dispatch'}
          </span>
          {signedIn ? null : (
            <button type="button" className="btn" onClick={() => openSignIn(true)}>
              Sign in
            </button>
          )}
          <button ref={closeRef} type="button" className="btn" onClick={close}>
            Close (Esc)
          </button>
        </header>
        <ModeBanner policy={runbooks.data?.policy ?? pending.data?.policy} />
        {runbooks.isError ? <p className="banner banner-error">{describeError(runbooks.error)}</p> : null}
        <div className="rem-body">
          <nav className="rem-list" aria-label="Runbooks">
            <h3>Matching runbooks</h3>
            {runbooks.isPending ? <p className="muted">Loading…</p> : null}
            {runbooks.data && list.length === 0 ? (
              <p className="muted">{runbooks.data.analysisId === null ? 'No analysis yet: run the analysis (hypotheses panel) first.' : 'No runbook matches the current hypotheses.'}</p>
            ) : null}
            <ul>
              {list.map((r) => (
                <li key={r.id}>
                  <button
                    type="button"
                    className={`rem-list-btn${current?.id === r.id ? ' rem-list-current' : ''}`}
                    aria-current={current?.id === r.id}
                    onClick={() => {
                      select(r.id);
                      setStep(null);
                    }}
                    data-testid={`runbook-${r.id}`}
                  >
                    <strong>{r.title}</strong>
                    <span className="muted rem-small">{r.reasons[0] ?? ''}</span>
                  </button>
                </li>
              ))}
            </ul>
          </nav>
          <main className="rem-main">
            {current ? <RunbookDetail incidentId={props.incidentId} runbook={current} onPrepare={setStep} preparing={step?.id ?? null} /> : null}
            {step ? <ActionPreview key={`${current?.id ?? ''}:${step.id}`} step={step} onApprove={(p) => setConfirm(fromPlan(p))} stateOf={stateOf} /> : null}
          </main>
          <aside className="rem-side">
            {note ? (
              <p className="banner banner-info" data-testid="approval-note">
                {note}
              </p>
            ) : null}
            {outcome ? <Outcome result={outcome} /> : null}
            <Observations enabled={signedIn && (runbooks.data?.policy ?? pending.data?.policy)?.mode === 'observe'} />
            <ApprovalsQueue items={pending.data?.items ?? []} onApprove={(i) => setConfirm(fromItem(i))} onDispatch={(i) => doDispatch(i.planId)} dispatching={dispatch.isPending ? (dispatch.variables ?? null) : null} />
          </aside>
        </div>
      </div>
      {confirm ? (
        <ConfirmDialog
          target={confirm}
          onClose={() => setConfirm(null)}
          onApproved={(r) => {
            setConfirm(null);
            setOutcome(null);
            setApproved((s) => new Set(s).add(r.item.planId));
            setNote(r.secondApproverRequired ? `Approved by ${r.item.approvals.map((a) => a.operator).join(', ')}. A second, different operator must approve before it can be dispatched.` : 'Approved: ready to dispatch from the queue.');
          }}
        />
      ) : null}
    </div>
  );
}
