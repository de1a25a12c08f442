/**
 * What every live source implements: a probe for the connection's Test button, and a fetch of
 * the incident window (Sitrep queries the user's backends for the window it needs; it never
 * mirrors their history). Implementations live in src/core/connectors/<source>/client.ts and are
 * listed in ./clients.ts.
 */
import type { Connection, ProbeResult, SourceKind } from '../../shared/connections';
import type { ParsedBatch } from '../import/formats/types';

export interface FetchWindow {
  from: number;
  to: number;
  /** Services of the incident, to narrow queries where the source allows it. */
  services?: string[];
}

export interface SourceClient {
  kinds: readonly SourceKind[];
  probe(conn: Connection, signal?: AbortSignal): Promise<ProbeResult>;
  fetchWindow(conn: Connection, window: FetchWindow, signal?: AbortSignal): Promise<ParsedBatch>;
}
