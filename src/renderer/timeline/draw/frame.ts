/** What every draw function receives for one frame (reused between frames). */
import type { HitBoxes } from '../hit';
import type { Palette } from '../palette';
import type { TimeScale } from '../scale';

export const FONT_PX = 13;

export interface SelectedBox {
  found: boolean;
  x: number;
  y: number;
  w: number;
  h: number;
}

export interface Frame {
  ctx: CanvasRenderingContext2D;
  scale: TimeScale;
  palette: Palette;
  hits: HitBoxes;
  selectedId: number | null;
  selected: SelectedBox;
  /** Full plot height (axis included). */
  height: number;
  font: string;
}

export function statusColor(p: Palette, status: number): string {
  return status === 2 ? p.error : status === 1 ? p.warn : p.ok;
}
