/** The contract's handlers: thin calls into the store, with not_found for missing ids. */
import { ContractFailure } from '../../shared/envelope';
import type { Handlers } from '../contract/handlers';
import type { EventStore } from '../store/api';

export interface HandlerContext {
  store: EventStore;
  host: 'electron' | 'browser' | 'test';
  version: string;
  readOnly: boolean;
}

export function createHandlers(ctx: HandlerContext): Handlers {
  const { store } = ctx;
  return {
    'app.info': () => {
      const s = store.stats();
      return {
        name: 'Sitrep',
        version: ctx.version,
        // Tests run the browser transport's code paths; the contract knows only the two real hosts.
        host: ctx.host === 'electron' ? 'electron' : 'browser',
        store: { path: s.path, events: s.events, series: s.series, points: s.points },
        readOnly: ctx.readOnly || store.readOnly,
      };
    },
    'incidents.list': () => store.listIncidents(),
    'incidents.get': ({ id }) => {
      const incident = store.getIncident(id);
      if (!incident) throw new ContractFailure('not_found', `No incident with id ${id}`);
      return incident;
    },
    'timeline.window': (q) => store.window(q),
    'events.get': ({ id }) => {
      const detail = store.getEvent(id);
      if (!detail) throw new ContractFailure('not_found', `No event with id ${id}`);
      return detail;
    },
    'events.list': (q) => store.listEvents(q),
  };
}
