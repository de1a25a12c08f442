/** Drawn above the lanes: change lines, the brush band, the selection outline, the crosshair and its values. */
import type { TimeRange } from '../../state/ui';
import { bucketAt } from '../buckets';
import { formatValue } from '../format';
import { AXIS_H, type LaneBox } from '../layout';
import { seriesColor } from '../palette';
import type { PreparedWindow } from '../prepare';
import { timeToX } from '../scale';
import { formatClock } from '../ticks';
import { FONT_PX, type Frame } from './frame';

const DASH: number[] = [4, 4];
const NO_DASH: number[] = [];

export function drawChangeLines(f: Frame, data: PreparedWindow | null): void {
  const L = data?.byLane.changes;
  if (!L || L.type !== 'events' || L.ts.length > 500) return;
  const { ctx, scale, palette: p } = f;
  ctx.strokeStyle = p.accent;
  ctx.globalAlpha = 0.55;
  ctx.lineWidth = 1;
  ctx.setLineDash(DASH);
  ctx.beginPath();
  for (let i = 0; i < L.ts.length; i++) {
    const x = Math.round(timeToX(scale, L.ts[i] ?? 0)) + 0.5;
    if (x < 0 || x > scale.width) continue;
    ctx.moveTo(x, AXIS_H);
    ctx.lineTo(x, f.height);
  }
  ctx.stroke();
  ctx.setLineDash(NO_DASH);
  ctx.globalAlpha = 1;
}

export function translucent(color: string): boolean {
  return /^(rgba|hsla)\(/.test(color) || color.includes('/') || /^#([0-9a-f]{4}|[0-9a-f]{8})$/i.test(color);
}

export function drawBrush(f: Frame, brush: TimeRange | null): void {
  if (!brush) return;
  const { ctx, scale, palette: p } = f;
  const x0 = Math.max(-2, timeToX(scale, brush.from));
  const x1 = Math.min(scale.width + 2, timeToX(scale, brush.to));
  if (x1 <= x0) return;
  // --brush is usually translucent already; an opaque one is toned down here.
  ctx.fillStyle = p.brush;
  ctx.globalAlpha = translucent(p.brush) ? 1 : 0.2;
  ctx.fillRect(x0, 0, x1 - x0, f.height);
  ctx.globalAlpha = 1;
  ctx.fillStyle = p.accent;
  ctx.fillRect(x0, 0, 2, f.height);
  ctx.fillRect(x1 - 2, 0, 2, f.height);
}

export function drawSelection(f: Frame): void {
  const s = f.selected;
  if (!s.found) return;
  const { ctx, palette: p } = f;
  ctx.strokeStyle = p.accent;
  ctx.lineWidth = 2;
  ctx.strokeRect(s.x - 2, s.y - 2, s.w + 4, s.h + 4);
  ctx.strokeStyle = p.text;
  ctx.lineWidth = 1;
  ctx.strokeRect(s.x - 4, s.y - 4, s.w + 8, s.h + 8);
}

export function drawCrosshair(f: Frame, t: number | null, boxes: readonly LaneBox[], data: PreparedWindow | null): void {
  if (t === null) return;
  const { ctx, scale, palette: p } = f;
  const x = Math.round(timeToX(scale, t));
  if (x < 0 || x > scale.width) return;
  if (f.emphasis) {
    // Presentation mode: a 3 px line in a halo of the background, seen from the back of the room.
    ctx.fillStyle = p.bg;
    ctx.fillRect(x - 3, AXIS_H, 7, f.height - AXIS_H);
    ctx.fillStyle = p.crosshair;
    ctx.fillRect(x - 1, AXIS_H, 3, f.height - AXIS_H);
  } else {
    ctx.fillStyle = p.crosshair;
    ctx.globalAlpha = 0.85;
    ctx.fillRect(x, AXIS_H, 1, f.height - AXIS_H);
    ctx.globalAlpha = 1;
  }
  ctx.font = f.font;
  // Time label on the axis.
  const label = formatClock(t, scale.to - scale.from < 60_000);
  const w = ctx.measureText(label).width + 10;
  const lx = Math.min(Math.max(0, x - w / 2), scale.width - w);
  ctx.fillStyle = p.crosshair;
  ctx.fillRect(lx, 2, w, AXIS_H - 4);
  ctx.fillStyle = p.bg;
  ctx.textBaseline = 'middle';
  ctx.fillText(label, lx + 5, AXIS_H / 2);
  if (!data) return;
  // Metric values at the crosshair, beside the line in each metric lane.
  for (const b of boxes) {
    const L = data.byLane[b.lane];
    if (b.collapsed || !L || L.type !== 'metrics') continue;
    const lines = Math.max(1, Math.floor((b.h - 4) / (FONT_PX + 4)));
    let row = 0;
    for (let s = 0; s < L.series.length && row < lines; s++) {
      const S = L.series[s];
      if (!S) continue;
      const i = bucketAt(S.t0, S.step, S.last.length, t);
      const v = i >= 0 ? (S.last[i] ?? NaN) : NaN;
      if (Number.isNaN(v)) continue;
      const more = row === lines - 1 && s < L.series.length - 1;
      const text = more ? `+${L.series.length - s} more` : `${formatValue(v, L.unit)}  ${S.label}`;
      const tw = ctx.measureText(text).width + 8;
      const tx = x + 8 + tw > scale.width ? x - 8 - tw : x + 8;
      const ty = b.y + 3 + row * (FONT_PX + 4);
      ctx.globalAlpha = 0.88;
      ctx.fillStyle = p.bg;
      ctx.fillRect(tx, ty, tw, FONT_PX + 3);
      ctx.globalAlpha = 1;
      ctx.fillStyle = more ? p.text : seriesColor(p, s);
      ctx.textBaseline = 'top';
      ctx.fillText(text, tx + 4, ty + 1);
      row++;
    }
  }
}
