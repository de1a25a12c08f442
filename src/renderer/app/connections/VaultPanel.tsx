/** Unlock (or, on first use, set up) the credential vault. Shown while it is not unlocked. */
import { useState, type FormEvent } from 'react';
import type { VaultStatus } from '../../../shared/contract-connections';
import { useVaultAction } from './queries';

export function VaultPanel(props: { status: VaultStatus }) {
  const first = props.status.state === 'uninitialised';
  const action = useVaultAction(first ? 'init' : 'unlock');
  const [pass, setPass] = useState('');
  const [repeat, setRepeat] = useState('');
  const [problem, setProblem] = useState<string | null>(null);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (first && pass.length < 8) return setProblem('Use at least 8 characters.');
    if (first && pass !== repeat) return setProblem('The two passphrases differ.');
    setProblem(null);
    action.mutate(pass, { onSuccess: () => (setPass(''), setRepeat('')) });
  };

  const error = problem ?? (action.error ? action.error.message : null);
  return (
    <form className="conn-panel vault-panel" data-testid="vault-unlock" onSubmit={submit} aria-labelledby="vault-title">
      <h2 id="vault-title">{first ? 'Protect your credentials' : 'Credentials are locked'}</h2>
      <p className="muted">
        {first
          ? 'Choose a passphrase. Tokens, passwords and keys are encrypted with it (AES-256-GCM, scrypt); Sitrep cannot recover it.'
          : 'Enter the vault passphrase to add or test connections. The list stays visible while locked.'}
      </p>
      {props.status.note ? <p className="conn-note">{props.status.note}</p> : null}
      <div className="conn-fields">
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
        <button type="submit" className="btn btn-primary" disabled={action.isPending || pass === ''}>
          {action.isPending ? 'Working…' : first ? 'Set passphrase' : 'Unlock'}
        </button>
      </div>
      {error ? (
        <p role="alert" className="conn-error">
          {error}
        </p>
      ) : null}
    </form>
  );
}
