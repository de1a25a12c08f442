/** Vertical layout of the lanes: one shared function for the DOM rows and the canvas. Pure. */
import type { LaneId } from '../../shared/lanes';

export const AXIS_H = 28;
export const COLLAPSED_H = 28;
export const MIN_LANE_H = 44;
/** Presentation mode (screen-sharing): lanes never shrink below this, so they stay legible on a projector. */
export const PRESENTING_MIN_LANE_H = 64;
export const HEADER_W = 184;

/** Relative heights of open lanes. */
export const LANE_WEIGHT: Record<LaneId, number> = {
  alerts: 1,
  changes: 1,
  llm: 1.6,
  agent: 1.1,
  traces: 1.6,
  gpu: 1.3,
  inference: 1.3,
  infra: 1.3,
  logs: 1,
};

export interface LaneBox {
  lane: LaneId;
  /** Top within the plot (the axis row sits above the first lane). */
  y: number;
  h: number;
  collapsed: boolean;
}

/** Heights for `order` inside `height` px (axis included); open lanes share what collapsed ones leave. */
export function layoutLanes(order: readonly LaneId[], hidden: ReadonlySet<LaneId>, height: number, minLaneH = MIN_LANE_H): LaneBox[] {
  const open = order.filter((l) => !hidden.has(l));
  const fixed = AXIS_H + (order.length - open.length) * COLLAPSED_H;
  const weights = open.reduce((s, l) => s + LANE_WEIGHT[l], 0);
  const room = Math.max(0, height - fixed);
  let y = AXIS_H;
  return order.map((lane) => {
    const collapsed = hidden.has(lane);
    const h = collapsed ? COLLAPSED_H : Math.max(minLaneH, Math.floor((room * LANE_WEIGHT[lane]) / (weights || 1)));
    const box = { lane, y, h, collapsed };
    y += h;
    return box;
  });
}

export function laneAt(boxes: readonly LaneBox[], y: number): LaneBox | null {
  for (const b of boxes) if (y >= b.y && y < b.y + b.h) return b;
  return null;
}
