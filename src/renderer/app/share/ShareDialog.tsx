/**
 * Start, watch and stop the live read-only share. The listen address is chosen explicitly
 * (127.0.0.1 pre-filled: only this machine), with a loud warning for anything else; the link
 * carries its own token and stops working at the expiry or on Stop, whichever comes first.
 */
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { isLoopbackAddress, ListenAddress, SHARE_EXPIRY_CHOICES } from '../../../shared/contract-share';
import { CopyButton } from '../details/CopyButton';
import { describeError } from '../ErrorBanner';
import { usePresentation } from '../presentation/queries';
import { usePresentationUi } from '../presentation/state';
import { useEscapeToClose } from '../presentation/useEscape';
import { useShareStatus, useStartShare, useStopShare } from './queries';
import { Dialog } from '../Dialog';

export function formatUtcClock(ms: number): string {
  return `${new Date(ms).toISOString().slice(11, 16)} UTC`;
}

function ShareForm() {
  const start = useStartShare();
  const [listen, setListen] = useState('127.0.0.1');
  const [port, setPort] = useState('0');
  const [expires, setExpires] = useState(3600);
  const [name, setName] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const first = useRef<HTMLInputElement>(null);
  useEffect(() => first.current?.focus(), []);
  const address = ListenAddress.safeParse(listen);
  const exposed = address.success && !isLoopbackAddress(address.data);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const p = Number(port);
    if (!address.success) return setProblem(`Listen address: ${address.error.issues[0]?.message ?? 'not an address'}`);
    if (!/^\d{1,5}$/.test(port.trim()) || p > 65_535) return setProblem('Port: a number from 0 (any free port) to 65535');
    setProblem(null);
    start.mutate(
      { listen: address.data, port: p, expiresInSec: expires, ...(name.trim() !== '' ? { name: name.trim() } : {}) },
      { onError: (err) => setProblem(describeError(err)) },
    );
  };

  return (
    <form className="share-form" onSubmit={submit}>
      <label>
        Listen address
        <input ref={first} className="input mono" value={listen} onChange={(e) => setListen(e.target.value)} data-testid="share-listen" spellCheck={false} />
      </label>
      <label>
        Port
        <input className="input mono share-port" value={port} onChange={(e) => setPort(e.target.value)} inputMode="numeric" data-testid="share-port" />
        <span className="muted">0 = any free port</span>
      </label>
      <label>
        Ends after
        <select className="input" value={expires} onChange={(e) => setExpires(Number(e.target.value))} data-testid="share-expiry">
          {SHARE_EXPIRY_CHOICES.map((c) => (
            <option key={c.seconds} value={c.seconds}>
              {c.label}
            </option>
          ))}
        </select>
      </label>
      <label>
        Shown to viewers as
        <input className="input" value={name} onChange={(e) => setName(e.target.value)} placeholder="your name (default: signed-in operator)" maxLength={64} data-testid="share-name" />
      </label>
      {exposed ? (
        <p className="share-warning" role="alert" data-testid="share-exposed-warning">
          <strong>{listen}</strong> is reachable from the network: anyone who has the link can watch this incident (view-only,
          masked) until the share ends. Traffic is plain HTTP; send the link only over a trusted channel.
        </p>
      ) : (
        <p className="muted">Loopback: only this machine can open the link. Choose this machine&apos;s network address to share with the room.</p>
      )}
      {problem ? (
        <p className="gov-error" role="alert">
          {problem}
        </p>
      ) : null}
      <div className="share-actions">
        <button type="submit" className="btn btn-primary" disabled={start.isPending} data-testid="share-start">
          {start.isPending ? 'Starting…' : 'Start view-only share'}
        </button>
      </div>
    </form>
  );
}

function ShareActive() {
  const status = useShareStatus().data;
  const presenting = usePresentation().data?.on === true;
  const stop = useStopShare();
  if (!status?.active || status.url === null) return null;
  return (
    <div className="share-active" data-testid="share-active">
      <p>
        <span className="share-live" aria-hidden="true" /> Sharing view-only as <strong>{status.name}</strong> on{' '}
        <code>
          {status.listen}:{status.port}
        </code>{' '}
        · <span data-testid="share-viewers">{status.viewers === 1 ? '1 viewer' : `${status.viewers} viewers`}</span> · ends{' '}
        {status.expiresAt !== null ? formatUtcClock(status.expiresAt) : '—'}
      </p>
      {status.exposed ? <p className="share-warning">Reachable from the network (plain HTTP) until it ends or you stop it.</p> : null}
      <div className="share-link">
        <code className="wrap-anywhere" data-testid="share-url">
          {status.url}
        </code>
        {presenting ? null : <CopyButton text={status.url} label="share link" />}
      </div>
      {presenting ? <p className="muted">The link&apos;s token is masked while you present: copy it before pressing p, or stop presenting briefly.</p> : null}
      <p className="muted">Viewers follow your incident, window and cursor, always masked, and can change nothing.</p>
      <div className="share-actions">
        <button type="button" className="btn btn-danger" onClick={() => stop.mutate()} disabled={stop.isPending} data-testid="share-stop">
          {stop.isPending ? 'Stopping…' : 'Stop sharing (viewers are cut off)'}
        </button>
      </div>
      {stop.isError ? <p className="gov-error">{describeError(stop.error)}</p> : null}
    </div>
  );
}

export function ShareDialog(props: { onClose: () => void }) {
  const q = useShareStatus();
  const status = q.data;
  const box = useRef<HTMLDivElement>(null);
  useEscapeToClose(props.onClose);
  // When the form gives way to the running share (or back), focus stays in the dialog.
  const active = status?.active === true;
  useEffect(() => {
    if (active) box.current?.focus();
  }, [active]);
  return (
    <Dialog titleId="share-title" title="Live view-only share" testId="share-dialog" className="share-dialog" closeLabel="Close" onClose={props.onClose} boxRef={box} focusableBox>
      {q.isError ? <p className="gov-error">{describeError(q.error)}</p> : null}
      <p className="muted share-masking">
        Viewers always see the masked view.{' '}
        <button
          type="button"
          className="btn btn-small"
          data-testid="share-masking"
          onClick={() => {
            props.onClose();
            usePresentationUi.getState().setSettingsOpen(true);
          }}
        >
          What is masked…
        </button>
      </p>
      {status && !status.available ? <p className="muted">This host cannot serve a share: run <code>sitrep serve</code> (the browser host) to share an incident.</p> : null}
      {status?.available && status.active ? <ShareActive /> : null}
      {status?.available && !status.active ? (
        <>
          {status.ended ? (
            <p className="muted" data-testid="share-ended">
              The last share {status.ended.reason === 'expired' ? 'expired' : 'was stopped'} at {formatUtcClock(status.ended.at)}.
            </p>
          ) : null}
          <ShareForm />
        </>
      ) : null}
    </Dialog>
  );
}
