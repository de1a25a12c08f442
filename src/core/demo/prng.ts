/** A small seeded PRNG (mulberry32) and the draws the demo needs. Never Math.random. */
export interface Rng {
  /** Uniform in [0, 1). */
  next(): number;
  /** Uniform in [lo, hi). */
  range(lo: number, hi: number): number;
  /** Integer in [lo, hi]. */
  int(lo: number, hi: number): number;
  /** True with probability p. */
  chance(p: number): boolean;
  /** Approximately normal (sum of uniforms), mean and standard deviation. */
  normal(mean: number, sd: number): number;
  pick<T>(items: readonly T[]): T;
  /** Lower-case hex string of `chars` characters (multiple of 8 not required). */
  hex(chars: number): string;
}

export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function createRng(seed: number): Rng {
  const next = mulberry32(seed);
  const rng: Rng = {
    next,
    range: (lo, hi) => lo + (hi - lo) * next(),
    int: (lo, hi) => lo + Math.floor((hi - lo + 1) * next()),
    chance: (p) => next() < p,
    normal: (mean, sd) => mean + sd * (next() + next() + next() + next() - 2) * 1.7320508,
    pick: <T>(items: readonly T[]): T => {
      const item = items[Math.floor(next() * items.length)];
      if (item === undefined) throw new Error('pick from an empty list');
      return item;
    },
    hex: (chars) => {
      let s = '';
      while (s.length < chars) s += (Math.floor(next() * 4294967296) >>> 0).toString(16).padStart(8, '0');
      return s.slice(0, chars);
    },
  };
  return rng;
}
