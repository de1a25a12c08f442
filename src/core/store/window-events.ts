/**
 * One event lane of the window query. Few events: every event ('items', buckets from raw rows).
 * Many: re-aggregation of the coarsest rollup level no wider than a pixel ('buckets'), plus the
 * most significant events (the per-pixel rollup tops), fetched by id.
 *
 * Edges: rollup buckets only cover whole level-aligned intervals inside [from, to); the two
 * partial edges are read from finer rollups and raw rows (levels.ts `windowParts`), so counts are
 * exact. A rollup bucket is assigned to the pixel holding its start: when the pixel width is not a
 * multiple of the level, an event can be drawn up to one level (< one pixel) early.
 *
 * Services filter: answered from raw rows only (rollups carry no service dimension, to keep
 * ingest cheap); its cost grows with the events of the lane in the window.
 */
import type { EventLaneId } from '../../shared/lanes';
import { MAX_ITEMS_PER_LANE, type EventItem, type EventLaneResult } from '../../shared/window';
import { BucketGrid } from './grid';
import { toItem, type ItemRow } from './items';
import { levelFor, windowParts } from './levels';
import { countRange } from './range-count';
import type { ReadStatements } from './statements';

export const MAX_TOP_ITEMS = 200;

export interface EventLaneOutcome {
  result: EventLaneResult;
  /** Rollup level used (ms), or null for raw rows. */
  level: number | null;
}

interface LaneArgs {
  lane: EventLaneId;
  from: number;
  to: number;
  widthPx: number;
  /** JSON array of services, or null for all. */
  services: string | null;
}

function rawAgg(reads: ReadStatements, grid: BucketGrid, a: LaneArgs, lo: number, hi: number): void {
  if (hi <= lo) return;
  const stmt = a.services === null ? reads.rawBuckets : reads.rawBucketsSvc;
  const params: Record<string, unknown> = { from: a.from, step: grid.step, lane: a.lane, lo, hi };
  if (a.services !== null) params.services = a.services;
  grid.addRows(stmt.raw(true).all(params) as unknown[][]);
}

export function eventLane(reads: ReadStatements, a: LaneArgs): EventLaneOutcome {
  const step = (a.to - a.from) / a.widthPx;
  const grid = new BucketGrid(a.from, step, a.widthPx);
  const threshold = Math.min(a.widthPx, MAX_ITEMS_PER_LANE);
  const total =
    a.services === null
      ? countRange(reads, a.lane, a.from, a.to).events
      : (reads.rawTotalsSvc.get({ lane: a.lane, lo: a.from, hi: a.to, services: a.services }) as { n: number }).n;

  if (total <= threshold) {
    const params: Record<string, unknown> = { lane: a.lane, lo: a.from, hi: a.to, limit: threshold };
    if (a.services !== null) params.services = a.services;
    const rows = (a.services === null ? reads.rawItems : reads.rawItemsSvc).all(params) as ItemRow[];
    const items: EventItem[] = rows.map(toItem);
    for (const it of items) {
      grid.add(grid.index(it.ts), 1, it.status === 'error' ? 1 : 0, it.status === 'warn' ? 1 : 0, it.tokens ?? 0, it.costUsd ?? 0, 0, it.id);
    }
    return { result: { type: 'events', lane: a.lane, total, mode: 'items', buckets: grid.toBuckets(), items }, level: null };
  }

  const level = a.services === null ? levelFor(step) : null;
  for (const part of windowParts(a.from, a.to, level)) {
    if (part.level === null) rawAgg(reads, grid, a, part.lo, part.hi);
    else {
      const p = { from: a.from, step, lane: a.lane, level: part.level, lo: part.lo, hi: part.hi };
      grid.addRows(reads.rollupBuckets.raw(true).all(p) as unknown[][]);
    }
  }
  const ids = grid.topIds(MAX_TOP_ITEMS);
  const items = (reads.itemsByIds.all(JSON.stringify(ids)) as ItemRow[]).map(toItem);
  return { result: { type: 'events', lane: a.lane, total, mode: 'buckets', buckets: grid.toBuckets(), items }, level };
}
