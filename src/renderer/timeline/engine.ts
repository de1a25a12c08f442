/**
 * The imperative side of the timeline: owns the canvas, the view while the user interacts,
 * and draws in requestAnimationFrame only when something changed. React feeds it data and
 * layout; pointer handlers feed it views; it never re-renders React per pointer move.
 */
import type { TimeRange } from '../state/ui';
import { noteViewActivity } from './activity';
import { drawAxis } from './draw/axis';
import { drawEventLane } from './draw/eventLane';
import { FONT_PX, PRESENTING_FONT_PX, type Frame } from './draw/frame';
import { drawMetricLane } from './draw/metricLane';
import { drawBrush, drawChangeLines, drawCrosshair, drawSelection } from './draw/overlay';
import { HitBoxes, hitTest } from './hit';
import type { LaneBox } from './layout';
import { DARK_FALLBACK, type Palette } from './palette';
import type { PreparedWindow } from './prepare';
import { makeScale, setScale, xToTime } from './scale';
import { formatInstant, formatRange } from './ticks';
import type { EventItem } from '../../shared/window';
import type { LaneId } from '../../shared/lanes';

export interface HitItem {
  item: EventItem;
  lane: LaneId;
  /** Box in plot CSS pixels. */
  x: number;
  y: number;
  w: number;
  h: number;
}

export interface EngineOutputs {
  visibleRange: HTMLElement | null;
  crosshairTime: HTMLElement | null;
}

const FRAME_RING = 600;

type SettableKey = 'data' | 'boxes' | 'brush' | 'brushDraft' | 'crosshair' | 'selectedId';

/** The 2D context, or null where there is none (happy-dom and other headless DOMs). */
function contextOf(canvas: HTMLCanvasElement): CanvasRenderingContext2D | null {
  try {
    return canvas.getContext('2d', { alpha: false });
  } catch {
    return null;
  }
}

export class TimelineEngine {
  readonly hits = new HitBoxes();
  readonly scale = makeScale(0, 1, 1);
  view: TimeRange | null = null;
  data: PreparedWindow | null = null;
  boxes: readonly LaneBox[] = [];
  palette: Palette = DARK_FALLBACK;
  brush: TimeRange | null = null;
  brushDraft: TimeRange | null = null;
  crosshair: number | null = null;
  selectedId: number | null = null;
  /** Presentation mode: larger canvas labels and a bold crosshair. */
  presenting = false;
  width = 0;
  height = 0;
  lastFrameMs = 0;
  readonly frameTimes = new Float64Array(FRAME_RING);
  frames = 0;
  /** Called whenever the engine's view changes (local interaction or external). */
  onView: ((v: TimeRange) => void) | null = null;
  outputs: EngineOutputs = { visibleRange: null, crosshairTime: null };

  private ctx: CanvasRenderingContext2D | null;
  private raf = 0;
  private dpr = 1;
  private lastRangeText = '';
  private lastCrossText = '';
  private readonly frame: Frame;

  constructor(readonly canvas: HTMLCanvasElement) {
    const ctx = contextOf(canvas);
    this.ctx = ctx;
    this.frame = {
      ctx: ctx as CanvasRenderingContext2D,
      scale: this.scale,
      palette: this.palette,
      hits: this.hits,
      selectedId: null,
      selected: { found: false, x: 0, y: 0, w: 0, h: 0 },
      height: 0,
      font: `${FONT_PX}px ${DARK_FALLBACK.fontUi}`,
      dpr: 1,
    };
  }

  setSize(width: number, height: number): void {
    const dpr = typeof window !== 'undefined' ? Math.min(3, window.devicePixelRatio || 1) : 1;
    if (width === this.width && height === this.height && dpr === this.dpr) return;
    this.width = width;
    this.height = height;
    this.dpr = dpr;
    this.canvas.width = Math.max(1, Math.round(width * dpr));
    this.canvas.height = Math.max(1, Math.round(height * dpr));
    this.canvas.style.width = `${width}px`;
    this.canvas.style.height = `${height}px`;
    this.invalidate();
  }

  setView(v: TimeRange): void {
    if (this.view && this.view.from === v.from && this.view.to === v.to) return;
    this.view = v;
    noteViewActivity();
    this.onView?.(v);
    this.invalidate();
  }

  setPresenting(on: boolean): void {
    if (on === this.presenting) return;
    this.presenting = on;
    this.frame.emphasis = on;
    this.setPalette(this.palette);
  }

  setPalette(p: Palette): void {
    this.palette = p;
    this.frame.palette = p;
    this.frame.font = `${this.presenting ? PRESENTING_FONT_PX : FONT_PX}px ${p.fontUi}`;
    if (this.data) for (const l of this.data.lanes) if (l.type === 'events') l.labelW.fill(-1);
    this.invalidate();
  }

