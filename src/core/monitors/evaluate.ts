/**
 * When a threshold rule fires on sampled values, as Prometheus evaluates it: the condition must
 * hold at every evaluation for `for` (a gap or a false evaluation resets it); with `for: 0` it
 * fires at the first true evaluation.
 */

export type Direction = 'above' | 'below';

export const holds = (v: number | null, threshold: number, dir: Direction): boolean => v !== null && (dir === 'above' ? v > threshold : v < threshold);

/** The first grid time at which the rule fires on one sampled series, or null; only times in [from, to) count. */
export function firstFiring(values: readonly (number | null)[], times: readonly number[], threshold: number, dir: Direction, forMs: number, from = -Infinity, to = Infinity): number | null {
  let pending: number | null = null;
  for (let k = 0; k < times.length; k++) {
    const t = times[k] as number;
    if (t >= to) break;
    if (!holds(values[k] ?? null, threshold, dir)) {
      pending = null;
      continue;
    }
    if (pending === null) pending = t;
    if (t - pending >= forMs && t >= from) return t;
  }
  return null;
}

/** The first firing over several series (a rule fires an alert per series; the earliest counts). */
export function firstFiringAny(series: readonly (readonly (number | null)[])[], times: readonly number[], threshold: number, dir: Direction, forMs: number, from = -Infinity, to = Infinity): number | null {
  let best: number | null = null;
  for (const v of series) {
    const t = firstFiring(v, times, threshold, dir, forMs, from, to);
    if (t !== null && (best === null || t < best)) best = t;
  }
  return best;
}
