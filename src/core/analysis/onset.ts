/**
 * Onset detection on one bucketed series against its own baseline. The baseline is the early
 * part of the window (re-estimated from everything before a detected run, so an early onset does
 * not poison it); a bucket deviates when its robust z passes the threshold, and an onset needs
 * several consecutive deviating buckets in the same direction. A series whose baseline already had
 * excursions as large (always noisy, spiky) gets a weak strength instead of a strong one.
 */
import { baselineOf, median, robustZ, strengthOfZ, type Baseline } from './stats';

export type Direction = 'up' | 'down';

export interface OnsetOptions {
  direction: Direction | 'both';
  /** Smallest robust scale, in the series' units (flat baselines would give z = ∞ otherwise). */
  floor: number;
  /** Robust z a bucket needs to count as deviating (default 4). */
  z?: number;
  /** The elevated level must differ from the baseline by at least this fraction of |baseline| (default 0.1). */
  minRelative?: number;
  /** … and by at least this much in absolute terms (default 0). */
  minAbsolute?: number;
  /** Consecutive deviating buckets needed (default 3, 2 for short series). */
  persist?: number;
  /** Fewest baseline buckets (default 5). */
  minBaseline?: number;
  /** Share of the buckets taken as the first baseline estimate (default 0.15). */
  baselineShare?: number;
}

export interface Onset {
  /** Bucket index where the deviation starts. */
  index: number;
  direction: Direction;
  baseline: number;
  scale: number;
  /** Median level over the elevated period. */
  observed: number;
  /** Most extreme value of the elevated period. */
  peak: number;
  /** Robust z of `observed`. */
  z: number;
  /** Buckets the elevated period lasted. */
  length: number;
  /** Largest same-direction z before the onset: how big the baseline's own excursions were. */
  preMaxZ: number;
  /** The baseline had ≥ 10% of its buckets past the threshold: a noisy series. */
  noisy: boolean;
  /** 0..1, comparable across series. */
  strength: number;
}

interface Point {
  i: number;
  v: number;
}

function deviates(v: number, b: Baseline, z: number, dir: Direction | 'both'): Direction | null {
  const r = robustZ(v, b);
  if ((dir === 'up' || dir === 'both') && r >= z) return 'up';
  if ((dir === 'down' || dir === 'both') && r <= -z) return 'down';
  return null;
}

/** Position (in `pts`) of the first run of `persist` same-direction deviations at or after `start`. */
function firstRun(pts: readonly Point[], start: number, b: Baseline, o: Required<Pick<OnsetOptions, 'z' | 'persist' | 'direction'>>): { at: number; dir: Direction } | null {
  let runStart = -1;
  let runDir: Direction | null = null;
  for (let k = start; k < pts.length; k++) {
    const d = deviates((pts[k] as Point).v, b, o.z, o.direction);
    if (d !== null && d === runDir) {
      if (k - runStart + 1 >= o.persist) return { at: runStart, dir: d };
    } else if (d !== null) {
      runStart = k;
      runDir = d;
      if (o.persist <= 1) return { at: k, dir: d };
    } else {
      runStart = -1;
      runDir = null;
    }
  }
  return null;
}

export function detectOnset(values: readonly (number | null)[], opts: OnsetOptions): Onset | null {
  const pts: Point[] = [];
  values.forEach((v, i) => {
    if (v !== null && Number.isFinite(v)) pts.push({ i, v });
  });
  const z = opts.z ?? 4;
  const persist = opts.persist ?? (values.length >= 30 ? 3 : 2);
  const minBase = opts.minBaseline ?? 5;
  if (pts.length < minBase + persist) return null;
  const o = { z, persist, direction: opts.direction };

  // A small wobble early in the window can come first and be too small to count; the search then
  // goes on past it (at most a few times), so it cannot hide a real step after it.
  let from = 1;
  for (let attempt = 0; attempt < 4; attempt++) {
    const found = runFrom(pts, from, o, opts, minBase);
    if (found === null) return null;
    if (found.delta >= Math.max(opts.minAbsolute ?? 0, (opts.minRelative ?? 0.1) * Math.abs(found.base.median))) return finish(pts, found, o);
    from = found.last + 1;
  }
  return null;
}

