/**
 * Verify and export. Verify says plainly whether the journal is intact, or which entry is the
 * first bad one and why. Exports are written by the core into its data folder; the path is shown.
 */
import type { JournalExportResult, JournalVerifyResult } from '../../../shared/contract-governance';
import { describeError } from '../ErrorBanner';
import { formatUtc } from '../format';
import { useJournalExport, useJournalVerify } from './queries';

function VerifyResult(props: { r: JournalVerifyResult }) {
  const { r } = props;
  if (r.ok) {
    return (
      <p className="gov-result ok" role="status" data-testid="verify-result" data-ok="true">
        <strong>Intact.</strong> All {r.intact} entries decrypt and chain correctly; the head record matches (checked {formatUtc(r.checkedAt)}).
      </p>
    );
  }
  const bad = r.firstBad;
  const where = bad?.seq !== null && bad?.seq !== undefined ? `entry #${bad.seq}` : 'the head record';
  const message = bad?.message ?? '';
  const intact = r.intact === 0 ? 'No entry is intact' : r.intact === 1 ? 'Only entry #1 is intact' : `Entries #1–#${r.intact} are intact`;
  const more = r.problems > 1 ? ` ${r.problems - 1} more problem${r.problems > 2 ? 's' : ''} after it.` : '';
  return (
    <p className="gov-result fail" role="alert" data-testid="verify-result" data-ok="false">
      <strong>NOT INTACT — first bad: {where}.</strong> {message.charAt(0).toUpperCase() + message.slice(1)}. {intact}.{more} The full report:{' '}
      <code>sitrep journal verify</code>
    </p>
  );
}

function ExportResult(props: { r: JournalExportResult }) {
  return (
    <p className={`gov-result ${props.r.plaintext ? 'warn' : 'ok'}`} role="status" data-testid="export-result">
      <strong>Exported {props.r.entries} entries</strong> to <code className="wrap-anywhere">{props.r.path}</code>
      {props.r.plaintext ? ' — decrypted: keep it as safe as the passphrase.' : ' — encrypted; verify it with the same passphrase.'}
    </p>
  );
}

export function JournalActions(props: { canExport: boolean }) {
  const verify = useJournalVerify();
  const exp = useJournalExport();
  return (
    <div className="gov-actions-wrap">
      <div className="gov-actions">
        <button type="button" className="btn btn-primary" data-testid="journal-verify" onClick={() => verify.mutate()} disabled={verify.isPending}>
          {verify.isPending ? 'Verifying…' : 'Verify chain'}
        </button>
        <button type="button" className="btn" data-testid="journal-export-encrypted" onClick={() => exp.mutate('encrypted')} disabled={!props.canExport || exp.isPending} title="A consistent encrypted copy, in the data folder's exports/">
          Export encrypted copy
        </button>
        <button type="button" className="btn" data-testid="journal-export-jsonl" onClick={() => exp.mutate('jsonl')} disabled={!props.canExport || exp.isPending} title="Decrypted JSON Lines, in the data folder's exports/ (mode 0600)">
          Export decrypted (JSON Lines)
        </button>
      </div>
      {verify.data ? <VerifyResult r={verify.data} /> : null}
      {verify.error ? <p role="alert" className="gov-error">{describeError(verify.error)}</p> : null}
      {exp.data ? <ExportResult r={exp.data} /> : null}
      {exp.error ? <p role="alert" className="gov-error">{describeError(exp.error)}</p> : null}
    </div>
  );
}
