import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEFAULT_REDACTION, RedactionConfig } from './config';
import { SECRET_PATTERNS } from './patterns';
import { createRedactor } from './redactor';

const SAMPLES: Record<string, string> = {
  api_key_openai: 'sk-proj-AbCdEfGhIjKlMnOpQrStUvWx1234',
  api_key_aws: 'AKIAIOSFODNN7EXAMPLE',
  api_key_github: 'ghp_abcdefghijklmnopqrstuvwxyz0123456789',
  api_key_slack: 'xoxb-1234567890-abcdefghij',
  jwt: 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U',
  pem: '-----BEGIN RSA PRIVATE KEY-----\nMIIEowIBAAKCAQEA0Z3VS5JJcds3xfn\n-----END RSA PRIVATE KEY-----',
  email: 'jane.doe+ops@example.co.uk',
  ipv4: '10.20.30.40',
  ipv6: '2001:db8::8a2e:370:7334',
};

describe('redactor', () => {
  it('redacts each class and restores the original exactly', () => {
    const r = createRedactor(DEFAULT_REDACTION);
    const text = [
      `key ${SAMPLES.api_key_openai} and ${SAMPLES.api_key_aws}, ${SAMPLES.api_key_github}, ${SAMPLES.api_key_slack}`,
      `Authorization: Bearer abcdef123456789xyz`,
      `Authorization: Bearer tok_live_9Zx_81aa~b/c+d==`,
      `token ${SAMPLES.jwt}`,
      SAMPLES.pem,
      `db postgres://admin:hunter2secret@db.internal:5432/app password=s3cr3t-value`,
      `mail ${SAMPLES.email} from ${SAMPLES.ipv4} and ${SAMPLES.ipv6}`,
      `user.id=u-829 enduser.id: "cust-77"`,
    ].join('\n');
    const out = r.redact(text);
    for (const secret of [...Object.values(SAMPLES), 'abcdef123456789xyz', 'tok_live_9Zx_81aa', 'hunter2secret', 's3cr3t-value', 'u-829', 'cust-77']) {
      expect(out).not.toContain(secret);
    }
    expect(out).toContain('⟦EMAIL_1⟧');
    expect(out).toContain('postgres://admin:⟦PASSWORD_1⟧@db.internal');
    expect(r.restore(out)).toBe(text);
    expect(r.counts()).toMatchObject({ api_key: 4, jwt: 1, bearer: 2, private_key: 1, password: 1, secret: 1, email: 1, ipv4: 1, ipv6: 1, user_id: 2 });
  });

  it('gives the same value the same placeholder, and leaves times, versions and words alone', () => {
    const r = createRedactor(DEFAULT_REDACTION);
    expect(r.redact('a@b.io then a@b.io')).toBe('⟦EMAIL_1⟧ then ⟦EMAIL_1⟧');
    const plain = 'at 10:05:00 std::vector v1.2.3.4 deploy 2026-11-23 ratio 0.85';
    expect(r.redact(plain)).toBe(plain);
  });

  it('honours the switches and custom patterns', () => {
    const r = createRedactor(RedactionConfig.parse({ emails: false, ips: false, custom: [{ name: 'ticket', pattern: 'TICKET-\\d+' }] }));
    expect(r.redact('x@y.com 1.2.3.4 TICKET-42')).toBe('x@y.com 1.2.3.4 ⟦TICKET_1⟧');
    expect(r.redactValue('user.id', 'anything at all')).toBe('⟦USER_ID_1⟧');
    expect(RedactionConfig.safeParse({ custom: [{ name: 'bad', pattern: '(' }] }).success).toBe(false);
  });

  it('counts only what is present in a given text', () => {
    const r = createRedactor(DEFAULT_REDACTION);
    const a = r.redact('a@b.io');
    r.redact('c@d.io');
    expect(r.countsIn(a)).toEqual({ email: 1 });
  });

  it('restores placeholders that were already in the input to themselves', () => {
    const r = createRedactor(DEFAULT_REDACTION);
    const text = 'literal ⟦EMAIL_1⟧ and real a@b.io';
    const out = r.redact(text);
    expect(r.restore(out)).toBe(text);
  });

  // Property: random text with secrets spliced in; none survives, and the round trip is exact.
  const secretArb = fc.oneof(
    fc.stringMatching(/^sk-[A-Za-z0-9]{20,40}$/),
    fc.stringMatching(/^AKIA[0-9A-Z]{16}$/),
    fc.stringMatching(/^ghp_[A-Za-z0-9]{36}$/),
    fc.stringMatching(/^xoxp-[A-Za-z0-9]{12,30}$/),
    fc.stringMatching(/^eyJ[A-Za-z0-9_-]{8,20}\.[A-Za-z0-9_-]{8,30}\.[A-Za-z0-9_-]{8,30}$/),
    fc.stringMatching(/^[a-z]{3,10}@[a-z]{3,10}\.(com|org|io)$/),
    fc.tuple(fc.nat(255), fc.nat(255), fc.nat(255), fc.nat(255)).map((o) => o.join('.')),
  );
  const fillerArb = fc.string({ unit: fc.constantFrom(...' abcxyz-_:./=,\n⟦⟧EMAIL_123'.split('')), maxLength: 20 });
  const sep = fc.constantFrom(' ', '\n', ', ', ' (', '"');

  it('property: no spliced secret survives and restore(redact(x)) === x', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fillerArb, sep, secretArb, sep), { minLength: 1, maxLength: 6 }), fillerArb, (parts, tail) => {
        const text = parts.map(([f, a, s, b]) => `${f}${a}${s}${b}`).join('') + tail;
        const r = createRedactor(DEFAULT_REDACTION);
        const out = r.redact(text);
        for (const [, , s] of parts) expect(out).not.toContain(s);
        for (const p of SECRET_PATTERNS.filter((q) => q.cls === 'api_key' || q.cls === 'jwt')) {
          p.re.lastIndex = 0;
          expect(p.re.test(out)).toBe(false);
        }
        expect(r.restore(out)).toBe(text);
      }),
      { numRuns: 300 },
    );
  });

  it('property: restore(redact(x)) === x for any text', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), (text) => {
        const r = createRedactor(DEFAULT_REDACTION);
        expect(r.restore(r.redact(text))).toBe(text);
      }),
      { numRuns: 500 },
    );
  });
});
