/**
 * Test helpers: a stand-in for the desktop keystore (Electron's safeStorage cannot run here)
 * that wraps with AES-256-GCM under a key the test holds, and raw access to a journal file for
 * tamper tests (the append-only triggers dropped first, as an attacker would).
 */
import Database from 'better-sqlite3';
import { open, seal, Sealed } from '../connections/crypto';
import type { WrapKeyProvider } from '../connections/key-provider';

export function testKeyProvider(wrappingKey: Buffer): WrapKeyProvider {
  return {
    name: 'safeStorage',
    availability: () => ({ ok: true }),
    wrap: (key) => Buffer.from(JSON.stringify(seal(wrappingKey, key, 'test keystore'))),
    unwrap: (wrapped) => open(wrappingKey, Sealed.parse(JSON.parse(wrapped.toString('utf8'))), 'test keystore'),
  };
}

/** Opens the file directly and runs `fn`, with the triggers that make entries append-only removed. */
export function tamper<T>(path: string, fn: (db: Database.Database) => T): T {
  const db = new Database(path, { fileMustExist: true });
  try {
    db.exec('DROP TRIGGER IF EXISTS entries_append_only_update; DROP TRIGGER IF EXISTS entries_append_only_delete;');
    return fn(db);
  } finally {
    db.close();
  }
}
