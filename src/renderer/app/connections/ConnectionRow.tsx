/** One connection: kind, URL, auth, last test; Test and Remove (with confirmation). */
import { useEffect, useRef, useState } from 'react';
import type { ConnectionListItem } from '../../../shared/contract-connections';
import type { ProbeResult } from '../../../shared/connections';
import { formatUtc } from '../format';
import { useRemoveConnection, useTestConnection } from './queries';
import { authSummary, KIND_WORDS, probeDetail, probeHeadline } from './words';

function TestResult(props: { result: ProbeResult; at: number | null }) {
  const r = props.result;
  return (
    <div className={r.ok ? 'conn-result ok' : 'conn-result fail'} role="status">
      <strong>{probeHeadline(r)}</strong>
      <span className="wrap-anywhere"> — {probeDetail(r)}</span>
      {props.at !== null ? <span className="muted"> ({formatUtc(props.at)})</span> : null}
    </div>
  );
}

export function ConnectionRow(props: { conn: ConnectionListItem; unlocked: boolean }) {
  const c = props.conn;
  const test = useTestConnection();
  const remove = useRemoveConnection();
  const [confirming, setConfirming] = useState(false);
  const cancelRef = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (confirming) cancelRef.current?.focus();
  }, [confirming]);

  // The fresh answer until the refreshed list carries a test at least as new; then the stored one, with its time.
  const fresh = test.data && (!c.lastTest || c.lastTest.at < test.submittedAt) ? test.data : null;
  const shown = fresh ? { result: fresh, at: null } : c.lastTest ? { result: c.lastTest.result, at: c.lastTest.at } : null;
  return (
    <li className="conn-row" data-testid={`connection-row-${c.name}`}>
      <div className="conn-row-head">
        <span className="conn-name">{c.name}</span>
        <span className="badge">{KIND_WORDS[c.kind]}</span>
        <span className="mono wrap-anywhere conn-url">{c.url}</span>
        <span className="muted">{authSummary(c)}</span>
        {c.insecureSkipVerify ? <span className="badge conn-insecure">TLS not verified</span> : null}
        <span className="conn-actions">
          <button
            type="button"
            className="btn btn-small"
            data-testid={`connection-test-${c.name}`}
            disabled={!props.unlocked || test.isPending}
            title={props.unlocked ? 'Test the connection' : 'Unlock the vault to test'}
            onClick={() => test.mutate(c.id)}
          >
            {test.isPending ? 'Testing…' : 'Test'}
          </button>
          {confirming ? (
            <>
              <button type="button" className="btn btn-small btn-danger" onClick={() => remove.mutate(c.id)} disabled={remove.isPending}>
                Remove {c.name}
              </button>
              <button type="button" className="btn btn-small" ref={cancelRef} onClick={() => setConfirming(false)}>
                Cancel
              </button>
            </>
          ) : (
            <button type="button" className="btn btn-small" onClick={() => setConfirming(true)} aria-label={`Remove ${c.name}…`}>
              Remove…
            </button>
          )}
        </span>
      </div>
      {Object.keys(c.options).length ? (
        <div className="muted conn-options">{Object.entries(c.options).map(([k, v]) => `${k}=${v}`).join(' · ')}</div>
      ) : null}
      {shown ? <TestResult result={shown.result} at={shown.at} /> : <div className="muted">Never tested</div>}
      {test.error ? <p role="alert" className="conn-error">{test.error.message}</p> : null}
      {remove.error ? <p role="alert" className="conn-error">{remove.error.message}</p> : null}
    </li>
  );
}
