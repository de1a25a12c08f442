/**
 * The correlated timeline: one UTC time axis, lanes in LANE_ORDER, drawn on one canvas from
 * an overscanned window fetched at screen resolution. DOM holds only headers, buttons and
 * readouts; the engine draws and handles the pointer.
 */
import { useCallback, useEffect, useMemo, useRef, useState, type JSX } from 'react';
import { LANE_ORDER } from '../../shared/lanes';
import { useUi } from '../state/ui';
import { setCurrentWindow, zoomIn, zoomOut, zoomReset } from './actions';
import type { HitItem } from './engine';
import { fetchServes, fetchWindowFor, quantiseWidth, type FetchWindow } from './fetchRange';
import { HoverCard, type HoverState } from './HoverCard';
import { LaneHeader } from './LaneHeader';
import { AXIS_H, HEADER_W, layoutLanes, MIN_LANE_H, PRESENTING_MIN_LANE_H } from './layout';
import { laneSummary } from './summary';
import { formatClock, formatDuration } from './ticks';
import { useElementSize } from './useElementSize';
import { useEngine } from './useEngine';
import { useIncidentView } from './useIncidentView';
import { usePalette } from './usePalette';
import { useWindowData } from './useWindowData';
import './timeline.css';

const HOVER_W = 320;

export function Timeline({ incidentId }: { incidentId: string }): JSX.Element {
  useIncidentView(incidentId);
  const view = useUi((s) => s.view);
  const brush = useUi((s) => s.brush);
  const hidden = useUi((s) => s.hiddenLanes);
  const metricChoice = useUi((s) => s.metricChoice);
  const setBrush = useUi((s) => s.setBrush);
  const presenting = useUi((s) => s.presenting);

  const bodyRef = useRef<HTMLDivElement>(null);
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const rangeRef = useRef<HTMLSpanElement>(null);
  const crossRef = useRef<HTMLSpanElement>(null);
  const size = useElementSize(bodyRef);
  const plotW = Math.max(0, size.w - HEADER_W);

  const [hover, setHover] = useState<HoverState | null>(null);
  const onHover = useCallback((hit: HitItem | null, clientX: number, clientY: number) => {
    const body = bodyRef.current;
    if (!hit || !body) return setHover(null);
    const r = body.getBoundingClientRect();
    const left = clientX - r.left;
    const flip = left + 16 + HOVER_W > r.width;
    setHover({ item: hit.item, lane: hit.lane, left: flip ? left - 12 : left + 16, top: Math.max(0, clientY - r.top + 12), flip });
  }, []);
  const engine = useEngine({ canvas: canvasRef, visibleRange: rangeRef, crosshairTime: crossRef }, onHover);
  usePalette(engine);

  // What to fetch: keep the current window while it still serves the view; otherwise the quantised one.
  const [fetchWin, setFetchWin] = useState<FetchWindow | null>(null);
  const widthQ = quantiseWidth(plotW);
  useEffect(() => {
    if (!engine) return undefined;
    const onView = (v: { from: number; to: number }): void =>
      setFetchWin((prev) => (prev && prev.widthQ === widthQ && fetchServes(prev, v) ? prev : fetchWindowFor(v, widthQ)));
    engine.onView = onView;
    if (engine.view) onView(engine.view);
    return () => {
      if (engine.onView === onView) engine.onView = null;
    };
  }, [engine, widthQ]);

  const { data, isFetching, error } = useWindowData(incidentId, fetchWin, hidden, metricChoice);
  const boxes = useMemo(() => layoutLanes(LANE_ORDER, hidden, size.h, presenting ? PRESENTING_MIN_LANE_H : MIN_LANE_H), [hidden, size.h, presenting]);
  const contentH = boxes.reduce((m, b) => Math.max(m, b.y + b.h), AXIS_H);
  const canvasH = Math.max(size.h, contentH);

  useEffect(() => {
    engine?.setSize(plotW, canvasH);
  }, [engine, plotW, canvasH]);
  useEffect(() => {
    engine?.set('boxes', boxes);
  }, [engine, boxes]);
  useEffect(() => {
    engine?.setPresenting(presenting);
  }, [engine, presenting]);
  useEffect(() => {
    engine?.set('data', data);
    setCurrentWindow(data);
  }, [engine, data]);
  useEffect(() => () => setCurrentWindow(null), []);

  return (
    <div className="tl-root" data-testid="timeline">
      <div className="tl-toolbar">
        <div className="tl-zoom" role="group" aria-label="Zoom">
          <button type="button" data-testid="zoom-out" title="Zoom out (-)" aria-label="Zoom out" onClick={zoomOut}>
            −
          </button>
          <button type="button" data-testid="zoom-in" title="Zoom in (+)" aria-label="Zoom in" onClick={zoomIn}>
            +
          </button>
          <button type="button" data-testid="zoom-reset" title="Reset to the incident window (0)" onClick={zoomReset}>
            Reset
          </button>
        </div>
        <span className="tl-range" data-testid="visible-range" ref={rangeRef} aria-live="off" />
        <span className="tl-utc" title="All times on the timeline are UTC">
          UTC
        </span>
        {brush ? (
          <span className="tl-brush-range" data-testid="brush-range">
            Brush {formatClock(brush.from, brush.to - brush.from < 10_000)} – {formatClock(brush.to, brush.to - brush.from < 10_000)} (
            {formatDuration(brush.to - brush.from)})
            <button type="button" aria-label="Clear brush" title="Clear brush (Esc)" onClick={() => setBrush(null)}>
              ✕
            </button>
          </span>
        ) : null}
        <span className="tl-spacer" />
        <span className="tl-cross" data-testid="crosshair-time" ref={crossRef} title="Time under the pointer (UTC)">
          —
        </span>
        <span className="tl-status" role="status">
          {error ? `timeline: ${error.message}` : isFetching ? 'loading…' : data ? `${data.resolution} · ${Math.round(data.tookMs)} ms` : ''}
        </span>
      </div>
      <div className="tl-body" ref={bodyRef}>
        <div className="tl-axis-header" style={{ height: AXIS_H, width: HEADER_W }}>
          Time (UTC)
        </div>
        <div className="tl-axis" data-testid="time-axis" style={{ left: HEADER_W, height: AXIS_H }} />
        {boxes.map((b) => {
          const L = data?.byLane[b.lane];
          const summary = L && view ? laneSummary(L, view.from, view.to) : null;
          return (
            <div key={b.lane} className="tl-lane" data-testid={`lane-${b.lane}`} style={{ top: b.y, height: b.h }}>
              <LaneHeader lane={b.lane} collapsed={b.collapsed} data={L} summary={summary} />
            </div>
          );
        })}
        <canvas ref={canvasRef} className="tl-canvas" style={{ left: HEADER_W }} aria-label="Timeline lanes" />
        {hover ? <HoverCard hover={hover} /> : null}
      </div>
    </div>
  );
}
