/**
 * Writing a bundle: the payload records as JSON Lines (hashing each section as it goes), gzip,
 * AES-256-GCM under a key from the passphrase or for the recipient, then the header and the
 * exporter's Ed25519 signature. The whole file is built in memory, within MAX_PLAIN_BYTES.
 */
import type { KeyObject } from 'node:crypto';
import { createHash, type Hash } from 'node:crypto';
import { promisify } from 'node:util';
import { gzip } from 'node:zlib';
import { publicKeyOf } from '../auth/signing-key';
import type { PayloadRecord } from './collect';
import { encrypt, newNonce, passphraseKey, recipientKey, sha256Hex, signBundle, type Encryption } from './crypto';
import { BundleError } from './errors';
import { frame, gcmAad, MAX_PLAIN_BYTES, TAG_BYTES } from './format';
import { SECTIONS, type BundleHeader, type SectionDigest, type SectionName } from './schema';

const gzipAsync = promisify(gzip);

export interface Exporter {
  id: string;
  name: string;
  /** Ed25519, SPKI base64: must be the public half of `signingKey`. */
  publicKey: string;
  signingKey: KeyObject;
}

export type Sealing = { passphrase: string } | { recipientPublicKey: string };

export interface WriteOptions {
  exporter: Exporter;
  sealing: Sealing;
  sitrepVersion: string;
  createdAt: number;
  maxPlainBytes?: number;
}

export interface Written {
  bytes: Buffer;
  header: BundleHeader;
  sha256: string;
}

/** Serialises records in section order, with each section's count and digest. */
export function serialise(records: Iterable<PayloadRecord>, maxPlainBytes = MAX_PLAIN_BYTES): { plain: Buffer; contents: Record<SectionName, SectionDigest> } {
  const hashes = new Map<SectionName, Hash>(SECTIONS.map((s) => [s, createHash('sha256')]));
  const counts = new Map<SectionName, number>(SECTIONS.map((s) => [s, 0]));
  const chunks: Buffer[] = [];
  let size = 0;
  let section = 0;
  for (const r of records) {
    const at = SECTIONS.indexOf(r.t);
    if (at < section) throw new Error(`payload record ${r.t} out of section order`);
    section = at;
    const line = Buffer.from(JSON.stringify(r) + '\n', 'utf8');
    size += line.length;
    if (size > maxPlainBytes) throw new BundleError('export_refused', `The incident is too large for one bundle (over ${maxPlainBytes} bytes before compression): narrow its window`);
    hashes.get(r.t)?.update(line);
    counts.set(r.t, (counts.get(r.t) ?? 0) + 1);
    chunks.push(line);
  }
  const contents = Object.fromEntries(SECTIONS.map((s) => [s, { count: counts.get(s) ?? 0, sha256: hashes.get(s)?.digest('hex') ?? '' }])) as Record<SectionName, SectionDigest>;
  return { plain: Buffer.concat(chunks, size), contents };
}

export async function writeBundle(incidentId: string, records: Iterable<PayloadRecord>, opts: WriteOptions): Promise<Written> {
  if (publicKeyOf(opts.exporter.signingKey) !== opts.exporter.publicKey) throw new BundleError('export_refused', `The signing key is not ${opts.exporter.name}'s registered key`);
  const { plain, contents } = serialise(records, opts.maxPlainBytes);
  const compressed = await gzipAsync(plain, { level: 6 });
  const sealed: { key: Buffer; encryption: Encryption } = 'passphrase' in opts.sealing ? await passphraseKey(opts.sealing.passphrase) : recipientKey(opts.sealing.recipientPublicKey);
  const nonce = newNonce();
  const draft: BundleHeader = {
    format: 'sitrep-review-bundle',
    version: 1,
    createdAt: opts.createdAt,
    sitrepVersion: opts.sitrepVersion.slice(0, 64),
    exporter: { id: opts.exporter.id, name: opts.exporter.name, publicKey: opts.exporter.publicKey },
    incident: { id: incidentId },
    encryption: sealed.encryption,
    cipher: { name: 'aes-256-gcm', nonce: nonce.toString('base64') },
    payload: { compression: 'gzip', bytes: compressed.length + TAG_BYTES, plainBytes: plain.length, sha256: '' },
    contents,
  };
  const ciphertext = encrypt(sealed.key, nonce, compressed, gcmAad(draft));
  const header: BundleHeader = { ...draft, payload: { ...draft.payload, sha256: sha256Hex(ciphertext) } };
  const bytes = frame(header, ciphertext, (signed) => signBundle(signed, opts.exporter.signingKey));
  return { bytes, header, sha256: sha256Hex(bytes) };
}
