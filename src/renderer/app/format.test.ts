import { describe, expect, it } from 'vitest';
import { formatClock, formatDuration, formatUsd, formatUtc } from './format';

describe('format', () => {
  it('formats UTC times with a label', () => {
    expect(formatUtc(Date.UTC(2025, 2, 4, 2, 7, 9))).toBe('2025-03-04 02:07:09 UTC');
    expect(formatClock(Date.UTC(2025, 2, 4, 23, 59, 1, 42))).toBe('23:59:01.042');
  });
  it('formats durations at every scale', () => {
    expect(formatDuration(850)).toBe('850 ms');
    expect(formatDuration(4200)).toBe('4.20 s');
    expect(formatDuration(185_000)).toBe('3m 05s');
    expect(formatDuration(2 * 3600_000 + 14 * 60_000)).toBe('2h 14m');
    expect(formatDuration(3 * 86_400_000 + 4 * 3600_000)).toBe('3d 4h');
    expect(formatDuration(-1)).toBe('–');
  });
  it('formats money', () => {
    expect(formatUsd(0.000123)).toBe('$0.00012');
    expect(formatUsd(0.0123)).toBe('$0.0123');
    expect(formatUsd(1.5)).toBe('$1.50');
  });
});
