/** What every command gets: the io, and the means to fail with a usage error (exit 2). */
import { existsSync } from 'node:fs';
import type { Command } from 'commander';
import type { EventStore } from '../../core/store/api';
import { openStore } from '../../core/store/store';
import type { CliIo } from '../io';

export interface CommandContext {
  io: CliIo;
  /** Sets the process exit code of this run. */
  exit(code: number): void;
}

/** Bad arguments the parsers could not catch alone: prints the message and the usage line, exit 2. */
export function usageError(cmd: Command, message: string): never {
  cmd.error(`error: ${message}`, { exitCode: 2, code: 'sitrep.usage' });
}

export class CliFailure extends Error {}

/** Opens the store at `path`; read-only commands need the file to exist. */
export function openDb(path: string, readOnly: boolean): EventStore {
  if (readOnly && !existsSync(path)) throw new CliFailure(`no database at ${path} (create one with: sitrep demo --db ${path})`);
  return openStore(path, { readOnly });
}

export function withStore<T>(path: string, readOnly: boolean, fn: (store: EventStore) => T): T {
  const store = openDb(path, readOnly);
  try {
    return fn(store);
  } finally {
    store.close();
  }
}
