import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { baselineOf, mad, median, noisyOr, quantile, robustZ, strengthOfZ } from './stats';

const nums = fc.array(fc.double({ min: -1e6, max: 1e6, noNaN: true }), { minLength: 1, maxLength: 60 });

describe('robust statistics', () => {
  test('median lies between min and max and ignores order', () => {
    fc.assert(
      fc.property(nums, (xs) => {
        const m = median(xs);
        expect(m).toBeGreaterThanOrEqual(Math.min(...xs));
        expect(m).toBeLessThanOrEqual(Math.max(...xs));
        expect(median([...xs].reverse())).toBe(m);
      }),
    );
  });

  test('MAD is non-negative, shift-invariant and scales with |k|', () => {
    fc.assert(
      fc.property(nums, fc.double({ min: -1000, max: 1000, noNaN: true }), fc.double({ min: -10, max: 10, noNaN: true }), (xs, c, k) => {
        const m = mad(xs);
        expect(m).toBeGreaterThanOrEqual(0);
        expect(mad(xs.map((x) => x + c))).toBeCloseTo(m, 3);
        expect(mad(xs.map((x) => x * k))).toBeCloseTo(Math.abs(k) * m, 3);
      }),
    );
  });

  test('one outlier moves neither the median nor the MAD far (the mean would)', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 9, maxLength: 40 }), fc.double({ min: 1e3, max: 1e9, noNaN: true }), (xs, out) => {
        const with1 = [...xs, out];
        expect(median(with1)).toBeLessThanOrEqual(1);
        expect(mad(with1)).toBeLessThanOrEqual(1);
      }),
    );
  });

  test('the baseline scale never drops below its floor, so z stays finite on flat series', () => {
    fc.assert(
      fc.property(nums, fc.double({ min: 1e-6, max: 100, noNaN: true }), (xs, floor) => {
        const b = baselineOf(xs, floor);
        expect(b.scale).toBeGreaterThanOrEqual(floor);
        expect(Number.isFinite(robustZ(xs[0] ?? 0, b))).toBe(true);
      }),
    );
    expect(robustZ(10, baselineOf([5, 5, 5, 5], 1))).toBe(5);
  });

  test('quantile, noisy-or and z → strength are bounded and monotone', () => {
    expect(quantile([1, 2, 3, 4], 0.5)).toBe(2.5);
    expect(quantile([3, 1, 2], 1)).toBe(3);
    fc.assert(
      fc.property(fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { maxLength: 10 }), (ss) => {
        const p = noisyOr(ss);
        expect(p).toBeGreaterThanOrEqual(Math.max(0, ...ss) - 1e-12);
        expect(p).toBeLessThanOrEqual(1);
      }),
    );
    expect(strengthOfZ(2)).toBe(0);
    expect(strengthOfZ(4)).toBeLessThan(strengthOfZ(8));
    expect(strengthOfZ(1e9)).toBeLessThanOrEqual(1);
  });
});
