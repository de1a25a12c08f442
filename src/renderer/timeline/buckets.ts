/**
 * Bucket → pixel mapping. Buckets come from the fetched window (t0, step); the view may be
 * panned or zoomed relative to it, so buckets narrower than a pixel are merged into one column
 * (keeping each value's maximum) and off-screen ones are skipped. Writes into reusable arrays.
 */
import { timeToX, type TimeScale } from './scale';

/** First and last bucket indices overlapping [from, to], clamped to [0, n-1]; last < first when none. */
export function visibleBuckets(t0: number, step: number, n: number, from: number, to: number): { first: number; last: number } {
  const first = Math.max(0, Math.floor((from - t0) / step));
  const last = Math.min(n - 1, Math.ceil((to - t0) / step) - 1);
  return { first, last };
}

/** Index of the bucket holding `t`, or -1 outside. */
export function bucketAt(t0: number, step: number, n: number, t: number): number {
  const i = Math.floor((t - t0) / step);
  return i >= 0 && i < n ? i : -1;
}

export class Columns {
  n = 0;
  x = new Float64Array(4096);
  w = new Float64Array(4096);
  /** Up to three value channels (e.g. count, errors, warns). */
  a = new Float64Array(4096);
  b = new Float64Array(4096);
  c = new Float64Array(4096);

  ensure(size: number): void {
    if (size <= this.x.length) return;
    const s = Math.max(size, this.x.length * 2);
    this.x = new Float64Array(s);
    this.w = new Float64Array(s);
    this.a = new Float64Array(s);
    this.b = new Float64Array(s);
    this.c = new Float64Array(s);
  }
}

/**
 * Map buckets to pixel columns for the scale. Channels b and c are optional. Empty buckets
 * (a == 0) end a column but are not written. Columns are at least 1 px wide.
 */
export function bucketColumns(
  out: Columns,
  scale: TimeScale,
  t0: number,
  step: number,
  a: ArrayLike<number>,
  b: ArrayLike<number> | null,
  c: ArrayLike<number> | null,
): number {
  const n = a.length;
  const { first, last } = visibleBuckets(t0, step, n, scale.from, scale.to);
  out.n = 0;
  if (last < first) return 0;
  out.ensure(last - first + 1);
  let col = -1;
  let colPx = -Infinity;
  for (let i = first; i <= last; i++) {
    const va = a[i] ?? 0;
    if (!(va > 0)) continue;
    const x0 = timeToX(scale, t0 + i * step);
    const x1 = timeToX(scale, t0 + (i + 1) * step);
    const px = Math.floor(x0);
    if (col >= 0 && px <= colPx) {
      // Same pixel column: merge (max of each channel), extend to cover this bucket.
      if (va > (out.a[col] ?? 0)) out.a[col] = va;
      if (b && (b[i] ?? 0) > (out.b[col] ?? 0)) out.b[col] = b[i] ?? 0;
      if (c && (c[i] ?? 0) > (out.c[col] ?? 0)) out.c[col] = c[i] ?? 0;
      const end = Math.max((out.x[col] ?? 0) + (out.w[col] ?? 0), x1);
      out.w[col] = end - (out.x[col] ?? 0);
      continue;
    }
    col++;
    out.x[col] = x0;
    out.w[col] = Math.max(1, x1 - x0);
    out.a[col] = va;
    out.b[col] = b ? (b[i] ?? 0) : 0;
    out.c[col] = c ? (c[i] ?? 0) : 0;
    colPx = Math.floor(x0 + Math.max(1, x1 - x0)) - 1;
  }
  out.n = col + 1;
  return out.n;
}
