/** Durations in runbooks: an integer and a unit (`500ms`, `30s`, `5m`, `2h`), as Prometheus writes them. */
import { z } from 'zod';

const UNIT_MS = { ms: 1, s: 1_000, m: 60_000, h: 3_600_000 } as const;

export function durationMs(s: string): number | null {
  const m = /^(\d{1,7})(ms|s|m|h)$/.exec(s);
  if (m === null || m[1] === undefined || m[2] === undefined) return null;
  return Number(m[1]) * UNIT_MS[m[2] as keyof typeof UNIT_MS];
}

/** A duration between `minMs` and `maxMs` inclusive. */
export const Duration = (minMs: number, maxMs: number) =>
  z.string().refine(
    (s) => {
      const ms = durationMs(s);
      return ms !== null && ms >= minMs && ms <= maxMs;
    },
    { message: `a duration like 30s, 5m or 1h, from ${minMs / 1000}s to ${maxMs / 60_000}m` },
  );
