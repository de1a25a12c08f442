import { describe, expect, it } from 'vitest';
import { Columns } from '../buckets';
import { snapColumns } from './density';

describe('snapColumns', () => {
  it('snaps to whole pixels without overlaps or gaps between touching columns', () => {
    const c = new Columns();
    const xs = [0.4, 1.3, 2.9, 10.2];
    const ws = [0.9, 1.6, 1.0, 3.7];
    xs.forEach((x, i) => {
      c.x[i] = x;
      c.w[i] = ws[i] ?? 1;
    });
    snapColumns(c, 4);
    const cols = [0, 1, 2, 3].map((i) => [c.x[i], c.w[i]]);
    expect(cols).toEqual([
      [0, 1],
      [1, 1],
      [2, 2],
      [10, 4],
    ]);
    for (let i = 0; i < 3; i++) expect((c.x[i] ?? 0) + (c.w[i] ?? 0)).toBeLessThanOrEqual(c.x[i + 1] ?? 0);
  });
});
