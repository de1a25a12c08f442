/**
 * Where operators.json lives: `<dataDir>/operators.json` (mode 0600, written to a temp file in
 * the same folder, fsynced, renamed over the old one; read-change-write under the same lock file
 * scheme as connections.json), or memory for tests and in-memory cores.
 */
import { chmodSync, closeSync, fsyncSync, mkdirSync, openSync, readFileSync, renameSync, statSync, unlinkSync, writeSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { withFileLock } from '../connections/storage';
import { emptyOperatorsDoc, OperatorsDoc } from './operators-doc';

export const OPERATORS_FILE = 'operators.json';
const MAX_FILE_BYTES = 8 * 1024 * 1024;

export interface OperatorsStorage {
  where: string;
  read(): OperatorsDoc;
  /** Read, change and write as one step (locked between processes). */
  update<T>(change: (doc: OperatorsDoc) => { doc: OperatorsDoc; result: T }): T;
}

export class OperatorsFileError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'OperatorsFileError';
  }
}

export function memoryOperatorsStorage(): OperatorsStorage {
  let json = JSON.stringify(emptyOperatorsDoc());
  const read = (): OperatorsDoc => OperatorsDoc.parse(JSON.parse(json));
  return {
    where: 'memory',
    read,
    update(change) {
      const { doc, result } = change(read());
      json = JSON.stringify(OperatorsDoc.parse(doc));
      return result;
    },
  };
}

export function fileOperatorsStorage(dataDir: string): OperatorsStorage {
  const path = join(dataDir, OPERATORS_FILE);
  function read(): OperatorsDoc {
    let size: number;
    try {
      size = statSync(path).size;
    } catch (err) {
      if ((err as { code?: string }).code === 'ENOENT') return emptyOperatorsDoc();
      throw new OperatorsFileError(`Cannot read ${path}: ${(err as Error).message}`);
    }
    if (size > MAX_FILE_BYTES) throw new OperatorsFileError(`${path} is larger than ${MAX_FILE_BYTES} bytes; refusing to read it`);
    let raw: unknown;
    try {
      raw = JSON.parse(readFileSync(path, 'utf8'));
    } catch (err) {
      throw new OperatorsFileError(`${path} is not valid JSON (${(err as Error).message}); fix or move it away`);
    }
    const parsed = OperatorsDoc.safeParse(raw);
    if (!parsed.success) {
      const first = parsed.error.issues[0];
      throw new OperatorsFileError(`${path} is damaged: ${first ? `${first.path.join('.')}: ${first.message}` : 'invalid'}`);
    }
    return parsed.data;
  }
  function write(doc: OperatorsDoc): void {
    const text = JSON.stringify(OperatorsDoc.parse(doc), null, 2) + '\n';
    const tmp = join(dataDir, `.${OPERATORS_FILE}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`);
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
  }
  return {
    where: path,
    read,
    update(change) {
      mkdirSync(dataDir, { recursive: true, mode: 0o700 });
      return withFileLock(path, () => {
        const { doc, result } = change(read());
        write(doc);
        return result;
      });
    },
  };
}
