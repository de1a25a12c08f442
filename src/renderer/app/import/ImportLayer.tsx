/**
 * Drag-and-drop import for the whole window: dragging files over it shows the drop overlay
 * (`drop-overlay`); dropping imports them, with a progress toast (`import-progress`: file,
 * percent, Cancel) and then a result summary (`import-result`: each file ok or rejected, why).
 * The imported data appears through the usual `store.changed` invalidation.
 */
import { useEffect, useRef, useState } from 'react';
import { isBundleFile, useBundleUi } from '../bundle/state';
import { ImportResult } from './ImportResult';
import { useImportJob } from './useImportJob';
import './import.css';

const hasFiles = (e: DragEvent): boolean => [...(e.dataTransfer?.types ?? [])].includes('Files');

export function ImportLayer() {
  const job = useImportJob();
  const [dragging, setDragging] = useState(false);
  const depth = useRef(0);
  const start = job.start;

  useEffect(() => {
    const enter = (e: DragEvent): void => {
      if (!hasFiles(e)) return;
      e.preventDefault();
      depth.current++;
      setDragging(true);
    };
    const over = (e: DragEvent): void => {
      if (!hasFiles(e)) return;
      e.preventDefault();
      if (e.dataTransfer) e.dataTransfer.dropEffect = 'copy';
    };
    const leave = (e: DragEvent): void => {
      if (!hasFiles(e)) return;
      depth.current = Math.max(0, depth.current - 1);
      if (depth.current === 0) setDragging(false);
    };
    const drop = (e: DragEvent): void => {
      if (!hasFiles(e)) return;
      e.preventDefault();
      depth.current = 0;
      setDragging(false);
      const files = [...(e.dataTransfer?.files ?? [])];
      // A review bundle opens read-only through its own dialog; everything else is imported.
      const bundle = files.find((f) => isBundleFile(f.name));
      if (bundle) useBundleUi.getState().openWith(bundle);
      const rest = files.filter((f) => !isBundleFile(f.name));
      if (rest.length > 0) start(rest);
    };
    const escape = (e: KeyboardEvent): void => {
      if (e.key === 'Escape') {
        depth.current = 0;
        setDragging(false);
      }
    };
    window.addEventListener('dragenter', enter);
    window.addEventListener('dragover', over);
    window.addEventListener('dragleave', leave);
    window.addEventListener('drop', drop);
    window.addEventListener('keydown', escape);
    return () => {
      window.removeEventListener('dragenter', enter);
      window.removeEventListener('dragover', over);
      window.removeEventListener('dragleave', leave);
      window.removeEventListener('drop', drop);
      window.removeEventListener('keydown', escape);
    };
  }, [start]);

  const r = job.running;
  return (
    <>
      {dragging ? (
        <div className="drop-overlay" data-testid="drop-overlay" role="dialog" aria-label="Drop files to import">
          <div className="drop-overlay-box">
            <strong>Drop files to import</strong>
            <span className="muted">OTLP/JSON, Prometheus, Loki, alert webhooks, Kubernetes, Argo CD, GitHub, Sitrep JSON — recognised by content; a .sitrep review bundle opens read-only</span>
          </div>
        </div>
      ) : null}
      {r ? (
        <div className="import-toast" data-testid="import-progress" role="status" aria-live="polite">
          <div className="import-toast-line">
            <span className="import-file" title={r.file}>
              {r.count > 1 ? `${r.index + 1}/${r.count} ` : ''}
              {r.file}
            </span>
            <span className="import-percent">{r.percent}%</span>
            <button type="button" onClick={job.cancel} data-testid="import-cancel">
              Cancel
            </button>
          </div>
          <progress max={100} value={r.percent} aria-label={`Importing ${r.file}: ${r.phase}`} />
        </div>
      ) : null}
      {job.result && !r ? <ImportResult result={job.result} onClose={job.dismiss} /> : null}
    </>
  );
}
