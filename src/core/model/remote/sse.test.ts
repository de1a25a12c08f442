import { describe, expect, it } from 'vitest';
import { createSseParser } from './sse';
import { backoffMs, retryAfterMs } from './transport';

describe('createSseParser', () => {
  it('joins events split across chunks and line endings, skipping comments', () => {
    const got: string[] = [];
    const p = createSseParser((d) => got.push(d));
    for (const c of ['data: {"a"', ':1}\r\n\r\n: keep-alive\n\nda', 'ta: [DONE]\n', '\n']) p.push(c);
    p.end();
    expect(got).toEqual(['{"a":1}', '[DONE]']);
  });
});

describe('retry timing', () => {
  it('reads Retry-After as seconds or an HTTP date', () => {
    expect(retryAfterMs('2')).toBe(2000);
    expect(retryAfterMs(new Date(10_000).toUTCString(), 4_000)).toBe(6_000);
    expect(retryAfterMs('soon')).toBeNull();
    expect(retryAfterMs(undefined)).toBeNull();
  });
  it('backs off exponentially within [half, full]', () => {
    expect(backoffMs(0, 100, () => 0)).toBe(50);
    expect(backoffMs(3, 100, () => 1)).toBe(800);
  });
});
