/**
 * The event store's public surface. Implementation: ./store.ts (better-sqlite3, WAL).
 * The local store is the incident's cache and journal, not a TSDB: it keeps what was imported
 * or received for the incidents at hand, reduced on read to the resolution the screen asks for.
 */
import type Database from 'better-sqlite3';
import type { EventDetail, EventListPage, EventListQuery } from '../../shared/contract';
import type { EventInput, MetricSeriesInput } from '../../shared/events';
import type { EventRow } from './derive';
import type { Incident, IncidentSummary } from '../../shared/incident';
import type { WindowQuery, WindowResult } from '../../shared/window';

export type SeriesDef = Omit<MetricSeriesInput, 'points'>;

export interface IngestStats {
  events: number;
  /** Events skipped because an event with the same kind + externalId was already stored. */
  duplicates: number;
  points: number;
  series: number;
}

/**
 * Streaming writer for large loads (demo generation, imports, connectors). Buffers rows and
 * writes them in transactions of `batchSize`; rollups are accumulated in memory per batch.
 * Callers must pass already-validated values (the typed API is the validation).
 */
export interface BulkWriter {
  event(e: EventInput): void;
  /**
   * An event already turned into its stored row by `toRow` (derive.ts), from a validated
   * EventInput: lets the row be built on another thread than the one writing it.
   */
  row(row: EventRow): void;
  /** Get-or-create a series by name + labels; returns its id. */
  series(def: SeriesDef): number;
  point(seriesId: number, ts: number, value: number): void;
  /** Write everything still buffered; the writer can be used again afterwards. */
  flush(): void;
  /** Flush and return the totals written by this writer. */
  commit(): IngestStats;
}

export interface StoreStats {
  path: string;
  events: number;
  series: number;
  points: number;
}

export interface EventStore {
  readonly path: string;
  readonly readOnly: boolean;
  bulk(opts?: { batchSize?: number }): BulkWriter;
  /** Validated, transactional ingest of untrusted input (throws a ContractFailure 'bad_input' on invalid input, writing nothing). */
  ingest(input: { events?: unknown[]; series?: unknown[] }): IngestStats;
  upsertIncident(incident: Incident): void;
  listIncidents(): IncidentSummary[];
  getIncident(id: string): IncidentSummary | null;
  window(q: WindowQuery): WindowResult;
  getEvent(id: number): EventDetail | null;
  listEvents(q: EventListQuery): EventListPage;
  stats(): StoreStats;
  /** Time span of all stored events and points, or null when empty. */
  extent(): { from: number; to: number } | null;
  /**
   * The underlying connection, for core read-side modules that aggregate in SQL (the analyzers).
   * Never handed to a host or the renderer; writes go through `bulk()` / `ingest()` and the
   * store's own modules only.
   */
  readonly sql: Database.Database;
  close(): void;
}

export interface OpenStoreOptions {
  readOnly?: boolean;
}
/** Implemented in ./store.ts: `export function openStore(path: string, opts?: OpenStoreOptions): EventStore` (':memory:' allowed). */
