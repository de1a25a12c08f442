import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { detectOnset } from './onset';
import { rng } from './test-kit';

function gaussian(r: () => number): number {
  return Math.sqrt(-2 * Math.log(1 - r())) * Math.cos(2 * Math.PI * r());
}

function noise(n: number, seed: number, sigma = 1, level = 100): number[] {
  const r = rng(seed);
  return Array.from({ length: n }, () => level + sigma * gaussian(r));
}

describe('onset detection', () => {
  test('a step is found where it starts, with its direction and levels', () => {
    const xs = noise(90, 1).map((x, i) => (i >= 50 ? x + 20 : x));
    const o = detectOnset(xs, { direction: 'up', floor: 0.1 });
    expect(o).not.toBeNull();
    expect(o?.index).toBe(50);
    expect(o?.direction).toBe('up');
    expect(o?.baseline).toBeCloseTo(100, 0);
    expect(o?.observed).toBeCloseTo(120, 0);
    expect(o?.strength).toBeGreaterThan(0.5);
    expect(o?.noisy).toBe(false);
  });

  test('a drop is found only when drops are asked for', () => {
    const xs = noise(90, 2).map((x, i) => (i >= 60 ? x - 30 : x));
    expect(detectOnset(xs, { direction: 'up', floor: 0.1 })).toBeNull();
    expect(detectOnset(xs, { direction: 'down', floor: 0.1 })?.index).toBe(60);
    expect(detectOnset(xs, { direction: 'both', floor: 0.1 })?.direction).toBe('down');
  });

  test('an early onset does not poison the baseline (re-estimated from before the run)', () => {
    const xs = noise(90, 3).map((x, i) => (i >= 12 ? x + 15 : x));
    expect(detectOnset(xs, { direction: 'up', floor: 0.1 })?.index).toBe(12);
  });

  test('pure noise and isolated spikes give nothing', () => {
    for (let seed = 10; seed < 30; seed++) expect(detectOnset(noise(90, seed), { direction: 'both', floor: 0.1 })).toBeNull();
    const spiky = noise(90, 4);
    spiky[70] = 200;
    expect(detectOnset(spiky, { direction: 'up', floor: 0.1 })).toBeNull();
  });

  test('an always-spiky series is weak compared with a clean step of the same size', () => {
    const r = rng(5);
    const spiky = noise(90, 6).map((x) => (r() < 0.15 ? x + 25 : x));
    for (let i = 55; i < 90; i++) spiky[i] = (spiky[i] ?? 0) + 25;
    const clean = noise(90, 6).map((x, i) => (i >= 55 ? x + 25 : x));
    const a = detectOnset(spiky, { direction: 'up', floor: 0.1 });
    const b = detectOnset(clean, { direction: 'up', floor: 0.1 });
    expect(b).not.toBeNull();
    expect(a === null || a.strength < 0.5 * (b?.strength ?? 0)).toBe(true);
  });

  test('gaps (no data) are skipped; too little data gives nothing', () => {
    const xs: (number | null)[] = noise(90, 7).map((x, i) => (i >= 50 ? x + 20 : x));
    for (let i = 0; i < 90; i += 4) xs[i] = null;
    expect(detectOnset(xs, { direction: 'up', floor: 0.1 })?.index).toBe(50);
    expect(detectOnset([1, 2, 3], { direction: 'up', floor: 0.1 })).toBeNull();
  });

  test('property: a step of ≥ 12σ after enough baseline is found within a bucket of where it starts', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1e6 }), fc.integer({ min: 15, max: 75 }), fc.double({ min: 12, max: 200, noNaN: true }), fc.boolean(), (seed, at, size, up) => {
        const xs = noise(90, seed).map((x, i) => (i >= at ? x + (up ? size : -size) : x));
        const o = detectOnset(xs, { direction: 'both', floor: 0.1 });
        expect(o).not.toBeNull();
        expect(Math.abs((o?.index ?? -99) - at)).toBeLessThanOrEqual(1);
        expect(o?.direction).toBe(up ? 'up' : 'down');
      }),
      { numRuns: 200 },
    );
  });
});
