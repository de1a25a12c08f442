/**
 * The encrypted, hash-chained, append-only journal. `openJournal` opens (or creates) the file and
 * obtains the data key through the credential vault's code (passphrase via scrypt, or the desktop
 * keystore provider); after that every call is synchronous. An append is one IMMEDIATE
 * transaction (next seq, seal, chain, insert, move the MAC'd head) committed with
 * synchronous=FULL: when `append` returns, the entry is on disk. Appends refuse to extend a
 * journal whose tail no longer matches its head record.
 */
import type Database from 'better-sqlite3';
import { chmodSync, closeSync, openSync, writeSync } from 'node:fs';
import { DecryptError, open, Sealed, seal } from '../connections/crypto';
import type { WrapKeyProvider } from '../connections/key-provider';
import { createVault, VaultError, type Vault } from '../connections/vault';
import { newSigningKeyPair, privateKeyObject } from '../auth/signing-key';
import { signCheckpoint, type Checkpoint } from './checkpoint';
import { JournalError, metaGet, metaPut, openJournalDb } from './db';
import { deriveJournalKeys, entryHash, genesisHash, headMac, headMacValid, openEntry, sealEntry, type EntryRow, type JournalKeys } from './entry-codec';
import { checkPayload, JournalKind, MAX_PAYLOAD_BYTES } from './kinds';
import { journalVaultStorage } from './vault-storage';
import { verifyJournal, type VerifyReport } from './verify';

export interface JournalEntry {
  seq: number;
  ts: number;
  kind: JournalKind;
  actor: string;
  hash: string;
  prevHash: string;
  payload: unknown;
}

export interface AppendInput {
  kind: JournalKind;
  actor: string;
  payload: unknown;
}

export interface Appended {
  seq: number;
  hash: string;
  ts: number;
}

export interface ListFilter {
  kind?: JournalKind;
  /** Case-insensitive, over actor, kind and the decrypted payload's values. */
  search?: string;
  limit?: number;
}

/** A page of entries, newest first (the journal viewer). */
export interface PageQuery {
  kinds?: readonly JournalKind[];
  /** Entries with from <= ts < to. */
  from?: number;
  to?: number;
  /** As ListFilter.search. */
  search?: string;
  /** Only entries older than this seq (the previous page's `next`). */
  before?: number;
  limit: number;
}

/** An entry of a page; `unreadable` when it does not decrypt (then payload is null: run verify). */
export type PageEntry = Omit<JournalEntry, 'kind'> & { kind: string; unreadable: boolean };

export interface Page {
  entries: PageEntry[];
  /** `before` for the next (older) page, or null when nothing older matched. */
  next: number | null;
  total: number;
}

export interface Journal {
  readonly path: string;
  readonly id: string;
  /** The journal's Ed25519 public key (SPKI DER, base64) that signs checkpoints. */
  readonly publicKey: string;
  /** True when the file is malformed and was opened read-only to verify what is left. */
  readonly salvage: boolean;
  append(input: AppendInput): Appended;
  head(): { seq: number; hash: string };
  list(filter?: ListFilter): JournalEntry[];
  /** Newest first, filtered in SQL by seq, time and kind, then by text over the decrypted entry. */
  page(query: PageQuery): Page;
  verify(checkpoint?: Checkpoint): VerifyReport;
  /** Signs the current head, then journals that a checkpoint was taken. */
  checkpoint(actor: string): Checkpoint;
  /** Decrypted JSON Lines, one entry per line (mode 0600); returns the number of entries. */
  exportJsonl(outPath: string): number;
  /** A consistent copy of the encrypted file (verifiable with the same passphrase). */
  exportEncrypted(outPath: string): Promise<void>;
  close(): void;
}