  set<K extends SettableKey>(key: K, value: TimelineEngine[K]): void {
    if ((this as Pick<TimelineEngine, SettableKey>)[key] === value) return;
    (this as Pick<TimelineEngine, SettableKey>)[key] = value;
    this.invalidate();
  }

  timeAt(x: number): number {
    return xToTime(this.scale, x);
  }

  invalidate(): void {
    if (this.raf !== 0 || typeof requestAnimationFrame !== 'function') return;
    this.raf = requestAnimationFrame(this.onFrame);
  }

  dispose(): void {
    if (this.raf !== 0 && typeof cancelAnimationFrame === 'function') cancelAnimationFrame(this.raf);
    this.raf = 0;
    this.onView = null;
  }

  private readonly onFrame = (): void => {
    this.raf = 0;
    const t0 = performance.now();
    this.draw();
    const ms = performance.now() - t0;
    this.lastFrameMs = ms;
    this.frameTimes[this.frames % FRAME_RING] = ms;
    this.frames++;
  };

  /** Draws one frame now (also used by tests). */
  draw(): void {
    const v = this.view;
    if (v) {
      setScale(this.scale, v.from, v.to, this.width);
      const text = formatRange(v.from, v.to);
      if (text !== this.lastRangeText && this.outputs.visibleRange) {
        this.outputs.visibleRange.textContent = text;
        this.lastRangeText = text;
      }
    }
    const cross = this.crosshair === null ? '—' : `${formatInstant(this.crosshair, true)} UTC`;
    if (cross !== this.lastCrossText && this.outputs.crosshairTime) {
      this.outputs.crosshairTime.textContent = cross;
      this.lastCrossText = cross;
    }
    this.hits.reset();
    const ctx = this.ctx;
    if (!ctx || !v || this.width <= 0 || this.height <= 0) return;
    const f = this.frame;
    f.height = this.height;
    f.dpr = this.dpr;
    f.selectedId = this.selectedId;
    f.selected.found = false;
    const p = this.palette;
    ctx.setTransform(this.dpr, 0, 0, this.dpr, 0, 0);
    ctx.fillStyle = p.bg;
    ctx.fillRect(0, 0, this.width, this.height);
    drawAxis(f);
    const data = this.data;
    for (const b of this.boxes) {
      ctx.fillStyle = p.border;
      ctx.fillRect(0, b.y + b.h - 1, this.width, 1);
      if (b.collapsed || !data) continue;
      const L = data.byLane[b.lane];
      if (!L) continue;
      ctx.save();
      ctx.beginPath();
      ctx.rect(0, b.y, this.width, b.h - 1);
      ctx.clip();
      if (L.type === 'events') drawEventLane(f, L, data.lanes.indexOf(L), b.y, b.h - 1);
      else drawMetricLane(f, L, b.y, b.h - 1);
      ctx.restore();
    }
    drawChangeLines(f, data);
    drawBrush(f, this.brushDraft ?? this.brush);
    drawSelection(f);
    drawCrosshair(f, this.crosshair, this.boxes, data);
  }

  /** The item under a plot-local point, or null. */
  itemAt(x: number, y: number): HitItem | null {
    return this.hitAt(hitTest(this.hits, x, y));
  }

  hitAt(i: number): HitItem | null {
    if (i < 0 || i >= this.hits.n || !this.data) return null;
    const L = this.data.lanes[this.hits.lane[i] ?? 0];
    if (!L || L.type !== 'events') return null;
    const item = L.items[this.hits.item[i] ?? 0];
    if (!item) return null;
    return { item, lane: L.lane, x: this.hits.x[i] ?? 0, y: this.hits.y[i] ?? 0, w: this.hits.w[i] ?? 0, h: this.hits.h[i] ?? 0 };
  }

  /** Drawn items as viewport CSS-pixel boxes (for tests and benchmarks), clipped to the plot. */
  hitTargets(): Array<{ id: number; lane: string; kind: string; name: string; x: number; y: number; w: number; h: number }> {
    const r = this.canvas.getBoundingClientRect();
    const out = [];
    for (let i = 0; i < this.hits.n; i++) {
      const h = this.hitAt(i);
      if (!h) continue;
      const x0 = Math.max(0, h.x);
      const x1 = Math.min(this.width, h.x + h.w);
      if (x1 <= x0) continue;
      out.push({ id: h.item.id, lane: h.lane, kind: h.item.kind, name: h.item.name, x: r.left + x0, y: r.top + h.y, w: x1 - x0, h: h.h });
    }
    return out;
  }
}
