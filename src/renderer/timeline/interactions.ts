/**
 * Pointer and wheel handling on the timeline canvas: wheel (and pinch) zooms around the pointer,
 * drag pans, shift+drag or a drag on the time axis brushes, click selects. The view lives in
 * the engine while the user interacts and is committed to the store at the end (wheel: after
 * a short pause), so nothing re-renders React per pointer move.
 */
import type { TimeRange } from '../state/ui';
import type { HitItem, TimelineEngine } from './engine';
import { AXIS_H } from './layout';
import { panByMs, wheelPixels, wheelZoomFactor, zoomAround } from './zoom';

export interface InteractionCallbacks {
  commitView(v: TimeRange): void;
  setBrush(r: TimeRange | null): void;
  selectEvent(id: number): void;
  setCrosshair(t: number | null): void;
  onHover(hit: HitItem | null, clientX: number, clientY: number): void;
}

const DRAG_PX = 4;
const WHEEL_COMMIT_MS = 180;

type Mode = { kind: 'none' } | { kind: 'pan'; x0: number; view0: TimeRange; moved: boolean } | { kind: 'brush'; x0: number; t0: number; moved: boolean };

export function attachInteractions(el: HTMLCanvasElement, engine: TimelineEngine, cb: InteractionCallbacks): () => void {
  let mode: Mode = { kind: 'none' };
  let wheelTimer: ReturnType<typeof setTimeout> | null = null;
  let hoverId = -1;
  let crossRaf = 0;
  let pendingCross: number | null = null;

  const local = (e: { clientX: number; clientY: number }): { x: number; y: number } => {
    const r = el.getBoundingClientRect();
    return { x: e.clientX - r.left, y: e.clientY - r.top };
  };
  const publishCrosshair = (t: number | null): void => {
    engine.set('crosshair', t);
    pendingCross = t;
    if (crossRaf === 0 && typeof requestAnimationFrame === 'function') {
      crossRaf = requestAnimationFrame(() => {
        crossRaf = 0;
        cb.setCrosshair(pendingCross);
      });
    }
  };
  const hover = (hit: HitItem | null, e: PointerEvent): void => {
    const id = hit ? hit.item.id : -1;
    if (id === hoverId) return;
    hoverId = id;
    cb.onHover(hit, e.clientX, e.clientY);
  };

  const onDown = (e: PointerEvent): void => {
    if (e.button !== 0 || !engine.view) return;
    const { x, y } = local(e);
    if (e.shiftKey || y < AXIS_H) mode = { kind: 'brush', x0: x, t0: engine.timeAt(x), moved: false };
    else mode = { kind: 'pan', x0: x, view0: engine.view, moved: false };
    try {
      el.setPointerCapture(e.pointerId);
    } catch {
      /* capture is best effort */
    }
  };

  const onMove = (e: PointerEvent): void => {
    const { x, y } = local(e);
    switch (mode.kind) {
      case 'pan': {
        const dx = x - mode.x0;
        if (Math.abs(dx) >= DRAG_PX) mode.moved = true;
        if (mode.moved) {
          const span = mode.view0.to - mode.view0.from;
          engine.setView(panByMs(mode.view0, (-dx * span) / Math.max(1, engine.width)));
          hover(null, e);
        }
        break;
      }
      case 'brush': {
        if (Math.abs(x - mode.x0) >= DRAG_PX) mode.moved = true;
        if (mode.moved) {
          const t = engine.timeAt(x);
          engine.set('brushDraft', { from: Math.round(Math.min(t, mode.t0)), to: Math.round(Math.max(t, mode.t0)) });
        }
        break;
      }
      case 'none':
        hover(y >= AXIS_H ? engine.itemAt(x, y) : null, e);
        break;
    }
    publishCrosshair(Math.round(engine.timeAt(x)));
  };

  const onUp = (e: PointerEvent): void => {
    const m = mode;
    mode = { kind: 'none' };
    switch (m.kind) {
      case 'pan':
        if (m.moved) {
          if (engine.view) cb.commitView(engine.view);
        } else {
          const { x, y } = local(e);
          const hit = engine.itemAt(x, y);
          if (hit) cb.selectEvent(hit.item.id);
        }
        break;
      case 'brush': {
        const draft = engine.brushDraft;
        engine.set('brushDraft', null);
        if (m.moved && draft && draft.to > draft.from) cb.setBrush(draft);
        break;
      }
      case 'none':
        break;
    }
  };

  const onLeave = (e: PointerEvent): void => {
    if (mode.kind !== 'none') return;
    publishCrosshair(null);
    hover(null, e);
  };

  const onWheel = (e: WheelEvent): void => {
    const v = engine.view;
    if (!v) return;
    e.preventDefault();
    const dx = wheelPixels(e.deltaX, e.deltaMode);
    const dy = wheelPixels(e.deltaY, e.deltaMode);
    if (!e.ctrlKey && Math.abs(dx) > Math.abs(dy)) {
      engine.setView(panByMs(v, (dx * (v.to - v.from)) / Math.max(1, engine.width)));
    } else {
      const { x } = local(e);
      engine.setView(zoomAround(v, wheelZoomFactor(dy, e.ctrlKey), engine.timeAt(x)));
    }
    if (wheelTimer) clearTimeout(wheelTimer);
    wheelTimer = setTimeout(() => {
      wheelTimer = null;
      if (engine.view) cb.commitView(engine.view);
    }, WHEEL_COMMIT_MS);
  };

  el.addEventListener('pointerdown', onDown);
  el.addEventListener('pointermove', onMove);
  el.addEventListener('pointerup', onUp);
  el.addEventListener('pointercancel', onUp);
  el.addEventListener('pointerleave', onLeave);
  el.addEventListener('wheel', onWheel, { passive: false });
  return () => {
    el.removeEventListener('pointerdown', onDown);
    el.removeEventListener('pointermove', onMove);
    el.removeEventListener('pointerup', onUp);
    el.removeEventListener('pointercancel', onUp);
    el.removeEventListener('pointerleave', onLeave);
    el.removeEventListener('wheel', onWheel);
    if (wheelTimer) clearTimeout(wheelTimer);
    if (crossRaf !== 0 && typeof cancelAnimationFrame === 'function') cancelAnimationFrame(crossRaf);
  };
}
