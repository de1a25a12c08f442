import { describe, expect, it } from 'vitest';
import { base32Decode } from './base32';
import { checkTotp, hotp, otpauthUri, totp } from './totp';

// RFC 6238 Appendix B: the SHA-1 rows use the 20-byte ASCII seed "12345678901234567890", 8 digits.
const SEED = Buffer.from('12345678901234567890', 'ascii');
const RFC6238_SHA1: [number, string][] = [
  [59, '94287082'],
  [1111111109, '07081804'],
  [1111111111, '14050471'],
  [1234567890, '89005924'],
  [2000000000, '69279037'],
  [20000000000, '65353130'],
];

describe('TOTP', () => {
  it('reproduces the RFC 6238 Appendix B SHA-1 vectors', () => {
    for (const [t, code] of RFC6238_SHA1) expect(totp(SEED, t * 1000, 8)).toBe(code);
  });

  it('reproduces the RFC 4226 Appendix D HOTP values (6 digits)', () => {
    const expected = ['755224', '287082', '359152', '969429', '338314', '254676', '287922', '162583', '399871', '520489'];
    expect(expected.map((_, i) => hotp(SEED, i))).toEqual(expected);
  });

  it('accepts the current step and one step either side, nothing further', () => {
    const now = 1_700_000_000_000;
    const at = (dSteps: number): string => totp(SEED, now + dSteps * 30_000);
    expect(checkTotp(SEED, at(0), now, null)).toEqual({ ok: true, step: Math.floor(now / 30_000) });
    expect(checkTotp(SEED, at(-1), now, null).ok).toBe(true);
    expect(checkTotp(SEED, at(1), now, null).ok).toBe(true);
    expect(checkTotp(SEED, at(-2), now, null)).toEqual({ ok: false, reason: 'wrong_code' });
    expect(checkTotp(SEED, at(2), now, null)).toEqual({ ok: false, reason: 'wrong_code' });
  });

  it('accepts each code once: the same step, or an earlier one, is refused as reused', () => {
    const now = 1_700_000_000_000;
    const first = checkTotp(SEED, totp(SEED, now), now, null);
    if (!first.ok) throw new Error('expected ok');
    expect(checkTotp(SEED, totp(SEED, now), now + 1_000, first.step)).toEqual({ ok: false, reason: 'reused' });
    // The previous step's code is still inside the drift window, but older than the last used one.
    expect(checkTotp(SEED, totp(SEED, now - 30_000), now, first.step)).toEqual({ ok: false, reason: 'reused' });
    expect(checkTotp(SEED, totp(SEED, now + 30_000), now + 30_000, first.step).ok).toBe(true);
  });

  it('refuses malformed codes before comparing', () => {
    expect(checkTotp(SEED, '12345', 0, null)).toEqual({ ok: false, reason: 'malformed' });
    expect(checkTotp(SEED, '12345a', 0, null)).toEqual({ ok: false, reason: 'malformed' });
  });

  it('builds an otpauth:// enrolment URI whose secret decodes to the key', () => {
    const uri = new URL(otpauthUri(SEED, 'ana lopez'));
    expect(uri.protocol).toBe('otpauth:');
    expect(uri.host).toBe('totp');
    expect(decodeURIComponent(uri.pathname)).toBe('/Sitrep:ana lopez');
    expect(base32Decode(uri.searchParams.get('secret') ?? '').equals(SEED)).toBe(true);
    expect(Object.fromEntries(uri.searchParams)).toMatchObject({ issuer: 'Sitrep', algorithm: 'SHA1', digits: '6', period: '30' });
  });
});
