import { describe, expect, it } from 'vitest';
import { checkPassword, newPassword, PasswordRecord, passwordProblem } from './password';

describe('operator passwords (scrypt)', () => {
  it('verifies the right password, rejects others, and gives the same secrets key each time', async () => {
    const { record, kek } = await newPassword('winter-lantern-42');
    expect(PasswordRecord.parse(record)).toMatchObject({ algo: 'scrypt', N: 2 ** 15, r: 8, p: 1 });
    const again = await checkPassword('winter-lantern-42', record);
    expect(again?.equals(kek)).toBe(true);
    expect(await checkPassword('winter-lantern-43', record)).toBeNull();
    expect(await checkPassword('', record)).toBeNull();
  });

  it('salts per user: the same password gives different hashes and keys', async () => {
    const a = await newPassword('same password here');
    const b = await newPassword('same password here');
    expect(a.record.salt).not.toBe(b.record.salt);
    expect(a.record.hash).not.toBe(b.record.hash);
    expect(a.kek.equals(b.kek)).toBe(false);
    // The stored half is not the key half.
    expect(Buffer.from(a.record.hash, 'base64').equals(a.kek)).toBe(false);
  });

  it('treats NFC and NFD spellings of a password as the same password', async () => {
    const { record } = await newPassword('caf\u00e9-terrace-9');
    expect(await checkPassword('cafe\u0301-terrace-9', record)).not.toBeNull();
  });

  it('uses the parameters stored with the hash', async () => {
    const { record } = await newPassword('parameters matter');
    expect(await checkPassword('parameters matter', { ...record, N: 2 ** 14 })).toBeNull();
  });

  it('names a too-short password', () => {
    expect(passwordProblem('short')).toMatch(/at least 10/);
    expect(passwordProblem('long enough!')).toBeNull();
  });
});
