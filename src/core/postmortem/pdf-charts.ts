/**
 * The PDF's vector charts: the timeline (one lane per kind of line, marks at their times over the
 * incident window, the onset/detection/resolution as rules across the lanes) and the key metric
 * series (a line over the same window, the incident shaded). Drawn with pdf-lib's primitives, so
 * they stay sharp at any zoom and the labels stay text.
 */
import type { PDFFont, PDFPage, RGB } from 'pdf-lib';
import type { ChartSeries, PostmortemDraft, TimelineKind } from '../../shared/postmortem';

export interface Ink {
  rgb(r: number, g: number, b: number): RGB;
  regular: PDFFont;
  bold: PDFFont;
  /** Maps text onto what the fonts can draw. */
  safe(s: string): string;
}

/** A box on the page: x/top in PDF points, top measured from the page's bottom like pdf-lib's y. */
export interface Box {
  x: number;
  top: number;
  w: number;
  h: number;
}

const MIN = 60_000;
const TICK_STEPS_MIN = [1, 2, 5, 10, 15, 30, 60, 120, 180, 360, 720, 1440, 2880, 10080];
const pad2 = (n: number): string => String(n).padStart(2, '0');
const hhmm = (t: number): string => `${pad2(new Date(t).getUTCHours())}:${pad2(new Date(t).getUTCMinutes())}`;

/** Ticks every 1, 2, 5, 10 … minutes: at most `max` of them over [from, to]. */
export function timeTicks(from: number, to: number, max = 8): number[] {
  const spanMin = (to - from) / MIN;
  const step = (TICK_STEPS_MIN.find((s) => spanMin / s <= max) ?? TICK_STEPS_MIN[TICK_STEPS_MIN.length - 1] ?? 10080) * MIN;
  const out: number[] = [];
  for (let t = Math.ceil(from / step) * step; t <= to; t += step) out.push(t);
  return out;
}

const LANES: readonly { kind: TimelineKind; label: string }[] = [
  { kind: 'alert', label: 'Alerts' },
  { kind: 'change', label: 'Changes' },
  { kind: 'hypothesis', label: 'Hypotheses' },
  { kind: 'decision', label: 'Decisions' },
  { kind: 'action', label: 'Actions' },
  { kind: 'note', label: 'Notes' },
];

export function kindColor(ink: Ink, kind: TimelineKind): RGB {
  switch (kind) {
    case 'alert':
      return ink.rgb(0.8, 0.16, 0.16);
    case 'change':
      return ink.rgb(0.13, 0.4, 0.8);
    case 'hypothesis':
      return ink.rgb(0.5, 0.3, 0.75);
    case 'decision':
      return ink.rgb(0.85, 0.5, 0.08);
    case 'action':
      return ink.rgb(0.05, 0.55, 0.45);
    case 'note':
      return ink.rgb(0.45, 0.45, 0.45);
    case 'milestone':
      return ink.rgb(0.15, 0.15, 0.15);
  }
}

const LABEL_W = 62;
const LANE_H = 15;
const AXIS_H = 14;
const HEAD_H = 20;

export const timelineChartHeight = (): number => HEAD_H + LANES.length * LANE_H + AXIS_H;

function axis(page: PDFPage, ink: Ink, x0: number, w: number, y: number, from: number, to: number): void {
  const muted = ink.rgb(0.4, 0.4, 0.4);
  page.drawLine({ start: { x: x0, y }, end: { x: x0 + w, y }, thickness: 0.6, color: muted });
  for (const t of timeTicks(from, to)) {
    const x = x0 + ((t - from) / (to - from)) * w;
    page.drawLine({ start: { x, y }, end: { x, y: y - 3 }, thickness: 0.6, color: muted });
    const label = hhmm(t);
    const lw = ink.regular.widthOfTextAtSize(label, 7);
    page.drawText(label, { x: Math.min(x0 + w - lw, Math.max(x0, x - lw / 2)), y: y - 11, size: 7, font: ink.regular, color: muted });
  }
}

function incidentBand(page: PDFPage, ink: Ink, d: PostmortemDraft, x0: number, w: number, bottom: number, h: number): void {
  const { windowFrom: from, windowTo: to, startedAt, resolvedAt } = d.incident;
  const a = Math.max(from, startedAt);
  const b = Math.min(to, resolvedAt ?? to);
  if (b <= a) return;
  const xa = x0 + ((a - from) / (to - from)) * w;
  const xb = x0 + ((b - from) / (to - from)) * w;
  page.drawRectangle({ x: xa, y: bottom, width: Math.max(0.5, xb - xa), height: h, color: ink.rgb(0.99, 0.93, 0.93) });
}

