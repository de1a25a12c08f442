/**
 * Prometheus files: text exposition / OpenMetrics scrapes, and saved HTTP API answers
 * (`query` / `query_range` JSON, possibly wrapped by tools that record them, with the
 * envelope's `data` at the top level). Limits: ./exposition.ts and ./api.ts. Samples without a
 * timestamp get `ctx.now` (the import time). DCGM sentinels are dropped and DCGM Xid codes
 * become log events, as for live queries.
 */
import type { ImportFormat, ParsedBatch, ParsedInput } from '../../import/formats/types';
import { ImportError } from '../../import/formats/types';
import { ConnectorError } from '../common/http';
import { clampShort } from '../common/text';
import { parseData, PromQueryError } from './api';
import { familyOf, looksLikeSample, parseExposition } from './exposition';
import { addSeries, specForName } from './series';

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * Claimed when the first meaningful line is `# HELP|TYPE|UNIT name` (then malformed lines further
 * down get a line-numbered error), or when the first 20 non-comment lines all look like samples.
 */
function detectExposition(input: ParsedInput): boolean {
  if (input.kind !== 'text') return false;
  const head = input.text.slice(0, 65_536).split('\n');
  if (input.text.length > 65_536 && head.length > 1) head.pop(); // possibly cut mid-line
  let samples = 0;
  let first = true;
  for (const raw of head) {
    const line = raw.replace(/\r$/, '').trim();
    if (line === '') continue;
    if (line.startsWith('#')) {
      if (/^# (HELP|TYPE|UNIT) [a-zA-Z_:]/.test(line)) {
        if (first) return true;
      } else if (line === '# EOF') break;
      first = false;
      continue;
    }
    first = false;
    // A very long line (a huge label value) is judged by its start; the parser enforces the limits.
    const ok = line.length > 4096 ? /^[a-zA-Z_:][a-zA-Z0-9_:]*(\{|[ \t])/.test(line) : looksLikeSample(line);
    if (!ok) return false;
    if (++samples >= 20) break;
  }
  return samples > 0;
}

const exposition: ImportFormat = {
  id: 'prometheus-exposition',
  label: 'Prometheus text exposition / OpenMetrics',
  detect(input) {
    try {
      return detectExposition(input);
    } catch {
      return false;
    }
  },
  parse(input, ctx) {
    if (input.kind !== 'text') throw new ImportError('expected a text file');
    const expo = parseExposition(input.text, ctx.now);
    const out: ParsedBatch = { events: [], series: [] };
    for (const s of expo.series) {
      const fam = familyOf(s.name, expo.families);
      addSeries(specForName(s.name, fam?.type, fam?.unit), { __name__: s.name, ...s.labels }, s.points, out);
    }
    return out;
  },
};

/** The object holding `resultType` and `result`: the envelope's `data`, or the document itself. */
function dataOf(doc: unknown): Record<string, unknown> | null {
  if (!isObj(doc)) return null;
  if (isObj(doc.data) && typeof doc.data.resultType === 'string' && 'result' in doc.data) return doc.data;
  if (typeof doc.resultType === 'string' && 'result' in doc) return doc;
  return null;
}

/** A name for results without `__name__` (expressions): the first selector in the query, else 'promql_result'. */
export function nameFromQuery(query: string | undefined): string {
  if (!query) return 'promql_result';
  const re = /([a-zA-Z_:][a-zA-Z0-9_:]*)\s*[{[]/g;
  const KEYWORDS = new Set(['by', 'without', 'on', 'ignoring', 'group_left', 'group_right', 'offset']);
  for (let m = re.exec(query); m; m = re.exec(query)) {
    const n = m[1] ?? '';
    if (!KEYWORDS.has(n)) return n.slice(0, 256);
  }
  return 'promql_result';
}

function queryOf(doc: Record<string, unknown>): string | undefined {
  if (typeof doc.query === 'string') return doc.query;
  if (isObj(doc.params) && typeof doc.params.query === 'string') return doc.params.query;
  return undefined;
}

const apiJson: ImportFormat = {
  id: 'prometheus-api-json',
  label: 'Prometheus HTTP API result (query / query_range)',
  detect(input) {
    if (input.kind !== 'json') return false;
    const d = dataOf(input.doc);
    return d !== null && ['matrix', 'vector', 'scalar', 'string'].includes(d.resultType as string);
  },
  parse(input) {
    if (input.kind !== 'json') throw new ImportError('expected a JSON document');
    const doc = input.doc;
    const d = dataOf(doc);
    if (!isObj(doc) || !d) throw new ImportError('no data.resultType / data.result: not a Prometheus API answer', { path: '$.data' });
    if (doc.status === 'error') throw new ImportError(`the saved answer is a Prometheus error: ${String(doc.error).slice(0, 300)}`, { path: '$.error' });
    let res;
    try {
      res = parseData(d);
    } catch (err) {
      if (err instanceof ConnectorError || err instanceof PromQueryError) throw new ImportError(err.message, { path: '$.data.result' });
      throw err;
    }
    const query = queryOf(doc);
    const fallback = nameFromQuery(query);
    const out: ParsedBatch = { events: [], series: [] };
    for (const s of res.series) {
      const raw = s.metric.__name__ ?? fallback;
      const labels = { ...s.metric };
      if (s.metric.__name__ === undefined && query) labels.query = clampShort(query);
      addSeries(specForName(raw), labels, s.points, out);
    }
    return out;
  },
};

export const prometheusFormats: ImportFormat[] = [exposition, apiJson];
