/** Grid lines through every lane and the UTC tick labels in the axis row. */
import { AXIS_H } from '../layout';
import { timeToX } from '../scale';
import { chooseTickStep, formatTick, generateTicks } from '../ticks';
import type { Frame } from './frame';

const ticks = new Float64Array(256);
const labels = new Map<string, string>();

function label(t: number, step: number): string {
  const key = `${t}|${step}`;
  let s = labels.get(key);
  if (s === undefined) {
    if (labels.size > 2000) labels.clear();
    s = formatTick(t, step);
    labels.set(key, s);
  }
  return s;
}

export function drawAxis(f: Frame): void {
  const { ctx, scale, palette: p, height } = f;
  ctx.fillStyle = p.bgElev;
  ctx.fillRect(0, 0, scale.width, AXIS_H);
  const step = chooseTickStep(scale.to - scale.from, scale.width);
  const n = generateTicks(scale.from, scale.to, step, ticks);
  ctx.fillStyle = p.grid;
  for (let i = 0; i < n; i++) ctx.fillRect(Math.round(timeToX(scale, ticks[i] ?? 0)), AXIS_H, 1, height - AXIS_H);
  ctx.fillStyle = p.axis;
  for (let i = 0; i < n; i++) ctx.fillRect(Math.round(timeToX(scale, ticks[i] ?? 0)), AXIS_H - 7, 1, 7);
  ctx.font = f.font;
  ctx.textBaseline = 'middle';
  ctx.fillStyle = p.axis;
  for (let i = 0; i < n; i++) {
    const t = ticks[i] ?? 0;
    ctx.fillText(label(t, step), Math.round(timeToX(scale, t)) + 4, AXIS_H / 2 - 2);
  }
  ctx.fillStyle = p.border;
  ctx.fillRect(0, AXIS_H - 1, scale.width, 1);
}
