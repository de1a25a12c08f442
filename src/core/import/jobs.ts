/**
 * Import jobs for the hosts: a list of files imported one after another in the background,
 * with `import.progress` pushes (throttled), cancellation, and `store.changed` after each file
 * that wrote something. One job runs at a time (the store has one writer).
 */
import { randomBytes } from 'node:crypto';
import { access, constants, stat } from 'node:fs/promises';
import type { ImportFileResult, ImportJobResult } from '../../shared/contract-ingest';
import { ContractFailure } from '../../shared/envelope';
import type { CoreContext } from '../app/context';
import { addCounts, zeroCounts } from './pipeline/counts';
import { importOne, type ImportPhase } from './pipeline/import-one';
import { expandPaths } from './pipeline/walk';

export interface StartJob {
  paths: string[];
  names?: string[];
  jobId?: string;
}

export interface ImportJobs {
  start(req: StartJob): Promise<{ jobId: string; files: number }>;
  cancel(jobId: string): boolean;
  close(): void;
}

const PROGRESS_EVERY_MS = 100;

async function checkReadable(path: string): Promise<void> {
  let s;
  try {
    s = await stat(path);
    await access(path, constants.R_OK);
  } catch {
    throw new ContractFailure('bad_input', `${path}: no such file, or not readable`);
  }
  if (!s.isFile() && !s.isDirectory()) throw new ContractFailure('bad_input', `${path}: not a regular file`);
}

export function createImportJobs(ctx: Pick<CoreContext, 'store' | 'emit' | 'log' | 'readOnly'>): ImportJobs {
  const running = new Map<string, AbortController>();
  let queue: Promise<void> = Promise.resolve();
  let closed = false;

  async function run(jobId: string, files: { path: string; name: string; error?: string }[], ac: AbortController): Promise<void> {
    const results: ImportFileResult[] = [];
    const totals = zeroCounts();
    let last = 0;
    for (let i = 0; i < files.length; i++) {
      const f = files[i];
      if (!f) continue;
      if (f.error !== undefined || ac.signal.aborted) {
        results.push({
          path: f.name,
          format: null,
          ok: false,
          counts: { ...zeroCounts(), series: 0, incidents: 0, duplicates: 0 },
          error: f.error ?? 'import cancelled; nothing was written',
          tookMs: 0,
        });
        continue;
      }
      const progress = (phase: ImportPhase, bytesDone: number, bytesTotal: number): void => {
        const now = Date.now();
        if (phase === 'read' && bytesDone < bytesTotal && now - last < PROGRESS_EVERY_MS) return;
        last = now;
        ctx.emit('import.progress', { jobId, file: f.name, fileIndex: i, fileCount: files.length, phase, bytesDone, bytesTotal, done: false });
      };
      const r = await importOne(ctx.store, f.path, { signal: ac.signal, onProgress: progress, displayName: f.name });
      results.push(r);
      if (r.ok) {
        addCounts(totals, r.counts);
        ctx.emit('store.changed', { areas: ['events', 'metrics', 'incidents'] });
        if (r.counts.incidents > 0) ctx.emit('incidents.changed', { ids: [] });
      }
    }
    const result: ImportJobResult = { files: results, totals, cancelled: ac.signal.aborted };
    const lastFile = files[files.length - 1]?.name ?? '';
    ctx.emit('import.progress', { jobId, file: lastFile, fileIndex: files.length, fileCount: files.length, phase: 'done', bytesDone: 0, bytesTotal: 0, done: true, result });
  }

  return {
    async start(req) {
      if (closed) throw new ContractFailure('internal', 'the core is closing');
      if (ctx.readOnly || ctx.store.readOnly) throw new ContractFailure('forbidden', 'The store is open read-only; nothing can be imported.');
      const jobId = req.jobId ?? randomBytes(9).toString('base64url');
      if (running.has(jobId)) throw new ContractFailure('bad_input', `an import with job id ${jobId} is already running`);
      for (const p of req.paths) await checkReadable(p);
      const files: { path: string; name: string; error?: string }[] = [];
      for (let i = 0; i < req.paths.length; i++) {
        const p = req.paths[i] ?? '';
        const name = req.names?.[i] ?? p;
        const expanded = await expandPaths([p]);
        for (const e of expanded) files.push({ path: e.path, name: e.path === p ? name : e.path, error: e.error });
      }
      const ac = new AbortController();
      running.set(jobId, ac);
      queue = queue
        .then(() => run(jobId, files, ac))
        .catch((err: unknown) => ctx.log('[import] job failed', err))
        .finally(() => running.delete(jobId));
      return { jobId, files: files.length };
    },
    cancel(jobId) {
      const ac = running.get(jobId);
      if (!ac) return false;
      ac.abort();
      return true;
    },
    close() {
      closed = true;
      for (const ac of running.values()) ac.abort();
    },
  };
}
