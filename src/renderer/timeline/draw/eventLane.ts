/**
 * One event lane: density columns in 'buckets' mode, then the items (every event in 'items'
 * mode, the significant ones in 'buckets' mode). LLM calls and spans are bars with their
 * duration; alerts are diamonds and changes flags, both labelled; agent actions and logs ticks.
 * Bars and ticks are fillRects, not one path per colour (see frame.ts).
 */
import { timeToX } from '../scale';
import type { PreparedEventLane } from '../prepare';
import { drawDensity } from './density';
import { FONT_PX, statusColor, type Frame } from './frame';

const PAD = 4;

function noteSelected(f: Frame, id: number, x: number, y: number, w: number, h: number): void {
  if (id !== f.selectedId) return;
  const s = f.selected;
  s.found = true;
  s.x = x;
  s.y = y;
  s.w = w;
  s.h = h;
}

export function drawEventLane(f: Frame, L: PreparedEventLane, li: number, top: number, h: number): void {
  if (L.mode === 'buckets') drawDensity(f, L, top, h);
  switch (L.lane) {
    case 'llm':
    case 'traces':
      drawBars(f, L, li, top, h);
      return;
    case 'alerts':
      drawMarkers(f, L, li, top, h, false);
      return;
    case 'changes':
      drawMarkers(f, L, li, top, h, true);
      return;
    case 'agent':
    case 'logs':
      drawTicks(f, L, li, top, h);
      return;
  }
}

function drawBars(f: Frame, L: PreparedEventLane, li: number, top: number, h: number): void {
  const { ctx, scale, hits } = f;
  const avail = (L.mode === 'buckets' ? Math.floor(h * 0.5) : h) - 2 * PAD;
  const rowH = Math.max(4, Math.min(14, Math.floor(avail / L.rows)));
  const fit = Math.max(1, Math.floor(avail / rowH));
  const barH = rowH > 6 ? rowH - 2 : rowH - 1;
  for (let s = 0; s <= 2; s++) {
    ctx.fillStyle = statusColor(f.palette, s);
    for (let i = 0; i < L.ts.length; i++) {
      if (L.status[i] !== s) continue;
      let x0 = timeToX(scale, L.ts[i] ?? 0);
      const x1 = timeToX(scale, L.end[i] ?? 0);
      if (x1 < -2 || x0 > scale.width + 2) continue;
      if (x0 < -2) x0 = -2;
      const w = Math.max(2, Math.min(x1, scale.width + 2) - x0);
      const y = top + PAD + ((L.row[i] ?? 0) % fit) * rowH;
      ctx.fillRect(x0, y, w, barH);
      hits.push(x0, y, w, barH, li, i);
      noteSelected(f, L.items[i]?.id ?? -1, x0, y, w, barH);
    }
  }
}

function drawTicks(f: Frame, L: PreparedEventLane, li: number, top: number, h: number): void {
  const { ctx, scale, hits } = f;
  const inner = h - 2 * PAD;
  // Over density columns (buckets mode) the significant items are short ticks along the top.
  const dense = L.mode === 'buckets';
  for (let s = 0; s <= 2; s++) {
    ctx.fillStyle = statusColor(f.palette, s);
    const th = dense ? Math.min(12, inner * 0.3) : s === 2 ? inner : s === 1 ? inner * 0.75 : inner * 0.5;
    const tw = s === 2 && !dense ? 3 : 2;
    const y = dense ? top + PAD : top + h - PAD - th;
    for (let i = 0; i < L.ts.length; i++) {
      if (L.status[i] !== s) continue;
      const x = timeToX(scale, L.ts[i] ?? 0) - tw / 2;
      if (x < -4 || x > scale.width + 4) continue;
      ctx.fillRect(x, y, tw, th);
      hits.push(x, y, tw, th, li, i);
      noteSelected(f, L.items[i]?.id ?? -1, x, y, tw, th);
    }
  }
}

function drawMarkers(f: Frame, L: PreparedEventLane, li: number, top: number, h: number, flags: boolean): void {
  const { ctx, scale, hits, palette: p } = f;
  const mid = top + Math.round(h / 2);
  const r = 6;
  for (let i = 0; i < L.ts.length; i++) {
    const x = timeToX(scale, L.ts[i] ?? 0);
    const xe = timeToX(scale, L.end[i] ?? 0);
    if (xe < -r || x > scale.width + r) continue;
    const s = L.status[i] ?? 0;
    ctx.fillStyle = flags ? (s === 2 ? p.error : s === 1 ? p.warn : p.accent) : statusColor(p, s);
    if (xe - x > 1) {
      // Active duration (an alert firing until resolved).
      ctx.globalAlpha = 0.22;
      ctx.fillRect(x, top + PAD, xe - x, h - 2 * PAD);
      ctx.globalAlpha = 1;
    }
    ctx.beginPath();
    if (flags) {
      ctx.rect(x - 1, top + PAD, 2, h - 2 * PAD);
      ctx.moveTo(x, top + PAD);
      ctx.lineTo(x + 10, top + PAD + 5);
      ctx.lineTo(x, top + PAD + 10);
    } else {
      ctx.moveTo(x, mid - r);
      ctx.lineTo(x + r, mid);
      ctx.lineTo(x, mid + r);
      ctx.lineTo(x - r, mid);
    }
    ctx.closePath();
    ctx.fill();
    const by = flags ? top + PAD : mid - r;
    const bh = flags ? h - 2 * PAD : 2 * r;
    hits.push(x - r, by, 2 * r, bh, li, i);
    noteSelected(f, L.items[i]?.id ?? -1, x - r, by, 2 * r, bh);
  }
  if (h < FONT_PX + 6) return;
  // Labels: to the right of a marker when they fit before the next one.
  ctx.font = f.font;
  ctx.textBaseline = 'middle';
  ctx.fillStyle = p.text;
  const ly = flags ? Math.min(mid, top + PAD + 5 + FONT_PX) : mid;
  for (let i = 0; i < L.ts.length; i++) {
    const item = L.items[i];
    if (!item) continue;
    const x = timeToX(scale, L.ts[i] ?? 0);
    if (x > scale.width) break;
    const lx = x + r + 4;
    // Transitions of the same alert/target share one label: the room is up to the next other one.
    if (i > 0 && L.items[i - 1]?.name === item.name) continue;
    let k = i + 1;
    while (k < L.ts.length && k < i + 64 && L.items[k]?.name === item.name) k++;
    const next = k < L.ts.length ? timeToX(scale, L.ts[k] ?? 0) - r - 4 : scale.width;
    let w = L.labelW[i] ?? -1;
    if (w < 0) {
      w = ctx.measureText(item.name).width;
      L.labelW[i] = w;
    }
    if (lx + w > next || lx + w < 0) continue;
    ctx.fillText(item.name, lx, ly);
  }
}
