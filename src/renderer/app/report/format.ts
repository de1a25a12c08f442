/** Formatting of the report's figures. */

export const pct = (p: number | null): string => (p === null ? '–' : `${Math.round(p * 100)}%`);

/** `45 s`, `4.2 min`, `2.5 h`, `3.1 d`; `–` when unknown. */
export function span(ms: number | null): string {
  if (ms === null) return '–';
  if (ms < 60_000) return `${Math.round(ms / 1_000)} s`;
  if (ms < 3 * 3_600_000) return `${Math.round(ms / 6_000) / 10} min`;
  if (ms < 3 * 86_400_000) return `${Math.round(ms / 360_000) / 10} h`;
  return `${Math.round(ms / 8_640_000) / 10} d`;
}

export const minutes = (ms: number | null): number | null => (ms === null ? null : Math.round(ms / 6_000) / 10);

export const day = (t: number): string => new Date(t).toISOString().slice(0, 10);
