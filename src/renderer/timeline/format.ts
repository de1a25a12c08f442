/** Number formats for axes, crosshair values and hover cards. Pure. */

/** Compact value: 3 significant digits, k/M/G suffixes, then the unit. */
export function formatValue(v: number, unit: string | null = null): string {
  if (!Number.isFinite(v)) return '–';
  const a = Math.abs(v);
  let s: string;
  if (a >= 1e9) s = `${trim(v / 1e9)}G`;
  else if (a >= 1e6) s = `${trim(v / 1e6)}M`;
  else if (a >= 1e4) s = `${trim(v / 1e3)}k`;
  else if (a >= 100 || a === 0) s = String(Math.round(v));
  else s = trim(v);
  if (!unit) return s;
  return unit === '%' ? `${s}%` : `${s} ${unit}`;
}

function trim(v: number): string {
  const a = Math.abs(v);
  const digits = a >= 100 ? 0 : a >= 10 ? 1 : a >= 1 ? 2 : 3;
  return String(Number(v.toFixed(digits)));
}

export function formatUsd(v: number): string {
  if (!Number.isFinite(v)) return '–';
  return v >= 1 ? `$${v.toFixed(2)}` : `$${v.toFixed(4)}`;
}

export function formatCount(n: number): string {
  return n >= 10_000 ? formatValue(n) : n.toLocaleString('en-US');
}
