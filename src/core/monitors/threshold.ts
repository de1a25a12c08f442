/**
 * A rule's threshold and `for` from the incident's own data: halfway between the baseline's 95th
 * percentile (5th for a drop) and the level right after the onset, rounded to the fewest digits that
 * stay strictly between them; then the shortest `for` that never fires on the baseline.
 */
import { quantile } from '../analysis/stats';
import { firstFiringAny, type Direction } from './evaluate';

export const FOR_CANDIDATES_MS = [0, 60_000, 120_000, 180_000, 300_000, 600_000, 900_000] as const;

/** The value in (lo, hi) near `x` with the fewest significant digits. */
export function niceBetween(x: number, lo: number, hi: number): number {
  for (let d = 1; d <= 8; d++) {
    const v = Number(x.toPrecision(d));
    if (v > lo && v < hi) return v;
  }
  return x;
}

export type Levels = { ok: true; baseline: number; onset: number; threshold: number } | { ok: false; reason: string };

const fmt = (v: number): string => String(Number(v.toPrecision(4)));

/**
 * Baseline values (before the onset, all matched series) and onset values (the 10 minutes after it,
 * per affected series): the threshold sits halfway between the baseline's edge and the onset level.
 */
export function levelsOf(baseline: readonly number[], onsetPerSeries: readonly (readonly number[])[], dir: Direction): Levels {
  if (baseline.length < 8) return { ok: false, reason: `too little baseline before the onset (${baseline.length} samples, 8 needed)` };
  const levels = onsetPerSeries.filter((v) => v.length >= 2).map((v) => quantile(v, 0.75));
  if (levels.length === 0) return { ok: false, reason: 'no samples in the 10 minutes after the onset' };
  const b = dir === 'above' ? quantile(baseline, 0.95) : quantile(baseline, 0.05);
  const o = dir === 'above' ? Math.max(...levels) : Math.min(...levels);
  const gap = dir === 'above' ? o - b : b - o;
  if (!(gap > 0.05 * Math.max(Math.abs(b), Math.abs(o), 1e-9))) {
    return { ok: false, reason: `the level after the onset (${fmt(o)}) does not clear the baseline's ${dir === 'above' ? '95th' : '5th'} percentile (${fmt(b)})` };
  }
  const mid = b + (o - b) / 2;
  const threshold = dir === 'above' ? niceBetween(mid, b, o) : niceBetween(mid, o, b);
  return { ok: true, baseline: b, onset: o, threshold };
}

export type ForChoice = { ok: true; forMs: number; firedAt: number } | { ok: false; reason: string };

/**
 * The shortest `for` (at least `minForMs`) under which the rule never fires before `quietUntil` (the
 * baseline), and the first time it then fires at or after it.
 */
export function chooseFor(series: readonly (readonly (number | null)[])[], times: readonly number[], threshold: number, dir: Direction, minForMs: number, quietUntil: number): ForChoice {
  for (const forMs of FOR_CANDIDATES_MS) {
    if (forMs < minForMs) continue;
    if (firstFiringAny(series, times, threshold, dir, forMs, -Infinity, quietUntil) !== null) continue;
    const firedAt = firstFiringAny(series, times, threshold, dir, forMs);
    if (firedAt === null) return { ok: false, reason: `with for: ${promDuration(forMs)} (the shortest that stays quiet on the baseline) it would not have fired in the window` };
    return { ok: true, forMs, firedAt };
  }
  return { ok: false, reason: `it fires on the baseline even with for: ${promDuration(FOR_CANDIDATES_MS[FOR_CANDIDATES_MS.length - 1] ?? 0)}` };
}

/** A Prometheus duration: `0s`, `90s`, `2m`, `1h`. */
export function promDuration(ms: number): string {
  if (ms === 0) return '0s';
  if (ms % 3_600_000 === 0) return `${ms / 3_600_000}h`;
  if (ms % 60_000 === 0) return `${ms / 60_000}m`;
  return `${Math.round(ms / 1_000)}s`;
}
