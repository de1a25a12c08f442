/**
 * Sitrep's own format (docs/formats/sitrep-json.md) as two ImportFormats: a JSON document
 * `{"sitrep": 1, "events": [...], "series": [...], "incidents": [...]}` and JSON Lines of
 * `{"event": …}` / `{"series": …}` / `{"incident": …}` records (an optional `{"sitrep": 1}` header).
 * Records are validated by the shared schemas; the first invalid one rejects the file, named by
 * its JSON path (document) or line (JSON Lines).
 */
import { EVENT_KINDS } from '../../../shared/events';
import type { Incident } from '../../../shared/incident';
import { checkDocument, checkLine, type ImportRecord } from '../records';
import { ImportError, type ImportFormat, type ParsedBatch, type ParsedInput } from './types';

const RECORD_KEYS = new Set(['event', 'series', 'incident', 'sitrep']);

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

const KINDS: ReadonlySet<unknown> = new Set(EVENT_KINDS);

/** `{"event": {"kind": "log", …}}` and its siblings; strict enough not to claim `{"event": …}` webhooks (PagerDuty V3). */
function isRecordLine(v: unknown): boolean {
  if (!isObject(v)) return false;
  const keys = Object.keys(v);
  const key = keys[0];
  if (keys.length !== 1 || key === undefined || !RECORD_KEYS.has(key)) return false;
  const inner = v[key];
  switch (key) {
    case 'sitrep':
      return typeof inner === 'number';
    case 'event':
      return isObject(inner) && KINDS.has(inner.kind);
    case 'series':
      return isObject(inner) && typeof inner.name === 'string' && Array.isArray(inner.points);
    default:
      return isObject(inner) && typeof inner.id === 'string' && 'windowFrom' in inner;
  }
}

function toBatch(records: ImportRecord[]): ParsedBatch {
  const batch: ParsedBatch = { events: [], series: [] };
  const incidents: Incident[] = [];
  for (const r of records) {
    switch (r.type) {
      case 'event':
        batch.events.push(r.value);
        break;
      case 'series':
        batch.series.push(r.value);
        break;
      case 'incident':
        incidents.push(r.value);
        break;
    }
  }
  if (incidents.length > 0) batch.incidents = incidents;
  return batch;
}

export const sitrepJsonFormat: ImportFormat = {
  id: 'sitrep-json',
  label: 'Sitrep JSON',
  detect: (input) => input.kind === 'json' && isObject(input.doc) && 'sitrep' in input.doc && !isRecordLine(input.doc),
  parse(input) {
    if (input.kind !== 'json') throw new ImportError('expected a JSON document');
    const problems: { field: string; message: string }[] = [];
    const records = checkDocument(input.doc, (field, message) => problems.push({ field, message }));
    const first = problems[0];
    if (first) {
      const more = problems.length > 1 ? ` (and ${problems.length - 1} more problem${problems.length > 2 ? 's' : ''})` : '';
      throw new ImportError(`${first.field}: ${first.message}${more}`, { path: first.field });
    }
    return toBatch(records);
  },
};

function recordLines(input: ParsedInput): { line: number; value: unknown }[] | null {
  if (input.kind === 'jsonl') return input.lines;
  if (input.kind === 'json' && isRecordLine(input.doc)) return [{ line: 1 + input.skippedLines, value: input.doc }];
  return null;
}

export const sitrepJsonlFormat: ImportFormat = {
  id: 'sitrep-jsonl',
  label: 'Sitrep JSON Lines',
  detect(input) {
    const lines = recordLines(input);
    if (lines === null || lines.length === 0) return false;
    // Claimed by the first line's shape; a later malformed record is reported, not passed on.
    return isRecordLine(lines[0]?.value);
  },
  parse(input) {
    const lines = recordLines(input);
    if (lines === null) throw new ImportError('expected JSON Lines');
    const records: ImportRecord[] = [];
    for (const { line, value } of lines) {
      const c = checkLine(value);
      if (!c.ok) throw new ImportError(`line ${line}: ${c.field}: ${c.message}`, { line, path: c.field });
      if (c.record) records.push(c.record);
    }
    return toBatch(records);
  },
};

export const sitrepFormats: ImportFormat[] = [sitrepJsonFormat, sitrepJsonlFormat];
