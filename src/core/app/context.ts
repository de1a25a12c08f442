/** What every feature module of the core is given: the store, the host, push, logging, a data folder. */
import type { PushEvent, PushPayload } from '../../shared/contract';
import type { EventStore } from '../store/api';
import type { AsyncWriter } from '../store/async-writer';
import type { AuthService } from '../auth/seats';
import type { JournalService } from '../journal/service';

export interface CoreContext {
  store: EventStore;
  host: 'electron' | 'browser' | 'test';
  version: string;
  readOnly: boolean;
  /** Folder for files beside the store (connections, keys); null for an in-memory store. */
  dataDir: string | null;
  emit<E extends PushEvent>(event: E, payload: PushPayload<E>): void;
  log(message: string, detail: unknown): void;
  /**
   * Asynchronous writer for high-rate sources (the OTLP receiver). Absent: they write inline
   * through `store`. The hosts give a threaded one for a file store.
   */
  writer?: AsyncWriter;
  /**
   * The journal (set by the governance module): `append(kind, payload, actor)` records now, or
   * queues in memory while the journal is locked; `appendNow` refuses while locked.
   */
  journal?: JournalService;
  /** Who is signed in at a sender (set by the governance module). */
  auth?: AuthService;
}

/** A feature module: its contract handlers, and what to stop when the core closes. */
export interface CoreModule<H> {
  handlers: H;
  close?(): void;
}
