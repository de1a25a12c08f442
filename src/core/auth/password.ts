/**
 * Operator passwords: scrypt (N = 2^15, r = 8, p = 1, a random 16-byte salt per operator), with
 * the parameters stored beside the hash so they can be raised later. One derivation gives 64
 * bytes: the first 32 are the stored verifier (compared in constant time), the last 32 are the
 * key-encryption key for the operator's secrets (TOTP seed and Ed25519 private key). Both halves
 * are independent outputs of scrypt's final PBKDF2 step, so the stored half reveals nothing of
 * the other; one derivation (about 100 ms) instead of two keeps sign-in and step-up quick.
 */
import { randomBytes, scrypt, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';

export const PasswordRecord = z
  .object({
    algo: z.literal('scrypt'),
    N: z.number().int().min(2 ** 14).max(2 ** 22),
    r: z.number().int().min(8).max(32),
    p: z.number().int().min(1).max(16),
    salt: z.string().min(16).max(128),
    hash: z.string().min(40).max(128),
  })
  .strict();
export type PasswordRecord = z.infer<typeof PasswordRecord>;

export const PASSWORD_PARAMS = { N: 2 ** 15, r: 8, p: 1 } as const;
export const MIN_PASSWORD = 10;
export const MAX_PASSWORD = 1024;

function derive(password: string, salt: Buffer, N: number, r: number, p: number): Promise<Buffer> {
  const maxmem = 256 * N * r + 16 * 1024 * 1024;
  return new Promise((resolve, reject) => {
    scrypt(password.normalize('NFC'), salt, 64, { N, r, p, maxmem }, (err, key) => (err ? reject(err) : resolve(key)));
  });
}

export interface PasswordDerivation {
  record: PasswordRecord;
  /** Key-encryption key for the operator's sealed secrets. */
  kek: Buffer;
}

export async function newPassword(password: string): Promise<PasswordDerivation> {
  const salt = randomBytes(16);
  const out = await derive(password, salt, PASSWORD_PARAMS.N, PASSWORD_PARAMS.r, PASSWORD_PARAMS.p);
  return {
    record: { algo: 'scrypt', ...PASSWORD_PARAMS, salt: salt.toString('base64'), hash: out.subarray(0, 32).toString('base64') },
    kek: Buffer.from(out.subarray(32)),
  };
}

/** The key-encryption key when `password` matches `record`, else null (constant-time compare). */
export async function checkPassword(password: string, record: PasswordRecord): Promise<Buffer | null> {
  if (password.length > MAX_PASSWORD) return null;
  const out = await derive(password, Buffer.from(record.salt, 'base64'), record.N, record.r, record.p);
  const expected = Buffer.from(record.hash, 'base64');
  const actual = out.subarray(0, 32);
  return expected.length === actual.length && timingSafeEqual(expected, actual) ? Buffer.from(out.subarray(32)) : null;
}

/** Spends the same time as a real check, for names that do not exist. */
export async function dummyPasswordCheck(password: string): Promise<void> {
  await derive(password.slice(0, MAX_PASSWORD), Buffer.alloc(16), PASSWORD_PARAMS.N, PASSWORD_PARAMS.r, PASSWORD_PARAMS.p);
}

export function passwordProblem(password: string): string | null {
  if (password.length < MIN_PASSWORD) return `The password must have at least ${MIN_PASSWORD} characters`;
  if (password.length > MAX_PASSWORD) return `The password may have at most ${MAX_PASSWORD} characters`;
  return null;
}
