/**
 * "Export bundle…": the incident as one encrypted file, signed by the signed-in operator. The
 * passphrase (asked twice) or a recipient's `.pub` key file seals it; the journal's entries about
 * the incident go in when the journal is unlocked; a fresh password + code releases the signing
 * key for this one signature. The file is then downloaded; nothing typed here is kept.
 */
import { useEffect, useRef, useState, type FormEvent } from 'react';
import type { BundleExportResult, BundleSealing } from '../../../shared/contract-bundle';
import { describeError } from '../ErrorBanner';
import { useAuthStatus, useJournalStatus } from '../governance/queries';
import { useGovernanceUi } from '../governance/state';
import { countOf, formatBytes, fromBase64, saveFile } from './bytes';
import { useExportBundle } from './queries';
import { Dialog } from '../Dialog';

const MIN_PASSPHRASE = 12;

function Done(props: { result: BundleExportResult; onSave: () => void; onClose: () => void }) {
  const r = props.result;
  const done = useRef<HTMLButtonElement>(null);
  useEffect(() => done.current?.focus(), []);
  return (
    <div className="bundle-done" data-testid="bundle-export-done">
      <p className="tone-text-ok">
        <strong>Exported and downloaded:</strong> <span className="mono">{r.fileName}</span> · {formatBytes(r.size)}
      </p>
      <dl className="bundle-facts">
        <dt>Signed by</dt>
        <dd>
          {r.exporter.name} <span className="mono">{r.exporter.fingerprint}</span>
        </dd>
        <dt>Encrypted with</dt>
        <dd>{r.encryption === 'passphrase' ? 'a passphrase: send it by another channel than the file' : "the recipient's key"}</dd>
        <dt>Holds</dt>
        <dd>
          {countOf(r.counts.events, 'event', 'events')} · {countOf(r.counts.series, 'series', 'series')} · {countOf(r.counts.analyses, 'analysis', 'analyses')} · {countOf(r.counts.journalEntries, 'journal entry', 'journal entries')}
          {r.journalNote ? <span className="tone-text-warn"> (no journal: {r.journalNote})</span> : null}
        </dd>
        <dt>SHA-256</dt>
        <dd className="mono wrap-anywhere">{r.sha256}</dd>
      </dl>
      <div className="bundle-actions">
        <button type="button" className="btn" onClick={props.onSave}>
          Download again
        </button>
        <button ref={done} type="button" className="btn btn-primary" onClick={props.onClose}>
          Done
        </button>
      </div>
    </div>
  );
}

