import { describe, expect, it } from 'vitest';
import { redactionWords } from './redaction-words';

describe('redactionWords', () => {
  it('says what was redacted, most first, in plain words', () => {
    expect(redactionWords({ ipv4: 2, email: 3, api_key: 1 })).toBe('3 emails, 2 IPs, 1 API key');
    expect(redactionWords({ email: 1, custom_ticket: 2 })).toBe('2 custom ticket, 1 email');
  });
  it('says nothing when nothing was redacted', () => {
    expect(redactionWords({})).toBe('nothing');
    expect(redactionWords({ email: 0 })).toBe('nothing');
  });
});
