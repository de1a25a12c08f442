/** The contract's handlers: thin calls into the store, with not_found for missing ids. */
import { ContractFailure } from '../../shared/envelope';
import type { Handler } from '../contract/handlers';
import type { CoreChannel } from '../../shared/contract';
import type { CoreContext } from './context';
import { withProvenance } from '../bundle/review';

export type CoreHandlers = { [C in CoreChannel]: Handler<C> };

/** Handlers of the core's own channels (feature modules bring their own). */
export function createCoreHandlers(ctx: Pick<CoreContext, 'store' | 'host' | 'version' | 'readOnly'>): CoreHandlers {
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
    'incidents.list': () => withProvenance(store, store.listIncidents()),
    'incidents.get': ({ id }) => {
      const incident = store.getIncident(id);
      if (!incident) throw new ContractFailure('not_found', `No incident with id ${id}`);
      return withProvenance(store, incident);
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
