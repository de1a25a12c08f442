/**
 * What every draw function receives for one frame (reused between frames).
 *
 * Cost rule for everything under draw/: canvas calls only record here; the pixels are rasterised
 * when the frame commits, on the main thread in software where there is no GPU (Chromium
 * --disable-gpu, remote desktops, VMs). There, one path of many small or fractional rectangles,
 * or a wide round-joined polyline, costs tens of milliseconds per frame. So: fill rectangles
 * with fillRect (Skia's fast rectangle blit), and draw data lines as 1-device-pixel hairlines.
 */
import type { HitBoxes } from '../hit';
import type { Palette } from '../palette';
import type { TimeScale } from '../scale';

export const FONT_PX = 13;
/** Canvas labels in presentation mode (screen-sharing). */
export const PRESENTING_FONT_PX = 15;

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
  /** Device pixels per CSS pixel (the context is scaled by it). */
  dpr: number;
  /** Presentation mode: the crosshair is drawn bold, with a halo. */
  emphasis?: boolean;
}

export function statusColor(p: Palette, status: number): string {
  return status === 2 ? p.error : status === 1 ? p.warn : p.ok;
}
