/** The window query: every requested lane reduced to the pixel width asked for. */
import { WindowQuery, type LaneResult, type WindowResult } from '../../shared/window';
import { levelName } from './levels';
import type { ReadStatements } from './statements';
import { eventLane } from './window-events';
import { metricLane } from './window-metrics';

export function queryWindow(reads: ReadStatements, input: WindowQuery): WindowResult {
  const started = performance.now();
  const q = WindowQuery.parse(input);
  const bucketMs = (q.to - q.from) / q.widthPx;
  const services = q.services !== undefined && q.services.length > 0 ? JSON.stringify(q.services) : null;
  let level: number | null = null;
  const lanes: LaneResult[] = q.lanes.map((req) => {
    const out =
      req.type === 'events'
        ? eventLane(reads, { lane: req.lane, from: q.from, to: q.to, widthPx: q.widthPx, services })
        : metricLane(reads, req.lane, req.metric, q.from, q.to, q.widthPx);
    if (out.level !== null) level = Math.max(level ?? 0, out.level);
    return out.result;
  });
  return {
    from: q.from,
    to: q.to,
    widthPx: q.widthPx,
    bucketMs,
    resolution: level === null ? 'raw' : levelName(level),
    lanes,
    tookMs: performance.now() - started,
  };
}
