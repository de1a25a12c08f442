/** The analysis frame: the window and its buckets (about 60–120 per window, whole seconds). */

export interface Frame {
  from: number;
  to: number;
  bucketMs: number;
  n: number;
  /** Bucket index of a timestamp inside the window. */
  idx(ts: number): number;
  /** Start time of a bucket. */
  at(i: number): number;
}

const NICE_MS = [1_000, 2_000, 5_000, 10_000, 15_000, 20_000, 30_000, 60_000, 120_000, 300_000, 600_000, 900_000, 1_800_000, 3_600_000, 7_200_000, 21_600_000, 43_200_000, 86_400_000];

export function bucketFor(spanMs: number, target = 90): number {
  const want = spanMs / target;
  for (const b of NICE_MS) if (b >= want) return b;
  return Math.ceil(want / 86_400_000) * 86_400_000;
}

export function makeFrame(from: number, to: number): Frame {
  const span = Math.max(1, to - from);
  const bucketMs = bucketFor(span);
  const n = Math.max(1, Math.ceil(span / bucketMs));
  return {
    from,
    to,
    bucketMs,
    n,
    idx: (ts) => Math.min(n - 1, Math.max(0, Math.floor((ts - from) / bucketMs))),
    at: (i) => from + i * bucketMs,
  };
}
