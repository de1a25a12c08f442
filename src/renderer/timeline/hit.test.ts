import { describe, expect, it } from 'vitest';
import { HitBoxes, hitTest } from './hit';

describe('hitTest', () => {
  it('finds the box under the point, the later-drawn one on overlap', () => {
    const b = new HitBoxes();
    b.push(10, 10, 100, 10, 0, 0);
    b.push(50, 10, 20, 10, 1, 7);
    expect(hitTest(b, 20, 15)).toBe(0);
    expect(hitTest(b, 55, 15)).toBe(1);
    expect(b.item[hitTest(b, 55, 15)]).toBe(7);
    expect(hitTest(b, 300, 15)).toBe(-1);
  });
  it('accepts thin boxes within the slop, the nearest one winning', () => {
    const b = new HitBoxes();
    b.push(100, 0, 2, 20, 0, 0);
    b.push(106, 0, 2, 20, 0, 1);
    expect(hitTest(b, 103, 10, 3)).toBe(0); // 1 px from the first, 3 from the second
    expect(hitTest(b, 104, 10, 3)).toBe(1); // a tie goes to the one drawn later
    expect(hitTest(b, 105, 10, 3)).toBe(1);
    expect(hitTest(b, 112, 10, 3)).toBe(-1);
  });
  it('grows past its initial capacity and resets', () => {
    const b = new HitBoxes();
    for (let i = 0; i < 5000; i++) b.push(i * 3, 0, 2, 5, 2, i);
    expect(b.n).toBe(5000);
    expect(b.item[hitTest(b, 4000 * 3 + 1, 2)]).toBe(4000);
    expect(b.lane[4999]).toBe(2);
    b.reset();
    expect(hitTest(b, 1, 2)).toBe(-1);
  });
});
