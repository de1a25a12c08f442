import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MAX_SPAN_MS, MIN_SPAN_MS } from '../state/ui';
import { centerOn, panByFraction, wheelPixels, wheelZoomFactor, zoomAround, zoomCenter } from './zoom';

const V = { from: 1_000_000, to: 1_060_000 };

describe('zoomAround', () => {
  it('keeps the anchor at the same screen fraction', () => {
    const anchor = V.from + 15_000; // 25%
    const z = zoomAround(V, 0.5, anchor);
    expect(z.to - z.from).toBe(30_000);
    expect((anchor - z.from) / (z.to - z.from)).toBeCloseTo(0.25, 3);
  });
  it('clamps the span to the store limits', () => {
    expect(zoomCenter(V, 1e-6).to - zoomCenter(V, 1e-6).from).toBe(MIN_SPAN_MS);
    const out = zoomCenter({ from: 10 ** 12, to: 10 ** 12 + MAX_SPAN_MS }, 10);
    expect(out.to - out.from).toBe(MAX_SPAN_MS);
  });
  it('zooming in then out by the inverse factor returns close to the start (property)', () => {
    fc.assert(
      fc.property(fc.double({ min: 0.1, max: 0.9, noNaN: true }), fc.double({ min: 0, max: 1, noNaN: true }), (f, frac) => {
        const anchor = V.from + frac * (V.to - V.from);
        const back = zoomAround(zoomAround(V, f, anchor), 1 / f, anchor);
        // Whole-ms rounding on the way in is scaled by 1/f on the way out.
        const tol = Math.ceil(1 / f) + 1;
        expect(Math.abs(back.from - V.from)).toBeLessThanOrEqual(tol);
        expect(Math.abs(back.to - V.to)).toBeLessThanOrEqual(tol);
      }),
    );
  });
});

describe('pan', () => {
  it('pans by a fraction of the span and keeps the span', () => {
    expect(panByFraction(V, 0.1)).toEqual({ from: 1_006_000, to: 1_066_000 });
    expect(panByFraction(V, -0.5)).toEqual({ from: 970_000, to: 1_030_000 });
  });
  it('never goes before the epoch', () => {
    expect(panByFraction({ from: 1000, to: 61_000 }, -1)).toEqual({ from: 0, to: 60_000 });
  });
  it('centres on a time', () => {
    expect(centerOn(V, 2_000_000)).toEqual({ from: 1_970_000, to: 2_030_000 });
  });
});

describe('wheel', () => {
  it('wheel up zooms in, down zooms out; lines count as 16 px', () => {
    expect(wheelZoomFactor(-100, false)).toBeLessThan(1);
    expect(wheelZoomFactor(100, false)).toBeGreaterThan(1);
    expect(wheelZoomFactor(-10, true)).toBeLessThan(wheelZoomFactor(-10, false));
    expect(wheelPixels(3, 1)).toBe(48);
  });
});
