/**
 * The journal keeps its data-key header inside its own file (meta row `vault`), in the same
 * shape as the credential vault's header, so the credential vault's code (./connections/vault:
 * passphrase wrap with scrypt, desktop wrap with the OS keystore, key check) serves the journal
 * unchanged. This adapter presents that row as a vault document with no connections.
 */
import type Database from 'better-sqlite3';
import { emptyDoc, VaultHeader, type VaultDoc } from '../connections/doc';
import type { VaultStorage } from '../connections/storage';
import { JournalError, metaGet, metaPut } from './db';

export function journalVaultStorage(db: Database.Database, where: string): VaultStorage {
  function read(): VaultDoc {
    const raw = metaGet(db, 'vault');
    if (raw === null) return emptyDoc();
    const parsed = VaultHeader.safeParse(JSON.parse(raw));
    if (!parsed.success) throw new JournalError('damaged', `The key header of ${where} is damaged`);
    return { ...emptyDoc(), vault: parsed.data };
  }
  function write(doc: VaultDoc): void {
    if (doc.connections.length > 0) throw new Error('a journal holds no connections');
    if (doc.vault === null) throw new Error('a journal key header cannot be removed');
    metaPut(db, 'vault', JSON.stringify(VaultHeader.parse(doc.vault)));
  }
  return {
    where,
    read,
    write,
    update(change) {
      return db
        .transaction(() => {
          const next = change(read());
          write(next);
          return next;
        })
        .immediate();
    },
  };
}
