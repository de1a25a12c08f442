/** The core app: opens the store, fills it with the demo when asked and empty, serves the contract. */
import { dirname, resolve } from 'node:path';
import { generateDemo } from '../demo/generate';
import { openStore } from '../store/store';
import { assembleCore, type Core } from './assemble';

export type { Core } from './assemble';

export interface CoreOptions {
  dbPath: string;
  host: 'electron' | 'browser' | 'test';
  demoIfEmpty?: boolean;
  version?: string;
  readOnly?: boolean;
  log?: (message: string, detail: unknown) => void;
}

export function createCore(opts: CoreOptions): Core {
  const store = openStore(opts.dbPath, { readOnly: opts.readOnly === true });
  try {
    return assembleCore(store, {
      host: opts.host,
      version: opts.version,
      readOnly: opts.readOnly,
      dataDir: opts.dbPath === ':memory:' ? null : dirname(resolve(opts.dbPath)),
      log: opts.log,
      seedIfEmpty: opts.demoIfEmpty ? (s) => void generateDemo(s, {}) : undefined,
    });
  } catch (err) {
    store.close();
    throw err;
  }
}
