/**
 * Worker entry of the threaded writer: owns one read-write connection to the store file and
 * writes each batch it is sent in one transaction, in the order received.
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { EventStore } from './api';
import { writeRows } from './async-writer';
import { openStore } from './store';
import type { FromWriter, ToWriter } from './writer-protocol';

const port = parentPort;
if (!port) throw new Error('writer-worker must run as a worker thread');
const post = (m: FromWriter): void => port.postMessage(m);

let store: EventStore | null = null;
try {
  store = openStore(String((workerData as { path: unknown }).path));
  // Checkpoint less often than the default 1,000 pages: a hot index page rewritten by many
  // batches is copied back to the database once per checkpoint, not once per 1,000 pages.
  store.sql.pragma('wal_autocheckpoint = 8192');
  post({ type: 'ready' });
} catch (err) {
  post({ type: 'open_failed', message: err instanceof Error ? err.message : String(err) });
}

port.on('message', (m: ToWriter) => {
  if (m.type === 'close') {
    store?.close();
    store = null;
    post({ type: 'closed' });
    port.close();
    return;
  }
  if (!store) {
    post({ type: 'failed', seq: m.seq, message: 'the store writer is closed', code: null });
    return;
  }
  try {
    post({ type: 'done', seq: m.seq, stats: writeRows(store, m.rows, m.series) });
  } catch (err) {
    const code = (err as { code?: unknown }).code;
    post({ type: 'failed', seq: m.seq, message: err instanceof Error ? err.message : String(err), code: typeof code === 'string' ? code : null });
  }
});
