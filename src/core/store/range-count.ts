/** Exact event counts over any time range, read from rollups (a few dozen index lookups at most). */
import type { EventLaneId } from '../../shared/lanes';
import { decompose } from './levels';
import type { ReadStatements } from './statements';

export interface RangeCount {
  events: number;
  errors: number;
}

/** Events in [from, to) of a lane: whole rollup buckets plus raw edges shorter than 100ms. */
export function countRange(reads: ReadStatements, lane: EventLaneId, from: number, to: number): RangeCount {
  let events = 0;
  let errors = 0;
  for (const part of decompose(from, to)) {
    const row = (
      part.level === null
        ? reads.rawTotals.get(lane, part.lo, part.hi)
        : reads.rollupTotals.get(lane, part.level, part.lo, part.hi)
    ) as { n: number; e: number };
    events += row.n;
    errors += row.e;
  }
  return { events, errors };
}
