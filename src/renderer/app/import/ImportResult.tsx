/** The summary after an import (`import-result`): totals, then each file ok or rejected with its reason. */
import type { ImportFileResult, ImportJobResult } from '../../../shared/contract-ingest';

const FAMILIES = [
  ['llm_calls', 'LLM calls'],
  ['agent_actions', 'agent actions'],
  ['spans', 'spans'],
  ['logs', 'logs'],
  ['alerts', 'alerts'],
  ['changes', 'changes'],
  ['points', 'metric points'],
] as const;

function countsText(c: ImportFileResult['counts']): string {
  const parts = FAMILIES.filter(([k]) => c[k] > 0).map(([k, label]) => `${c[k].toLocaleString('en-US')} ${label}`);
  if (c.duplicates > 0) parts.push(`${c.duplicates.toLocaleString('en-US')} already stored`);
  return parts.length > 0 ? parts.join(', ') : 'nothing new';
}

export function ImportResult(props: { result: ImportJobResult; onClose: () => void }) {
  const { files, cancelled } = props.result;
  const bad = files.filter((f) => !f.ok).length;
  const title = cancelled ? 'Import cancelled' : bad === 0 ? `Imported ${files.length} file${files.length === 1 ? '' : 's'}` : `${files.length - bad} of ${files.length} files imported`;
  return (
    <div className={`import-toast import-result ${bad > 0 ? 'has-errors' : ''}`} data-testid="import-result" role="status">
      <div className="import-toast-line">
        <strong>{title}</strong>
        <button type="button" onClick={props.onClose} aria-label="Close the import summary">
          Close
        </button>
      </div>
      <ul className="import-files">
        {files.map((f, i) => (
          <li key={`${f.path}-${i}`} className={f.ok ? 'ok' : 'rejected'}>
            <span className="import-mark">{f.ok ? 'ok' : 'rejected'}</span> <span className="import-file">{f.path}</span>
            {f.format ? <span className="muted"> [{f.format}]</span> : null}
            <div className="import-detail">{f.ok ? countsText(f.counts) : f.error}</div>
          </li>
        ))}
      </ul>
    </div>
  );
}
