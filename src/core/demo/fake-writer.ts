/** An in-memory BulkWriter/store for tests: records what was written, checks time order if asked. */
import { createHash } from 'node:crypto';
import type { EventInput } from '../../shared/events';
import type { Incident } from '../../shared/incident';
import type { BulkWriter, IngestStats, SeriesDef } from '../store/api';

export interface FakeWriter extends BulkWriter {
  /** Number of events received, by kind. */
  kinds: Record<string, number>;
  /** Kept only when `keep` is set. */
  events: EventInput[];
  seriesDefs: SeriesDef[];
  points: number;
  /** sha256 of every event and point, in order. */
  digest(): string;
  outOfOrder: number;
}

export function fakeWriter(opts: { keep?: boolean; onEvent?: (e: EventInput) => void } = {}): FakeWriter {
  const hash = createHash('sha256');
  const seen = new Set<string>();
  let lastTs = -Infinity;
  let duplicates = 0;
  let count = 0;
  let base: IngestStats = { events: 0, duplicates: 0, points: 0, series: 0 };
  const w: FakeWriter = {
    kinds: {},
    events: [],
    seriesDefs: [],
    points: 0,
    outOfOrder: 0,
    event(e) {
      if (e.ts < lastTs) w.outOfOrder++;
      lastTs = e.ts;
      if (e.externalId !== undefined) {
        const key = `${e.kind}:${e.externalId}`;
        if (seen.has(key)) {
          duplicates++;
          return;
        }
        seen.add(key);
      }
      count++;
      w.kinds[e.kind] = (w.kinds[e.kind] ?? 0) + 1;
      hash.update(JSON.stringify(e));
      if (opts.keep) w.events.push(e);
      opts.onEvent?.(e);
    },
    row(r) {
      // The row's body is the whole event (derive.ts toRow).
      w.event(JSON.parse(r[14]) as EventInput);
    },
    series(def) {
      const key = JSON.stringify([def.name, def.labels]);
      const i = w.seriesDefs.findIndex((d) => JSON.stringify([d.name, d.labels]) === key);
      if (i >= 0) return i + 1;
      w.seriesDefs.push(def);
      return w.seriesDefs.length;
    },
    point(id, ts, value) {
      w.points++;
      hash.update(`${id},${ts},${value};`);
    },
    flush() {},
    /** Totals since the previous commit (the fake store hands out the same writer every time). */
    commit(): IngestStats {
      const now = { events: count, duplicates, points: w.points, series: w.seriesDefs.length };
      const out = { events: now.events - base.events, duplicates: now.duplicates - base.duplicates, points: now.points - base.points, series: now.series - base.series };
      base = now;
      return out;
    },
    digest: () => hash.copy().digest('hex'),
  };
  return w;
}

export function fakeStore(opts: { keep?: boolean } = {}): {
  writer: FakeWriter;
  incidents: Incident[];
  bulk(): BulkWriter;
  upsertIncident(i: Incident): void;
} {
  const writer = fakeWriter(opts);
  const incidents: Incident[] = [];
  return { writer, incidents, bulk: () => writer, upsertIncident: (i) => void incidents.push(i) };
}