export function ExportBundleDialog(props: { incidentId: string; onClose: () => void }) {
  const auth = useAuthStatus().data;
  const journal = useJournalStatus().data;
  const setSignInOpen = useGovernanceUi((s) => s.setSignInOpen);
  const exporting = useExportBundle();
  const [mode, setMode] = useState<'passphrase' | 'recipient'>('passphrase');
  const [passphrase, setPassphrase] = useState('');
  const [repeat, setRepeat] = useState('');
  const [recipient, setRecipient] = useState<{ name: string; text: string } | null>(null);
  const [withJournal, setWithJournal] = useState(true);
  const [password, setPassword] = useState('');
  const [code, setCode] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const [result, setResult] = useState<{ r: BundleExportResult; bytes: Uint8Array<ArrayBuffer> } | null>(null);
  const first = useRef<HTMLInputElement>(null);
  const journalOpen = journal?.state === 'unlocked';
  const signedIn = auth?.state === 'active';

  useEffect(() => first.current?.focus(), [signedIn]);

  function submit(e: FormEvent) {
    e.preventDefault();
    const digits = code.replace(/\s+/g, '');
    let sealing: BundleSealing;
    if (mode === 'passphrase') {
      if ([...passphrase].length < MIN_PASSPHRASE) return setProblem(`The passphrase needs at least ${MIN_PASSPHRASE} characters: the file leaves this machine.`);
      if (passphrase !== repeat) return setProblem('The two passphrases differ.');
      sealing = { kind: 'passphrase', passphrase };
    } else {
      if (!recipient) return setProblem("Choose the recipient's .pub file (made by `sitrep bundle keygen`).");
      sealing = { kind: 'recipient', publicKeyFile: recipient.text };
    }
    if (!/^\d{6}$/.test(digits)) return setProblem('The code is the 6 digits your authenticator app shows now.');
    setProblem(null);
    exporting.mutate(
      { incidentId: props.incidentId, sealing, includeJournal: withJournal && journalOpen, password, code: digits },
      {
        onSuccess: (r) => {
          const bytes = fromBase64(r.bytes);
          saveFile(bytes, r.fileName);
          setResult({ r, bytes });
          setPassphrase('');
          setRepeat('');
          setPassword('');
          setCode('');
        },
        onError: (err) => {
          setProblem(describeError(err).replace(/^(Access refused by the core|The core refused the request): /, ''));
          setCode('');
        },
      },
    );
  }

  return (
    <Dialog titleId="bundle-export-title" title="Export a review bundle" testId="bundle-export-dialog" className="bundle-dialog" onClose={props.onClose}>
      <p className="muted bundle-why">
        One file holding <span className="mono">{props.incidentId}</span>: its events and metrics, hypotheses and decisions, and the journal entries about it. Encrypted, and signed with
        your key so the reviewer sees it came from you, unchanged.
      </p>
      {result ? (
        <Done result={result.r} onSave={() => saveFile(result.bytes, result.r.fileName)} onClose={props.onClose} />
      ) : !signedIn ? (
        <div className="bundle-signin">
          <p>A bundle is signed by an operator: sign in first.</p>
          <button type="button" className="btn btn-primary" onClick={() => setSignInOpen(true)}>
            Sign in…
          </button>
        </div>
      ) : (
        <form className="bundle-form" onSubmit={submit}>
          <fieldset className="bundle-mode">
            <legend>Encrypt with</legend>
            <label className="check">
              <input type="radio" name="bundle-mode" checked={mode === 'passphrase'} onChange={() => setMode('passphrase')} /> a passphrase
            </label>
            <label className="check">
              <input type="radio" name="bundle-mode" checked={mode === 'recipient'} onChange={() => setMode('recipient')} /> a recipient's key (.pub)
            </label>
          </fieldset>
          {mode === 'passphrase' ? (
            <div className="bundle-row">
              <label>
                Passphrase (at least {MIN_PASSPHRASE} characters)
                <input ref={first} className="input" type="password" autoComplete="new-password" value={passphrase} maxLength={1024} onChange={(e) => {
                    setPassphrase(e.target.value);
                    setProblem(null);
                  }}
                  data-testid="bundle-new-passphrase" />
              </label>
              <label>
                Repeat
                <input className="input" type="password" autoComplete="new-password" value={repeat} maxLength={1024} onChange={(e) => setRepeat(e.target.value)} data-testid="bundle-repeat-passphrase" />
              </label>
            </div>
          ) : (
            <label>
              Recipient key file (.pub)
              <input
                className="input"
                type="file"
                accept=".pub,application/json"
                onChange={async (e) => {
                  const f = e.target.files?.[0];
                  if (!f) return setRecipient(null);
                  if (f.size > 4096) return setProblem('That is not a recipient key file (over 4 KiB).');
                  setRecipient({ name: f.name, text: await f.text() });
                }}
              />
            </label>
          )}
          <label className="check">
            <input type="checkbox" checked={withJournal && journalOpen} disabled={!journalOpen} onChange={(e) => setWithJournal(e.target.checked)} data-testid="bundle-with-journal" /> Include the journal's
            entries about this incident, with a signed checkpoint
          </label>
          {!journalOpen ? <p className="tone-text-warn bundle-note">The journal is {journal?.state ?? 'unavailable'}: unlock it (key j) to include its entries.</p> : null}
          <p className="bundle-step">Confirm as {auth.operator?.name ?? '?'}: your password and a new code release your signing key for this one signature.</p>
          <div className="bundle-row">
            <label>
              Password
              <input className="input" type="password" autoComplete="current-password" value={password} maxLength={1024} onChange={(e) => setPassword(e.target.value)} required data-testid="bundle-password" />
            </label>
            <label>
              Code
              <input className="input mono bundle-code" inputMode="numeric" autoComplete="one-time-code" placeholder="123 456" value={code} maxLength={7} onChange={(e) => setCode(e.target.value)} required data-testid="bundle-code" />
            </label>
          </div>
          <div className="bundle-actions">
            <button type="submit" className="btn btn-primary" disabled={exporting.isPending} data-testid="bundle-export-submit">
              {exporting.isPending ? 'Exporting…' : 'Export and download'}
            </button>
          </div>
        </form>
      )}
      {problem ? (
        <p className="bundle-problem tone-text-error" role="alert" data-testid="bundle-export-error">
          {problem}
        </p>
      ) : null}
    </Dialog>
  );
}
