/**
 * The container of a review bundle (`.sitrep`). All integers big-endian.
 *
 *   offset      size  field
 *   0           8     magic "SITREPRB"
 *   8           2     container version (1)
 *   10          4     header length H (1 .. 65536)
 *   14          H     header: UTF-8 JSON (schema.ts BundleHeader), signed, in clear
 *   14+H        C     ciphertext: AES-256-GCM of gzip(JSON Lines payload), the 16-byte tag last;
 *                     C = header.payload.bytes; the additional data is gcmAad(header): the
 *                     header's canonical JSON without payload.sha256 (which hashes the result)
 *   14+H+C      64    Ed25519 signature over "sitrep-review-bundle-v1\n" || bytes [0, 14+H)
 *
 * The header carries the SHA-256 of the ciphertext, so the signature covers every byte of the
 * file; nothing may follow the signature. This module only frames and unframes: cryptographic
 * checks are in ./read.ts.
 */
import { canonicalJson } from '../auth/canonical-json';
import { BundleError } from './errors';
import { BundleHeader } from './schema';

export const MAGIC = Buffer.from('SITREPRB', 'ascii');
export const CONTAINER_VERSION = 1;
export const PREFIX_BYTES = 14;
export const MAX_HEADER_BYTES = 64 * 1024;
export const SIGNATURE_BYTES = 64;
export const TAG_BYTES = 16;
export const SIGNATURE_DOMAIN = Buffer.from('sitrep-review-bundle-v1\n', 'utf8');

/** Reader limits: a file, and its payload once decompressed. */
export const MAX_BUNDLE_BYTES = 512 * 1024 * 1024;
export const MAX_PLAIN_BYTES = 1024 * 1024 * 1024;

export interface Framed {
  /** Bytes [0, 14+H): what the GCM additional data and the signature cover. */
  signed: Buffer;
  header: BundleHeader;
  ciphertext: Buffer;
  signature: Buffer;
}

export function frame(header: BundleHeader, ciphertext: Buffer, sign: (signed: Buffer) => Buffer): Buffer {
  const signed = headerBytes(header);
  const signature = sign(signed);
  if (signature.length !== SIGNATURE_BYTES) throw new Error('an Ed25519 signature is 64 bytes');
  return Buffer.concat([signed, ciphertext, signature]);
}

/** GCM additional data: binds the header (all of it but the ciphertext's own hash) to the ciphertext. */
export function gcmAad(header: BundleHeader): Buffer {
  const { sha256: _hash, ...payload } = header.payload;
  return Buffer.from(`sitrep-review-bundle-v1 aad\n${canonicalJson({ ...header, payload })}`, 'utf8');
}

/** The magic, version, length and header: the part signed and used as additional data. */
export function headerBytes(header: BundleHeader): Buffer {
  const json = Buffer.from(JSON.stringify(header), 'utf8');
  if (json.length > MAX_HEADER_BYTES) throw new Error(`the header is over ${MAX_HEADER_BYTES} bytes`);
  const prefix = Buffer.alloc(PREFIX_BYTES);
  MAGIC.copy(prefix, 0);
  prefix.writeUInt16BE(CONTAINER_VERSION, 8);
  prefix.writeUInt32BE(json.length, 10);
  return Buffer.concat([prefix, json]);
}

function issue(err: { issues: { path: PropertyKey[]; message: string }[] }): string {
  const first = err.issues[0];
  return first ? `${first.path.map(String).join('.') || '(root)'}: ${first.message}` : 'invalid';
}

/** Splits a file into its parts, checking the framing and the header's shape; no cryptography. */
export function unframe(file: Uint8Array, maxBytes = MAX_BUNDLE_BYTES): Framed {
  const buf = Buffer.from(file.buffer, file.byteOffset, file.byteLength);
  if (buf.length > maxBytes) throw new BundleError('too_large', `The file is ${buf.length} bytes, over the ${maxBytes}-byte limit for a bundle`);
  if (buf.length < MAGIC.length || !buf.subarray(0, MAGIC.length).equals(MAGIC)) {
    throw new BundleError('not_a_bundle', 'This is not a Sitrep review bundle (it does not start with SITREPRB)');
  }
  if (buf.length < PREFIX_BYTES) throw new BundleError('truncated', 'The bundle is truncated: it ends inside its first 14 bytes');
  const version = buf.readUInt16BE(8);
  if (version !== CONTAINER_VERSION) {
    throw new BundleError('unsupported_version', `The bundle has container version ${version}; this Sitrep reads version ${CONTAINER_VERSION}. Open it with a newer Sitrep.`);
  }
  const headerLength = buf.readUInt32BE(10);
  if (headerLength < 2 || headerLength > MAX_HEADER_BYTES) throw new BundleError('malformed', `The bundle's header length (${headerLength}) is outside 2..${MAX_HEADER_BYTES}`);
  const headerEnd = PREFIX_BYTES + headerLength;
  if (buf.length < headerEnd) throw new BundleError('truncated', `The bundle is truncated: it ends inside its header (${buf.length} of at least ${headerEnd} bytes)`);
  let raw: unknown;
  try {
    raw = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(buf.subarray(PREFIX_BYTES, headerEnd)));
  } catch {
    throw new BundleError('malformed', 'The bundle header is not valid UTF-8 JSON: the file was damaged or modified');
  }
  const parsed = BundleHeader.safeParse(raw);
  if (!parsed.success) throw new BundleError('malformed', `The bundle header is not valid (${issue(parsed.error)}): the file was damaged or modified`);
  const header = parsed.data;
  const expected = headerEnd + header.payload.bytes + SIGNATURE_BYTES;
  if (buf.length < expected) throw new BundleError('truncated', `The bundle is truncated: ${buf.length} of ${expected} bytes`);
  if (buf.length > expected) throw new BundleError('malformed', `The bundle has ${buf.length - expected} unexpected bytes after its signature`);
  return {
    signed: buf.subarray(0, headerEnd),
    header,
    ciphertext: buf.subarray(headerEnd, headerEnd + header.payload.bytes),
    signature: buf.subarray(headerEnd + header.payload.bytes),
  };
}
