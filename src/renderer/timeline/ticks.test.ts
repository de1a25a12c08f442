import { describe, expect, it } from 'vitest';
import { chooseTickStep, formatDuration, formatInstant, formatRange, formatTick, generateTicks } from './ticks';

const T = Date.UTC(2026, 2, 14, 3, 7, 9, 45); // 2026-03-14 03:07:09.045 UTC

describe('chooseTickStep', () => {
  it('keeps ticks at least the minimum spacing apart, at every zoom from ms to days', () => {
    for (const span of [50, 1_000, 60_000, 3_600_000, 86_400_000, 30 * 86_400_000]) {
      const step = chooseTickStep(span, 1000, 90);
      expect(step * (1000 / span)).toBeGreaterThanOrEqual(90);
    }
  });
  it('chooses the smallest nice step that fits', () => {
    expect(chooseTickStep(60_000, 1000, 90)).toBe(10_000); // 5.4 s needed → 10 s
    expect(chooseTickStep(3_600_000, 1200, 90)).toBe(5 * 60_000);
  });
});

describe('generateTicks', () => {
  it('writes multiples of the step inside the range', () => {
    const out = new Float64Array(16);
    const n = generateTicks(T, T + 60_000, 10_000, out);
    expect(n).toBe(6);
    for (let i = 0; i < n; i++) {
      expect((out[i] ?? 1) % 10_000).toBe(0);
      expect(out[i]).toBeGreaterThanOrEqual(T);
      expect(out[i]).toBeLessThanOrEqual(T + 60_000);
    }
  });
  it('never overflows its buffer', () => {
    expect(generateTicks(0, 1e9, 1, new Float64Array(8))).toBe(8);
  });
});

describe('formats (UTC)', () => {
  it('formats instants and ranges in UTC with the date', () => {
    expect(formatInstant(T)).toBe('2026-03-14 03:07:09');
    expect(formatInstant(T, true)).toBe('2026-03-14 03:07:09.045');
    expect(formatRange(T, T + 3_600_000)).toBe('2026-03-14 03:07:09 – 04:07:09 UTC');
    expect(formatRange(T, T + 86_400_000)).toBe('2026-03-14 03:07:09 – 2026-03-15 03:07:09 UTC');
    expect(formatRange(T, T + 2_000)).toContain('.045');
  });
  it('labels ticks at the precision of the step, midnight with its date', () => {
    expect(formatTick(Date.UTC(2026, 2, 14, 3, 10), 5 * 60_000)).toBe('03:10');
    expect(formatTick(Date.UTC(2026, 2, 14, 3, 10, 20), 10_000)).toBe('03:10:20');
    expect(formatTick(Date.UTC(2026, 2, 14, 3, 10, 20, 500), 100)).toBe('10:20.500');
    expect(formatTick(Date.UTC(2026, 2, 15), 3_600_000)).toBe('2026-03-15');
  });
  it('formats durations', () => {
    expect(formatDuration(850)).toBe('850ms');
    expect(formatDuration(12_500)).toBe('12.5s');
    expect(formatDuration(245_000)).toBe('4m 05s');
    expect(formatDuration(2 * 3_600_000 + 600_000)).toBe('2h 10m');
  });
});
