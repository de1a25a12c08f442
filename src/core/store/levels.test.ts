import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { CHAIN_LEVELS_MS, decompose, levelFor, levelName, LEVELS_MS, SOURCE_OF, windowParts } from './levels';

describe('levels', () => {
  test('chain levels divide the next; every level cascades from a finer one; ratios stay small', () => {
    for (let i = 1; i < CHAIN_LEVELS_MS.length; i++) expect((CHAIN_LEVELS_MS[i] ?? 0) % (CHAIN_LEVELS_MS[i - 1] ?? 1)).toBe(0);
    for (const l of CHAIN_LEVELS_MS) expect(LEVELS_MS).toContain(l);
    expect(SOURCE_OF[0]).toBe(-1);
    for (let k = 1; k < LEVELS_MS.length; k++) {
      const src = LEVELS_MS[SOURCE_OF[k] ?? -1];
      expect(src).toBeDefined();
      expect((LEVELS_MS[k] ?? 0) % (src ?? 1)).toBe(0);
      if ((LEVELS_MS[k] ?? 0) >= 1000) expect((LEVELS_MS[k] ?? 0) / (LEVELS_MS[k - 1] ?? 1)).toBeLessThanOrEqual(3);
    }
  });
  test('names and choice', () => {
    expect(CHAIN_LEVELS_MS.map(levelName)).toEqual(['100ms', '500ms', '1s', '2s', '10s', '20s', '1m', '2m', '10m', '30m', '1h', '3h']);
    expect(levelFor(99)).toBeNull();
    expect(levelFor(100)).toBe(100);
    expect(levelFor(54_000)).toBe(40_000);
    expect(levelFor(1e12)).toBe(10_800_000);
  });
  test('decompose covers [from, to) exactly with aligned parts', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1e11 }), fc.integer({ min: 1, max: 1e9 }), (from, len) => {
        const parts = decompose(from, from + len);
        let at = from;
        for (const p of parts) {
          expect(p.lo).toBe(at);
          expect(p.hi).toBeGreaterThan(p.lo);
          if (p.level === null) expect(p.hi - p.lo).toBeLessThan(100);
          else expect([p.lo % p.level, p.hi % p.level]).toEqual([0, 0]);
          at = p.hi;
        }
        expect(at).toBe(from + len);
        expect(parts.length).toBeLessThan(2 * CHAIN_LEVELS_MS.length + 2);
      }),
    );
  });
  test('windowParts covers [from, to) exactly: interior at the level, edges finer', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1e11 }), fc.integer({ min: 1, max: 1e9 }), fc.constantFrom(...LEVELS_MS), (from, len, level) => {
        const parts = windowParts(from, from + len, level);
        let at = from;
        for (const p of parts) {
          expect(p.lo).toBe(at);
          expect(p.hi).toBeGreaterThan(p.lo);
          if (p.level !== null) {
            expect(p.level).toBeLessThanOrEqual(level);
            expect([p.lo % p.level, p.hi % p.level]).toEqual([0, 0]);
          }
          at = p.hi;
        }
        expect(at).toBe(from + len);
      }),
    );
    expect(windowParts(5, 50, null)).toEqual([{ level: null, lo: 5, hi: 50 }]);
  });
});
