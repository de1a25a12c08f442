/** A BulkWriter that keeps what it is given (events, series, points), for tests and inspection. */
import { createHash } from 'node:crypto';
import type { EventInput } from '../../shared/events';
import type { BulkWriter, IngestStats, SeriesDef } from '../store/api';

export interface Recording extends BulkWriter {
  events: EventInput[];
  defs: SeriesDef[];
  /** Points per series index (series id − 1). */
  points: [number, number][][];
  /** sha256 over every event and point in write order. */
  digest(): string;
}

export function recorder(): Recording {
  const hash = createHash('sha256');
  const keys = new Map<string, number>();
  const r: Recording = {
    events: [],
    defs: [],
    points: [],
    event(e) {
      r.events.push(e);
      hash.update(JSON.stringify(e));
    },
    row() {
      throw new Error('the recorder takes events, not rows');
    },
    series(def) {
      const key = JSON.stringify([def.name, def.labels]);
      const known = keys.get(key);
      if (known !== undefined) return known;
      r.defs.push(def);
      r.points.push([]);
      keys.set(key, r.defs.length);
      return r.defs.length;
    },
    point(id, ts, value) {
      r.points[id - 1]?.push([ts, value]);
      hash.update(`${id},${ts},${value};`);
    },
    flush() {},
    commit(): IngestStats {
      return { events: r.events.length, duplicates: 0, points: r.points.reduce((s, p) => s + p.length, 0), series: r.defs.length };
    },
    digest: () => hash.copy().digest('hex'),
  };
  return r;
}

/** Points of the series matching `name` and every given label. */
export function pointsOf(r: Recording, name: string, labels: Record<string, string> = {}): [number, number][] {
  const out: [number, number][] = [];
  r.defs.forEach((s, i) => {
    if (s.name === name && Object.entries(labels).every(([k, v]) => s.labels[k] === v)) out.push(...(r.points[i] ?? []));
  });
  return out;
}