export interface OpenJournalOptions {
  /** Create the file when it does not exist (default false). */
  create?: boolean;
  /** The desktop keystore (Electron safeStorage); null in the browser host and CLI. */
  provider?: WrapKeyProvider | null;
  /** Asked only when the key is not otherwise available; `isNew` when the journal is being set up. */
  passphrase?: (isNew: boolean) => Promise<string>;
  now?: () => number;
}

const ACTOR_MAX = 256;

/** The words an entry can be found by: actor, kind and every string or number in its payload. */
function searchText(e: { actor: string; kind: string; payload: unknown }): string {
  const parts = [e.actor, e.kind];
  const walk = (v: unknown): void => {
    if (typeof v === 'string' || typeof v === 'number') parts.push(String(v));
    else if (Array.isArray(v)) v.forEach(walk);
    else if (v && typeof v === 'object') Object.values(v).forEach(walk);
  };
  walk(e.payload);
  return parts.join('\n');
}
const signingAad = (id: string): string => `journal signing key:${id}`;

async function unlockKey(vault: Vault, isUninitialised: boolean, opts: OpenJournalOptions, path: string): Promise<Buffer> {
  try {
    if (isUninitialised && opts.passphrase) {
      await vault.init(await opts.passphrase(true));
    } else {
      const st = vault.status();
      if (st.state === 'uninitialised') throw new JournalError('no_key', `The journal ${path} has no key yet: a passphrase is needed to set it up`);
      if (st.state === 'locked') {
        if (!opts.passphrase) throw new JournalError('locked', `The journal ${path} is locked: its passphrase is needed`);
        await vault.unlock(await opts.passphrase(false));
      }
    }
    return vault.key();
  } catch (err) {
    if (err instanceof VaultError) {
      switch (err.code) {
        case 'wrong_passphrase':
          throw new JournalError('wrong_passphrase', `Wrong passphrase for the journal ${path}`);
        case 'weak_passphrase':
          throw new JournalError('invalid', err.message);
        case 'locked':
        case 'already_initialised':
          throw new JournalError('locked', err.message.replace('vault', 'journal'));
        case 'damaged':
          throw new JournalError('damaged', `The key header of ${path} was modified`);
      }
    }
    throw err;
  }
}

function ensureKeysAndHead(db: Database.Database, id: string, keys: JournalKeys): string {
  return db
    .transaction(() => {
      let pub = metaGet(db, 'signing_public');
      if (pub === null) {
        const pair = newSigningKeyPair();
        metaPut(db, 'signing_public', pair.publicKey);
        metaPut(db, 'signing_private', JSON.stringify(seal(keys.signing, pair.privateKeyDer, signingAad(id))));
        pub = pair.publicKey;
      }
      const hasHead = db.prepare('SELECT 1 FROM head WHERE id = 1').get() !== undefined;
      const hasEntries = db.prepare('SELECT 1 FROM entries LIMIT 1').get() !== undefined;
      // Only a journal that never had an entry gets a fresh head; a removed head stays missing.
      if (!hasHead && !hasEntries) {
        const g = genesisHash(id);
        db.prepare('INSERT INTO head (id, seq, hash, mac) VALUES (1, 0, ?, ?)').run(g, headMac(keys.head, id, 0, g));
      }
      return pub;
    })
    .immediate();
}

export async function openJournal(path: string, opts: OpenJournalOptions = {}): Promise<Journal> {
  const { db, salvage } = openJournalDb(path, opts.create === true);
  try {
    return await withDb(db, salvage, path, opts);
  } catch (err) {
    db.close();
    throw err;
  }
}

