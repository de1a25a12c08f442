/** Small text formatting helpers for terminal output. */
export const num = (n: number): string => n.toLocaleString('en-US');
export const secs = (ms: number): string => `${(ms / 1000).toFixed(2)} s`;
export const iso = (ms: number | null): string => (ms === null ? '-' : new Date(ms).toISOString().replace('.000Z', 'Z'));

const BARS = '▁▂▃▄▅▆▇█';

/** A one-line sparkline of `values` squeezed into `width` characters (max per cell); blanks where null. */
export function sparkline(values: readonly (number | null)[], width: number): string {
  if (values.length === 0) return '';
  const cells = Math.min(width, values.length);
  const per = values.length / cells;
  const agg: (number | null)[] = [];
  for (let c = 0; c < cells; c++) {
    let m: number | null = null;
    for (let i = Math.floor(c * per); i < Math.floor((c + 1) * per); i++) {
      const v = values[i];
      if (v !== null && v !== undefined && (m === null || v > m)) m = v;
    }
    agg.push(m);
  }
  const present = agg.filter((v): v is number => v !== null);
  const lo = Math.min(...present);
  const hi = Math.max(...present);
  return agg.map((v) => (v === null ? ' ' : BARS[hi === lo ? 0 : Math.round(((v - lo) / (hi - lo)) * 7)])).join('');
}

export function pad(s: string, n: number): string {
  return s.length >= n ? s : s + ' '.repeat(n - s.length);
}
