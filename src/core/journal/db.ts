/**
 * The journal's own SQLite file: WAL with synchronous=FULL (a commit is on disk when it returns),
 * three tables (meta, entries, head) and triggers that refuse UPDATE and DELETE of entries. The
 * schema is created only for a new file; an existing file is never "repaired" on open, so what
 * an attacker removed stays missing for `verify` to find.
 */
import Database from 'better-sqlite3';
import { randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, chmodSync } from 'node:fs';
import { dirname } from 'node:path';

export const JOURNAL_FORMAT = 'sitrep-journal';
export const JOURNAL_VERSION = '1';

const SCHEMA = `
CREATE TABLE meta (k TEXT PRIMARY KEY, v TEXT NOT NULL) WITHOUT ROWID;
CREATE TABLE entries (
  seq INTEGER PRIMARY KEY,
  ts INTEGER NOT NULL,
  kind TEXT NOT NULL,
  actor TEXT NOT NULL,
  prev_hash TEXT NOT NULL,
  hash TEXT NOT NULL,
  nonce BLOB NOT NULL,
  ciphertext BLOB NOT NULL,
  tag BLOB NOT NULL
);
CREATE TABLE head (id INTEGER PRIMARY KEY CHECK (id = 1), seq INTEGER NOT NULL, hash TEXT NOT NULL, mac TEXT NOT NULL);
CREATE TRIGGER entries_append_only_update BEFORE UPDATE ON entries BEGIN SELECT RAISE(ABORT, 'journal entries are append-only'); END;
CREATE TRIGGER entries_append_only_delete BEFORE DELETE ON entries BEGIN SELECT RAISE(ABORT, 'journal entries are append-only'); END;
`;

export class JournalError extends Error {
  constructor(
    readonly code: 'not_found' | 'not_a_journal' | 'locked' | 'wrong_passphrase' | 'damaged' | 'invalid' | 'no_key',
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'JournalError';
  }
}

export interface OpenedDb {
  db: Database.Database;
  /** The file is malformed and was opened read-only, tolerating a short file, to verify what is left. */
  salvage: boolean;
}

const isCorrupt = (err: unknown): boolean => err instanceof Error && /^SQLITE_(CORRUPT|NOTADB)/.test(String((err as { code?: unknown }).code ?? ''));

/**
 * A damaged file (for example truncated on disk) opened read-only with SQLite's defensive mode off
 * and writable_schema on, which makes it read a file shorter than its header says instead of
 * refusing it whole; every page still present can be read, so verify can name the first loss.
 */
function openSalvage(path: string): Database.Database {
  const db = new Database(path, { fileMustExist: true, readonly: true });
  db.unsafeMode(true);
  db.pragma('writable_schema = ON');
  return db;
}

export function openJournalDb(path: string, create: boolean): OpenedDb {
  try {
    return { db: openHealthy(path, create), salvage: false };
  } catch (err) {
    const cause = err instanceof JournalError ? err.cause : err;
    if (!create && isCorrupt(cause)) {
      const db = openSalvage(path);
      try {
        checkFormat(db, path);
      } catch (e) {
        db.close();
        throw e instanceof JournalError ? e : new JournalError('damaged', `Cannot read the journal ${path}: ${(e as Error).message}`);
      }
      return { db, salvage: true };
    }
    throw err;
  }
}

function checkFormat(db: Database.Database, path: string): void {
  const format = db.prepare("SELECT v FROM meta WHERE k = 'format'").pluck().get();
  if (format !== JOURNAL_FORMAT) throw new JournalError('not_a_journal', `${path} is not a Sitrep journal`);
  const version = db.prepare("SELECT v FROM meta WHERE k = 'version'").pluck().get();
  if (version !== JOURNAL_VERSION) throw new JournalError('not_a_journal', `${path} is a journal of format version ${String(version)}; this Sitrep reads version ${JOURNAL_VERSION}`);
}

function openHealthy(path: string, create: boolean): Database.Database {
  const exists = existsSync(path);
  if (!exists && !create) throw new JournalError('not_found', `No journal at ${path}`);
  if (!exists) mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
  let db: Database.Database;
  try {
    db = new Database(path, { fileMustExist: !create });
    db.pragma('busy_timeout = 10000');
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
  } catch (err) {
    throw new JournalError('damaged', `Cannot open the journal ${path}: ${(err as Error).message}`, { cause: err });
  }
  if (!exists) chmodSync(path, 0o600);
  try {
    const hasMeta = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'meta'").get() !== undefined;
    if (!hasMeta) {
      if (!create) throw new JournalError('not_a_journal', `${path} is not a Sitrep journal (no meta table): it is empty, damaged or another file`);
      db.transaction(() => {
        if (db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'meta'").get() !== undefined) return;
        db.exec(SCHEMA);
        const put = db.prepare('INSERT INTO meta (k, v) VALUES (?, ?)');
        put.run('format', JOURNAL_FORMAT);
        put.run('version', JOURNAL_VERSION);
        put.run('journal_id', randomUUID());
        put.run('created_at', String(Date.now()));
      }).immediate();
    }
    checkFormat(db, path);
  } catch (err) {
    db.close();
    if (err instanceof JournalError) throw err;
    throw new JournalError('damaged', `Cannot read the journal ${path}: ${(err as Error).message}`, { cause: err });
  }
  return db;
}

export function metaGet(db: Database.Database, k: string): string | null {
  const v: unknown = db.prepare('SELECT v FROM meta WHERE k = ?').pluck().get(k);
  return typeof v === 'string' ? v : null;
}

export function metaPut(db: Database.Database, k: string, v: string): void {
  db.prepare('INSERT INTO meta (k, v) VALUES (?, ?) ON CONFLICT(k) DO UPDATE SET v = excluded.v').run(k, v);
}
