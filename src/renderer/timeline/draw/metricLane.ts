/**
 * One metric lane: for each series a min–max band and the `last` line, coloured --series-N,
 * on a lane-local y-scale, with the scale's extremes labelled at the left edge. The line is drawn
 * as hairlines (strokeThick) to stay cheap on software rasterisers.
 */
import { visibleBuckets } from '../buckets';
import { formatValue } from '../format';
import { seriesColor } from '../palette';
import type { PreparedMetricLane, PreparedSeries } from '../prepare';
import { timeToX } from '../scale';
import { FONT_PX, type Frame } from './frame';

const PAD = 6;

export function drawMetricLane(f: Frame, L: PreparedMetricLane, top: number, h: number): void {
  const y0 = top + PAD;
  const y1 = top + h - PAD;
  const ky = (y1 - y0) / (L.yMax - L.yMin);
  for (let s = 0; s < L.series.length; s++) {
    const S = L.series[s] as PreparedSeries;
    const color = seriesColor(f.palette, s);
    drawSeries(f, S, color, y1, ky, L.yMin);
  }
  const { ctx, palette: p } = f;
  ctx.font = f.font;
  ctx.textBaseline = 'top';
  drawLabel(ctx, formatValue(L.yMax, L.unit), 4, top + 2, p.bg, p.textMuted);
  ctx.textBaseline = 'bottom';
  drawLabel(ctx, formatValue(L.yMin, L.unit), 4, top + h - 2, p.bg, p.textMuted);
}

function drawLabel(ctx: CanvasRenderingContext2D, text: string, x: number, y: number, bg: string, fg: string): void {
  const w = ctx.measureText(text).width;
  ctx.globalAlpha = 0.8;
  ctx.fillStyle = bg;
  const by = ctx.textBaseline === 'top' ? y : y - FONT_PX - 2;
  ctx.fillRect(x - 2, by, w + 4, FONT_PX + 2);
  ctx.globalAlpha = 1;
  ctx.fillStyle = fg;
  ctx.fillText(text, x, y);
}

function drawSeries(f: Frame, S: PreparedSeries, color: string, base: number, ky: number, yMin: number): void {
  const { ctx, scale } = f;
  const n = S.last.length;
  // One bridged gap beyond each edge, so lines reach the plot's sides.
  const vis = visibleBuckets(S.t0, S.step, n, scale.from, scale.to);
  const first = Math.max(0, vis.first - S.maxGap);
  const last = Math.min(n - 1, vis.last + S.maxGap);
  if (last < first) return;
  const half = S.step / 2;
  // Band: each run of samples (gaps <= maxGap bridged) is one polygon, max forward, min backward.
  ctx.fillStyle = color;
  ctx.globalAlpha = 0.25;
  ctx.beginPath();
  let runStart = -1;
  let prev = -1;
  for (let i = first; i <= last + 1; i++) {
    const ok = i <= last && !Number.isNaN(S.max[i] ?? NaN) && !Number.isNaN(S.min[i] ?? NaN);
    if (!ok && i <= last) continue;
    if (runStart >= 0 && (i > last || i - prev > S.maxGap)) {
      bandPolygon(ctx, S, scale, runStart, prev, base, ky, yMin, half);
      runStart = -1;
    }
    if (i > last) break;
    if (runStart < 0) runStart = i;
    prev = i;
  }
  ctx.fill();
  ctx.globalAlpha = 1;
  // Line through `last`, broken at gaps wider than maxGap: ~2 CSS px drawn as parallel
  // 1-device-pixel hairlines, offset diagonally. Software rasterisers have a fast hairline path;
  // a 2 px round-joined stroke of the same polyline costs ~20x more (see frame.ts).
  const passes = Math.max(2, Math.round(2 * f.dpr));
  const step = PASS_STEP / f.dpr;
  ctx.strokeStyle = color;
  ctx.lineWidth = 1 / f.dpr;
  for (let j = 0; j < passes; j++) {
    ctx.beginPath();
    lineThrough(ctx, S, scale, first, last, base, ky, yMin, half, j * step);
    ctx.stroke();
  }
}

/** Offset between the hairline passes of a line, in device pixels. */
const PASS_STEP = 0.75;

function lineThrough(
  ctx: CanvasRenderingContext2D,
  S: PreparedSeries,
  scale: Frame['scale'],
  first: number,
  last: number,
  base: number,
  ky: number,
  yMin: number,
  half: number,
  off: number,
): void {
  let prev = -Infinity;
  for (let i = first; i <= last; i++) {
    const v = S.last[i] ?? NaN;
    if (Number.isNaN(v)) continue;
    const x = timeToX(scale, S.t0 + i * S.step + half) + off;
    const y = base - (v - yMin) * ky + off;
    if (i - prev <= S.maxGap) ctx.lineTo(x, y);
    else {
      ctx.moveTo(x - 1, y);
      ctx.lineTo(x + 1, y);
    }
    prev = i;
  }
}

function bandPolygon(
  ctx: CanvasRenderingContext2D,
  S: PreparedSeries,
  scale: Frame['scale'],
  a: number,
  b: number,
  base: number,
  ky: number,
  yMin: number,
  half: number,
): void {
  let started = false;
  for (let j = a; j <= b; j++) {
    const v = S.max[j] ?? NaN;
    if (Number.isNaN(v)) continue;
    const x = timeToX(scale, S.t0 + j * S.step + half);
    if (started) ctx.lineTo(x, base - (v - yMin) * ky);
    else ctx.moveTo(x, base - (v - yMin) * ky);
    started = true;
  }
  for (let j = b; j >= a; j--) {
    const v = S.min[j] ?? NaN;
    if (Number.isNaN(v)) continue;
    ctx.lineTo(timeToX(scale, S.t0 + j * S.step + half), base - (v - yMin) * ky + 1);
  }
  ctx.closePath();
}
