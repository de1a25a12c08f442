import { describe, expect, it } from 'vitest';
import { bucketAt, bucketColumns, Columns, visibleBuckets } from './buckets';
import { makeScale } from './scale';

describe('visibleBuckets / bucketAt', () => {
  it('clamps to the buckets overlapping the range', () => {
    expect(visibleBuckets(0, 10, 100, 25, 55)).toEqual({ first: 2, last: 5 });
    expect(visibleBuckets(0, 10, 100, -50, 5000)).toEqual({ first: 0, last: 99 });
    const none = visibleBuckets(0, 10, 100, 2000, 3000);
    expect(none.last).toBeLessThan(none.first);
    expect(bucketAt(0, 10, 100, 25)).toBe(2);
    expect(bucketAt(0, 10, 100, 1000)).toBe(-1);
  });
});

describe('bucketColumns', () => {
  it('maps wide buckets one to one, skipping empty ones', () => {
    const cols = new Columns();
    const n = bucketColumns(cols, makeScale(0, 100, 100), 0, 10, [1, 0, 3, 4, 0, 0, 0, 0, 0, 2], [0, 0, 1, 0, 0, 0, 0, 0, 0, 0], null);
    expect(n).toBe(4);
    expect([cols.x[0], cols.w[0], cols.a[0]]).toEqual([0, 10, 1]);
    expect([cols.x[1], cols.a[1], cols.b[1]]).toEqual([20, 3, 1]);
    expect(cols.x[3]).toBe(90);
  });
  it('merges buckets narrower than a pixel, keeping each maximum', () => {
    const cols = new Columns();
    // 1000 buckets over 100 px: 10 per pixel.
    const a = Array.from({ length: 1000 }, (_, i) => (i % 10 === 3 ? 9 : 1));
    const b = Array.from({ length: 1000 }, (_, i) => (i === 15 ? 5 : 0));
    const n = bucketColumns(cols, makeScale(0, 1000, 100), 0, 1, a, b, null);
    expect(n).toBe(100);
    expect(cols.a[0]).toBe(9);
    expect(cols.b[1]).toBe(5);
    expect(cols.b[2]).toBe(0);
    for (let i = 0; i < n; i++) expect(cols.w[i]).toBeGreaterThanOrEqual(1);
  });
  it('follows the view: only visible buckets, at panned positions', () => {
    const cols = new Columns();
    const n = bucketColumns(cols, makeScale(50, 150, 100), 0, 10, Array(30).fill(1), null, null);
    expect(n).toBe(10);
    expect(cols.x[0]).toBe(0);
    expect(cols.x[9]).toBe(90);
  });
});
