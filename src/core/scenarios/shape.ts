/** Time shapes for faults: how far a fault has progressed at `t`. */

/** 0 before `start`, 1 after `start + dur`, a smooth S-curve between. */
export function ramp(t: number, start: number, dur: number): number {
  if (t <= start) return 0;
  if (dur <= 0 || t >= start + dur) return 1;
  const x = (t - start) / dur;
  return x * x * (3 - 2 * x);
}

/** Ramps up from `start` over `rise`, holds, and (when `end` is given) falls back over `fall`. */
export function episode(t: number, start: number, rise: number, end?: number, fall = 0): number {
  const up = ramp(t, start, rise);
  return end === undefined ? up : up * (1 - ramp(t, end, fall));
}

export const between = (t: number, a: number, b: number): boolean => t >= a && t < b;
