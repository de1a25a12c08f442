/**
 * Prometheus text exposition (0.0.4) and OpenMetrics 1.0 text, into samples grouped by series.
 *
 * - `# HELP`, `# TYPE`, `# UNIT` are read; other comments are skipped; `# EOF` ends the input
 *   (and marks it OpenMetrics). Histograms and summaries come out as their series
 *   (`_bucket{le}`, `_sum`, `_count`, `{quantile}`); OpenMetrics exemplars (` # {…} v`) are ignored.
 * - Timestamps: milliseconds in Prometheus text, seconds (float) in OpenMetrics; a sample without
 *   one gets `now`.
 * - Label values unescape `\\`, `\"` and `\n`.
 * - Values: floats, NaN, ±Inf; NaN and ±Inf samples are dropped (counted), never stored.
 *
 * Limits: input at most MAX_EXPOSITION_BYTES characters; a line at most MAX_LINE characters;
 * at most MAX_SERIES series and MAX_SAMPLES samples; at most 64 labels per series (clamped like
 * API answers: see ./api.ts). A malformed line or a limit overrun throws ImportError with the line
 * number: a file is taken whole or not at all.
 */
import { ImportError } from '../../import/formats/types';
import { clampLabels } from './api';

export const MAX_EXPOSITION_BYTES = 256 * 1024 * 1024;
export const MAX_LINE = 1024 * 1024;
export const MAX_SERIES = 200_000;
export const MAX_SAMPLES = 5_000_000;

export interface ExpoSeries {
  name: string;
  labels: Record<string, string>;
  points: [number, number][];
}

export interface ExpoFamily {
  type?: string;
  help?: string;
  unit?: string;
}

export interface Exposition {
  openMetrics: boolean;
  series: ExpoSeries[];
  families: Map<string, ExpoFamily>;
  /** NaN / ±Inf samples dropped. */
  dropped: number;
}

const NAME = /^[a-zA-Z_:][a-zA-Z0-9_:]*/;

function parseFloatToken(tok: string): number | null {
  switch (tok) {
    case 'NaN':
    case '+Inf':
    case 'Inf':
    case '+inf':
    case 'inf':
    case '-Inf':
    case '-inf':
      return Number.NaN;
  }
  if (!/^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(tok) && !/^[-+]?0[xX][0-9a-fA-F]+$/.test(tok)) return null;
  const n = Number(tok);
  return Number.isNaN(n) ? null : n;
}

/** Parses `{a="x",b="y"}` from `s` at `i` (at the `{`); returns labels and the index after `}`. */
function parseLabels(s: string, i: number, line: number): { labels: Record<string, string>; next: number } {
  const labels: Record<string, string> = {};
  i++; // {
  for (;;) {
    while (s[i] === ' ' || s[i] === '\t') i++;
    if (s[i] === '}') return { labels, next: i + 1 };
    const m = NAME.exec(s.slice(i, i + 1024));
    if (!m) throw new ImportError(`line ${line}: expected a label name at column ${i + 1}`, { line });
    const key = m[0];
    i += key.length;
    while (s[i] === ' ') i++;
    if (s[i] !== '=' || s[i + 1] !== '"') throw new ImportError(`line ${line}: expected ="…" after label ${key.slice(0, 64)}`, { line });
    i += 2;
    let v = '';
    for (;;) {
      const c = s[i];
      if (c === undefined) throw new ImportError(`line ${line}: unterminated label value for ${key.slice(0, 64)}`, { line });
      if (c === '"') break;
      if (c === '\\') {
        const n = s[i + 1];
        v += n === 'n' ? '\n' : n === '"' ? '"' : n === '\\' ? '\\' : `\\${n ?? ''}`;
        i += 2;
        continue;
      }
      v += c;
      i++;
    }
    i++; // closing quote
    labels[key] = v;
    while (s[i] === ' ') i++;
    if (s[i] === ',') i++;
    else if (s[i] !== '}') throw new ImportError(`line ${line}: expected , or } after label ${key.slice(0, 64)}`, { line });
  }
}

/** True when `line` looks like a sample line (cheap; used by detection). */
export function looksLikeSample(line: string): boolean {
  return /^[a-zA-Z_:][a-zA-Z0-9_:]*(\{.*\})?[ \t]+[-+]?(\d|\.\d|NaN|Inf|inf)/.test(line);
}