/** Returns how many lines fell outside the window (not drawn). */
export function drawTimelineChart(page: PDFPage, ink: Ink, box: Box, d: PostmortemDraft): number {
  const from = d.incident.windowFrom;
  const to = d.incident.windowTo;
  const x0 = box.x + LABEL_W;
  const w = box.w - LABEL_W;
  const lanesTop = box.top - HEAD_H;
  const lanesBottom = lanesTop - LANES.length * LANE_H;
  const xOf = (t: number): number => x0 + ((t - from) / (to - from)) * w;
  incidentBand(page, ink, d, x0, w, lanesBottom, LANES.length * LANE_H);
  const grid = ink.rgb(0.85, 0.85, 0.85);
  LANES.forEach((lane, i) => {
    const yMid = lanesTop - i * LANE_H - LANE_H / 2;
    page.drawText(lane.label, { x: box.x, y: yMid - 3, size: 7.5, font: ink.regular, color: ink.rgb(0.3, 0.3, 0.3) });
    page.drawLine({ start: { x: x0, y: lanesTop - (i + 1) * LANE_H }, end: { x: x0 + w, y: lanesTop - (i + 1) * LANE_H }, thickness: 0.3, color: grid });
  });
  let outside = 0;
  for (const l of d.timeline) {
    if (l.ts < from || l.ts > to) {
      if (l.kind !== 'milestone') outside += 1;
      continue;
    }
    const x = xOf(l.ts);
    if (l.kind === 'milestone') {
      page.drawLine({ start: { x, y: lanesBottom }, end: { x, y: lanesTop }, thickness: 0.7, color: kindColor(ink, 'milestone'), dashArray: [2, 2] });
      continue;
    }
    const i = LANES.findIndex((lane) => lane.kind === l.kind);
    const yMid = lanesTop - i * LANE_H - LANE_H / 2;
    const color = kindColor(ink, l.kind);
    if (l.kind === 'change') page.drawRectangle({ x: x - 2.5, y: yMid - 2.5, width: 5, height: 5, color });
    else page.drawCircle({ x, y: yMid, size: 2.6, color });
  }
  // The milestones' names above the lanes, on the first of two rows where they do not overlap.
  const rowEnd = [-Infinity, -Infinity];
  for (const l of d.timeline.filter((x) => x.kind === 'milestone' && x.ts >= from && x.ts <= to)) {
    const name = ink.safe(l.text.split(/[:(]/)[0]?.trim() ?? '');
    const lw = ink.regular.widthOfTextAtSize(name, 7);
    const x = Math.min(x0 + w - lw, Math.max(x0, xOf(l.ts) - lw / 2));
    const row = rowEnd.findIndex((end) => x >= end + 4);
    if (row < 0) continue;
    page.drawText(name, { x, y: lanesTop + 3 + row * 8.5, size: 7, font: ink.regular, color: kindColor(ink, 'milestone') });
    rowEnd[row] = x + lw;
  }
  axis(page, ink, x0, w, lanesBottom, from, to);
  return outside;
}

export const SERIES_CHART_H = 92;

function fmtValue(v: number, unit: string | null): string {
  if (unit === 'share' || unit === 'ratio') return `${(v * 100).toFixed(v < 0.1 ? 1 : 0)}%`;
  const a = Math.abs(v);
  if (v === 0) return '0';
  const s = a >= 1e6 ? `${(v / 1e6).toFixed(1)}M` : a >= 1e4 ? `${(v / 1e3).toFixed(0)}k` : a >= 100 ? v.toFixed(0) : a >= 1 ? v.toFixed(1) : v.toFixed(3);
  return unit !== null && unit !== '' ? `${s} ${unit}` : s;
}

export function drawSeriesChart(page: PDFPage, ink: Ink, box: Box, d: PostmortemDraft, s: ChartSeries): void {
  const from = d.charts.from;
  const to = d.charts.to;
  const values = s.points.map((p) => p[1]).filter((v): v is number => v !== null);
  page.drawText(ink.safe(s.title), { x: box.x, y: box.top - 9, size: 8.5, font: ink.bold, color: ink.rgb(0.15, 0.15, 0.15) });
  const x0 = box.x + 44;
  const w = box.w - 44;
  const plotTop = box.top - 16;
  const plotH = box.h - 16 - AXIS_H;
  const bottom = plotTop - plotH;
  incidentBand(page, ink, d, x0, w, bottom, plotH);
  page.drawRectangle({ x: x0, y: bottom, width: w, height: plotH, borderColor: ink.rgb(0.8, 0.8, 0.8), borderWidth: 0.4 });
  if (values.length === 0) {
    page.drawText('no data in this window', { x: x0 + 6, y: bottom + plotH / 2 - 3, size: 8, font: ink.regular, color: ink.rgb(0.45, 0.45, 0.45) });
    axis(page, ink, x0, w, bottom, from, to);
    return;
  }
  const lo = Math.min(0, ...values);
  const hi0 = Math.max(...values);
  const hi = hi0 === lo ? lo + 1 : hi0;
  const muted = ink.rgb(0.4, 0.4, 0.4);
  for (const [v, y] of [
    [hi, plotTop - 6],
    [lo, bottom],
  ] as const) {
    const label = ink.safe(fmtValue(v, s.unit));
    page.drawText(label, { x: x0 - 4 - ink.regular.widthOfTextAtSize(label, 7), y, size: 7, font: ink.regular, color: muted });
  }
  // The line as one SVG path (y grows downwards from the plot's top-left corner), broken at gaps.
  let path = '';
  let pen = false;
  for (const [t, v] of s.points) {
    if (v === null || t < from || t > to) {
      pen = false;
      continue;
    }
    const px = ((t - from) / (to - from)) * w;
    const py = plotH - ((v - lo) / (hi - lo)) * plotH;
    path += `${pen ? 'L' : 'M'} ${px.toFixed(2)} ${py.toFixed(2)} `;
    pen = true;
  }
  if (path !== '') page.drawSvgPath(path.trim(), { x: x0, y: plotTop, borderColor: ink.rgb(0.13, 0.4, 0.8), borderWidth: 1.1 });
  axis(page, ink, x0, w, bottom, from, to);
}
