/**
 * Log template mining, Drain-like: variable parts are masked first (quoted strings, URLs, IPs,
 * UUIDs, hex ids, numbers, emails), then lines with the same token count and first token are
 * merged when most tokens agree; disagreeing positions become `<*>`.
 */

const MASKS: readonly [RegExp, string][] = [
  [/"(?:[^"\\]|\\.){0,200}"/g, '<STR>'],
  [/'(?:[^'\\]|\\.){0,200}'/g, '<STR>'],
  [/\b[a-z][a-z0-9+.-]*:\/\/[^\s"'<>]+/gi, '<URL>'],
  [/\b[\w.+-]+@[\w-]+\.[\w.-]+\b/g, '<EMAIL>'],
  [/\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b/gi, '<ID>'],
  [/\b(?:\d{1,3}\.){3}\d{1,3}(?::\d+)?\b/g, '<IP>'],
  [/\b(?:[0-9a-f]{2}:){5}[0-9a-f]{2}\b/gi, '<MAC>'],
  [/\b0x[0-9a-f]+\b/gi, '<HEX>'],
  [/\b(?=[0-9a-f]*\d)(?=[0-9a-f]*[a-f])[0-9a-f]{8,}\b/gi, '<HEX>'],
  [/\b[A-Za-z]+[-_]?\d{4,}\b/g, '<ID>'],
  [/-?\b\d+(?:\.\d+)?(?:e[+-]?\d+)?(?:ms|s|m|h|us|µs|ns|b|kb|mb|gb|kib|mib|gib|%)?\b/gi, '<NUM>'],
];

/** The line with its variable parts masked. */
export function maskLine(line: string): string {
  let s = line.length > 400 ? line.slice(0, 400) : line;
  for (const [re, token] of MASKS) s = s.replace(re, token);
  return s.replace(/\s+/g, ' ').trim();
}

export interface Template {
  /** Stable id: a hash of the final template text. */
  id: string;
  text: string;
  count: number;
  firstSeen: number;
  lastSeen: number;
  sampleIds: number[];
  services: string[];
  /** Per bucket counts, when mined with a bucket function. */
  buckets: Float64Array;
}

export interface LogLine {
  id: number;
  ts: number;
  service: string;
  text: string;
}

interface Cluster {
  tokens: string[];
  count: number;
  firstSeen: number;
  lastSeen: number;
  sampleIds: number[];
  services: Set<string>;
  buckets: Float64Array;
}

const SIMILARITY = 0.6;
const MAX_CLUSTERS = 1_000;

function similarity(a: readonly string[], b: readonly string[]): number {
  let same = 0;
  for (let i = 0; i < a.length; i++) if (a[i] === b[i] || a[i] === '<*>') same++;
  return a.length === 0 ? 1 : same / a.length;
}

/** Mines templates from lines (in any order; first-seen is the minimum ts). */
export function mineTemplates(lines: Iterable<LogLine>, buckets = 0, bucketOf: (ts: number) => number = () => 0): Template[] {
  const groups = new Map<string, Cluster[]>();
  let clusters = 0;
  for (const line of lines) {
    const tokens = maskLine(line.text).split(' ').slice(0, 60);
    const key = `${tokens.length}\u0000${tokens[0] ?? ''}`;
    let list = groups.get(key);
    if (list === undefined) {
      list = [];
      groups.set(key, list);
    }
    let best: Cluster | null = null;
    let bestSim = 0;
    for (const c of list) {
      const s = similarity(c.tokens, tokens);
      if (s > bestSim) {
        bestSim = s;
        best = c;
      }
    }
    if (best === null || bestSim < SIMILARITY) {
      if (clusters >= MAX_CLUSTERS) continue;
      best = { tokens, count: 0, firstSeen: line.ts, lastSeen: line.ts, sampleIds: [], services: new Set(), buckets: new Float64Array(buckets) };
      list.push(best);
      clusters++;
    } else {
      best.tokens = best.tokens.map((t, i) => (t === tokens[i] ? t : '<*>'));
    }
    best.count++;
    best.firstSeen = Math.min(best.firstSeen, line.ts);
    best.lastSeen = Math.max(best.lastSeen, line.ts);
    if (best.sampleIds.length < 10) best.sampleIds.push(line.id);
    if (best.services.size < 20) best.services.add(line.service);
    if (buckets > 0) {
      const b = bucketOf(line.ts);
      best.buckets[b] = (best.buckets[b] ?? 0) + 1;
    }
  }
  const out: Template[] = [];
  for (const list of groups.values()) {
    for (const c of list) {
      const text = c.tokens.join(' ');
      out.push({
        id: `tpl-${hash32(text)}`,
        text,
        count: c.count,
        firstSeen: c.firstSeen,
        lastSeen: c.lastSeen,
        sampleIds: c.sampleIds,
        services: [...c.services].sort(),
        buckets: c.buckets,
      });
    }
  }
  return out.sort((a, b) => b.count - a.count || a.firstSeen - b.firstSeen || (a.text < b.text ? -1 : 1));
}

/** FNV-1a, 32 bits, hex. */
export function hash32(s: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0).toString(16).padStart(8, '0');
}
