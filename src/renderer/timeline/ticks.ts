/** Adaptive time-axis ticks (UTC) and the time formats the timeline shows. Pure. */

const S = 1000;
const M = 60 * S;
const H = 60 * M;
const D = 24 * H;

export const TICK_STEPS: readonly number[] = [
  1, 2, 5, 10, 20, 50, 100, 200, 500,
  S, 2 * S, 5 * S, 10 * S, 15 * S, 30 * S,
  M, 2 * M, 5 * M, 10 * M, 15 * M, 30 * M,
  H, 2 * H, 3 * H, 6 * H, 12 * H,
  D, 2 * D, 7 * D, 14 * D,
];

/** The smallest step whose ticks are at least `minSpacingPx` apart. */
export function chooseTickStep(spanMs: number, widthPx: number, minSpacingPx = 90): number {
  const msPerPx = spanMs / Math.max(1, widthPx);
  const minMs = msPerPx * minSpacingPx;
  for (const s of TICK_STEPS) if (s >= minMs) return s;
  return TICK_STEPS[TICK_STEPS.length - 1] ?? D;
}

/** Writes tick times (multiples of `step` in UTC epoch ms) within [from, to] into `out`; returns the count. */
export function generateTicks(from: number, to: number, step: number, out: Float64Array): number {
  let t = Math.ceil(from / step) * step;
  let n = 0;
  while (t <= to && n < out.length) {
    out[n++] = t;
    t += step;
  }
  return n;
}

const pad2 = (n: number): string => (n < 10 ? '0' : '') + n;
const pad3 = (n: number): string => (n < 10 ? '00' : n < 100 ? '0' : '') + n;

export function formatDate(t: number): string {
  const d = new Date(t);
  return `${d.getUTCFullYear()}-${pad2(d.getUTCMonth() + 1)}-${pad2(d.getUTCDate())}`;
}

export function formatClock(t: number, withMs = false): string {
  const d = new Date(t);
  const base = `${pad2(d.getUTCHours())}:${pad2(d.getUTCMinutes())}:${pad2(d.getUTCSeconds())}`;
  return withMs ? `${base}.${pad3(d.getUTCMilliseconds())}` : base;
}

/** `YYYY-MM-DD HH:MM:SS` in UTC. */
export function formatInstant(t: number, withMs = false): string {
  return `${formatDate(t)} ${formatClock(t, withMs)}`;
}

/** A tick label at the precision the step needs; midnight shows the date. */
export function formatTick(t: number, step: number): string {
  if (step >= D || t % D === 0) return formatDate(t);
  if (step < S) return formatClock(t, true).slice(3); // MM:SS.mmm
  if (step < M) return formatClock(t);
  return formatClock(t).slice(0, 5);
}

/** Human duration: 850ms, 12.5s, 4m 05s, 2h 10m, 3d 4h. */
export function formatDuration(ms: number): string {
  if (!Number.isFinite(ms)) return '–';
  const a = Math.abs(ms);
  if (a < S) return `${Math.round(ms)}ms`;
  if (a < M) return `${(ms / S).toFixed(a < 10 * S ? 2 : 1)}s`;
  if (a < H) return `${Math.floor(a / M)}m ${pad2(Math.floor((a % M) / S))}s`;
  if (a < D) return `${Math.floor(a / H)}h ${pad2(Math.floor((a % H) / M))}m`;
  return `${Math.floor(a / D)}d ${Math.floor((a % D) / H)}h`;
}

/**
 * `YYYY-MM-DD HH:MM:SS – HH:MM:SS UTC` (the end's date repeated only when it differs),
 * with milliseconds when the span is short.
 */
export function formatRange(from: number, to: number): string {
  const ms = to - from < 10 * S;
  const end = formatDate(to) === formatDate(from) ? formatClock(to, ms) : formatInstant(to, ms);
  return `${formatInstant(from, ms)} – ${end} UTC`;
}
