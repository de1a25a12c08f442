/** Writes validated records through the store's bulk writer; incidents after the events. */
import type { Incident } from '../../shared/incident';
import type { EventStore } from '../store/api';
import type { ImportRecord } from './records';
import type { ImportReport } from './report';

type Target = Pick<EventStore, 'bulk' | 'upsertIncident'>;

function writer(store: Target, report: ImportReport, batchSize?: number) {
  const w = store.bulk(batchSize ? { batchSize } : undefined);
  const incidents: Incident[] = [];
  return {
    add(r: ImportRecord): void {
      report.written = true;
      switch (r.type) {
        case 'event':
          w.event(r.value);
          return;
        case 'series': {
          const { points, ...def } = r.value;
          const id = w.series(def);
          for (const [ts, v] of points) w.point(id, ts, v);
          return;
        }
        case 'incident':
          incidents.push(r.value);
          return;
      }
    },
    done(): void {
      const stats = w.commit();
      report.events = stats.events;
      report.duplicates = stats.duplicates;
      report.series = stats.series;
      report.points = stats.points;
      for (const i of incidents) store.upsertIncident(i);
      report.incidents = incidents.length;
    },
  };
}

export function writeRecords(store: Target, records: ImportRecord[], report: ImportReport, batchSize?: number): void;
export function writeRecords(store: Target, records: AsyncIterable<ImportRecord>, report: ImportReport, batchSize?: number): Promise<void>;
export function writeRecords(
  store: Target,
  records: ImportRecord[] | AsyncIterable<ImportRecord>,
  report: ImportReport,
  batchSize?: number,
): void | Promise<void> {
  const w = writer(store, report, batchSize);
  if (Array.isArray(records)) {
    for (const r of records) w.add(r);
    w.done();
    return;
  }
  return (async () => {
    for await (const r of records) w.add(r);
    w.done();
  })();
}
