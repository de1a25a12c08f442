/** Validation of parsed JSON against the format's records, with errors that name the field. */
import type { z } from 'zod';
import { EventInput, MetricSeriesInput } from '../../shared/events';
import { Incident } from '../../shared/incident';

export const FORMAT_VERSION = 1;

export type ImportRecord =
  | { type: 'event'; value: EventInput }
  | { type: 'series'; value: MetricSeriesInput }
  | { type: 'incident'; value: Incident };

export type Checked = { ok: true; record: ImportRecord | null } | { ok: false; field: string; message: string };

/** `events[3].attrs.x` style path. */
export function formatPath(prefix: string, path: readonly PropertyKey[]): string {
  let out = prefix;
  for (const p of path) out += typeof p === 'number' ? `[${p}]` : out === '' ? String(p) : `.${String(p)}`;
  return out || '(root)';
}

function firstIssue(prefix: string, error: z.ZodError): { field: string; message: string } {
  const issue = error.issues[0];
  if (!issue) return { field: prefix, message: 'invalid value' };
  const more = error.issues.length > 1 ? ` (and ${error.issues.length - 1} more problem${error.issues.length > 2 ? 's' : ''})` : '';
  return { field: formatPath(prefix, issue.path), message: issue.message + more };
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Checks one item of a given type; `prefix` names it in errors (`events[3]`, `event`). */
export function checkItem(type: ImportRecord['type'], value: unknown, prefix: string): Checked {
  switch (type) {
    case 'event': {
      const r = EventInput.safeParse(value);
      return r.success ? { ok: true, record: { type, value: r.data } } : { ok: false, ...firstIssue(prefix, r.error) };
    }
    case 'series': {
      const r = MetricSeriesInput.safeParse(value);
      return r.success ? { ok: true, record: { type, value: r.data } } : { ok: false, ...firstIssue(prefix, r.error) };
    }
    case 'incident': {
      const r = Incident.safeParse(value);
      return r.success ? { ok: true, record: { type, value: r.data } } : { ok: false, ...firstIssue(prefix, r.error) };
    }
  }
}

/** One JSON Lines record: `{"event": …}`, `{"series": …}`, `{"incident": …}`, or the optional `{"sitrep": 1}` header (record null). */
export function checkLine(value: unknown): Checked {
  if (!isObject(value)) return { ok: false, field: '(root)', message: 'each line must be a JSON object' };
  const keys = Object.keys(value);
  if (keys.length === 1 && keys[0] === 'sitrep') {
    return value.sitrep === FORMAT_VERSION
      ? { ok: true, record: null }
      : { ok: false, field: 'sitrep', message: `unsupported format version (expected ${FORMAT_VERSION})` };
  }
  if (keys.length !== 1) {
    return { ok: false, field: '(root)', message: 'a line must have exactly one key: "event", "series" or "incident"' };
  }
  const key = keys[0];
  if (key === 'event' || key === 'series' || key === 'incident') return checkItem(key, value[key], key);
  return { ok: false, field: String(key), message: 'unknown record type; expected "event", "series" or "incident"' };
}

const DOC_KEYS: Record<string, ImportRecord['type'] | 'version'> = {
  sitrep: 'version',
  events: 'event',
  series: 'series',
  incidents: 'incident',
};

/** Checks a whole document; calls `onError` per problem and returns the valid records (in file order: events, series, incidents). */
export function checkDocument(value: unknown, onError: (field: string, message: string) => void): ImportRecord[] {
  if (!isObject(value)) {
    onError('(root)', 'a document must be a JSON object like {"sitrep": 1, "events": [...]}');
    return [];
  }
  if (value.sitrep !== FORMAT_VERSION) onError('sitrep', `must be ${FORMAT_VERSION} (the format version)`);
  for (const key of Object.keys(value)) {
    if (!(key in DOC_KEYS)) onError(key, 'unknown key; expected "sitrep", "events", "series" or "incidents"');
  }
  const out: ImportRecord[] = [];
  for (const key of ['events', 'series', 'incidents'] as const) {
    const list = value[key];
    if (list === undefined) continue;
    if (!Array.isArray(list)) {
      onError(key, 'must be an array');
      continue;
    }
    const type = key === 'events' ? 'event' : key === 'series' ? 'series' : 'incident';
    list.forEach((item: unknown, i) => {
      const c = checkItem(type, item, `${key}[${i}]`);
      if (!c.ok) onError(c.field, c.message);
      else if (c.record) out.push(c.record);
    });
  }
  return out;
}
