/**
 * Rollup deltas accumulated in JS while a batch is written, then upserted once per batch
 * (`ON CONFLICT DO UPDATE`). Per event only the finest level is touched (loads are mostly
 * time-ordered, so usually without a map lookup); coarser levels cascade from finer ones when the
 * batch is written. A batch of N events costs N inserts plus one upsert per touched
 * (lane, level, bucket).
 */
import type { EventLaneId } from '../../shared/lanes';
import { FINEST_LEVEL_MS, LEVELS_MS, SOURCE_OF } from './levels';
import type { WriteStatements } from './statements';

interface EventAgg {
  lane: EventLaneId;
  laneIdx: number;
  bucketTs: number;
  count: number;
  errors: number;
  warns: number;
  tokens: number;
  cost: number;
  topId: number;
  topScore: number;
}

interface MetricAgg {
  seriesId: number;
  bucketTs: number;
  min: number;
  max: number;
  last: number;
  lastTs: number;
  count: number;
}

const LANE_INDEX: Record<EventLaneId, number> = { alerts: 0, changes: 1, llm: 2, agent: 3, traces: 4, logs: 5 };
const LANES = 6;

/** Numeric map key for (bucket, lane) while it stays below 2^53; a string beyond (far-future ts). */
function eventKey(bucket: number, laneIdx: number): number | string {
  return bucket < 1e15 ? bucket * 8 + laneIdx : `${bucket}:${laneIdx}`;
}

function mergeEvent(into: EventAgg, a: EventAgg): void {
  into.count += a.count;
  into.errors += a.errors;
  into.warns += a.warns;
  into.tokens += a.tokens;
  into.cost += a.cost;
  if (a.topScore > into.topScore) {
    into.topScore = a.topScore;
    into.topId = a.topId;
  }
}

function mergeMetric(into: MetricAgg, a: MetricAgg): void {
  if (a.min < into.min) into.min = a.min;
  if (a.max > into.max) into.max = a.max;
  if (a.lastTs >= into.lastTs) {
    into.lastTs = a.lastTs;
    into.last = a.last;
  }
  into.count += a.count;
}

export class RollupAccumulator {
  /** Finest-level aggregates of the batch. */
  private readonly events = new Map<number | string, EventAgg>();
  private readonly metrics = new Map<string, MetricAgg>();
  private readonly lastB = new Float64Array(LANES).fill(-1);
  private readonly lastAgg: (EventAgg | undefined)[] = new Array<EventAgg | undefined>(LANES).fill(undefined);

  addEvent(lane: EventLaneId, ts: number, status: string, tokens: number | null, cost: number | null, id: number, score: number): void {
    const laneIdx = LANE_INDEX[lane];
    const b = Math.floor(ts / FINEST_LEVEL_MS);
    let a = this.lastB[laneIdx] === b ? this.lastAgg[laneIdx] : undefined;
    if (a === undefined) {
      const key = eventKey(b, laneIdx);
      a = this.events.get(key);
      if (a === undefined) {
        a = { lane, laneIdx, bucketTs: b * FINEST_LEVEL_MS, count: 0, errors: 0, warns: 0, tokens: 0, cost: 0, topId: id, topScore: -1 };
        this.events.set(key, a);
      }
      this.lastB[laneIdx] = b;
      this.lastAgg[laneIdx] = a;
    }
    a.count++;
    if (status === 'error') a.errors++;
    else if (status === 'warn') a.warns++;
    if (tokens !== null) a.tokens += tokens;
    if (cost !== null) a.cost += cost;
    if (score > a.topScore) {
      a.topScore = score;
      a.topId = id;
    }
  }

  addPoint(seriesId: number, ts: number, value: number): void {
    const bucketTs = Math.floor(ts / FINEST_LEVEL_MS) * FINEST_LEVEL_MS;
    const key = `${seriesId}:${bucketTs}`;
    const a = this.metrics.get(key);
    if (a === undefined) this.metrics.set(key, { seriesId, bucketTs, min: value, max: value, last: value, lastTs: ts, count: 1 });
    else mergeMetric(a, { seriesId, bucketTs, min: value, max: value, last: value, lastTs: ts, count: 1 });
  }

  clear(): void {
    this.events.clear();
    this.metrics.clear();
    this.lastB.fill(-1);
    this.lastAgg.fill(undefined);
  }

  /** Upserts every level's deltas (call inside the batch's transaction) and clears the batch. */
  write(st: WriteStatements): void {
    const eventLevels: EventAgg[][] = [[...this.events.values()]];
    const metricLevels: MetricAgg[][] = [[...this.metrics.values()]];
    for (let k = 1; k < LEVELS_MS.length; k++) {
      const level = LEVELS_MS[k] ?? FINEST_LEVEL_MS;
      const src = SOURCE_OF[k] ?? 0;
      const ev = new Map<number | string, EventAgg>();
      for (const a of eventLevels[src] ?? []) {
        const b = Math.floor(a.bucketTs / level);
        const key = eventKey(b, a.laneIdx);
        const cur = ev.get(key);
        if (cur === undefined) ev.set(key, { ...a, bucketTs: b * level });
        else mergeEvent(cur, a);
      }
      eventLevels.push([...ev.values()]);
      const mt = new Map<string, MetricAgg>();
      for (const a of metricLevels[src] ?? []) {
        const bucketTs = Math.floor(a.bucketTs / level) * level;
        const key = `${a.seriesId}:${bucketTs}`;
        const cur = mt.get(key);
        if (cur === undefined) mt.set(key, { ...a, bucketTs });
        else mergeMetric(cur, a);
      }
      metricLevels.push([...mt.values()]);
    }
    LEVELS_MS.forEach((level, k) => {
      for (const a of eventLevels[k] ?? []) {
        st.upsertEventRollup.run(a.lane, level, a.bucketTs, a.count, a.errors, a.warns, a.tokens, a.cost, a.topId, a.topScore);
      }
      for (const a of metricLevels[k] ?? []) {
        st.upsertMetricRollup.run(a.seriesId, level, a.bucketTs, a.min, a.max, a.last, a.lastTs, a.count);
      }
    });
    this.clear();
  }
}
