import { InvalidArgumentError } from 'commander';
import { describe, expect, it } from 'vitest';
import { intParser, parseIso, parseLanes } from './args';
import { sparkline } from './format';

describe('argument parsers', () => {
  it('parses ISO times with a zone only', () => {
    expect(parseIso('2026-03-14T02:47:00Z')).toBe(Date.UTC(2026, 2, 14, 2, 47));
    expect(parseIso('2026-03-14T04:47:00.5+02:00')).toBe(Date.UTC(2026, 2, 14, 2, 47, 0, 500));
    for (const bad of ['2026-03-14', '2026-03-14T02:47:00', 'yesterday', '2026-13-40T99:00:00Z']) {
      expect(() => parseIso(bad)).toThrow(InvalidArgumentError);
    }
  });
  it('parses bounded integers', () => {
    const p = intParser(1, 8192);
    expect(p('640')).toBe(640);
    expect(p('1_000')).toBe(1000);
    for (const bad of ['0', '8193', '-1', '1.5', 'abc', '']) expect(() => p(bad)).toThrow(InvalidArgumentError);
  });
  it('maps lanes to event or metric requests', () => {
    expect(parseLanes('alerts, gpu')).toEqual([
      { type: 'events', lane: 'alerts' },
      { type: 'metrics', lane: 'gpu' },
    ]);
    expect(() => parseLanes('alerts,bogus')).toThrow(/unknown lane "bogus"/);
  });
  it('draws sparklines', () => {
    expect(sparkline([0, 7, null, 3.5], 4)).toBe('▁█ ▅');
    expect(sparkline([1, 1, 1, 9], 2)).toBe('▁█');
  });
});
