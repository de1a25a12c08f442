/** Density columns of an event lane: height ∝ count; error share stacked in --error, warn in --warn. */
import { bucketColumns, Columns } from '../buckets';
import type { PreparedEventLane } from '../prepare';
import type { Frame } from './frame';

const cols = new Columns();

export function drawDensity(f: Frame, L: PreparedEventLane, top: number, h: number): void {
  if (L.maxCount <= 0) return;
  const n = bucketColumns(cols, f.scale, L.t0, L.step, L.count, L.errors, L.warns);
  if (n === 0) return;
  const { ctx, palette: p } = f;
  const base = top + h - 2;
  const k = (h - 6) / L.maxCount;
  // Total, then warn above error, then error at the bottom: one path and one fill per colour.
  ctx.globalAlpha = 0.55;
  ctx.fillStyle = p.info;
  ctx.beginPath();
  for (let i = 0; i < n; i++) {
    const hh = Math.max(1, (cols.a[i] ?? 0) * k);
    ctx.rect(cols.x[i] ?? 0, base - hh, cols.w[i] ?? 1, hh);
  }
  ctx.fill();
  ctx.globalAlpha = 0.9;
  ctx.fillStyle = p.warn;
  ctx.beginPath();
  for (let i = 0; i < n; i++) {
    const w = cols.c[i] ?? 0;
    if (w <= 0) continue;
    const eh = (cols.b[i] ?? 0) * k;
    const hh = Math.max(1, w * k);
    ctx.rect(cols.x[i] ?? 0, base - eh - hh, cols.w[i] ?? 1, hh);
  }
  ctx.fill();
  ctx.fillStyle = p.error;
  ctx.beginPath();
  for (let i = 0; i < n; i++) {
    const e = cols.b[i] ?? 0;
    if (e <= 0) continue;
    const hh = Math.max(2, e * k);
    ctx.rect(cols.x[i] ?? 0, base - hh, cols.w[i] ?? 1, hh);
  }
  ctx.fill();
  ctx.globalAlpha = 1;
}
