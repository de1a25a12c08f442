/**
 * The commander's crosshair, drawn over a viewer's timeline: a bold line at the commander's
 * pointer time, labelled with their name. Positioned from the viewer's own canvas and view
 * (which follow the commander's), so it needs nothing from the timeline engine.
 */
import { useLayoutEffect, useState, type RefObject } from 'react';
import { useUi } from '../../state/ui';

interface Box {
  left: number;
  top: number;
  height: number;
  width: number;
}

function measure(wrap: HTMLElement): Box | null {
  const canvas = wrap.querySelector('.tl-canvas');
  const body = wrap.querySelector('.tl-body');
  if (!canvas || !body) return null;
  const w = wrap.getBoundingClientRect();
  const c = canvas.getBoundingClientRect();
  const b = body.getBoundingClientRect();
  return { left: c.left - w.left, top: b.top - w.top, height: b.height, width: c.width };
}

function sameBox(a: Box | null, b: Box | null): boolean {
  if (a === null || b === null) return a === b;
  return a.left === b.left && a.top === b.top && a.height === b.height && a.width === b.width;
}

export function CommanderCursor(props: { wrap: RefObject<HTMLDivElement | null>; cursor: number | null; name: string }) {
  const view = useUi((s) => s.view);
  const [box, setBox] = useState<Box | null>(null);
  const [resized, setResized] = useState(0);
  // Measured again when the cursor, the view or the size changes (the canvas gets its size after mounting).
  useLayoutEffect(() => {
    const wrap = props.wrap.current;
    const next = wrap ? measure(wrap) : null;
    if (!sameBox(next, box)) setBox(next);
  }, [props.wrap, box, props.cursor, view, resized]);
  useLayoutEffect(() => {
    const wrap = props.wrap.current;
    if (!wrap || typeof ResizeObserver !== 'function') return undefined;
    const ro = new ResizeObserver(() => setResized((n) => n + 1));
    ro.observe(wrap);
    return () => ro.disconnect();
  }, [props.wrap]);
  if (props.cursor === null || !view || !box || box.width <= 0 || view.to <= view.from) return null;
  const x = ((props.cursor - view.from) / (view.to - view.from)) * box.width;
  if (x < 0 || x > box.width) return null;
  const time = new Date(props.cursor).toISOString().slice(11, 19);
  return (
    <div className="commander-cursor" data-testid="commander-cursor" style={{ left: box.left + x, top: box.top, height: box.height }} aria-hidden="true">
      <span className="commander-cursor-label">
        {props.name} · {time}
      </span>
    </div>
  );
}
