/**
 * The credential vault: holds the data key in memory once unlocked. The key itself is random;
 * the file keeps it wrapped by a passphrase-derived key (scrypt, see ./crypto.ts) and, on the
 * desktop, by the OS keystore (./key-provider.ts). It starts locked; a wrong passphrase changes
 * nothing. Nothing here ever logs or returns key material.
 */
import { DecryptError, deriveKey, keyCheck, keyCheckMatches, newDataKey, newScryptParams, open, seal } from './crypto';
import { WRAP_AAD, type VaultDoc, type VaultHeader } from './doc';
import type { WrapKeyProvider } from './key-provider';
import type { VaultStorage } from './storage';

export type VaultState = 'uninitialised' | 'locked' | 'unlocked';
export interface VaultStatus {
  state: VaultState;
  provider: 'passphrase' | 'safeStorage';
  /** Why the OS keystore is not used, when a desktop provider exists but was refused. */
  note?: string;
}

export type VaultErrorCode = 'locked' | 'wrong_passphrase' | 'already_initialised' | 'weak_passphrase' | 'damaged';
export class VaultError extends Error {
  constructor(
    readonly code: VaultErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'VaultError';
  }
}

export const MIN_PASSPHRASE = 8;

export interface Vault {
  status(): VaultStatus;
  init(passphrase: string): Promise<VaultStatus>;
  unlock(passphrase: string): Promise<VaultStatus>;
  lock(): void;
  /** The data key; throws VaultError('locked') when locked. */
  key(): Buffer;
}

export function createVault(storage: VaultStorage, provider: WrapKeyProvider | null): Vault {
  let dataKey: Buffer | null = null;

  function usableProvider(): { provider: WrapKeyProvider | null; note?: string } {
    if (!provider) return { provider: null };
    const a = provider.availability();
    return a.ok ? { provider } : { provider: null, note: a.reason };
  }

  /** Drops a held key that no longer matches the file (re-initialised elsewhere). */
  function current(doc: VaultDoc): VaultHeader | null {
    if (!doc.vault) {
      dataKey = null;
      return null;
    }
    if (dataKey && !keyCheckMatches(dataKey, doc.vault.keyCheck)) dataKey = null;
    return doc.vault;
  }

  /** Desktop: unlock (or create) with the OS keystore, without a passphrase. */
  function tryProvider(doc: VaultDoc): void {
    const { provider: p } = usableProvider();
    if (!p || dataKey) return;
    if (!doc.vault) {
      const key = newDataKey();
      storage.write({ ...doc, vault: { keyCheck: keyCheck(key), safeStorage: { wrappedKey: p.wrap(key).toString('base64') } } });
      dataKey = key;
      return;
    }
    if (!doc.vault.safeStorage) return;
    try {
      const key = p.unwrap(Buffer.from(doc.vault.safeStorage.wrappedKey, 'base64'));
      if (keyCheckMatches(key, doc.vault.keyCheck)) dataKey = key;
    } catch {
      // The keystore could not unwrap (another user or machine): the passphrase is the way in.
    }
  }

  function status(): VaultStatus {
    const doc = storage.read();
    current(doc);
    tryProvider(doc);
    const { provider: p, note } = usableProvider();
    const header = storage.read().vault;
    const state: VaultState = !header ? 'uninitialised' : dataKey ? 'unlocked' : 'locked';
    const out: VaultStatus = { state, provider: p ? 'safeStorage' : 'passphrase' };
    if (note) out.note = note;
    return out;
  }

  function checkPassphrase(passphrase: string): void {
    if (passphrase.length < MIN_PASSPHRASE) {
      throw new VaultError('weak_passphrase', `The passphrase must have at least ${MIN_PASSPHRASE} characters`);
    }
  }

  async function init(passphrase: string): Promise<VaultStatus> {
    checkPassphrase(passphrase);
    if (storage.read().vault) throw new VaultError('already_initialised', 'The vault is already set up: unlock it with its passphrase');
    const key = newDataKey();
    const kdf = newScryptParams();
    const kek = await deriveKey(passphrase, kdf);
    const header: VaultHeader = { keyCheck: keyCheck(key), passphrase: { kdf, wrappedKey: seal(kek, key, WRAP_AAD) } };
    const { provider: p } = usableProvider();
    if (p) header.safeStorage = { wrappedKey: p.wrap(key).toString('base64') };
    storage.update((doc) => {
      if (doc.vault) throw new VaultError('already_initialised', 'The vault was set up meanwhile: unlock it with its passphrase');
      return { ...doc, vault: header };
    });
    dataKey = key;
    return status();
  }

  async function unlock(passphrase: string): Promise<VaultStatus> {
    const doc = storage.read();
    const header = current(doc);
    if (!header) throw new VaultError('locked', 'The vault is not set up yet: choose a passphrase first');
    if (!header.passphrase) throw new VaultError('locked', 'This vault has no passphrase: it opens only with the desktop keystore');
    const kek = await deriveKey(passphrase, header.passphrase.kdf);
    let key: Buffer;
    try {
      key = open(kek, header.passphrase.wrappedKey, WRAP_AAD);
    } catch (err) {
      if (err instanceof DecryptError) throw new VaultError('wrong_passphrase', 'Wrong passphrase: the vault stays locked');
      throw err;
    }
    if (!keyCheckMatches(key, header.keyCheck)) throw new VaultError('damaged', `The key check in ${storage.where} does not match: the file was modified`);
    dataKey = key;
    const { provider: p } = usableProvider();
    if (p && !header.safeStorage) storage.write({ ...doc, vault: { ...header, safeStorage: { wrappedKey: p.wrap(key).toString('base64') } } });
    return status();
  }

  return {
    status,
    init,
    unlock,
    lock: () => void (dataKey = null),
    key() {
      const doc = storage.read();
      current(doc);
      tryProvider(doc);
      if (!dataKey) throw new VaultError('locked', 'The credential vault is locked: unlock it with its passphrase');
      return dataKey;
    },
  };
}
