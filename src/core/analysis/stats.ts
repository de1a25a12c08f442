/** Robust statistics for baselines: median, MAD and robust z-scores (NaN-free inputs only). */

/** Median of finite numbers; NaN for an empty list. Does not modify its input. */
export function median(xs: readonly number[]): number {
  if (xs.length === 0) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 === 1 ? (s[mid] as number) : ((s[mid - 1] as number) + (s[mid] as number)) / 2;
}

/** Median absolute deviation from the median. */
export function mad(xs: readonly number[]): number {
  if (xs.length === 0) return NaN;
  const m = median(xs);
  return median(xs.map((x) => Math.abs(x - m)));
}

/** Consistent estimator of the standard deviation for normal data: 1.4826 × MAD. */
export const MAD_TO_SIGMA = 1.4826;

/** Quantile (0..1) by linear interpolation between order statistics; NaN for an empty list. */
export function quantile(xs: readonly number[], q: number): number {
  if (xs.length === 0) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  const pos = Math.min(1, Math.max(0, q)) * (s.length - 1);
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  const a = s[lo] as number;
  const b = s[hi] as number;
  return a + (b - a) * (pos - lo);
}

export interface Baseline {
  median: number;
  /** Robust spread (≥ the floor given), in the series' units. */
  scale: number;
  n: number;
}

/** Median and robust scale of a baseline, the scale never below `floor` (avoids z = ∞ on flat series). */
export function baselineOf(xs: readonly number[], floor: number): Baseline {
  const m = median(xs);
  const s = MAD_TO_SIGMA * mad(xs);
  return { median: m, scale: Math.max(Number.isFinite(s) ? s : 0, floor, Number.EPSILON), n: xs.length };
}

export function robustZ(x: number, b: Baseline): number {
  return (x - b.median) / b.scale;
}

/** 1 − Π(1 − sᵢ): combines independent strengths in 0..1 (noisy-or). */
export function noisyOr(strengths: readonly number[]): number {
  let p = 1;
  for (const s of strengths) p *= 1 - Math.min(1, Math.max(0, s));
  return 1 - p;
}

/** Maps a robust z (≥ 0) to a 0..1 strength: ~0.3 at z=4, ~0.6 at z=8, → 1. */
export function strengthOfZ(z: number): number {
  const a = Math.max(0, Math.abs(z) - 2);
  return a / (a + 5);
}

export const clamp01 = (x: number): number => (x < 0 ? 0 : x > 1 ? 1 : Number.isFinite(x) ? x : 0);
export const round = (x: number, digits = 4): number => {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
};
