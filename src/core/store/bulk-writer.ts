/** The one write path: buffered events and points, written in batches with their rollup deltas. */
import type Database from 'better-sqlite3';
import type { BulkWriter, IngestStats, SeriesDef } from './api';
import { toRow, type EventRow } from './derive';
import { RollupAccumulator } from './rollups';
import type { ReadStatements, WriteStatements } from './statements';

export const DEFAULT_BATCH_SIZE = 100_000;

/** Stable identity of a label set: sorted [key, value] pairs as JSON. */
export function labelsKey(labels: Record<string, string>): string {
  return JSON.stringify(Object.entries(labels).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

export function createBulkWriter(
  db: Database.Database,
  reads: ReadStatements,
  writes: WriteStatements,
  batchSize = DEFAULT_BATCH_SIZE,
): BulkWriter {
  const size = Math.max(1, Math.floor(batchSize));
  const acc = new RollupAccumulator();
  let events: EventRow[] = [];
  let pSeries: number[] = [];
  let pTs: number[] = [];
  let pVal: number[] = [];
  const seriesCache = new Map<string, number>();
  const seriesTouched = new Set<number>();
  const totals: IngestStats = { events: 0, duplicates: 0, points: 0, series: 0 };

  const writeBatch = db.transaction((evs: EventRow[], sIds: number[], ts: number[], vals: number[]) => {
    const insertEvent = writes.insertEvent;
    let written = 0;
    for (const row of evs) {
      const info = insertEvent.run(row);
      if (info.changes === 0) continue; // duplicate kind + externalId: counted, not an error
      written++;
      acc.addEvent(row[3], row[0], row[6], row[9], row[10], Number(info.lastInsertRowid), row[7]);
    }
    const insertPoint = writes.insertPoint;
    for (let i = 0; i < sIds.length; i++) {
      const s = sIds[i] ?? 0;
      const t = ts[i] ?? 0;
      const v = vals[i] ?? 0;
      insertPoint.run(s, t, v);
      acc.addPoint(s, t, v);
    }
    acc.write(writes);
    return written;
  });

  const flush = (): void => {
    if (events.length === 0 && pSeries.length === 0) return;
    const evs = events;
    const s = pSeries;
    const t = pTs;
    const v = pVal;
    events = [];
    pSeries = [];
    pTs = [];
    pVal = [];
    try {
      const written = writeBatch(evs, s, t, v);
      totals.events += written;
      totals.duplicates += evs.length - written;
      totals.points += s.length;
    } catch (err) {
      acc.clear();
      throw err;
    }
  };

  return {
    event(e) {
      events.push(toRow(e));
      if (events.length >= size) flush();
    },
    row(r) {
      events.push(r);
      if (events.length >= size) flush();
    },
    series(def: SeriesDef) {
      const key = labelsKey(def.labels);
      const cacheKey = `${def.name}\u0000${key}`;
      let id = seriesCache.get(cacheKey);
      if (id === undefined) {
        const found = reads.findSeries.get(def.name, key) as { id: number } | undefined;
        id = found?.id ?? Number(writes.insertSeries.run(def.name, JSON.stringify(def.labels), key, def.lane, def.unit ?? null).lastInsertRowid);
        seriesCache.set(cacheKey, id);
      }
      if (!seriesTouched.has(id)) {
        seriesTouched.add(id);
        totals.series++;
      }
      return id;
    },
    point(seriesId, ts, value) {
      pSeries.push(seriesId);
      pTs.push(ts);
      pVal.push(value);
      if (pSeries.length >= size) flush();
    },
    flush,
    commit() {
      flush();
      return { ...totals };
    },
  };
}
