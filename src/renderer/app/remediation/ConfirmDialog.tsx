/**
 * The confirmation: the exact request once more, then a fresh step-up (password + a new code).
 * The core signs the approval with the key the step-up released; nothing typed here is kept.
 * Break-glass (a commander alone, with a written reason) is an explicit choice.
 */
import { useEffect, useRef, useState, type FormEvent } from 'react';
import type { ApproveResult } from '../../../shared/contract-remediation';
import { describeError } from '../ErrorBanner';
import { useApprove } from './queries';

export interface ConfirmTarget {
  planId: string;
  title: string;
  targetName: string;
  requests: readonly string[];
  approvalsNeeded: number;
  approvedBy: readonly string[];
}

export function ConfirmDialog(props: { target: ConfirmTarget; onClose: () => void; onApproved: (r: ApproveResult) => void }) {
  const t = props.target;
  const approve = useApprove();
  const [password, setPassword] = useState('');
  const [code, setCode] = useState('');
  const [breakGlass, setBreakGlass] = useState(false);
  const [reason, setReason] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const first = useRef<HTMLInputElement>(null);
  useEffect(() => first.current?.focus(), []);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const digits = code.replace(/\s+/g, '');
    if (!/^\d{6}$/.test(digits)) return setProblem('The code is the 6 digits your authenticator app shows now.');
    if (breakGlass && reason.trim().length < 10) return setProblem('Break-glass needs a written reason (at least 10 characters).');
    setProblem(null);
    approve.mutate(
      { planId: t.planId, password, code: digits, ...(breakGlass ? { breakGlassReason: reason.trim() } : {}) },
      {
        onSuccess: (r) => {
          setPassword('');
          setCode('');
          props.onApproved(r);
        },
        onError: (err) => {
          setProblem(describeError(err).replace(/^Access refused by the core: /, ''));
          setCode('');
        },
      },
    );
  };

  return (
    <div className="overlay rem-confirm-overlay" onClick={props.onClose}>
      <div
        className="dialog rem-confirm"
        role="dialog"
        aria-modal="true"
        aria-labelledby="rem-confirm-title"
        data-testid="confirm-dialog"
        onClick={(e) => e.stopPropagation()}
        onKeyDown={(e) => {
          if (e.key === 'Escape') {
            e.preventDefault();
            e.stopPropagation();
            props.onClose();
          }
        }}
      >
        <header className="dialog-head">
          <h2 id="rem-confirm-title">Approve: {t.title}</h2>
          <button type="button" className="btn" onClick={props.onClose}>
            Cancel (Esc)
          </button>
        </header>
        <p>
          You approve exactly this, sent to <strong>{t.targetName}</strong>:
        </p>
        <pre className="rem-pre rem-pre-short">{t.requests.join('\n')}</pre>
        <p className="muted">
          {t.approvalsNeeded === 2
            ? t.approvedBy.length > 0
              ? `Second approval: already approved by ${t.approvedBy.join(', ')}. You must be a different operator.`
              : 'This action needs two different operators. You give the first approval.'
            : 'One approval is enough for this action.'}{' '}
          Your approval is signed in the core with your key and expires within 15 minutes.
        </p>
        <form className="signin-form" onSubmit={submit}>
          <label>
            Password
            <input ref={first} className="input" type="password" autoComplete="current-password" value={password} maxLength={1024} onChange={(e) => setPassword(e.target.value)} required />
          </label>
          <label>
            Code
            <input className="input mono signin-code" inputMode="numeric" autoComplete="one-time-code" placeholder="123 456" value={code} maxLength={7} onChange={(e) => setCode(e.target.value)} required />
          </label>
          <label className="rem-check">
            <input type="checkbox" checked={breakGlass} onChange={(e) => setBreakGlass(e.target.checked)} /> Break glass (commander alone; flagged in the journal)
          </label>
          {breakGlass ? (
            <label>
              Reason (required, kept in the journal)
              <textarea className="input" rows={2} value={reason} maxLength={4000} onChange={(e) => setReason(e.target.value)} />
            </label>
          ) : null}
          {problem ? (
            <p role="alert" className="signin-error" data-testid="confirm-error">
              {problem}
            </p>
          ) : null}
          <div className="signin-actions">
            <button type="submit" className="btn btn-primary" disabled={approve.isPending}>
              {approve.isPending ? 'Signing…' : breakGlass ? 'Break glass and approve' : 'Confirm and sign'}
            </button>
          </div>
        </form>
      </div>
    </div>
  );
}
