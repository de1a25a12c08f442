/**
 * Sign-in (name, password, the 6-digit code from the authenticator app), or, for a session locked
 * after inactivity, unlock (password and a new code; the name is fixed). Nothing typed here is
 * kept: the fields are cleared after each attempt that reached the core.
 */
import { useEffect, useRef, useState, type FormEvent } from 'react';
import type { AuthStatus } from '../../../shared/contract-governance';
import { describeError } from '../ErrorBanner';
import { useOidcBegin, useSignIn, useUnlockSession } from './queries';
import { Dialog } from '../Dialog';

export function SignInDialog(props: { status: AuthStatus; onClose: () => void }) {
  const locked = props.status.state === 'locked';
  const lockedName = props.status.operator?.name ?? '';
  const signIn = useSignIn();
  const unlock = useUnlockSession();
  const oidc = useOidcBegin();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [code, setCode] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const first = useRef<HTMLInputElement>(null);
  const codeRef = useRef<HTMLInputElement>(null);
  const pending = signIn.isPending || unlock.isPending;

  useEffect(() => first.current?.focus(), []);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const digits = code.replace(/\s+/g, '');
    if (!/^\d{6}$/.test(digits)) {
      setProblem('The code is the 6 digits your authenticator app shows now.');
      codeRef.current?.focus();
      return;
    }
    setProblem(null);
    const done = {
      onSuccess: () => {
        setPassword('');
        setCode('');
        props.onClose();
      },
      onError: (err: unknown) => {
        setProblem(describeError(err).replace(/^Access refused by the core: /, ''));
        setCode('');
        codeRef.current?.focus();
      },
    };
    if (locked) unlock.mutate({ password, code: digits }, done);
    else signIn.mutate({ username: username.trim(), password, code: digits }, done);
  };

  const startOidc = () => {
    oidc.mutate(undefined, {
      onSuccess: ({ authorizeUrl }) => {
        window.open(authorizeUrl, '_blank', 'noopener,noreferrer');
      },
      onError: (err) => setProblem(describeError(err)),
    });
  };

  return (
    <Dialog titleId="signin-title" title={locked ? `Locked: ${lockedName}` : 'Sign in'} testId="signin-dialog" className="signin-dialog" closeLabel="Cancel (Esc)" onClose={props.onClose}>
      <p className="muted signin-why">
        {locked
          ? 'The session locked after inactivity. Enter your password and a new code from your authenticator app.'
          : 'Decisions, notes and approvals are recorded under your name. Use your password and the code from your authenticator app.'}
      </p>
      <form className="signin-form" onSubmit={submit}>
        {locked ? null : (
          <label>
            Operator
            <input ref={first} className="input" name="username" autoComplete="username" value={username} maxLength={64} onChange={(e) => setUsername(e.target.value)} required />
          </label>
        )}
        <label>
          Password
          <input
            ref={locked ? first : undefined}
            className="input"
            type="password"
            name="password"
            autoComplete="current-password"
            value={password}
            maxLength={1024}
            onChange={(e) => setPassword(e.target.value)}
            required
          />
        </label>
        <label>
          Code
          <input
            ref={codeRef}
            className="input mono signin-code"
            name="code"
            inputMode="numeric"
            autoComplete="one-time-code"
            placeholder="123 456"
            value={code}
            maxLength={7}
            onChange={(e) => setCode(e.target.value)}
            required
          />
        </label>
        {problem ? (
          <p role="alert" className="signin-error" data-testid="signin-error">
            {problem}
          </p>
        ) : null}
        <div className="signin-actions">
          <button type="submit" className="btn btn-primary" disabled={pending}>
            {pending ? 'Checking…' : locked ? 'Unlock' : 'Sign in'}
          </button>
          {!locked && props.status.oidc ? (
            <button type="button" className="btn" onClick={startOidc} disabled={oidc.isPending}>
              Sign in with your organisation
            </button>
          ) : null}
        </div>
        {oidc.isSuccess ? <p className="muted">Finish signing in in the browser tab that opened; this window updates by itself.</p> : null}
        {!props.status.operatorsConfigured && !locked ? (
          <p className="signin-note">
            No operator exists yet. Add one in a terminal: <code>sitrep operator add NAME --role commander</code>
          </p>
        ) : null}
      </form>
    </Dialog>
  );
}
