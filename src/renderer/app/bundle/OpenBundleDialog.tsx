/**
 * "Open bundle…": choose or drop a `.sitrep` file; it is uploaded to the core in chunks and checked
 * without a secret first (structure, signature, who exported it). An intact bundle then takes its
 * passphrase (or the recipient key file and that key's passphrase) and opens as a read-only
 * review copy; a refused one says why and nothing is written.
 */
import { useEffect, useRef, useState, type DragEvent, type FormEvent } from 'react';
import type { BundleOpener, BundleReport } from '../../../shared/contract-bundle';
import { useUi } from '../../state/ui';
import { describeError } from '../ErrorBanner';
import { formatBytes } from './bytes';
import { discardUpload, uploadBundle, useInspectBundle, useOpenBundle } from './queries';
import { ReportView } from './ReportView';
import { Dialog } from '../Dialog';
import { useBundleUi } from './state';

type Phase = { kind: 'choose' } | { kind: 'uploading'; name: string; sent: number; total: number } | { kind: 'checked'; name: string; uploadId: string; report: BundleReport };

const stopDrag = (e: DragEvent) => {
  // The window-wide import drop (ImportLayer) must not see a bundle dropped here.
  e.preventDefault();
  e.stopPropagation();
};

export function OpenBundleDialog(props: { onClose: () => void }) {
  const [phase, setPhase] = useState<Phase>({ kind: 'choose' });
  const [problem, setProblem] = useState<string | null>(null);
  const [passphrase, setPassphrase] = useState('');
  const [keyPem, setKeyPem] = useState<{ name: string; pem: string } | null>(null);
  const [over, setOver] = useState(false);
  const inspect = useInspectBundle();
  const open = useOpenBundle();
  const openIncident = useUi((s) => s.openIncident);
  const fileInput = useRef<HTMLInputElement>(null);
  const chooseBtn = useRef<HTMLButtonElement>(null);
  const secretInput = useRef<HTMLInputElement>(null);
  const pendingUpload = useRef<string | null>(null);
  const abort = useRef<AbortController | null>(null);

  useEffect(() => chooseBtn.current?.focus(), []);
  useEffect(
    () => () => {
      abort.current?.abort();
      if (pendingUpload.current) discardUpload(pendingUpload.current);
    },
    [],
  );
  useEffect(() => {
    // Opened by dropping a bundle on the window: take that file at once.
    const f = useBundleUi.getState().takeDropped();
    if (f !== null) void take(f);
    // Once, on opening; `take` only sets this dialog's own state.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);
  useEffect(() => {
    // An intact bundle waits for its secret; a refused one for another file.
    if (phase.kind === 'checked' && phase.report.intact) secretInput.current?.focus();
    else if (phase.kind !== 'uploading') chooseBtn.current?.focus();
  }, [phase]);

  async function take(file: File) {
    setProblem(null);
    setPassphrase('');
    setKeyPem(null);
    if (pendingUpload.current) discardUpload(pendingUpload.current);
    pendingUpload.current = null;
    abort.current = new AbortController();
    setPhase({ kind: 'uploading', name: file.name, sent: 0, total: file.size });
    try {
      const uploadId = await uploadBundle(file, (sent, total) => setPhase({ kind: 'uploading', name: file.name, sent, total }), abort.current.signal);
      pendingUpload.current = uploadId;
      const report = await inspect.mutateAsync({ uploadId });
      setPhase({ kind: 'checked', name: file.name, uploadId, report });
    } catch (err) {
      setPhase({ kind: 'choose' });
      setProblem(describeError(err));
    }
  }

  const forKey = phase.kind === 'checked' && phase.report.encryption?.kind === 'recipient';

  function submit(e: FormEvent) {
    e.preventDefault();
    if (phase.kind !== 'checked') return;
    let opener: BundleOpener;
    if (forKey) {
      if (!keyPem) return setProblem('Choose the key file made by `sitrep bundle keygen` for this bundle.');
      opener = { kind: 'key', pem: keyPem.pem, passphrase };
    } else opener = { kind: 'passphrase', passphrase };
    setProblem(null);
    open.mutate(
      { uploadId: phase.uploadId, opener },
      {
        onSuccess: (r) => {
          pendingUpload.current = null;
          setPassphrase('');
          const inc = r.report.incident;
          props.onClose();
          if (inc) openIncident(r.incidentId, { from: inc.windowFrom, to: inc.windowTo });
        },
        onError: (err) => {
          setProblem(describeError(err).replace(/^(Access refused by the core|The core refused the request): /, ''));
          setPassphrase('');
          secretInput.current?.focus();
        },
      },
    );
  }

  return (
    <Dialog titleId="bundle-open-title" title="Open a review bundle" testId="bundle-open-dialog" className="bundle-dialog" onClose={props.onClose} backdrop={{ onDragEnter: stopDrag, onDragOver: stopDrag, onDragLeave: stopDrag, onDrop: stopDrag }}>
      <p className="muted bundle-why">
        A bundle opens as a <strong>read-only review copy</strong>: its timeline, hypotheses and journal, with who exported it. Nothing leaves this machine; analysis re-runs offline.
      </p>
      <div
        className={`bundle-drop${over ? ' bundle-drop-over' : ''}`}
        data-testid="bundle-drop"
        onDragEnter={(e) => {
          stopDrag(e);
          setOver(true);
        }}
        onDragOver={(e) => {
          stopDrag(e);
          if (e.dataTransfer) e.dataTransfer.dropEffect = 'copy';
        }}
        onDragLeave={(e) => {
          stopDrag(e);
          setOver(false);
        }}
        onDrop={(e) => {
          stopDrag(e);
          setOver(false);
          const f = e.dataTransfer?.files?.[0];
          if (f) void take(f);
        }}
      >
        <span>Drop a .sitrep file here, or</span>
        <button ref={chooseBtn} type="button" className="btn" onClick={() => phase.kind !== 'uploading' && fileInput.current?.click()} aria-disabled={phase.kind === 'uploading'}>
          Choose a file…
        </button>
        <input
          ref={fileInput}
          type="file"
          accept=".sitrep,application/octet-stream"
          hidden
          data-testid="bundle-file"
          onChange={(e) => {
            const f = e.target.files?.[0];
            e.target.value = '';
            if (f) void take(f);
          }}
        />
      </div>
      {phase.kind === 'uploading' ? (
        <div className="bundle-progress" role="status">
          <span>
            Checking {phase.name}… {formatBytes(phase.sent)} of {formatBytes(phase.total)}
          </span>
          <progress max={phase.total} value={phase.sent} aria-label={`Uploading ${phase.name}`} />
        </div>
      ) : null}
      {phase.kind === 'checked' ? <ReportView report={phase.report} fileName={phase.name} /> : null}
      {phase.kind === 'checked' && phase.report.intact ? (
        <form className="bundle-form" onSubmit={submit}>
          {forKey ? (
            <label>
              Recipient key file
              <input
                type="file"
                className="input"
                data-testid="bundle-keyfile"
                onChange={async (e) => {
                  const f = e.target.files?.[0];
                  if (!f) return setKeyPem(null);
                  if (f.size > 16_384) return setProblem('That is not a recipient key file (over 16 KiB).');
                  setKeyPem({ name: f.name, pem: await f.text() });
                }}
              />
            </label>
          ) : null}
          <label>
            {forKey ? "The key file's passphrase" : 'Bundle passphrase'}
            <input
              ref={secretInput}
              className="input"
              type="password"
              autoComplete="off"
              value={passphrase}
              maxLength={1024}
              onChange={(e) => {
                setPassphrase(e.target.value);
                setProblem(null);
              }}
              data-testid="bundle-passphrase"
              required
            />
          </label>
          <div className="bundle-actions">
            <button type="submit" className="btn btn-primary" disabled={open.isPending || passphrase === ''} data-testid="bundle-open-submit">
              {open.isPending ? 'Checking every hash…' : phase.report.alreadyOpenAs ? 'Go to the review copy' : 'Open review copy'}
            </button>
          </div>
        </form>
      ) : null}
      {problem ? (
        <p className="bundle-problem tone-text-error" role="alert" data-testid="bundle-open-error">
          {problem}
        </p>
      ) : null}
    </Dialog>
  );
}
