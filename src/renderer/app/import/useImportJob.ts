/**
 * One import at a time from the window: desktop drops go to `import.paths` (the preload turns
 * File objects into paths), browser drops are uploaded one by one. Progress comes from
 * `import.progress` pushes (and upload progress in the browser); Cancel stops the current file
 * (discarded whole) and the ones after it. The result lists every file, ok or rejected.
 */
import { useCallback, useRef, useState } from 'react';
import type { ImportFileResult, ImportJobResult } from '../../../shared/contract-ingest';
import { call, onPush } from '../../api/client';
import { uploadFile, type Upload } from './upload';

declare global {
  interface Window {
    /** Desktop only (the preload): the file-system path of a dropped File. */
    sitrepFiles?: { pathFor(file: File): string };
  }
}

export interface ImportView {
  file: string;
  percent: number;
  phase: string;
  index: number;
  count: number;
}

export interface ImportJobState {
  running: ImportView | null;
  result: ImportJobResult | null;
  start(files: File[]): void;
  cancel(): void;
  dismiss(): void;
}

const newJobId = (): string => `job-${crypto.randomUUID()}`;

function failed(path: string, error: string): ImportFileResult {
  return { path, format: null, ok: false, error, tookMs: 0, counts: { llm_calls: 0, agent_actions: 0, spans: 0, logs: 0, points: 0, alerts: 0, changes: 0, series: 0, incidents: 0, duplicates: 0 } };
}

function merge(results: ImportJobResult[], cancelled: boolean): ImportJobResult {
  const totals = { llm_calls: 0, agent_actions: 0, spans: 0, logs: 0, points: 0, alerts: 0, changes: 0 };
  for (const r of results) for (const k of Object.keys(totals) as (keyof typeof totals)[]) totals[k] += r.totals[k];
  return { files: results.flatMap((r) => r.files), totals, cancelled: cancelled || results.some((r) => r.cancelled) };
}

export function useImportJob(): ImportJobState {
  const [running, setRunning] = useState<ImportView | null>(null);
  const [result, setResult] = useState<ImportJobResult | null>(null);
  const current = useRef<{ jobId: string; upload: Upload | null; cancelled: boolean } | null>(null);

  const followJob = useCallback((jobId: string, count: number, base: number) => {
    return onPush('import.progress', (p) => {
      if (p.jobId !== jobId || p.done) return;
      const percent = p.bytesTotal > 0 ? Math.round((p.bytesDone / p.bytesTotal) * 100) : 0;
      setRunning({ file: p.file, percent, phase: p.phase ?? 'read', index: base + (p.fileIndex ?? 0), count });
    });
  }, []);

  const startDesktop = useCallback(
    async (files: File[], pathFor: (f: File) => string) => {
      const jobId = newJobId();
      current.current = { jobId, upload: null, cancelled: false };
      const paths = files.map((f) => pathFor(f));
      let off: () => void = () => undefined;
      const done = new Promise<ImportJobResult>((resolve) => {
        off = onPush('import.progress', (p) => {
          if (p.jobId === jobId && p.done && p.result) resolve(p.result);
        });
      });
      const offProgress = followJob(jobId, files.length, 0);
      try {
        await call('import.paths', { paths, names: files.map((f) => f.name), jobId });
        setResult(await done);
      } catch (e) {
        setResult(merge([{ files: files.map((f) => failed(f.name, e instanceof Error ? e.message : String(e))), totals: merge([], false).totals, cancelled: false }], false));
      } finally {
        off();
        offProgress();
      }
    },
    [followJob],
  );

  const startBrowser = useCallback(
    async (files: File[]) => {
      const results: ImportJobResult[] = [];
      for (let i = 0; i < files.length; i++) {
        const file = files[i];
        if (!file) continue;
        if (current.current?.cancelled) {
          results.push({ files: [failed(file.name, 'import cancelled; nothing was written')], totals: merge([], false).totals, cancelled: true });
          continue;
        }
        const jobId = newJobId();
        const offProgress = followJob(jobId, files.length, i);
        const upload = uploadFile(file, jobId, (sent, total) =>
          setRunning({ file: file.name, percent: total > 0 ? Math.round((sent / total) * 100) : 0, phase: 'upload', index: i, count: files.length }),
        );
        current.current = { jobId, upload, cancelled: current.current?.cancelled ?? false };
        try {
          results.push(await upload.done);
        } catch (e) {
          results.push({ files: [failed(file.name, e instanceof Error ? e.message : String(e))], totals: merge([], false).totals, cancelled: false });
        } finally {
          offProgress();
        }
      }
      setResult(merge(results, current.current?.cancelled ?? false));
    },
    [followJob],
  );

  const start = useCallback(
    (files: File[]) => {
      if (files.length === 0 || current.current !== null) return;
      setResult(null);
      setRunning({ file: files[0]?.name ?? '', percent: 0, phase: 'start', index: 0, count: files.length });
      const pathFor = window.sitrepFiles?.pathFor;
      const job = pathFor ? startDesktop(files, pathFor) : startBrowser(files);
      void job.finally(() => {
        current.current = null;
        setRunning(null);
      });
    },
    [startBrowser, startDesktop],
  );

  const cancel = useCallback(() => {
    const c = current.current;
    if (!c) return;
    c.cancelled = true;
    c.upload?.abort();
    void call('import.cancel', { jobId: c.jobId }).catch(() => undefined);
  }, []);

  return { running, result, start, cancel, dismiss: useCallback(() => setResult(null), []) };
}
