/** Opens the journal with its passphrase, or sets the passphrase up on first use. */
import { useState, type FormEvent } from 'react';
import type { JournalStatus } from '../../../shared/contract-governance';
import { describeError } from '../ErrorBanner';
import { useJournalUnlock } from './queries';

export function JournalKeyPanel(props: { status: JournalStatus }) {
  const first = props.status.state === 'uninitialised';
  const unlock = useJournalUnlock();
  const [pass, setPass] = useState('');
  const [repeat, setRepeat] = useState('');
  const [problem, setProblem] = useState<string | null>(null);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (first && pass.length < 8) return setProblem('Use at least 8 characters.');
    if (first && pass !== repeat) return setProblem('The two passphrases differ.');
    setProblem(null);
    unlock.mutate(pass, {
      onSuccess: () => (setPass(''), setRepeat('')),
      onError: (err) => setProblem(describeError(err).replace(/^Access refused by the core: /, '')),
    });
  };

  return (
    <form className="gov-panel gov-key" data-testid="journal-unlock" onSubmit={submit} aria-labelledby="journal-key-title">
      <h2 id="journal-key-title">{first ? 'Set up the journal' : 'The journal is locked'}</h2>
      <p className="muted">
        {first
          ? 'Choose a passphrase. Every entry is encrypted with a key derived from it (AES-256-GCM, scrypt) and chained so changes are detected. Sitrep cannot recover it.'
          : 'Enter the journal passphrase to read it and record into it.'}
        {props.status.queued > 0 ? ` ${props.status.queued} entr${props.status.queued === 1 ? 'y waits' : 'ies wait'} to be written.` : ''}
      </p>
      {props.status.note ? <p className="gov-note">{props.status.note}</p> : null}
      <div className="gov-fields">
        <label>
          Passphrase
          <input className="input" type="password" autoComplete={first ? 'new-password' : 'current-password'} autoFocus value={pass} onChange={(e) => setPass(e.target.value)} />
        </label>
        {first ? (
          <label>
            Repeat
            <input className="input" type="password" autoComplete="new-password" value={repeat} onChange={(e) => setRepeat(e.target.value)} />
          </label>
        ) : null}
        <button type="submit" className="btn btn-primary" disabled={unlock.isPending || pass === ''}>
          {unlock.isPending ? 'Working…' : first ? 'Set passphrase' : 'Unlock journal'}
        </button>
      </div>
      {problem ? (
        <p role="alert" className="gov-error">
          {problem}
        </p>
      ) : null}
    </form>
  );
}
