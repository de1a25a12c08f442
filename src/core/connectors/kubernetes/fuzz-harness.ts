/**
 * For tests: the bad-input properties every parser of these connectors must hold, over a format's
 * documented or recorded seeds. For any input — arbitrary JSON, a seed with a subtree replaced by
 * a wrong type, a seed truncated (arrays and strings cut), nested 5,000 deep, a 10 MB string, lone
 * surrogates (what invalid UTF-8 decodes to) — `detect` never throws, and `parse` either returns
 * a batch whose every event and series passes the unified model's schema, or throws ImportError.
 */
import fc from 'fast-check';
import { expect } from 'vitest';
import { EventInput, MAX_TEXT, MetricSeriesInput } from '../../../shared/events';
import { ImportError, type ImportFormat, type ParsedInput } from '../../import/formats/types';

type Wrap = (doc: unknown) => ParsedInput;
export const asJson: Wrap = (doc) => ({ kind: 'json', doc, skippedLines: 0 });
export const asYaml: Wrap = (doc) => ({ kind: 'yaml', docs: Array.isArray(doc) ? doc : [doc] });

function check(formats: ImportFormat[], input: ParsedInput): void {
  for (const f of formats) {
    f.detect(input);
    try {
      const b = f.parse(input, { now: 1_773_456_420_000 });
      for (const e of b.events) {
        expect(EventInput.safeParse(e).success).toBe(true);
        if (e.kind === 'log') expect(e.body.length).toBeLessThanOrEqual(MAX_TEXT);
      }
      for (const s of b.series) expect(MetricSeriesInput.safeParse(s).success).toBe(true);
    } catch (err) {
      if (!(err instanceof ImportError)) throw err;
      expect(err.message.length).toBeGreaterThan(0);
    }
  }
}

function paths(v: unknown, prefix: (string | number)[] = [], out: (string | number)[][] = [], depth = 0): (string | number)[][] {
  if (out.length > 400 || depth > 12) return out;
  out.push(prefix);
  if (Array.isArray(v)) v.slice(0, 8).forEach((x, i) => paths(x, [...prefix, i], out, depth + 1));
  else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) paths(x, [...prefix, k], out, depth + 1);
  return out;
}

function replaceAt(v: unknown, path: (string | number)[], value: unknown): unknown {
  if (path.length === 0) return value;
  const [head, ...rest] = path as [string | number, ...(string | number)[]];
  if (Array.isArray(v)) return v.map((x, i) => (i === head ? replaceAt(x, rest, value) : x));
  if (v && typeof v === 'object') return { ...(v as Record<string, unknown>), [head]: replaceAt((v as Record<string, unknown>)[head], rest, value) };
  return v;
}

function truncate(v: unknown, keep: number): unknown {
  if (Array.isArray(v)) return v.slice(0, Math.max(0, Math.min(v.length - 1, keep))).map((x) => truncate(x, keep));
  if (typeof v === 'string') return v.slice(0, Math.floor(v.length / 2));
  if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).slice(0, Math.max(1, Object.keys(v).length - 1)).map(([k, x]) => [k, truncate(x, keep)]));
  return v;
}

const deep = (n: number): unknown => {
  let v: unknown = 'bottom';
  for (let i = 0; i < n; i++) v = i % 2 ? [v] : { level: v };
  return v;
};

const nasty = fc.oneof(
  fc.constant(null),
  fc.constant(42),
  fc.constant(-1),
  fc.constant(true),
  fc.constant([]),
  fc.constant({}),
  fc.constant('\uD800\uDFFF\uDC00 lone surrogates \uD83D'),
  fc.constant('9'.repeat(400)),
  fc.constant(Number.MAX_VALUE),
  fc.constant(deep(5_000)),
  fc.constant('x'.repeat(10 * 1024 * 1024)),
  fc.string(),
  fc.jsonValue({ maxDepth: 3 }),
);

export function fuzzFormats(formats: ImportFormat[], seeds: unknown[], wrap: Wrap, runs = 150): void {
  fc.assert(fc.property(fc.jsonValue({ maxDepth: 6 }), (doc) => check(formats, wrap(doc))), { numRuns: runs });
  for (const seed of seeds) {
    check(formats, wrap(seed));
    const ps = paths(seed);
    fc.assert(
      fc.property(fc.integer({ min: 0, max: ps.length - 1 }), nasty, (i, value) => check(formats, wrap(replaceAt(seed, ps[i] ?? [], value)))),
      { numRuns: runs },
    );
    fc.assert(fc.property(fc.integer({ min: 0, max: 5 }), (keep) => check(formats, wrap(truncate(seed, keep)))), { numRuns: 20 });
  }
}
