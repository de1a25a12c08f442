/**
 * The desktop's key provider: wraps the vault's data key with the operating system's keystore
 * (Electron's safeStorage, see src/main/electron/safe-storage.ts). The core never imports
 * Electron: the desktop host registers a provider here before it creates the core.
 */
export type ProviderAvailability = { ok: true } | { ok: false; reason: string };

export interface WrapKeyProvider {
  name: 'safeStorage';
  /** Whether wrapping is safe now (on Linux: refused when the backend is the plaintext `basic_text`). */
  availability(): ProviderAvailability;
  wrap(key: Buffer): Buffer;
  unwrap(wrapped: Buffer): Buffer;
}

let desktopProvider: WrapKeyProvider | null = null;

/** Called once by the desktop host; cores of host 'electron' use it. */
export function setDesktopKeyProvider(provider: WrapKeyProvider | null): void {
  desktopProvider = provider;
}

export function desktopKeyProvider(): WrapKeyProvider | null {
  return desktopProvider;
}
