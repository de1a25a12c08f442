/**
 * Creates the engine on the canvas, wires pointer handling, and keeps it following the store
 * (view, brush, selection) without re-rendering React.
 */
import { useLayoutEffect, useState, type RefObject } from 'react';
import { useUi } from '../state/ui';
import { TimelineEngine, type HitItem } from './engine';
import { attachInteractions } from './interactions';
import { installTestHook } from './testHook';

export interface EngineRefs {
  canvas: RefObject<HTMLCanvasElement | null>;
  visibleRange: RefObject<HTMLElement | null>;
  crosshairTime: RefObject<HTMLElement | null>;
}

export function useEngine(refs: EngineRefs, onHover: (hit: HitItem | null, clientX: number, clientY: number) => void): TimelineEngine | null {
  const [engine, setEngine] = useState<TimelineEngine | null>(null);
  useLayoutEffect(() => {
    const canvas = refs.canvas.current;
    if (!canvas) return undefined;
    const eng = new TimelineEngine(canvas);
    eng.outputs.visibleRange = refs.visibleRange.current;
    eng.outputs.crosshairTime = refs.crosshairTime.current;
    const s0 = useUi.getState();
    eng.brush = s0.brush;
    eng.selectedId = s0.selectedEventId;
    if (s0.view) eng.setView(s0.view);
    const unsub = useUi.subscribe((s, prev) => {
      if (s.view && s.view !== prev.view) eng.setView(s.view);
      if (s.brush !== prev.brush) eng.set('brush', s.brush);
      if (s.selectedEventId !== prev.selectedEventId) eng.set('selectedId', s.selectedEventId);
    });
    const detach = attachInteractions(canvas, eng, {
      commitView: (v) => useUi.getState().setView(v),
      setBrush: (r) => useUi.getState().setBrush(r),
      selectEvent: (id) => useUi.getState().selectEvent(id),
      setCrosshair: (t) => useUi.getState().setCrosshair(t),
      onHover,
    });
    const uninstall = installTestHook(eng);
    setEngine(eng);
    return () => {
      unsub();
      detach();
      uninstall();
      eng.dispose();
      setEngine(null);
    };
    // onHover is a stable setter wrapper; refs are stable.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);
  return engine;
}
