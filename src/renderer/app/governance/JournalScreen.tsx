/**
 * The journal viewer (key `j`): the passphrase panel while locked, sign-in while nobody is signed
 * in, then the note field, verify and export, and the entries with filter and search.
 */
import type { ReactNode } from 'react';
import { describeError } from '../ErrorBanner';
import { JournalActions } from './JournalActions';
import { JournalKeyPanel } from './JournalKeyPanel';
import { JournalList } from './JournalList';
import { NoteComposer } from './NoteComposer';
import { useAuthStatus, useJournalStatus } from './queries';
import { useGovernanceUi } from './state';

function StatusLine(props: { state: string; head: number | null; queued: number; provider: string }) {
  const text =
    props.state === 'unlocked'
      ? `Unlocked · ${props.head ?? 0} entries · encrypted (AES-256-GCM) and hash-chained`
      : props.state === 'locked'
        ? 'Locked'
        : props.state === 'uninitialised'
          ? 'Not set up yet'
          : 'Unavailable';
  return (
    <p className="muted gov-statusline" data-testid="journal-state" data-state={props.state}>
      Journal: {text}
      {props.queued > 0 ? ` · ${props.queued} waiting to be written` : ''}
      {props.provider === 'safeStorage' ? ' · key kept by the OS keystore' : ''}
    </p>
  );
}

export function JournalScreen(props: { tools?: ReactNode }) {
  const close = useGovernanceUi((s) => s.setJournalOpen);
  const openSignIn = useGovernanceUi((s) => s.setSignInOpen);
  const journal = useJournalStatus();
  const auth = useAuthStatus().data;
  const j = journal.data;
  const unlocked = j?.state === 'unlocked';
  const active = auth?.state === 'active';
  const writer = active && (auth.operator?.roles.some((r) => r === 'commander' || r === 'approver') ?? false);

  return (
    <div className="gov-screen" data-testid="journal-screen">
      <header className="topbar">
        <button type="button" className="btn" onClick={() => close(false)} title="Back (Esc or j)">
          ← Back
        </button>
        <div className="topbar-title">
          <h1>Journal</h1>
        </div>
        <div className="topbar-tools">{props.tools}</div>
      </header>
      <main className="gov-main">
        {j ? <StatusLine state={j.state} head={j.head} queued={j.queued} provider={j.provider} /> : null}
        {journal.error ? <p role="alert" className="gov-error">{describeError(journal.error)}</p> : null}
        {j && (j.state === 'locked' || j.state === 'uninitialised') ? <JournalKeyPanel status={j} /> : null}
        {j?.state === 'unavailable' ? <p className="gov-note">{j.note ?? 'There is no journal in this core.'}</p> : null}
        {unlocked && !active ? (
          <div className="gov-panel gov-signin-needed">
            <h2>{auth?.state === 'locked' ? 'Your session is locked' : 'Sign in to read the journal'}</h2>
            <p className="muted">The journal is unlocked, but its entries are shown only to a signed-in operator.</p>
            <div>
              <button type="button" className="btn btn-primary" data-testid="journal-signin" onClick={() => openSignIn(true)}>
                {auth?.state === 'locked' ? 'Unlock session' : 'Sign in'}
              </button>
            </div>
          </div>
        ) : null}
        {unlocked ? <JournalActions canExport={writer} /> : null}
        {unlocked && writer ? <NoteComposer operator={auth.operator?.name ?? ''} /> : null}
        {unlocked && active ? <JournalList /> : null}
      </main>
    </div>
  );
}
