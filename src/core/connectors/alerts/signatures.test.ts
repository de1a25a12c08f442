import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { pagerDutySignature, verifyPagerDutySignature, verifySharedToken } from './signatures';

const body = Buffer.from('{"event":{"id":"01","event_type":"incident.triggered"}}');
const secret = 'whsec_test_5b2e';
// Computed independently of the implementation, with the body and secret above.
const known = createHmac('sha256', secret).update(body).digest('hex');

describe('PagerDuty V3 signature', () => {
  it('accepts the known HMAC, alone or among several', () => {
    expect(pagerDutySignature(body, secret)).toBe(`v1=${known}`);
    expect(verifyPagerDutySignature(body, `v1=${known}`, secret)).toBe(true);
    expect(verifyPagerDutySignature(body, `v1=${'0'.repeat(64)}, v1=${known}`, secret)).toBe(true);
    expect(verifyPagerDutySignature(body, `v1=${known.toUpperCase()}`, secret)).toBe(true);
  });
  it('rejects tampered bodies, wrong secrets, other versions, missing headers', () => {
    const tampered = Buffer.from(body.toString().replace('triggered', 'resolved'));
    expect(verifyPagerDutySignature(tampered, `v1=${known}`, secret)).toBe(false);
    expect(verifyPagerDutySignature(body, `v1=${known}`, 'other')).toBe(false);
    expect(verifyPagerDutySignature(body, `v2=${known}`, secret)).toBe(false);
    expect(verifyPagerDutySignature(body, known, secret)).toBe(false);
    expect(verifyPagerDutySignature(body, undefined, secret)).toBe(false);
    expect(verifyPagerDutySignature(body, '', secret)).toBe(false);
    expect(verifyPagerDutySignature(body, `v1=${known.slice(0, 63)}`, secret)).toBe(false);
  });
});

describe('shared token', () => {
  it('accepts Bearer and Basic (password = token), rejects the rest', () => {
    expect(verifySharedToken('Bearer s3cret-token', 's3cret-token')).toBe(true);
    expect(verifySharedToken('bearer s3cret-token', 's3cret-token')).toBe(true);
    expect(verifySharedToken(`Basic ${Buffer.from('alertmanager:s3cret-token').toString('base64')}`, 's3cret-token')).toBe(true);
    expect(verifySharedToken('Bearer s3cret-tokeN', 's3cret-token')).toBe(false);
    expect(verifySharedToken(`Basic ${Buffer.from('s3cret-token').toString('base64')}`, 's3cret-token')).toBe(false);
    expect(verifySharedToken('Token s3cret-token', 's3cret-token')).toBe(false);
    expect(verifySharedToken(undefined, 's3cret-token')).toBe(false);
    expect(verifySharedToken('Bearer ', '')).toBe(false);
  });
});
