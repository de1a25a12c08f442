/** The core app: opens the store, fills it with the demo when asked and empty, serves the contract. */
import { dirname, resolve } from 'node:path';
import { generateDemo } from '../demo/generate';
import { openStore } from '../store/store';
import { createThreadedWriter } from '../store/writer-thread';
import { assembleCore, type AssembleOptions, type Core } from './assemble';

export type { Core } from './assemble';

export interface CoreOptions {
  dbPath: string;
  host: 'electron' | 'browser' | 'test';
  demoIfEmpty?: boolean;
  version?: string;
  readOnly?: boolean;
  /**
   * Give high-rate sources (the OTLP receiver) a writer thread with its own connection, so
   * decoding overlaps with writing. Needs the built worker (`npm run build`); file stores only.
   */
  threadedWriter?: boolean;
  log?: (message: string, detail: unknown) => void;
  /** See AssembleOptions.shareHost. */
  shareHost?: AssembleOptions['shareHost'];
}

export function createCore(opts: CoreOptions): Core {
  const store = openStore(opts.dbPath, { readOnly: opts.readOnly === true });
  const threaded = opts.threadedWriter === true && opts.dbPath !== ':memory:' && opts.readOnly !== true;
  try {
    return assembleCore(store, {
      host: opts.host,
      version: opts.version,
      readOnly: opts.readOnly,
      dataDir: opts.dbPath === ':memory:' ? null : dirname(resolve(opts.dbPath)),
      log: opts.log,
      writer: threaded ? createThreadedWriter(resolve(opts.dbPath)) : undefined,
      seedIfEmpty: opts.demoIfEmpty ? (s) => void generateDemo(s, {}) : undefined,
      shareHost: opts.shareHost,
    });
  } catch (err) {
    store.close();
    throw err;
  }
}
