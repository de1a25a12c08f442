/**
 * `window.__sitrepTimeline`: read-only access for end-to-end tests and the frame benchmark —
 * the boxes of the items drawn (viewport CSS px, so a test can click one) and frame times.
 */
import type { TimelineEngine } from './engine';

export interface TimelineTestHook {
  hitTargets(): Array<{ id: number; lane: string; kind: string; name: string; x: number; y: number; w: number; h: number }>;
  /** Duration (ms) of the last draw. */
  readonly lastFrameMs: number;
  /** Number of frames drawn so far. */
  readonly frames: number;
  /** The selected event, which its lane draws highlighted (null: none). */
  readonly selectedId: number | null;
  /** Durations of up to the last 600 draws, oldest first. */
  frameTimes(): number[];
}

declare global {
  interface Window {
    __sitrepTimeline?: TimelineTestHook;
  }
}

export function installTestHook(engine: TimelineEngine): () => void {
  if (typeof window === 'undefined') return () => undefined;
  const hook: TimelineTestHook = {
    hitTargets: () => engine.hitTargets(),
    get lastFrameMs() {
      return engine.lastFrameMs;
    },
    get frames() {
      return engine.frames;
    },
    get selectedId() {
      return engine.selectedId;
    },
    frameTimes: () => {
      const n = Math.min(engine.frames, engine.frameTimes.length);
      const out: number[] = [];
      for (let i = engine.frames - n; i < engine.frames; i++) out.push(engine.frameTimes[i % engine.frameTimes.length] ?? 0);
      return out;
    },
  };
  window.__sitrepTimeline = hook;
  return () => {
    if (window.__sitrepTimeline === hook) delete window.__sitrepTimeline;
  };
}
