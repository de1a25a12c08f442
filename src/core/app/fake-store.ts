/** An in-memory EventStore stand-in for tests of the core and the hosts. */
import type { EventStore } from '../store/api';
import type { IncidentSummary } from '../../shared/incident';
import { contractSamples } from '../contract/samples';

export interface FakeStore extends EventStore {
  incidents: IncidentSummary[];
  closed: number;
}

export function createFakeStore(opts: { readOnly?: boolean; incidents?: IncidentSummary[] } = {}): FakeStore {
  const store: FakeStore = {
    path: ':memory:',
    readOnly: opts.readOnly === true,
    incidents: opts.incidents ?? [],
    closed: 0,
    get sql(): never {
      throw new Error('sql is not faked');
    },
    bulk() {
      throw new Error('bulk() is not faked');
    },
    ingest() {
      return { events: 0, duplicates: 0, points: 0, series: 0 };
    },
    upsertIncident(incident) {
      store.incidents = [
        ...store.incidents.filter((i) => i.id !== incident.id),
        { ...incident, counts: { events: 0, errors: 0, alerts: 0, changes: 0 } },
      ];
    },
    listIncidents: () => store.incidents,
    getIncident: (id) => store.incidents.find((i) => i.id === id) ?? null,
    window: (q) => ({ ...contractSamples['timeline.window'].output, from: q.from, to: q.to, widthPx: q.widthPx }),
    getEvent: (id) => (id === 7 ? contractSamples['events.get'].output : null),
    listEvents: () => contractSamples['events.list'].output,
    stats: () => ({ path: ':memory:', events: 3, series: 2, points: 1 }),
    extent: () => null,
    close() {
      store.closed += 1;
    },
  };
  return store;
}
