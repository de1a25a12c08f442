import { describe, expect, it } from 'vitest';
import { checkJsonDepth } from './depth';

describe('checkJsonDepth', () => {
  it('measures nesting outside strings', () => {
    expect(checkJsonDepth('{"a":[1,{"b":[]}]}', 32)).toEqual({ ok: true, depth: 4 });
    expect(checkJsonDepth('"[[[[{{{{"', 2)).toEqual({ ok: true, depth: 0 });
    expect(checkJsonDepth('{"a\\"[[[":"\\\\"}', 1)).toEqual({ ok: true, depth: 1 });
  });
  it('stops at the first level past the limit', () => {
    const deep = '['.repeat(100_000) + ']'.repeat(100_000);
    const r = checkJsonDepth(deep, 32);
    expect(r.ok).toBe(false);
    expect(r.ok === false && r.offset).toBe(32);
  });
});
