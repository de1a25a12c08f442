/**
 * The desktop's key provider: Electron's safeStorage (Keychain, DPAPI, libsecret/kwallet) wraps
 * the vault's random data key. On Linux the `basic_text` backend is a plaintext fallback with a
 * hard-coded password: it is refused, and the vault asks for a passphrase instead.
 */
import { safeStorage } from 'electron';
import type { WrapKeyProvider } from '../../core/connections/key-provider';

export function createSafeStorageKeyProvider(platform: NodeJS.Platform = process.platform): WrapKeyProvider {
  return {
    name: 'safeStorage',
    availability() {
      if (!safeStorage.isEncryptionAvailable()) return { ok: false, reason: 'The OS keystore is not available: a passphrase protects the credentials instead' };
      if (platform === 'linux') {
        const backend = safeStorage.getSelectedStorageBackend();
        if (backend === 'basic_text' || backend === 'unknown') {
          return { ok: false, reason: `The OS keystore backend is "${backend}" (no real keyring): a passphrase protects the credentials instead` };
        }
      }
      return { ok: true };
    },
    // safeStorage works on strings; the key travels as base64 inside it.
    wrap: (key) => safeStorage.encryptString(key.toString('base64')),
    unwrap: (wrapped) => Buffer.from(safeStorage.decryptString(wrapped), 'base64'),
  };
}
