/**
 * Where the vault document lives: `<dataDir>/connections.json` (mode 0600, written to a temp file
 * in the same folder, fsynced, then renamed over the old one), or memory for in-memory cores.
 * Limits: the file may be at most 32 MiB; anything larger or malformed is refused with its path.
 */
import { closeSync, fsyncSync, mkdirSync, openSync, readFileSync, renameSync, statSync, unlinkSync, writeSync, chmodSync } from 'node:fs';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { emptyDoc, VaultDoc } from './doc';

export const MAX_FILE_BYTES = 32 * 1024 * 1024;
export const FILE_NAME = 'connections.json';

export interface VaultStorage {
  /** A human description of where the document lives (for errors). */
  where: string;
  read(): VaultDoc;
  write(doc: VaultDoc): void;
  /**
   * Read, change and write as one step: between processes (a CLI beside a running app) the file
   * is locked for the duration, so neither loses the other's change.
   */
  update(change: (doc: VaultDoc) => VaultDoc): VaultDoc;
}

export const LOCK_STALE_MS = 10_000;
const LOCK_WAIT_MS = 5_000;

/** Runs `fn` holding `<path>.lock` (created exclusively); a lock older than LOCK_STALE_MS is taken over. */
export function withFileLock<T>(path: string, fn: () => T, waitMs = LOCK_WAIT_MS): T {
  const lock = `${path}.lock`;
  const deadline = Date.now() + waitMs;
  const pause = new Int32Array(new SharedArrayBuffer(4));
  for (;;) {
    try {
      closeSync(openSync(lock, 'wx', 0o600));
      break;
    } catch (err) {
      if ((err as { code?: string }).code !== 'EEXIST') throw new VaultFileError(`Cannot lock ${path}: ${(err as Error).message}`);
      try {
        if (Date.now() - statSync(lock).mtimeMs > LOCK_STALE_MS) {
          unlinkSync(lock);
          continue;
        }
      } catch {
        continue; // released meanwhile
      }
      if (Date.now() > deadline) {
        throw new VaultFileError(`${path} is locked by another Sitrep process (${lock}); try again, or remove the lock file if no other Sitrep is running`);
      }
      Atomics.wait(pause, 0, 0, 20);
    }
  }
  try {
    return fn();
  } finally {
    try {
      unlinkSync(lock);
    } catch {
      // already gone: nothing to release
    }
  }
}

export class VaultFileError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'VaultFileError';
  }
}

export function memoryStorage(): VaultStorage {
  let json: string | null = null;
  return {
    where: 'memory',
    read: () => (json === null ? emptyDoc() : VaultDoc.parse(JSON.parse(json))),
    write: (doc) => void (json = JSON.stringify(VaultDoc.parse(doc))),
    update(change) {
      const next = change(this.read());
      this.write(next);
      return next;
    },
  };
}

export function fileStorage(dataDir: string): VaultStorage {
  const path = join(dataDir, FILE_NAME);
  return {
    where: path,
    read() {
      let size: number;
      try {
        size = statSync(path).size;
      } catch (err) {
        if ((err as { code?: string }).code === 'ENOENT') return emptyDoc();
        throw new VaultFileError(`Cannot read ${path}: ${(err as Error).message}`);
      }
      if (size > MAX_FILE_BYTES) throw new VaultFileError(`${path} is larger than ${MAX_FILE_BYTES} bytes; refusing to read it`);
      let raw: unknown;
      try {
        raw = JSON.parse(readFileSync(path, 'utf8'));
      } catch (err) {
        throw new VaultFileError(`${path} is not valid JSON (${(err as Error).message}); fix or move it away`);
      }
      const parsed = VaultDoc.safeParse(raw);
      if (!parsed.success) {
        const first = parsed.error.issues[0];
        throw new VaultFileError(`${path} is damaged: ${first ? `${first.path.join('.')}: ${first.message}` : 'invalid'}`);
      }
      return parsed.data;
    },
    write(doc) {
      const text = JSON.stringify(VaultDoc.parse(doc), null, 2) + '\n';
      mkdirSync(dataDir, { recursive: true, mode: 0o700 });
      const tmp = join(dataDir, `.${FILE_NAME}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`);
      const fd = openSync(tmp, 'wx', 0o600);
      try {
        writeSync(fd, text);
        fsyncSync(fd);
      } catch (err) {
        closeSync(fd);
        unlinkSync(tmp);
        throw err;
      }
      closeSync(fd);
      chmodSync(tmp, 0o600);
      renameSync(tmp, path);
    },
    update(change) {
      mkdirSync(dataDir, { recursive: true, mode: 0o700 });
      return withFileLock(path, () => {
        const next = change(this.read());
        this.write(next);
        return next;
      });
    },
  };
}
