/**
 * The top bar's "who is signed in": a Sign in button, the operator and role with Lock / Sign out
 * in a small menu, or a locked state that asks for the password again. Plus the Journal button.
 */
import { useEffect, useRef, useState } from 'react';
import { useConnectionsUi } from '../connections/state';
import { useAuthStatus, useLockSession, useSignOut } from './queries';
import { useGovernanceUi } from './state';

export function AuthIndicator() {
  const status = useAuthStatus().data;
  const setSignInOpen = useGovernanceUi((s) => s.setSignInOpen);
  const lock = useLockSession();
  const signOut = useSignOut();
  const [menu, setMenu] = useState(false);
  const wrap = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (!menu) return undefined;
    const close = (e: Event) => {
      if (e instanceof KeyboardEvent ? e.key === 'Escape' : !wrap.current?.contains(e.target as Node)) setMenu(false);
    };
    window.addEventListener('pointerdown', close);
    window.addEventListener('keydown', close);
    return () => {
      window.removeEventListener('pointerdown', close);
      window.removeEventListener('keydown', close);
    };
  }, [menu]);

  if (!status) return null;
  if (status.state === 'signed_out') {
    return (
      <button type="button" className="btn auth-chip auth-out" data-testid="auth-indicator" data-state="signed_out" onClick={() => setSignInOpen(true)} title="Sign in with password and code">
        Sign in
      </button>
    );
  }
  const name = status.operator?.name ?? '?';
  if (status.state === 'locked') {
    return (
      <button type="button" className="btn auth-chip auth-locked" data-testid="auth-indicator" data-state="locked" onClick={() => setSignInOpen(true)} title="The session locked after inactivity: enter your password and a code">
        {name} · locked — Unlock
      </button>
    );
  }
  const role = status.operator?.roles.join(', ') ?? '';
  return (
    <div className="auth-wrap" ref={wrap}>
      <button
        type="button"
        className="btn auth-chip auth-active"
        data-testid="auth-indicator"
        data-state="active"
        aria-haspopup="menu"
        aria-expanded={menu}
        onClick={() => setMenu(!menu)}
        title={`Signed in${status.method === 'oidc' ? ' with your organisation' : ''}; locks after ${Math.round(status.idleLockMs / 60_000) || '<1'} min idle`}
      >
        <span className="auth-dot" aria-hidden="true" /> {name} <span className="auth-role">{role}</span>
      </button>
      {menu ? (
        <div className="auth-menu" role="menu">
          <button
            type="button"
            role="menuitem"
            className="btn"
            autoFocus
            onClick={() => {
              setMenu(false);
              lock.mutate();
            }}
          >
            Lock now
          </button>
          <button
            type="button"
            role="menuitem"
            className="btn"
            onClick={() => {
              setMenu(false);
              signOut.mutate();
            }}
          >
            Sign out
          </button>
        </div>
      ) : null}
    </div>
  );
}

/** The top-bar button that opens the journal (key `j`). */
export function JournalButton() {
  const open = useGovernanceUi((s) => s.journalOpen);
  const toggle = useGovernanceUi((s) => s.toggleJournal);
  if (open) return null;
  return (
    <button
      type="button"
      className="btn"
      data-testid="open-journal"
      onClick={() => {
        useConnectionsUi.getState().setOpen(false);
        toggle();
      }}
      title="Journal (j)"
    >
      Journal
    </button>
  );
}
