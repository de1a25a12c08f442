/** Test helpers: a CoreContext over a real in-memory store, and a receiver with the OTLP routes. */
import type { CoreContext } from '../app/context';
import type { EventStore } from '../store/api';
import { openStore } from '../store/store';
import { startReceiver, type Receiver, type ReceiverOptions } from '../receiver/server';
import type { StoredEvent } from '../../shared/events';
import { otlpRoutes } from './routes';

export function testContext(store: EventStore = openStore(':memory:')): CoreContext {
  return { store, host: 'test', version: 'test', readOnly: false, dataDir: null, emit: () => undefined, log: () => undefined };
}

export async function startOtlp(ctx: CoreContext, opts: Partial<ReceiverOptions> = {}): Promise<Receiver> {
  return startReceiver({ routes: otlpRoutes(ctx), port: 0, log: () => undefined, ...opts });
}

/** Every stored event of the given kinds (paged through listEvents, then full details). */
export function allEvents(store: EventStore, kinds?: StoredEvent['kind'][]): StoredEvent[] {
  const out: StoredEvent[] = [];
  let after: Parameters<EventStore['listEvents']>[0]['after'];
  for (;;) {
    const page = store.listEvents({ from: 0, to: 8_000_000_000_000, kinds, after, limit: 500 });
    for (const r of page.rows) {
      const d = store.getEvent(r.id);
      if (d) out.push({ ...d.event, id: d.id } as StoredEvent);
    }
    if (!page.next) return out;
    after = page.next;
  }
}