interface Found {
  base: Baseline;
  dir: Direction;
  start: number;
  last: number;
  elevated: number[];
  observed: number;
  peak: number;
  delta: number;
}

/** The first run at or after `from`, its baseline (everything before it) and its elevated period. */
function runFrom(pts: readonly Point[], from: number, o: Required<Pick<OnsetOptions, 'z' | 'persist' | 'direction'>>, opts: OnsetOptions, minBase: number): Found | null {
  const z = o.z;
  // A short first baseline finds a tentative run; the baseline is then re-estimated from
  // everything before the run, until the run starts where the baseline ends.
  let baseLen = Math.max(minBase, from, Math.floor((opts.baselineShare ?? 0.15) * pts.length));
  let base = baselineOf(pts.slice(0, baseLen).map((p) => p.v), opts.floor);
  let run = firstRun(pts, from, base, o);
  for (let iter = 0; iter < 6 && run !== null && run.at !== baseLen; iter++) {
    if (run.at < minBase) return null; // deviating from the very start: no baseline to compare with
    baseLen = run.at;
    base = baselineOf(pts.slice(0, baseLen).map((p) => p.v), opts.floor);
    run = firstRun(pts, from, base, o);
  }
  if (run === null || run.at < minBase) return null;

  // The elevated period: from the run start while deviating, tolerating short dips (2 buckets).
  const dir = run.dir;
  const sign = dir === 'up' ? 1 : -1;
  const elevated: number[] = [];
  let last = run.at;
  let dips = 0;
  for (let k = run.at; k < pts.length; k++) {
    const p = pts[k] as Point;
    if (deviates(p.v, base, z * 0.75, dir) === dir) {
      elevated.push(p.v);
      last = k;
      dips = 0;
    } else if (++dips > 2) break;
  }
  const observed = median(elevated);
  const peak = sign > 0 ? Math.max(...elevated) : Math.min(...elevated);
  const delta = Math.abs(observed - base.median);
  // The onset is the first bucket of the run already a quarter of the way to the elevated level
  // (a baseline estimated from few buckets can flag the last noise just before a step).
  let start = run.at;
  while (start < last && sign * ((pts[start] as Point).v - base.median) < 0.25 * delta) start++;
  return { base, dir, start, last, elevated, observed, peak, delta };
}

function finish(pts: readonly Point[], f: Found, o: { z: number; persist: number }): Onset {
  const { base, dir, start, last, elevated, observed, peak } = f;
  const { z, persist } = o;
  const sign = dir === 'up' ? 1 : -1;
  let preMaxZ = 0;
  let preOut = 0;
  for (let k = 0; k < start; k++) {
    const r = robustZ((pts[k] as Point).v, base);
    preMaxZ = Math.max(preMaxZ, sign * r);
    if (Math.abs(r) >= z) preOut++;
  }
  const noisy = start > 0 && preOut / start >= 0.1;
  const zObs = Math.abs(robustZ(observed, base));
  const length = (pts[last] as Point).i - (pts[start] as Point).i + 1;
  const dominance = Math.min(1, zObs / Math.max(z, preMaxZ * 1.25));
  const lasting = Math.min(1, 0.6 + (0.4 * elevated.length) / (3 * persist));
  const strength = strengthOfZ(zObs) * dominance * lasting * (noisy ? 0.4 : 1);
  return {
    index: (pts[start] as Point).i,
    direction: dir,
    baseline: base.median,
    scale: base.scale,
    observed,
    peak,
    z: zObs,
    length,
    preMaxZ,
    noisy,
    strength,
  };
}
