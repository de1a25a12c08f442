/**
 * The bundle's cryptography: a content key from a passphrase (scrypt) or for a recipient's X25519
 * key (a one-time key pair, ECDH, HKDF-SHA256), AES-256-GCM over the compressed payload, and the
 * exporter's Ed25519 signature. Only node:crypto.
 */
import { createCipheriv, createDecipheriv, createHash, createPublicKey, diffieHellman, generateKeyPairSync, hkdfSync, randomBytes, scrypt, sign, verify, type KeyObject } from 'node:crypto';
import { publicKeyObject } from '../auth/signing-key';
import { BundleError } from './errors';
import { SIGNATURE_DOMAIN, TAG_BYTES } from './format';
import type { BundleHeader } from './schema';

export const MIN_PASSPHRASE = 12;
export const DEFAULT_SCRYPT = { N: 2 ** 16, r: 8, p: 1 } as const;
const HKDF_INFO = Buffer.from('sitrep-review-bundle-v1 aes-256-gcm', 'utf8');

export type Encryption = BundleHeader['encryption'];

export function sha256Hex(data: Uint8Array | string): string {
  return createHash('sha256').update(data).digest('hex');
}

/** A short, stable fingerprint of a public key (SPKI DER, base64), for people to compare. */
export function keyFingerprint(spkiBase64: string): string {
  const hex = sha256Hex(Buffer.from(spkiBase64, 'base64')).slice(0, 16);
  return hex.match(/.{4}/g)?.join(':') ?? hex;
}

export function checkPassphrase(passphrase: string): void {
  if ([...passphrase].length < MIN_PASSPHRASE) throw new BundleError('weak_passphrase', `A bundle passphrase needs at least ${MIN_PASSPHRASE} characters: the file leaves this machine`);
}

function scryptKey(passphrase: string, e: { N: number; r: number; p: number; salt: string }): Promise<Buffer> {
  const maxmem = 128 * e.N * e.r + 32 * 1024 * 1024;
  return new Promise((resolve, reject) => {
    scrypt(passphrase.normalize('NFC'), Buffer.from(e.salt, 'base64'), 32, { N: e.N, r: e.r, p: e.p, maxmem }, (err, key) => (err ? reject(err) : resolve(key)));
  });
}

/** A new content key and how a reader derives it again. */
export async function passphraseKey(passphrase: string): Promise<{ key: Buffer; encryption: Encryption }> {
  checkPassphrase(passphrase);
  const encryption = { kind: 'passphrase' as const, kdf: 'scrypt' as const, ...DEFAULT_SCRYPT, salt: randomBytes(16).toString('base64') };
  return { key: await scryptKey(passphrase, encryption), encryption };
}

function hkdfKey(shared: Buffer, ephemeralSpki: Buffer, recipientSpki: Buffer): Buffer {
  return Buffer.from(hkdfSync('sha256', shared, Buffer.concat([ephemeralSpki, recipientSpki]), HKDF_INFO, 32));
}

export function x25519Public(spkiBase64: string): KeyObject {
  let key: KeyObject;
  try {
    key = createPublicKey({ key: Buffer.from(spkiBase64, 'base64'), format: 'der', type: 'spki' });
  } catch {
    throw new BundleError('malformed', 'The X25519 public key cannot be read');
  }
  if (key.asymmetricKeyType !== 'x25519') throw new BundleError('malformed', 'The key is not an X25519 public key');
  return key;
}

const spkiOf = (k: KeyObject): Buffer => k.export({ format: 'der', type: 'spki' });

/** A new content key for the holder of `recipient` (X25519 public key, SPKI base64). */
export function recipientKey(recipientSpkiBase64: string): { key: Buffer; encryption: Encryption } {
  const recipient = x25519Public(recipientSpkiBase64);
  const eph = generateKeyPairSync('x25519');
  const shared = diffieHellman({ privateKey: eph.privateKey, publicKey: recipient });
  const ephSpki = spkiOf(eph.publicKey);
  const recipientSpki = spkiOf(recipient);
  return {
    key: hkdfKey(shared, ephSpki, recipientSpki),
    encryption: { kind: 'recipient', scheme: 'x25519-hkdf-sha256', ephemeralPublicKey: ephSpki.toString('base64'), recipient: keyFingerprint(recipientSpki.toString('base64')) },
  };
}

/** What opens a bundle: its passphrase, or the recipient's private key. */
export type Opener = { passphrase: string } | { privateKey: KeyObject };

/** The content key a reader derives; throws BundleError when the opener cannot be the right kind. */
export async function contentKey(encryption: Encryption, opener: Opener): Promise<Buffer> {
  if (encryption.kind === 'passphrase') {
    if (!('passphrase' in opener)) throw new BundleError('needs_key', 'This bundle is encrypted with a passphrase: give the passphrase, not a key file');
    return scryptKey(opener.passphrase, encryption);
  }
  if (!('privateKey' in opener)) {
    throw new BundleError('needs_key', `This bundle is encrypted for a recipient key (${encryption.recipient}): open it with that key file, not a passphrase`);
  }
  const mine = createPublicKey(opener.privateKey);
  const minePrint = keyFingerprint(spkiOf(mine).toString('base64'));
  if (minePrint !== encryption.recipient) throw new BundleError('wrong_key', `This bundle is for the recipient key ${encryption.recipient}; the key given is ${minePrint}`);
  const eph = x25519Public(encryption.ephemeralPublicKey);
  const shared = diffieHellman({ privateKey: opener.privateKey, publicKey: eph });
  return hkdfKey(shared, spkiOf(eph), spkiOf(mine));
}

export const newNonce = (): Buffer => randomBytes(12);

/** AES-256-GCM; the 16-byte tag is appended to the ciphertext. */
export function encrypt(key: Buffer, nonce: Buffer, plaintext: Buffer, aad: Buffer): Buffer {
  const cipher = createCipheriv('aes-256-gcm', key, nonce);
  cipher.setAAD(aad);
  const body = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  return Buffer.concat([body, cipher.getAuthTag()]);
}

/** The plaintext, or null when the tag does not verify (wrong key, or changed bytes). */
export function decrypt(key: Buffer, nonce: Buffer, ciphertext: Buffer, aad: Buffer): Buffer | null {
  if (ciphertext.length < TAG_BYTES) return null;
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, nonce);
    decipher.setAAD(aad);
    decipher.setAuthTag(ciphertext.subarray(ciphertext.length - TAG_BYTES));
    return Buffer.concat([decipher.update(ciphertext.subarray(0, ciphertext.length - TAG_BYTES)), decipher.final()]);
  } catch {
    return null;
  }
}

export function signBundle(signed: Buffer, privateKey: KeyObject): Buffer {
  return sign(null, Buffer.concat([SIGNATURE_DOMAIN, signed]), privateKey);
}

export function signatureValid(signed: Buffer, signature: Buffer, publicKeySpki: string): boolean {
  try {
    return verify(null, Buffer.concat([SIGNATURE_DOMAIN, signed]), publicKeyObject(publicKeySpki), signature);
  } catch {
    return false;
  }
}
