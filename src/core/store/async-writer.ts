/**
 * Asynchronous writes for high-rate sources (the OTLP receiver): the caller hands over a mapped
 * batch and gets its totals once it is committed. Two implementations: inline (same thread,
 * for in-memory stores and tests) and threaded (./writer-thread.ts: a worker thread with its
 * own connection, so decoding the next request overlaps with writing this one).
 */
import type { EventInput, MetricSeriesInput } from '../../shared/events';
import type { EventStore, IngestStats } from './api';
import { toRow, type EventRow } from './derive';

export interface AsyncWriter {
  readonly mode: 'inline' | 'thread';
  /** Writes one batch in one transaction (all of it, or nothing). */
  write(events: EventInput[], series: MetricSeriesInput[]): Promise<IngestStats>;
  close(): Promise<void>;
}

/** Writes one mapped batch into the store in one transaction (all of it, or nothing). */
export function writeBatch(store: EventStore, events: EventInput[], series: MetricSeriesInput[]): IngestStats {
  return writeRows(store, events.map(toRow), series);
}

/** The same, for events already turned into rows (the threaded writer builds them before handing over). */
export function writeRows(store: EventStore, rows: EventRow[], series: MetricSeriesInput[]): IngestStats {
  let points = 0;
  for (const s of series) points += s.points.length;
  const w = store.bulk({ batchSize: Math.max(1, rows.length + points) + 1 });
  for (const r of rows) w.row(r);
  for (const s of series) {
    const id = w.series({ name: s.name, labels: s.labels, lane: s.lane, unit: s.unit });
    for (const [ts, v] of s.points) w.point(id, ts, v);
  }
  return w.commit();
}

export function inlineWriter(store: EventStore): AsyncWriter {
  return {
    mode: 'inline',
    write: (events, series) => {
      try {
        return Promise.resolve(writeBatch(store, events, series));
      } catch (err) {
        return Promise.reject(err instanceof Error ? err : new Error(String(err)));
      }
    },
    close: () => Promise.resolve(),
  };
}
