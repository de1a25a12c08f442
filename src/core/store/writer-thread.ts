/**
 * The threaded writer: batches go to a worker thread that holds its own connection to the same
 * WAL database, so the receiver decodes and maps the next request while this one is written.
 * Writes complete in the order they were sent; a batch's promise resolves once it is committed
 * (and therefore visible to readers on any connection).
 */
import { Worker } from 'node:worker_threads';
import { workerPath } from '../workers/resolve';
import type { IngestStats } from './api';
import type { AsyncWriter } from './async-writer';
import { toRow } from './derive';
import { parseFromWriter, type ToWriter } from './writer-protocol';

interface Pending {
  resolve(stats: IngestStats): void;
  reject(err: Error): void;
}

export class WriterError extends Error {
  override name = 'WriterError';
  constructor(
    message: string,
    readonly code: string | null,
  ) {
    super(message);
  }
}

export interface ThreadedWriter extends AsyncWriter {
  /** Resolves once the worker has opened the store; rejects when it could not. */
  readonly ready: Promise<void>;
}

/**
 * Starts the worker and returns at once; writes sent before it is ready wait in its inbox.
 * If the worker cannot open the store, `ready` rejects and every write fails with the reason.
 */
export function createThreadedWriter(dbPath: string, opts: { workerFile?: string } = {}): ThreadedWriter {
  const file = opts.workerFile ?? workerPath('store-writer');
  const worker = new Worker(file, { workerData: { path: dbPath } });
  const pending = new Map<number, Pending>();
  let seq = 0;
  let dead: Error | null = null;
  let onClosed: (() => void) | null = null;
  let markReady: () => void = () => undefined;
  let markFailed: (err: Error) => void = () => undefined;
  const ready = new Promise<void>((resolve, reject) => {
    markReady = resolve;
    markFailed = reject;
  });
  ready.catch(() => undefined);

  const failAll = (err: Error): void => {
    dead ??= err;
    markFailed(err);
    for (const p of pending.values()) p.reject(dead);
    pending.clear();
  };

  worker.on('message', (raw: unknown) => {
    const m = parseFromWriter(raw);
    if (m === null) return;
    switch (m.type) {
      case 'ready':
        markReady();
        return;
      case 'open_failed':
        failAll(new WriterError(`the store writer could not open ${dbPath}: ${m.message}`, null));
        void worker.terminate();
        return;
      case 'done':
        pending.get(m.seq)?.resolve(m.stats);
        pending.delete(m.seq);
        return;
      case 'failed':
        pending.get(m.seq)?.reject(new WriterError(m.message, m.code));
        pending.delete(m.seq);
        return;
      case 'closed':
        onClosed?.();
        return;
    }
  });
  worker.on('error', (err) => failAll(new WriterError(`the store writer stopped: ${err.message}`, null)));
  worker.on('exit', () => {
    failAll(new WriterError('the store writer is closed', null));
    onClosed?.();
  });

  return {
    mode: 'thread',
    ready,
    write(events, series) {
      if (dead) return Promise.reject(dead);
      const id = ++seq;
      return new Promise<IngestStats>((resolve, reject) => {
        pending.set(id, { resolve, reject });
        // Rows are built here: an array of primitives crosses the thread boundary faster than
        // the nested event objects, and the worker is left with the insert alone.
        const msg: ToWriter = { type: 'write', seq: id, rows: events.map(toRow), series };
        worker.postMessage(msg);
      });
    },
    close() {
      if (dead) return Promise.resolve();
      return new Promise<void>((resolve) => {
        const timer = setTimeout(() => void worker.terminate().then(() => resolve()), 10_000);
        onClosed = () => {
          clearTimeout(timer);
          resolve();
        };
        const msg: ToWriter = { type: 'close' };
        worker.postMessage(msg);
      });
    },
  };
}
