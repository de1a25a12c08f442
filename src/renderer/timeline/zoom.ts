/** View arithmetic: zoom around an anchor, pan, wheel deltas. Pure. */
import { MAX_SPAN_MS, MIN_SPAN_MS, type TimeRange } from '../state/ui';

export function clampSpan(span: number): number {
  return Math.min(MAX_SPAN_MS, Math.max(MIN_SPAN_MS, span));
}

/**
 * Scale the view by `factor` (< 1 zooms in) keeping `anchor` (a time) at the same screen fraction.
 * The span is clamped to [MIN_SPAN_MS, MAX_SPAN_MS]; times stay >= 0.
 */
export function zoomAround(view: TimeRange, factor: number, anchor: number): TimeRange {
  const span = view.to - view.from;
  const next = clampSpan(span * factor);
  const frac = span > 0 ? Math.min(1, Math.max(0, (anchor - view.from) / span)) : 0.5;
  const from = Math.max(0, anchor - frac * next);
  return { from: Math.round(from), to: Math.round(from + next) };
}

/** Zoom around the middle of the view. */
export function zoomCenter(view: TimeRange, factor: number): TimeRange {
  return zoomAround(view, factor, (view.from + view.to) / 2);
}

/** Pan by a fraction of the span (positive: later). */
export function panByFraction(view: TimeRange, fraction: number): TimeRange {
  return panByMs(view, (view.to - view.from) * fraction);
}

export function panByMs(view: TimeRange, ms: number): TimeRange {
  const span = view.to - view.from;
  const from = Math.max(0, Math.round(view.from + ms));
  return { from, to: from + span };
}

/** Centre the view on `t`, keeping its span. */
export function centerOn(view: TimeRange, t: number): TimeRange {
  const span = view.to - view.from;
  const from = Math.max(0, Math.round(t - span / 2));
  return { from, to: from + span };
}

/** Pixels of wheel movement, whatever the delta mode (0 pixel, 1 line, 2 page). */
export function wheelPixels(delta: number, deltaMode: number): number {
  return deltaMode === 1 ? delta * 16 : deltaMode === 2 ? delta * 800 : delta;
}

/** Zoom factor for a vertical wheel delta in pixels; pinch (ctrl) is more sensitive. */
export function wheelZoomFactor(deltaPx: number, pinch: boolean): number {
  const d = Math.max(-600, Math.min(600, deltaPx));
  return Math.exp(d * (pinch ? 0.01 : 0.002));
}

export function sameRange(a: TimeRange | null, b: TimeRange | null): boolean {
  if (a === b) return true;
  if (!a || !b) return false;
  return a.from === b.from && a.to === b.to;
}
