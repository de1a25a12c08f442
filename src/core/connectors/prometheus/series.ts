/**
 * From Prometheus samples to Sitrep's model, shared by the live client and the file formats:
 * the stored name and lane, DCGM sentinels dropped, Xid codes turned into log events.
 */
import type { EventInput, MetricLane, MetricSeriesInput } from '../../../shared/events';
import { clampShort } from '../common/text';
import { isDcgmBlank, xidEvents } from './dcgm';
import { CANONICAL_NAMES, laneFor, packQueryForName } from './packs/index';
import type { ValueHandling } from './packs/types';

export interface SeriesSpec {
  name: string;
  lane: MetricLane;
  unit?: string;
  value: ValueHandling;
  /** Counter-typed (relaxes the DCGM int32 sentinel rule). */
  counter?: boolean;
}

const NAME_MAX = 256;
/** Stored names that several source names map to: their series always say which source name they came from. */
const ALIASED = new Set(Object.values(CANONICAL_NAMES));

/** How a raw metric name is stored when no pack query says otherwise. */
export function specForName(rawName: string, type?: string, unit?: string): SeriesSpec {
  const name = ((Object.hasOwn(CANONICAL_NAMES, rawName) ? CANONICAL_NAMES[rawName] : undefined) ?? rawName).slice(0, NAME_MAX) || 'unnamed';
  const q = packQueryForName(rawName);
  const counter = type === 'counter' || /_TOTAL$|_total$|ENERGY|_COUNTER$|_BYTES$|VIOLATION/.test(rawName);
  if (q) return { name: q.name, lane: q.lane, unit: q.unit ?? unit, value: q.value, counter };
  const lane = laneFor(rawName);
  const value: ValueHandling = rawName.startsWith('DCGM_') ? 'dcgm' : 'plain';
  return { name, lane, ...(unit ? { unit: clampShort(unit) } : {}), value, counter };
}

export interface Sink {
  events: EventInput[];
  series: MetricSeriesInput[];
}

/**
 * Adds one series (or its Xid events) to `out`. `labels` may hold `__name__`: it is removed, and
 * kept as `source_metric` when it differs from the stored name or the stored name has aliases
 * (old and new metric names stored under one name).
 */
export function addSeries(spec: SeriesSpec, labels: Record<string, string>, points: [number, number][], out: Sink): void {
  const { __name__: source, ...rest } = labels;
  if (source !== undefined && (source !== spec.name || ALIASED.has(spec.name))) rest.source_metric = clampShort(source);
  switch (spec.value) {
    case 'xid':
      for (const e of xidEvents(rest, points)) out.events.push(e);
      return;
    case 'dcgm':
    case 'bitmask': {
      const kept = points.filter(([, v]) => !isDcgmBlank(v, spec.counter === true));
      if (kept.length > 0) out.series.push(seriesOf(spec, rest, kept));
      return;
    }
    case 'plain':
      if (points.length > 0) out.series.push(seriesOf(spec, rest, points));
      return;
  }
}

function seriesOf(spec: SeriesSpec, labels: Record<string, string>, points: [number, number][]): MetricSeriesInput {
  return { name: spec.name, labels, lane: spec.lane, ...(spec.unit ? { unit: spec.unit } : {}), points };
}
