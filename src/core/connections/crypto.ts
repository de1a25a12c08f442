/**
 * The vault's cryptography, and nothing else: AES-256-GCM for every secret, scrypt to derive a
 * key-encryption key from a passphrase, an HMAC key-check value to recognise the data key.
 *
 * Parameters (recorded in connections.json so they can be raised later without breaking files):
 * scrypt N = 2^15, r = 8, p = 1, 32-byte key, 16-byte random salt (about 100 ms and 32 MiB here);
 * AES-256-GCM with a random 12-byte IV per encryption and a 16-byte tag; the additional data binds
 * each ciphertext to its purpose (the wrapped key, or one connection's id), so ciphertexts cannot
 * be swapped between connections.
 */
import { createCipheriv, createDecipheriv, createHmac, randomBytes, scrypt, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';

export const Sealed = z.object({ iv: z.string().max(64), ct: z.string().max(2_000_000), tag: z.string().max(64) }).strict();
export type Sealed = z.infer<typeof Sealed>;

export const ScryptParams = z
  .object({
    name: z.literal('scrypt'),
    N: z.number().int().min(2 ** 14).max(2 ** 22),
    r: z.number().int().min(8).max(32),
    p: z.number().int().min(1).max(16),
    keyLen: z.literal(32),
    salt: z.string().min(16).max(128),
  })
  .strict();
export type ScryptParams = z.infer<typeof ScryptParams>;

export const DEFAULT_SCRYPT = { N: 2 ** 15, r: 8, p: 1 } as const;

/** The GCM tag did not verify: wrong key, or the bytes were changed. */
export class DecryptError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DecryptError';
  }
}

export function newScryptParams(): ScryptParams {
  return { name: 'scrypt', ...DEFAULT_SCRYPT, keyLen: 32, salt: randomBytes(16).toString('base64') };
}

export function deriveKey(passphrase: string, params: ScryptParams): Promise<Buffer> {
  const maxmem = 256 * params.N * params.r + 16 * 1024 * 1024;
  return new Promise((resolve, reject) => {
    scrypt(passphrase.normalize('NFC'), Buffer.from(params.salt, 'base64'), params.keyLen, { N: params.N, r: params.r, p: params.p, maxmem }, (err, key) =>
      err ? reject(err) : resolve(key),
    );
  });
}

export function newDataKey(): Buffer {
  return randomBytes(32);
}

export function seal(key: Buffer, plaintext: Buffer, aad: string): Sealed {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(Buffer.from(aad, 'utf8'));
  const ct = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  return { iv: iv.toString('base64'), ct: ct.toString('base64'), tag: cipher.getAuthTag().toString('base64') };
}

export function open(key: Buffer, sealed: Sealed, aad: string): Buffer {
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(sealed.iv, 'base64'));
    decipher.setAAD(Buffer.from(aad, 'utf8'));
    const tag = Buffer.from(sealed.tag, 'base64');
    if (tag.length !== 16) throw new Error('bad tag length');
    decipher.setAuthTag(tag);
    return Buffer.concat([decipher.update(Buffer.from(sealed.ct, 'base64')), decipher.final()]);
  } catch {
    throw new DecryptError('decryption failed: wrong key or the data was modified');
  }
}

/** HMAC-SHA256 of a fixed label under the data key: recognises the key without revealing it. */
export function keyCheck(key: Buffer): string {
  return createHmac('sha256', key).update('sitrep connections key-check v1').digest('base64');
}

export function keyCheckMatches(key: Buffer, expected: string): boolean {
  const a = Buffer.from(keyCheck(key), 'base64');
  const b = Buffer.from(expected, 'base64');
  return a.length === b.length && timingSafeEqual(a, b);
}
