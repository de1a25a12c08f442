/**
 * How one journal entry is sealed and chained.
 * - Keys: HKDF-SHA256 from the journal's data key (salt = journal id) gives independent keys for
 *   entry encryption, the head MAC and sealing the journal's signing key.
 * - Encryption: AES-256-GCM, a random 96-bit nonce per entry, AAD = `seq|kind|prevHash`; the
 *   plaintext is JSON `{ ts, actor, payload }` (ts and actor repeated inside, so a changed clear
 *   field is caught at its own entry even if the attacker recomputed the hashes).
 * - Chain: hash = SHA-256 over JSON [tag, seq, ts, kind, actor, prevHash, nonce, ciphertext,
 *   authTag] (binary fields base64); the first prevHash is SHA-256 of the journal id.
 * - Head: (seq, hash) with an HMAC under the head key, updated in the same transaction.
 */
import { createCipheriv, createDecipheriv, createHash, createHmac, hkdfSync, randomBytes, timingSafeEqual } from 'node:crypto';

export interface JournalKeys {
  entry: Buffer;
  head: Buffer;
  signing: Buffer;
}

function hkdf(dataKey: Buffer, journalId: string, info: string): Buffer {
  return Buffer.from(hkdfSync('sha256', dataKey, Buffer.from(journalId, 'utf8'), Buffer.from(info, 'utf8'), 32));
}

export function deriveJournalKeys(dataKey: Buffer, journalId: string): JournalKeys {
  return {
    entry: hkdf(dataKey, journalId, 'sitrep journal entries v1'),
    head: hkdf(dataKey, journalId, 'sitrep journal head v1'),
    signing: hkdf(dataKey, journalId, 'sitrep journal signing key v1'),
  };
}

export function genesisHash(journalId: string): string {
  return createHash('sha256').update(`sitrep-journal-genesis-v1|${journalId}`).digest('hex');
}

export interface EntryRow {
  seq: number;
  ts: number;
  kind: string;
  actor: string;
  prev_hash: string;
  hash: string;
  nonce: Buffer;
  ciphertext: Buffer;
  tag: Buffer;
}

export function entryAad(seq: number, kind: string, prevHash: string): Buffer {
  return Buffer.from(`${seq}|${kind}|${prevHash}`, 'utf8');
}

export function entryHash(r: Omit<EntryRow, 'hash'>): string {
  const fields = ['sitrep-journal-entry-v1', r.seq, r.ts, r.kind, r.actor, r.prev_hash, r.nonce.toString('base64'), r.ciphertext.toString('base64'), r.tag.toString('base64')];
  return createHash('sha256').update(JSON.stringify(fields)).digest('hex');
}

export interface EntryPlain {
  ts: number;
  actor: string;
  payload: unknown;
}

export function sealEntry(key: Buffer, seq: number, kind: string, prevHash: string, plain: EntryPlain): { nonce: Buffer; ciphertext: Buffer; tag: Buffer } {
  const nonce = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, nonce);
  cipher.setAAD(entryAad(seq, kind, prevHash));
  const ciphertext = Buffer.concat([cipher.update(JSON.stringify(plain), 'utf8'), cipher.final()]);
  return { nonce, ciphertext, tag: cipher.getAuthTag() };
}

/** The plaintext JSON, or null when the tag does not verify (wrong key or changed bytes). */
export function openEntry(key: Buffer, r: EntryRow): unknown {
  try {
    if (r.nonce.length !== 12 || r.tag.length !== 16) return null;
    const decipher = createDecipheriv('aes-256-gcm', key, r.nonce);
    decipher.setAAD(entryAad(r.seq, r.kind, r.prev_hash));
    decipher.setAuthTag(r.tag);
    const text = Buffer.concat([decipher.update(r.ciphertext), decipher.final()]).toString('utf8');
    return JSON.parse(text) as unknown;
  } catch {
    return null;
  }
}

export function headMac(key: Buffer, journalId: string, seq: number, hash: string): string {
  return createHmac('sha256', key).update(`sitrep-journal-head-v1|${journalId}|${seq}|${hash}`).digest('hex');
}

export function headMacValid(key: Buffer, journalId: string, seq: number, hash: string, mac: string): boolean {
  const a = Buffer.from(headMac(key, journalId, seq, hash), 'hex');
  const b = Buffer.from(mac, 'hex');
  return a.length === b.length && timingSafeEqual(a, b);
}
