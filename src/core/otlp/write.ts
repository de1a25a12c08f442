/** Writes one mapped request into the store in one transaction (all of it, or nothing). */
import type { EventInput, MetricSeriesInput } from '../../shared/events';
import type { EventStore, IngestStats } from '../store/api';

export function writeBatch(store: EventStore, events: EventInput[], series: MetricSeriesInput[]): IngestStats {
  let points = 0;
  for (const s of series) points += s.points.length;
  const w = store.bulk({ batchSize: Math.max(1, events.length + points) + 1 });
  for (const e of events) w.event(e);
  for (const s of series) {
    const id = w.series({ name: s.name, labels: s.labels, lane: s.lane, unit: s.unit });
    for (const [ts, v] of s.points) w.point(id, ts, v);
  }
  return w.commit();
}
