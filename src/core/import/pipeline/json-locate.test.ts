import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { jsonErrorIndex } from './json-locate';

describe('jsonErrorIndex', () => {
  it('agrees with JSON.parse on validity', () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 4 }), fc.nat(), (v, cut) => {
        const text = JSON.stringify(v, null, cut % 3);
        expect(jsonErrorIndex(text)).toBe(-1);
        const t = text.slice(0, cut % (text.length + 1));
        let valid = true;
        try {
          JSON.parse(t);
        } catch {
          valid = false;
        }
        expect(jsonErrorIndex(t) === -1).toBe(valid);
      }),
      { numRuns: 300 },
    );
  });
  it('points at the offending character', () => {
    expect(jsonErrorIndex('{"a": }')).toBe(6);
    expect(jsonErrorIndex('[1,]')).toBe(3);
    expect(jsonErrorIndex('{"a":1')).toBe(6);
    expect(jsonErrorIndex('[1] x')).toBe(4);
  });
});
