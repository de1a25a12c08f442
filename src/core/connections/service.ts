/**
 * The Connections service: add, list, get, remove and test connections, over the vault. One
 * service per core (see `connectionServiceFor`); the CLI makes its own over the data folder.
 * Secrets are decrypted only for get/test/polling, inside the core, and scrubbed from messages.
 */
import { randomUUID } from 'node:crypto';
import { ConnectionInput, type Connection, type ConnectionView, type ProbeResult } from '../../shared/connections';
import type { ConnectionListItem } from '../../shared/contract-connections';
import type { CoreContext } from '../app/context';
import { probeConnection } from './clients';
import { DecryptError } from './crypto';
import type { StoredConnection } from './doc';
import { desktopKeyProvider } from './key-provider';
import { scrub, secretValues, toConnection, toListItem, toStored, toView } from './records';
import { fileStorage, memoryStorage, type VaultStorage } from './storage';
import { createVault, VaultError, type Vault } from './vault';

export type ServiceContext = Pick<CoreContext, 'dataDir' | 'host'>;

export type ConnectionErrorCode = 'not_found' | 'duplicate' | 'invalid' | 'tampered';
export class ConnectionError extends Error {
  constructor(
    readonly code: ConnectionErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'ConnectionError';
  }
}

export interface ConnectionService {
  vault: Vault;
  /** Public views with the last test result; works while locked. */
  list(): ConnectionListItem[];
  add(input: unknown): ConnectionView;
  /** Decrypted: core-internal only. `ref` is an id or a name. */
  get(ref: string): Connection;
  remove(ref: string): boolean;
  test(ref: string, signal?: AbortSignal): Promise<ProbeResult>;
  /** Every connection decrypted; empty when the vault is locked. */
  listDecrypted(): Connection[];
}

export function createConnectionService(ctx: ServiceContext, storage?: VaultStorage): ConnectionService {
  const store = storage ?? (ctx.dataDir ? fileStorage(ctx.dataDir) : memoryStorage());
  const vault = createVault(store, ctx.host === 'electron' ? desktopKeyProvider() : null);

  function find(ref: string): StoredConnection {
    const list = store.read().connections;
    const s = list.find((c) => c.id === ref) ?? list.find((c) => c.name === ref);
    if (!s) throw new ConnectionError('not_found', `No connection named or with id "${ref.slice(0, 128)}"`);
    return s;
  }

  function decrypt(s: StoredConnection, key: Buffer): Connection {
    try {
      return toConnection(s, key);
    } catch (err) {
      if (err instanceof DecryptError) {
        throw new ConnectionError('tampered', `The credentials of "${s.name}" cannot be decrypted: ${store.where} was modified or damaged`);
      }
      throw err;
    }
  }

  return {
    vault,
    list: () => store.read().connections.map(toListItem),
    add(raw) {
      const parsed = ConnectionInput.safeParse(raw);
      if (!parsed.success) {
        const first = parsed.error.issues[0];
        throw new ConnectionError('invalid', `Invalid connection: ${first ? `${first.path.join('.') || 'input'}: ${first.message}` : 'invalid'}`);
      }
      const key = vault.key();
      const conn: Connection = { ...parsed.data, id: randomUUID(), createdAt: Date.now() };
      const stored = toStored(conn, key);
      store.update((doc) => {
        if (doc.connections.some((c) => c.name === parsed.data.name)) {
          throw new ConnectionError('duplicate', `A connection named "${parsed.data.name}" already exists`);
        }
        return { ...doc, connections: [...doc.connections, stored] };
      });
      return toView(stored);
    },
    get: (ref) => decrypt(find(ref), vault.key()),
    remove(ref) {
      let removed = false;
      store.update((doc) => {
        const s = doc.connections.find((c) => c.id === ref) ?? doc.connections.find((c) => c.name === ref);
        if (!s) return doc;
        removed = true;
        return { ...doc, connections: doc.connections.filter((c) => c.id !== s.id) };
      });
      return removed;
    },
    async test(ref, signal) {
      const conn = decrypt(find(ref), vault.key());
      const raw = await probeConnection(conn, signal);
      const secrets = secretValues(conn);
      const result: ProbeResult = raw.ok
        ? { ...raw, latencyMs: Math.round(raw.latencyMs), detail: scrub(raw.detail, secrets) }
        : { ...raw, latencyMs: raw.latencyMs === null ? null : Math.round(raw.latencyMs), message: scrub(raw.message, secrets) };
      const at = Date.now();
      store.update((doc) => ({ ...doc, connections: doc.connections.map((c) => (c.id === conn.id ? { ...c, lastTest: { at, result } } : c)) }));
      return result;
    },
    listDecrypted() {
      let key: Buffer;
      try {
        key = vault.key();
      } catch (err) {
        if (err instanceof VaultError) return [];
        throw err;
      }
      const out: Connection[] = [];
      for (const s of store.read().connections) {
        try {
          out.push(decrypt(s, key));
        } catch (err) {
          if (!(err instanceof ConnectionError)) throw err; // a damaged entry must not stop the others
        }
      }
      return out;
    },
  };
}

const services = new WeakMap<object, ConnectionService>();

/** The core's one service (created on first use). */
export function connectionServiceFor(ctx: CoreContext): ConnectionService {
  let s = services.get(ctx);
  if (!s) {
    s = createConnectionService(ctx);
    services.set(ctx, s);
  }
  return s;
}

/** For the live poller: decrypted connections, empty while the vault is locked. */
export function listConnectionsForPolling(ctx: CoreContext): Promise<Connection[]> {
  return Promise.resolve(connectionServiceFor(ctx).listDecrypted());
}
