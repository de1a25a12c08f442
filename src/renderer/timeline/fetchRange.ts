/**
 * Which window to ask the core for. The view is overscanned (at least one view span on each
 * side) and quantised, so small pans and zooms reuse a cached answer and the canvas can draw
 * any view inside the fetched range without waiting on the network.
 */
import { MAX_WIDTH_PX } from '../../shared/window';
import type { TimeRange } from '../state/ui';

export interface FetchWindow {
  from: number;
  to: number;
  widthPx: number;
  /** Quantisation level: the power of two (ms) at or above the view span. */
  level: number;
  /** The quantised CSS width it was computed for. */
  widthQ: number;
}

/** Smallest power of two >= x (x >= 1). */
export function ceilPow2(x: number): number {
  let p = 1;
  while (p < x) p *= 2;
  return p;
}

/** CSS width rounded up to a multiple of 128 px, so small resizes keep the same key. */
export function quantiseWidth(cssWidth: number): number {
  return Math.max(128, Math.ceil(cssWidth / 128) * 128);
}

/**
 * The fetch window for a view: level L = ceilPow2(span); half-level h = L/2; a = floor(from/h)*h;
 * fetched range [a - 2h, a + 5h] (3.5 L), which contains the view with >= L of margin each side.
 * widthPx gives 0.5–1 bucket per view pixel (depending on where the span sits in its level):
 * screen resolution, and a response small enough to parse without janking a pan.
 */
export function fetchWindowFor(view: TimeRange, cssWidth: number): FetchWindow {
  const span = Math.max(1, view.to - view.from);
  const level = Math.max(2, ceilPow2(span));
  const h = level / 2;
  const a = Math.floor(view.from / h) * h;
  const from = Math.max(0, a - 2 * h);
  const to = a + 5 * h;
  const widthQ = quantiseWidth(cssWidth);
  const widthPx = Math.min(MAX_WIDTH_PX, Math.round(((to - from) / level) * widthQ));
  return { from, to, widthPx: Math.max(1, widthPx), level, widthQ };
}

export function sameFetch(a: FetchWindow | null, b: FetchWindow | null): boolean {
  if (a === b) return true;
  if (!a || !b) return false;
  return a.from === b.from && a.to === b.to && a.widthPx === b.widthPx;
}

/** Does the fetched range still serve this view (covers it, resolution within 2x)? */
export function fetchServes(f: FetchWindow, view: TimeRange): boolean {
  const span = view.to - view.from;
  return view.from >= f.from && view.to <= f.to && span <= f.level * 2 && span > f.level / 4;
}
