/**
 * Contract channels of the Connections feature (declared here, spread into ../contract.ts).
 * No output ever carries a secret: connections travel as ConnectionView (auth type, header names).
 */
import { z } from 'zod';
import { ConnectionInput, ConnectionView, ProbeResult } from './connections';

const Empty = z.object({}).strict();
const Ref = z.object({ id: z.string().min(1).max(128) }).strict();

export const ConnectionTestRecord = z.object({ at: z.number(), result: ProbeResult });
export type ConnectionTestRecord = z.infer<typeof ConnectionTestRecord>;

export const ConnectionListItem = ConnectionView.extend({ lastTest: ConnectionTestRecord.nullable() });
export type ConnectionListItem = z.infer<typeof ConnectionListItem>;

export const VaultStatus = z.object({
  state: z.enum(['uninitialised', 'locked', 'unlocked']),
  /** What unlocks it: the OS keystore (desktop) or a passphrase. */
  provider: z.enum(['passphrase', 'safeStorage']),
  /** Why the OS keystore is not used (e.g. Linux's plaintext `basic_text` backend refused). */
  note: z.string().optional(),
});
export type VaultStatus = z.infer<typeof VaultStatus>;

const Passphrase = z.object({ passphrase: z.string().min(1).max(1024) }).strict();

export const connectionChannels = {
  'connections.list': { input: Empty, output: z.array(ConnectionListItem) },
  'connections.add': { input: ConnectionInput.strict(), output: ConnectionView },
  'connections.remove': { input: Ref, output: z.object({ removed: z.boolean() }) },
  'connections.test': { input: Ref, output: ProbeResult },
  'vault.status': { input: Empty, output: VaultStatus },
  'vault.unlock': { input: Passphrase, output: VaultStatus },
  'vault.init': { input: Passphrase, output: VaultStatus },
} as const;
