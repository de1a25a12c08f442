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
  };
}
