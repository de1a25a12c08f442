/**
 * Density columns of an event lane: height ∝ count; error share stacked in --error, warn in --warn.
 * Columns are whole pixels drawn with fillRect (see frame.ts): as one path of ~1000 fractional
 * rectangles per colour they cost up to hundreds of ms to rasterise in software.
 */
import { bucketColumns, Columns } from '../buckets';
import type { PreparedEventLane } from '../prepare';
import type { Frame } from './frame';

const cols = new Columns();

/** Snaps columns to whole pixels in place: x strictly increasing, no overlap, width >= 1. */
export function snapColumns(c: Columns, n: number): void {
  for (let i = 0; i < n; i++) {
    const x = Math.floor(c.x[i] ?? 0);
    let end = Math.round((c.x[i] ?? 0) + (c.w[i] ?? 1));
    if (i + 1 < n) end = Math.min(end, Math.floor(c.x[i + 1] ?? 0));
    c.x[i] = x;
    c.w[i] = Math.max(1, end - x);
  }
}

export function drawDensity(f: Frame, L: PreparedEventLane, top: number, h: number): void {
  if (L.maxCount <= 0) return;
  const n = bucketColumns(cols, f.scale, L.t0, L.step, L.count, L.errors, L.warns);
  if (n === 0) return;
  snapColumns(cols, n);
  const { ctx, palette: p } = f;
  const base = Math.round(top + h - 2);
  const k = (h - 6) / L.maxCount;
  // Total, then warn above error, then error at the bottom: one colour at a time.
  ctx.globalAlpha = 0.55;
  ctx.fillStyle = p.info;
  for (let i = 0; i < n; i++) {
    const hh = Math.max(1, Math.round((cols.a[i] ?? 0) * k));
    ctx.fillRect(cols.x[i] ?? 0, base - hh, cols.w[i] ?? 1, hh);
  }
  ctx.globalAlpha = 0.9;
  ctx.fillStyle = p.warn;
  for (let i = 0; i < n; i++) {
    const w = cols.c[i] ?? 0;
    if (w <= 0) continue;
    const eh = Math.round((cols.b[i] ?? 0) * k);
    const hh = Math.max(1, Math.round(w * k));
    ctx.fillRect(cols.x[i] ?? 0, base - eh - hh, cols.w[i] ?? 1, hh);
  }
  ctx.fillStyle = p.error;
  for (let i = 0; i < n; i++) {
    const e = cols.b[i] ?? 0;
    if (e <= 0) continue;
    const hh = Math.max(2, Math.round(e * k));
    ctx.fillRect(cols.x[i] ?? 0, base - hh, cols.w[i] ?? 1, hh);
  }
  ctx.globalAlpha = 1;
}
