import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MAX_WIDTH_PX } from '../../shared/window';
import { ceilPow2, fetchServes, fetchWindowFor, quantiseWidth, sameFetch } from './fetchRange';

const T = Date.UTC(2026, 2, 14, 3, 0);

describe('fetchWindowFor', () => {
  it('covers the view with at least one span of margin on each side, within the size cap (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10 ** 9 }), fc.integer({ min: 1000, max: 30 * 86_400_000 }), fc.integer({ min: 200, max: 4000 }), (off, span, w) => {
        const v = { from: T + off, to: T + off + span };
        const f = fetchWindowFor(v, w);
        expect(v.from - f.from).toBeGreaterThanOrEqual(span);
        expect(f.to - v.to).toBeGreaterThanOrEqual(span);
        expect(f.widthPx).toBeLessThanOrEqual(MAX_WIDTH_PX);
        expect(fetchServes(f, v)).toBe(true);
      }),
    );
  });
  it('gives the same window for small pans (cache hits) and a new one after a large pan', () => {
    const v = { from: T, to: T + 3_600_000 };
    const a = fetchWindowFor(v, 1000);
    const b = fetchWindowFor({ from: v.from + 60_000, to: v.to + 60_000 }, 1000);
    expect(sameFetch(a, b)).toBe(true);
    const c = fetchWindowFor({ from: v.from + 3 * 3_600_000, to: v.to + 3 * 3_600_000 }, 1000);
    expect(sameFetch(a, c)).toBe(false);
  });
  it('asks for 0.5–1 bucket per visible pixel', () => {
    const v = { from: T, to: T + 600_000 };
    const f = fetchWindowFor(v, 640);
    const bucketsPerViewPx = (f.widthPx / (f.to - f.from)) * ((v.to - v.from) / 640);
    expect(bucketsPerViewPx).toBeGreaterThan(0.49);
    expect(bucketsPerViewPx).toBeLessThanOrEqual(1.01);
  });
  it('stops serving when the view leaves the range or the resolution changes by more than 2x', () => {
    const v = { from: T, to: T + 3_600_000 };
    const f = fetchWindowFor(v, 1000);
    expect(fetchServes(f, { from: f.to - 1000, to: f.to + 3_599_000 })).toBe(false);
    expect(fetchServes(f, { from: T, to: T + 3_600_000 * 5 })).toBe(false);
    expect(fetchServes(f, { from: T, to: T + 60_000 })).toBe(false);
  });
});

describe('helpers', () => {
  it('ceilPow2 and quantiseWidth', () => {
    expect(ceilPow2(1000)).toBe(1024);
    expect(ceilPow2(1024)).toBe(1024);
    expect(quantiseWidth(1001)).toBe(1024);
    expect(quantiseWidth(10)).toBe(128);
  });
});
