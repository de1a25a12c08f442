/**
 * When the timeline's view last moved (drag, wheel, keys, buttons). Panels that follow the view
 * wait until it has been still for a while (see app/logs/useSettledRange), so their refetch and
 * re-render never land in the frames of a pan. Module state: one timeline per window.
 */
let last = Number.NEGATIVE_INFINITY;

export function noteViewActivity(now: number = performance.now()): void {
  last = now;
}

/** Milliseconds since the view last moved (Infinity if it never did). */
export function msSinceViewActivity(now: number = performance.now()): number {
  return now - last;
}
