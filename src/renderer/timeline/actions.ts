/**
 * Timeline actions for keyboard shortcuts and buttons (B's app/shortcuts.ts calls these).
 * They act on the UI store; the mounted timeline follows the store.
 */
import type { EventItem } from '../../shared/window';
import { useUi } from '../state/ui';
import { navigationList, pickAdjacent } from './navigate';
import type { PreparedWindow } from './prepare';
import { centerOn, panByFraction, zoomCenter } from './zoom';

export const ZOOM_STEP = 0.5;

/** The data the mounted timeline draws (set by the Timeline component). */
let current: PreparedWindow | null = null;
export function setCurrentWindow(data: PreparedWindow | null): void {
  current = data;
}
export function currentWindow(): PreparedWindow | null {
  return current;
}

/** factor < 1 zooms in. */
export function zoomBy(factor: number): void {
  const { view, setView } = useUi.getState();
  if (view) setView(zoomCenter(view, factor));
}
export function zoomIn(): void {
  zoomBy(ZOOM_STEP);
}
export function zoomOut(): void {
  zoomBy(1 / ZOOM_STEP);
}
export function zoomReset(): void {
  useUi.getState().resetView();
}

/** Pan by a fraction of the visible span (positive: later). ←/→ use ±0.1, with shift ±0.5. */
export function panBy(fraction: number): void {
  const { view, setView } = useUi.getState();
  if (view) setView(panByFraction(view, fraction));
}

/** Esc: clear the brush first, then the selection. Returns whether anything was cleared. */
export function clearBrushOrSelection(): boolean {
  const s = useUi.getState();
  if (s.brush) {
    s.setBrush(null);
    return true;
  }
  if (s.selectedEventId !== null) {
    s.selectEvent(null);
    return true;
  }
  return false;
}

function findItem(data: PreparedWindow, id: number): EventItem | null {
  for (const l of data.lanes) if (l.type === 'events') for (const it of l.items) if (it.id === id) return it;
  return null;
}

/**
 * `]` / `[`: select the next/previous significant event (errors, warnings, alerts, changes;
 * every event when there are none) among those loaded around the view, and bring it into view.
 */
export function selectAdjacentEvent(dir: 1 | -1): EventItem | null {
  const s = useUi.getState();
  const data = current;
  if (!data || !s.view) return null;
  const list = navigationList(data, data.from, data.to);
  const sel = s.selectedEventId !== null ? findItem(data, s.selectedEventId) : null;
  const ref = dir === 1 ? s.view.from : s.view.to;
  const next = pickAdjacent(list, sel, ref, dir);
  if (!next) return null;
  s.selectEvent(next.id);
  if (next.ts < s.view.from || next.ts > s.view.to) s.setView(centerOn(s.view, next.ts));
  return next;
}
