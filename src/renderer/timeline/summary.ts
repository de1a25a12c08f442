/** Per-lane counts over the visible range, for the lane headers. Pure. */
import { visibleBuckets } from './buckets';
import type { PreparedLane } from './prepare';

export interface LaneSummary {
  count: number;
  errors: number;
  warns: number;
}

export function laneSummary(L: PreparedLane, from: number, to: number): LaneSummary {
  const s = { count: 0, errors: 0, warns: 0 };
  if (L.type !== 'events') return s;
  const { first, last } = visibleBuckets(L.t0, L.step, L.count.length, from, to);
  for (let i = first; i <= last; i++) {
    s.count += L.count[i] ?? 0;
    s.errors += L.errors[i] ?? 0;
    s.warns += L.warns[i] ?? 0;
  }
  return s;
}
