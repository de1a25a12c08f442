/**
 * The event store: better-sqlite3 in WAL mode, versioned migrations, named statements, and
 * rollups maintained on write so the window query stays fast at 10M events.
 */
import Database from 'better-sqlite3';
import { ContractFailure } from '../../shared/envelope';
import { EventLaneId } from '../../shared/lanes';
import type { EventStore, OpenStoreOptions } from './api';
import { createBulkWriter } from './bulk-writer';
import { getEvent, listEvents } from './events-read';
import { getIncident, listIncidents, upsertIncident } from './incidents';
import { validateIngest } from './ingest';
import { COARSEST_LEVEL_MS } from './levels';
import { checkVersion, latestVersion, migrate } from './migrations';
import { prepareReads, prepareWrites, type WriteStatements } from './statements';
import { queryWindow } from './window';

/** Page cache per connection (KiB, negative = size). Large loads keep the indexes' hot pages cached. */
const CACHE_KIB = 262_144;

export function openStore(path: string, opts: OpenStoreOptions = {}): EventStore {
  const readOnly = opts.readOnly === true;
  const db = new Database(path, readOnly ? { readonly: true, fileMustExist: true } : {});
  try {
    if (!readOnly) {
      // Only takes effect on a new file (before the first table); 16 KiB pages measured ~25% faster
      // bulk loads than 4 KiB (fewer page splits and WAL frames per indexed row).
      db.pragma('page_size = 16384');
      db.pragma('journal_mode = WAL');
      db.pragma('synchronous = NORMAL');
    }
    db.pragma('foreign_keys = ON');
    db.pragma(`cache_size = -${CACHE_KIB}`);
    db.pragma('temp_store = MEMORY');
    if (readOnly) {
      const v = checkVersion(db);
      if (v < latestVersion()) {
        throw new Error(`Store ${path} has schema version ${v}, older than ${latestVersion()}; open it read-write once to migrate it.`);
      }
    } else {
      migrate(db);
    }
  } catch (err) {
    db.close();
    throw err;
  }

  const reads = prepareReads(db);
  const writesOrNull = readOnly ? null : prepareWrites(db);
  const writable = (): WriteStatements => {
    if (writesOrNull === null) throw new ContractFailure('forbidden', `The store ${path} is open read-only; it cannot be written.`);
    return writesOrNull;
  };

  return {
    path,
    readOnly,
    sql: db,
    bulk(o) {
      return createBulkWriter(db, reads, writable(), o?.batchSize);
    },
    ingest(input) {
      const writes = writable();
      const valid = validateIngest(input);
      return db.transaction(() => {
        const w = createBulkWriter(db, reads, writes, Number.MAX_SAFE_INTEGER);
        for (const e of valid.events) w.event(e);
        for (const s of valid.series) {
          const id = w.series({ name: s.name, labels: s.labels, lane: s.lane, unit: s.unit });
          for (const [ts, value] of s.points) w.point(id, ts, value);
        }
        return w.commit();
      })();
    },
    upsertIncident(incident) {
      upsertIncident(writable(), incident);
    },
    listIncidents: () => listIncidents(reads),
    getIncident: (id) => getIncident(reads, id),
    window: (q) => queryWindow(reads, q),
    getEvent: (id) => getEvent(reads, id),
    listEvents: (q) => listEvents(reads, q),
    stats() {
      const n = (row: unknown): number => (row as { n: number }).n;
      return {
        path,
        events: n(reads.eventCount.get(COARSEST_LEVEL_MS)),
        series: n(reads.seriesCount.get()),
        points: n(reads.pointCount.get(COARSEST_LEVEL_MS)),
      };
    },
    extent() {
      let from = Infinity;
      let to = -Infinity;
      const take = (a: unknown, b: unknown): void => {
        if (a !== undefined) from = Math.min(from, (a as { ts: number }).ts);
        if (b !== undefined) to = Math.max(to, (b as { ts: number }).ts);
      };
      for (const lane of EventLaneId.options) take(reads.laneFirstTs.get(lane), reads.laneLastTs.get(lane));
      for (const { id } of reads.allSeriesIds.all() as { id: number }[]) take(reads.seriesFirstTs.get(id), reads.seriesLastTs.get(id));
      return from <= to ? { from, to } : null;
    },
    close() {
      if (db.open) db.close();
    },
  };
}
