/**
 * Recipient keys: an X25519 key pair for people who receive bundles. The private key is kept in a
 * PKCS#8 PEM file encrypted under its own passphrase (mode 0600); the public key goes in a small
 * JSON file (`.pub`) that is handed to whoever exports for that person.
 */
import { createPrivateKey, generateKeyPairSync, type KeyObject } from 'node:crypto';
import { chmodSync, existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { z } from 'zod';
import { checkPassphrase, keyFingerprint, x25519Public } from './crypto';
import { BundleError } from './errors';

const MAX_KEY_FILE = 16 * 1024;

export const RecipientPublicFile = z
  .object({
    format: z.literal('sitrep-bundle-recipient'),
    version: z.literal(1),
    publicKey: z.string().min(40).max(100),
    fingerprint: z.string().max(32),
  })
  .strict();
export type RecipientPublicFile = z.infer<typeof RecipientPublicFile>;

export interface GeneratedKey {
  privatePath: string;
  publicPath: string;
  fingerprint: string;
}

function readSmall(path: string, what: string): string {
  let size: number;
  try {
    size = statSync(path).size;
  } catch (err) {
    throw new BundleError('needs_key', `Cannot read the ${what} ${path}: ${(err as Error).message}`);
  }
  if (size > MAX_KEY_FILE) throw new BundleError('malformed', `${path} is over ${MAX_KEY_FILE} bytes: not a ${what}`);
  return readFileSync(path, 'utf8');
}

/** Writes `<path>` (the private key, encrypted, 0600) and `<path>.pub`; refuses to overwrite either. */
export function generateRecipientKey(path: string, passphrase: string): GeneratedKey {
  checkPassphrase(passphrase);
  const publicPath = `${path}.pub`;
  for (const p of [path, publicPath]) if (existsSync(p)) throw new BundleError('export_refused', `${p} exists: choose another name (keys are never overwritten)`);
  const pair = generateKeyPairSync('x25519');
  const spki = pair.publicKey.export({ format: 'der', type: 'spki' }).toString('base64');
  const pem = pair.privateKey.export({ format: 'pem', type: 'pkcs8', cipher: 'aes-256-cbc', passphrase });
  writeFileSync(path, pem, { mode: 0o600, flag: 'wx' });
  chmodSync(path, 0o600);
  const fingerprint = keyFingerprint(spki);
  const pub: RecipientPublicFile = { format: 'sitrep-bundle-recipient', version: 1, publicKey: spki, fingerprint };
  writeFileSync(publicPath, JSON.stringify(pub, null, 2) + '\n', { mode: 0o644, flag: 'wx' });
  return { privatePath: path, publicPath, fingerprint };
}

/** The recipient's public key (SPKI base64) from the text of a `.pub` file. */
export function parseRecipientPublic(text: string, where = 'the recipient key'): { publicKey: string; fingerprint: string } {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    throw new BundleError('malformed', `${where} is not a recipient public key file (not JSON)`);
  }
  const parsed = RecipientPublicFile.safeParse(raw);
  if (!parsed.success) throw new BundleError('malformed', `${where} is not a recipient public key file (made by \`sitrep bundle keygen\`)`);
  x25519Public(parsed.data.publicKey);
  const fingerprint = keyFingerprint(parsed.data.publicKey);
  if (fingerprint !== parsed.data.fingerprint) throw new BundleError('malformed', `${where}: its fingerprint does not match its key: the file was modified`);
  return { publicKey: parsed.data.publicKey, fingerprint };
}

export function readRecipientPublic(path: string): { publicKey: string; fingerprint: string } {
  return parseRecipientPublic(readSmall(path, 'recipient public key file'), path);
}

/** The recipient's private key from its PEM text, decrypted with its passphrase. */
export function privateKeyFromPem(pem: string, passphrase: string, where = 'the key'): KeyObject {
  if (pem.length > MAX_KEY_FILE) throw new BundleError('malformed', `${where} is over ${MAX_KEY_FILE} bytes: not a recipient key`);
  let key: KeyObject;
  try {
    key = createPrivateKey({ key: pem, format: 'pem', passphrase });
  } catch {
    throw new BundleError('wrong_passphrase', `Cannot open ${where}: wrong passphrase, or not a key made by \`sitrep bundle keygen\``);
  }
  if (key.asymmetricKeyType !== 'x25519') throw new BundleError('malformed', `${where} holds a ${key.asymmetricKeyType ?? 'unknown'} key, not an X25519 recipient key`);
  return key;
}

export function readRecipientPrivate(path: string, passphrase: string): KeyObject {
  return privateKeyFromPem(readSmall(path, 'recipient key file'), passphrase, `the key ${path}`);
}