async function withDb(db: Database.Database, salvage: boolean, path: string, opts: OpenJournalOptions): Promise<Journal> {
  const now = opts.now ?? Date.now;
  const storedId = metaGet(db, 'journal_id');
  if (!storedId) throw new JournalError('damaged', `${path} has no journal id`);
  const id: string = storedId;
  const storage = journalVaultStorage(db, path);
  const vault = createVault(storage, opts.provider ?? null);
  const dataKey = await unlockKey(vault, storage.read().vault === null, opts, path);
  const keys = deriveJournalKeys(dataKey, id);
  const publicKey = salvage ? (metaGet(db, 'signing_public') ?? '') : ensureKeysAndHead(db, id, keys);

  const lastRow = db.prepare('SELECT seq, hash FROM entries ORDER BY seq DESC LIMIT 1');
  const headRow = db.prepare('SELECT seq, hash, mac FROM head WHERE id = 1');
  const insert = db.prepare('INSERT INTO entries (seq, ts, kind, actor, prev_hash, hash, nonce, ciphertext, tag) VALUES (@seq, @ts, @kind, @actor, @prev_hash, @hash, @nonce, @ciphertext, @tag)');
  const moveHead = db.prepare('UPDATE head SET seq = ?, hash = ?, mac = ? WHERE id = 1');
  const all = db.prepare('SELECT seq, ts, kind, actor, prev_hash, hash, nonce, ciphertext, tag FROM entries ORDER BY seq');

  function trustedHead(): { seq: number; hash: string } {
    if (salvage) throw new JournalError('damaged', `${path} is damaged (SQLite reports it malformed): it can be verified and read, not extended`);
    const h = headRow.get() as { seq: number; hash: string; mac: string } | undefined;
    if (!h || !headMacValid(keys.head, id, h.seq, h.hash, h.mac)) throw new JournalError('damaged', `The head record of ${path} is missing or was modified: run \`sitrep journal verify\``);
    const last = lastRow.get() as { seq: number; hash: string } | undefined;
    const tail = last ?? { seq: 0, hash: genesisHash(id) };
    if (tail.seq !== h.seq || tail.hash !== h.hash) throw new JournalError('damaged', `The end of ${path} does not match its head record: run \`sitrep journal verify\``);
    return { seq: h.seq, hash: h.hash };
  }

  const appendTx = db.transaction((kind: JournalKind, actor: string, payload: unknown): Appended => {
    const h = trustedHead();
    const seq = h.seq + 1;
    const ts = now();
    const sealed = sealEntry(keys.entry, seq, kind, h.hash, { ts, actor, payload });
    const row = { seq, ts, kind, actor, prev_hash: h.hash, ...sealed };
    const hash = entryHash(row);
    insert.run({ ...row, hash });
    moveHead.run(seq, hash, headMac(keys.head, id, seq, hash));
    return { seq, hash, ts };
  });

  function decrypt(r: EntryRow): JournalEntry {
    const plain = openEntry(keys.entry, r) as { payload?: unknown } | null;
    const kind = JournalKind.safeParse(r.kind);
    if (plain === null || !kind.success) throw new JournalError('damaged', `Entry #${r.seq} cannot be read: run \`sitrep journal verify\``);
    return { seq: r.seq, ts: r.ts, kind: kind.data, actor: r.actor, hash: r.hash, prevHash: r.prev_hash, payload: plain.payload };
  }

  function* entries(): Generator<JournalEntry> {
    for (const r of all.iterate() as IterableIterator<EntryRow>) yield decrypt(r);
  }

  const journal: Journal = {
    path,
    id,
    publicKey,
    salvage,
    append(input) {
      const kind = JournalKind.parse(input.kind);
      if (typeof input.actor !== 'string' || input.actor.length === 0 || input.actor.length > ACTOR_MAX) throw new JournalError('invalid', `The actor must be 1-${ACTOR_MAX} characters`);
      const check = checkPayload(kind, input.payload);
      if (!check.ok) throw new JournalError('invalid', check.message);
      if (Buffer.byteLength(JSON.stringify(check.value)) > MAX_PAYLOAD_BYTES) throw new JournalError('invalid', `The ${kind} payload is larger than ${MAX_PAYLOAD_BYTES} bytes`);
      return appendTx.immediate(kind, input.actor, check.value);
    },
    head: () => trustedHead(),
    list(filter = {}) {
      const needle = filter.search?.toLowerCase();
      const out: JournalEntry[] = [];
      for (const e of entries()) {
        if (filter.kind && e.kind !== filter.kind) continue;
        if (needle && !searchText(e).toLowerCase().includes(needle)) continue;
        out.push(e);
        if (filter.limit !== undefined && out.length >= filter.limit) break;
      }
      return out;
    },
    page(q) {
      const where: string[] = [];
      const args: (number | string)[] = [];
      const add = (clause: string, ...values: (number | string)[]): void => {
        where.push(clause);
        args.push(...values);
      };
      if (q.before !== undefined) add('seq < ?', q.before);
      if (q.from !== undefined) add('ts >= ?', q.from);
      if (q.to !== undefined) add('ts < ?', q.to);
      if (q.kinds && q.kinds.length > 0) add(`kind IN (${q.kinds.map(() => '?').join(', ')})`, ...q.kinds);
      const sql = `SELECT seq, ts, kind, actor, prev_hash, hash, nonce, ciphertext, tag FROM entries${where.length > 0 ? ` WHERE ${where.join(' AND ')}` : ''} ORDER BY seq DESC`;
      const needle = q.search?.toLowerCase();
      const entries: PageEntry[] = [];
      let more = false;
      for (const r of db.prepare(sql).iterate(...args) as IterableIterator<EntryRow>) {
        // The clear fields must agree with the sealed copy, or the row is shown as unreadable.
        const plain = openEntry(keys.entry, r) as { ts?: unknown; actor?: unknown; payload?: unknown } | null;
        const intact = plain !== null && plain.ts === r.ts && plain.actor === r.actor && JournalKind.safeParse(r.kind).success;
        const e: PageEntry = { seq: r.seq, ts: r.ts, kind: r.kind, actor: r.actor, hash: r.hash, prevHash: r.prev_hash, payload: intact ? plain.payload : null, unreadable: !intact };
        if (needle && (e.unreadable || !searchText(e).toLowerCase().includes(needle))) continue;
        if (entries.length === q.limit) {
          more = true;
          break;
        }
        entries.push(e);
      }
      const total = (db.prepare('SELECT COUNT(*) AS n FROM entries').get() as { n: number }).n;
      const last = entries[entries.length - 1];
      return { entries, next: more && last ? last.seq : null, total };
    },
    verify: (checkpoint) => verifyJournal({ db, journalId: id, keys, signingPublic: metaGet(db, 'signing_public'), damagedFile: salvage }, checkpoint),
    checkpoint(actor) {
      const h = trustedHead();
      const sealedKey = Sealed.safeParse(JSON.parse(metaGet(db, 'signing_private') ?? 'null'));
      if (!sealedKey.success) throw new JournalError('damaged', `The signing key of ${path} is missing or damaged`);
      let der: Buffer;
      try {
        der = open(keys.signing, sealedKey.data, signingAad(id));
      } catch (err) {
        if (err instanceof DecryptError) throw new JournalError('damaged', `The signing key of ${path} was modified`);
        throw err;
      }
      const cp = signCheckpoint(id, h, now(), privateKeyObject(der), publicKey);
      journal.append({ kind: 'checkpoint', actor, payload: { seq: cp.seq, hash: cp.hash, publicKey } });
      return cp;
    },
    exportJsonl(outPath) {
      const fd = openSync(outPath, 'w', 0o600);
      let n = 0;
      try {
        chmodSync(outPath, 0o600);
        for (const e of entries()) {
          writeSync(fd, JSON.stringify(e) + '\n');
          n += 1;
        }
      } finally {
        closeSync(fd);
      }
      return n;
    },
    async exportEncrypted(outPath) {
      await db.backup(outPath);
      chmodSync(outPath, 0o600);
    },
    close: () => db.close(),
  };
  return journal;
}
