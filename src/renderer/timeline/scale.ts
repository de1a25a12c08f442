/**
 * The time scale shared by every lane: a mutable object (reused each frame, no allocation)
 * mapping epoch milliseconds to CSS pixels across the plot width.
 */
export interface TimeScale {
  from: number;
  to: number;
  width: number;
  /** Pixels per millisecond. */
  k: number;
}

export function makeScale(from: number, to: number, width: number): TimeScale {
  const s: TimeScale = { from: 0, to: 1, width: 1, k: 1 };
  setScale(s, from, to, width);
  return s;
}

export function setScale(s: TimeScale, from: number, to: number, width: number): void {
  s.from = from;
  s.to = to > from ? to : from + 1;
  s.width = width > 0 ? width : 1;
  s.k = s.width / (s.to - s.from);
}

export function timeToX(s: TimeScale, t: number): number {
  return (t - s.from) * s.k;
}

export function xToTime(s: TimeScale, x: number): number {
  return s.from + x / s.k;
}
