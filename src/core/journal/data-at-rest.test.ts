/**
 * Everything Sitrep writes for operators and the journal, searched byte for byte for the secrets
 * and the text that went in: the passphrase, passwords, TOTP seeds (raw, base32, base64, hex),
 * enrolment URIs, private keys (PKCS#8 and raw seed), the journal's data key, and the words of
 * notes, decisions and evidence. Searched while the journal is open (WAL and SHM present) and
 * again after it is closed. None may appear.
 */
import Database from 'better-sqlite3';
import { readdirSync, readFileSync, statSync, existsSync } from 'node:fs';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { base32Encode } from '../auth/base32';
import { open, Sealed } from '../connections/crypto';
import { createVault } from '../connections/vault';
import { testOperators } from '../auth/testing';
import { deriveJournalKeys } from './entry-codec';
import { openJournal } from './journal';
import { journalVaultStorage } from './vault-storage';
import { writeCheckpointFile } from './checkpoint';

const PASSPHRASE = 'Quokka-Meridian-Passphrase-7731';
const NOTE = 'Rolled back gateway after canary-zebra-4471 failed';
const DECISION = 'Decision: failover to provider aurora-falcon-2290';
const QUERY = 'sum(rate(llm_errors_total{tenant="heron-5512"}[5m]))';

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    return statSync(p).isDirectory() ? filesUnder(p) : [p];
  });
}

function forms(secret: Buffer | string): Buffer[] {
  if (typeof secret === 'string') return [Buffer.from(secret, 'utf8'), Buffer.from(secret, 'utf16le'), Buffer.from(JSON.stringify(secret).slice(1, -1))];
  return [secret, Buffer.from(secret.toString('base64')), Buffer.from(secret.toString('base64url')), Buffer.from(secret.toString('hex')), Buffer.from(base32Encode(secret))];
}

function leaks(dir: string, needles: Record<string, Buffer | string>): string[] {
  const found: string[] = [];
  for (const file of filesUnder(dir)) {
    const bytes = readFileSync(file);
    for (const [what, secret] of Object.entries(needles)) {
      for (const f of forms(secret)) if (f.length >= 8 && bytes.includes(f)) found.push(`${what} in ${file.slice(dir.length + 1)}`);
    }
  }
  return found;
}

describe('data at rest', () => {
  it('holds no passphrase, password, TOTP seed, private key, data key or journal text in clear', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sitrep-at-rest-'));
    const needles: Record<string, Buffer | string> = { passphrase: PASSPHRASE, note: NOTE, decision: DECISION, query: QUERY, 'note word': 'canary-zebra-4471' };

    // Operators in the data folder, signed in once so the file also holds the used TOTP step.
    const t = await testOperators([['ana', ['commander']], ['ben', ['approver']]], dir);
    for (const [name, op] of t.ops) {
      needles[`${name} password`] = op.password;
      needles[`${name} TOTP seed`] = op.secret;
      needles[`${name} otpauth secret`] = base32Encode(op.secret);
      const v = await t.store.verifyCredentials(name, op.password, t.code(name));
      const der = v.signingKey.export({ format: 'der', type: 'pkcs8' });
      needles[`${name} private key`] = der;
      const jwk = v.signingKey.export({ format: 'jwk' });
      needles[`${name} private seed`] = Buffer.from(jwk.d ?? '', 'base64url');
    }

    const path = join(dir, 'journal.db');
    const j = await openJournal(path, { create: true, passphrase: () => Promise.resolve(PASSPHRASE) });
    j.append({ kind: 'note', actor: 'ana', payload: { text: NOTE } });
    j.append({ kind: 'decision', actor: 'ana', payload: { text: DECISION } });
    j.append({ kind: 'evidence', actor: 'analysis', payload: { query: QUERY, window: { from: 1, to: 2 }, resultDigest: 'cd'.repeat(32) } });
    writeCheckpointFile(join(dir, 'checkpoint.json'), j.checkpoint('ana'));

    // The journal's own secrets, recovered through the key header with the passphrase.
    const raw = new Database(path, { readonly: true });
    const vault = createVault(journalVaultStorage(raw, path), null);
    await vault.unlock(PASSPHRASE);
    const dataKey = vault.key();
    const keys = deriveJournalKeys(dataKey, j.id);
    const sealed = Sealed.parse(JSON.parse(raw.prepare("SELECT v FROM meta WHERE k = 'signing_private'").pluck().get() as string));
    needles['journal data key'] = dataKey;
    needles['journal entry key'] = keys.entry;
    needles['journal signing key'] = open(keys.signing, sealed, `journal signing key:${j.id}`);
    raw.close();

    expect(existsSync(`${path}-wal`)).toBe(true);
    expect(leaks(dir, needles)).toEqual([]);
    j.close();
    expect(leaks(dir, needles)).toEqual([]);
    // The search itself can find things: the decrypted export holds the note.
    const exportDir = mkdtempSync(join(tmpdir(), 'sitrep-at-rest-export-'));
    const again = await openJournal(path, { passphrase: () => Promise.resolve(PASSPHRASE) });
    again.exportJsonl(join(exportDir, 'plain.jsonl'));
    again.close();
    expect(leaks(exportDir, needles)).toContain('note in plain.jsonl');
  });
});
