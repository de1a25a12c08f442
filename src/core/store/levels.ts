/**
 * Rollup levels. CHAIN_LEVELS_MS divide each other (100ms | 500ms | 1s | 2s | 10s | …), so any time
 * range decomposes exactly into whole buckets of decreasing levels plus two raw edges (exact
 * counts from a few dozen rows). LEVELS_MS adds levels in between so the window query always finds
 * one within 2.5x of a pixel's width (at most ~2.5 rollup rows per pixel). Every level is a multiple
 * of a finer one, so rollups cascade from the finest level once per batch (see rollups.ts).
 */
export const CHAIN_LEVELS_MS = [
  100, 500, 1_000, 2_000, 10_000, 20_000, 60_000, 120_000, 600_000, 1_800_000, 3_600_000, 10_800_000,
] as const;

export const LEVELS_MS: readonly number[] = [
  100, 500, 1_000, 2_000, 5_000, 10_000, 20_000, 30_000, 40_000, 60_000, 120_000, 300_000, 600_000, 1_200_000,
  1_800_000, 3_600_000, 7_200_000, 10_800_000,
];
export const FINEST_LEVEL_MS = 100;
export const COARSEST_LEVEL_MS = 10_800_000;

/** For each level after the first: the index of the coarsest finer level that divides it (its cascade source). */
export const SOURCE_OF: readonly number[] = LEVELS_MS.map((l, k) => {
  for (let j = k - 1; j >= 0; j--) if (l % (LEVELS_MS[j] ?? 1) === 0) return j;
  return -1;
});

/** A display name such as '100ms', '10s', '5m', '3h'. */
export function levelName(ms: number): string {
  if (ms % 3_600_000 === 0) return `${ms / 3_600_000}h`;
  if (ms % 60_000 === 0) return `${ms / 60_000}m`;
  if (ms % 1_000 === 0) return `${ms / 1_000}s`;
  return `${ms}ms`;
}

/** The coarsest level no wider than `bucketMs`, or null when even the finest is too wide (read raw rows). */
export function levelFor(bucketMs: number): number | null {
  let best: number | null = null;
  for (const l of LEVELS_MS) if (l <= bucketMs) best = l;
  return best;
}

export interface RangePart {
  /** Rollup level in ms, or null for raw rows. */
  level: number | null;
  lo: number;
  hi: number;
}

/**
 * Splits [from, to) into whole rollup buckets (coarsest first) and raw edges shorter than the
 * finest level. Exact: every instant of the range is covered once.
 */
export function decompose(from: number, to: number, out: RangePart[] = []): RangePart[] {
  if (to <= from) return out;
  for (let k = CHAIN_LEVELS_MS.length - 1; k >= 0; k--) {
    const l = CHAIN_LEVELS_MS[k] ?? FINEST_LEVEL_MS;
    const a = Math.ceil(from / l) * l;
    const b = Math.floor(to / l) * l;
    if (b > a) {
      decompose(from, a, out);
      out.push({ level: l, lo: a, hi: b });
      decompose(b, to, out);
      return out;
    }
  }
  out.push({ level: null, lo: from, hi: to });
  return out;
}

/**
 * The parts a window query reads at `level`: whole `level` buckets inside [from, to), and the two
 * edges decomposed into finer whole buckets plus raw rows shorter than the finest level. Each
 * rollup bucket is drawn in the pixel holding its start, so an event can land up to one part
 * level (< one pixel) early. With `level` null: raw rows for the whole range.
 */
export function windowParts(from: number, to: number, level: number | null): RangePart[] {
  if (level === null) return [{ level: null, lo: from, hi: to }];
  const a = Math.min(Math.ceil(from / level) * level, to);
  const b = Math.max(Math.floor(to / level) * level, a);
  const out: RangePart[] = [];
  decompose(from, a, out);
  if (b > a) out.push({ level, lo: a, hi: b });
  decompose(b, to, out);
  return out;
}
