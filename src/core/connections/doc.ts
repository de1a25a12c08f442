/**
 * The shape of `<dataDir>/connections.json`. Non-secret fields are in clear (so the list shows
 * even while the vault is locked); auth and custom header values are one AES-GCM blob per
 * connection. Parsed with zod on every read: a damaged file gives a clear error, never a crash.
 */
import { z } from 'zod';
import { ProbeResult, SourceKind } from '../../shared/connections';
import { Sealed, ScryptParams } from './crypto';

export const StoredConnection = z
  .object({
    id: z.string().min(1).max(64),
    name: z.string().min(1).max(128),
    kind: SourceKind,
    url: z.string().max(2048),
    tls: z.object({
      caPem: z.string().max(262_144).optional(),
      insecureSkipVerify: z.boolean(),
      serverName: z.string().max(512).optional(),
    }),
    options: z.record(z.string().max(128), z.string().max(4096)),
    timeoutMs: z.number().int().min(100).max(120_000),
    createdAt: z.number(),
    authType: z.enum(['none', 'bearer', 'basic', 'apiKey', 'clientCert']),
    headerNames: z.array(z.string().max(256)).max(200),
    /** `{ auth, headers }` as JSON, sealed with the data key; AAD `connection:<id>`. */
    secrets: Sealed,
    lastTest: z.object({ at: z.number(), result: ProbeResult }).optional(),
  })
  .strict();
export type StoredConnection = z.infer<typeof StoredConnection>;

export const VaultHeader = z
  .object({
    /** HMAC of a fixed label under the data key. */
    keyCheck: z.string().max(128),
    /** The data key wrapped by a passphrase-derived key (browser host, CLI, and desktop fallback). */
    passphrase: z.object({ kdf: ScryptParams, wrappedKey: Sealed }).strict().optional(),
    /** The data key wrapped by Electron's safeStorage (desktop only). */
    safeStorage: z.object({ wrappedKey: z.string().max(4096) }).strict().optional(),
  })
  .strict();
export type VaultHeader = z.infer<typeof VaultHeader>;

export const VaultDoc = z
  .object({
    format: z.literal('sitrep-connections'),
    version: z.literal(1),
    vault: VaultHeader.nullable(),
    connections: z.array(StoredConnection).max(10_000),
  })
  .strict();
export type VaultDoc = z.infer<typeof VaultDoc>;

export function emptyDoc(): VaultDoc {
  return { format: 'sitrep-connections', version: 1, vault: null, connections: [] };
}

/** AAD binding a connection's sealed secrets to its id. */
export const secretsAad = (id: string): string => `connection:${id}`;
export const WRAP_AAD = 'sitrep data key v1';
