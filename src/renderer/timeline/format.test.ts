import { describe, expect, it } from 'vitest';
import { formatCount, formatUsd, formatValue } from './format';

describe('formatValue', () => {
  it('is compact and carries the unit', () => {
    expect(formatValue(87.456, '%')).toBe('87.5%');
    expect(formatValue(1234567, 'B')).toBe('1.23M B');
    expect(formatValue(0.01234)).toBe('0.012');
    expect(formatValue(45_000)).toBe('45k');
    expect(formatValue(250)).toBe('250');
    expect(formatValue(NaN)).toBe('–');
  });
  it('formats money and counts', () => {
    expect(formatUsd(0.0123)).toBe('$0.0123');
    expect(formatUsd(12.5)).toBe('$12.50');
    expect(formatCount(1234)).toBe('1,234');
    expect(formatCount(123_456)).toBe('123k');
  });
});