export function parseExposition(text: string, now: number): Exposition {
  if (text.length > MAX_EXPOSITION_BYTES) throw new ImportError(`exposition larger than ${MAX_EXPOSITION_BYTES} characters`);
  const families = new Map<string, ExpoFamily>();
  const byKey = new Map<string, ExpoSeries>();
  const openMetrics = /^# EOF\s*$/m.test(text);
  let samples = 0;
  let dropped = 0;
  const lines = text.split('\n');
  for (let li = 0; li < lines.length; li++) {
    const lineNo = li + 1;
    const raw = lines[li] ?? '';
    if (raw.length > MAX_LINE) throw new ImportError(`line ${lineNo}: longer than ${MAX_LINE} characters`, { line: lineNo });
    const s = raw.replace(/\r$/, '').trimStart();
    if (s === '') continue;
    if (s.startsWith('#')) {
      if (/^# EOF\s*$/.test(s)) break;
      const m = /^#\s+(HELP|TYPE|UNIT)\s+(\S+)\s*(.*)$/.exec(s);
      if (m) {
        const fam = families.get(m[2] ?? '') ?? {};
        const rest = (m[3] ?? '').slice(0, 4096);
        if (m[1] === 'HELP') fam.help = rest;
        else if (m[1] === 'TYPE') fam.type = rest.trim();
        else fam.unit = rest.trim();
        if (families.size < MAX_SERIES) families.set(m[2] ?? '', fam);
      }
      continue;
    }
    const nm = NAME.exec(s.slice(0, 1024));
    if (!nm) throw new ImportError(`line ${lineNo}: expected a metric name, got ${JSON.stringify(s.slice(0, 40))}`, { line: lineNo });
    const name = nm[0];
    let i = name.length;
    let labels: Record<string, string> = {};
    if (s[i] === '{') {
      const r = parseLabels(s, i, lineNo);
      labels = r.labels;
      i = r.next;
    }
    // Strip an OpenMetrics exemplar.
    let tail = s.slice(i);
    const ex = tail.indexOf(' # ');
    if (ex >= 0) tail = tail.slice(0, ex);
    const toks = tail.trim().split(/[ \t]+/);
    if (toks.length < 1 || toks.length > 2 || toks[0] === '') throw new ImportError(`line ${lineNo}: expected "value [timestamp]" after ${name.slice(0, 64)}`, { line: lineNo });
    const value = parseFloatToken(toks[0] ?? '');
    if (value === null) throw new ImportError(`line ${lineNo}: invalid sample value ${JSON.stringify((toks[0] ?? '').slice(0, 40))}`, { line: lineNo });
    let ts = now;
    if (toks[1] !== undefined) {
      const t = Number(toks[1]);
      if (!Number.isFinite(t)) throw new ImportError(`line ${lineNo}: invalid timestamp ${JSON.stringify(toks[1].slice(0, 40))}`, { line: lineNo });
      ts = Math.round(openMetrics ? t * 1000 : t);
      if (ts < 0 || ts > 8_640_000_000_000) throw new ImportError(`line ${lineNo}: timestamp out of range`, { line: lineNo });
    }
    if (++samples > MAX_SAMPLES) throw new ImportError(`more than ${MAX_SAMPLES} samples`, { line: lineNo });
    if (!Number.isFinite(value)) {
      dropped++;
      continue;
    }
    const clamped = clampLabels(labels).labels;
    const key = `${name}\u0000${JSON.stringify(clamped)}`;
    let series = byKey.get(key);
    if (!series) {
      if (byKey.size >= MAX_SERIES) throw new ImportError(`more than ${MAX_SERIES} series`, { line: lineNo });
      series = { name, labels: clamped, points: [] };
      byKey.set(key, series);
    }
    series.points.push([ts, value]);
  }
  return { openMetrics, series: [...byKey.values()], families, dropped };
}

/** The family a sample name belongs to (`x_bucket` → `x` when `x` is a histogram…). */
export function familyOf(name: string, families: Map<string, ExpoFamily>): ExpoFamily | undefined {
  const direct = families.get(name);
  if (direct) return direct;
  for (const suffix of ['_bucket', '_sum', '_count', '_total', '_created', '_gsum', '_gcount', '_info']) {
    if (name.endsWith(suffix)) {
      const f = families.get(name.slice(0, -suffix.length));
      if (f) return f;
    }
  }
  return undefined;
}
