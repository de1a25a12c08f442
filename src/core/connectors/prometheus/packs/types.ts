/** A metric pack: the PromQL queries Sitrep runs for an incident window, and how it stores them. */
import type { MetricLane } from '../../../../shared/events';

/**
 * - `plain`: store the values as they are;
 * - `dcgm`: drop DCGM blank / not-supported sentinels first;
 * - `bitmask`: a DCGM bitmask (clock event reasons): sentinels dropped, stored as-is, decoded on display;
 * - `xid`: DCGM's last-Xid gauge: never a series, a log event per change to a non-zero code.
 */
export type ValueHandling = 'plain' | 'dcgm' | 'bitmask' | 'xid';

export interface PackQuery {
  /** Stable id, e.g. 'dcgm.gpu_util'. */
  id: string;
  /**
   * PromQL; `$range` is replaced by the rate window for the chosen step (at least 1m, at least
   * two steps: a `rate` over less than two samples is empty).
   */
  promql: string;
  /** Metric name to store. For selectors matching several names (old and new), the source name goes to the `source_metric` label. */
  name: string;
  lane: MetricLane;
  unit?: string;
  value: ValueHandling;
}

export interface MetricPack {
  id: string;
  label: string;
  queries: readonly PackQuery[];
}

/** The rate window for a step: max(60 s, 2 × step), in whole seconds. */
export function rateRange(stepSec: number): string {
  return `${Math.max(60, Math.ceil(stepSec * 2))}s`;
}

export function expandQuery(q: PackQuery, stepSec: number): string {
  return q.promql.replaceAll('$range', rateRange(stepSec));
}
