/** Bad input: no crash; a clear error (ImportError / ConnectorError) or clamped values, never a partial batch. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { EventInput, MetricSeriesInput } from '../../../shared/events';
import { ImportError, type ParsedBatch, type ParsedInput } from '../../import/formats/types';
import { ConnectorError } from '../common/http';
import { parseEnvelope } from './api';
import { prometheusFormats } from './formats';

const NOW = 1_700_000_000_000;
const GOOD = [
  '# HELP DCGM_FI_DEV_GPU_TEMP GPU temperature (in C).',
  '# TYPE DCGM_FI_DEV_GPU_TEMP gauge',
  'DCGM_FI_DEV_GPU_TEMP{gpu="0",UUID="GPU-1",Hostname="h"} 61',
  'vllm:num_requests_waiting{model_name="m \\"q\\" \\\\ \\n"} 3 1700000000000',
  'node_load1 NaN',
].join('\n');

/** Import like the pipeline: the first claiming format parses; the result must be whole and schema-valid, or an ImportError. */
function tryImport(input: ParsedInput): ParsedBatch | ImportError | null {
  const f = prometheusFormats.find((x) => x.detect(input));
  if (!f) return null;
  try {
    const b = f.parse(input, { now: NOW });
    for (const s of b.series) MetricSeriesInput.parse(s);
    for (const e of b.events) EventInput.parse(e);
    return b;
  } catch (e) {
    if (e instanceof ImportError) return e;
    throw e;
  }
}

describe('exposition under bad input', () => {
  it('parses escapes and drops NaN', () => {
    const b = tryImport({ kind: 'text', text: GOOD }) as ParsedBatch;
    expect(b.series.map((s) => s.name)).toEqual(['DCGM_FI_DEV_GPU_TEMP', 'vllm:num_requests_waiting']);
    expect(b.series[1]?.labels.model_name).toBe('m "q" \\ \n');
    expect(b.series[1]?.points).toEqual([[1700000000000, 3]]);
  });

  it('every truncation of a valid scrape is whole or a clear error with a line', () => {
    for (let cut = 1; cut < GOOD.length; cut++) {
      const r = tryImport({ kind: 'text', text: GOOD.slice(0, cut) });
      if (r instanceof ImportError) expect(r.where?.line).toBeGreaterThan(0);
    }
  });

  it('arbitrary text and mutated lines never crash', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 400 }), fc.nat({ max: GOOD.length }), (junk, at) => {
        tryImport({ kind: 'text', text: junk });
        tryImport({ kind: 'text', text: GOOD.slice(0, at) + junk + GOOD.slice(at) });
      }),
      { numRuns: 400 },
    );
  });

  it('invalid UTF-8 (decoded with replacement characters) is a clear error, not a crash', () => {
    const text = Buffer.from([...Buffer.from('up{job="'), 0xff, 0xfe, ...Buffer.from('"} 1\nup 1\x00\n')]).toString('utf8');
    const r = tryImport({ kind: 'text', text });
    expect(r === null || r instanceof ImportError || Array.isArray(r.series)).toBe(true);
    const bad = tryImport({ kind: 'text', text: '# TYPE up gauge\nup 1\nup{job="x"} \uFFFD\uFFFD\n' });
    expect(bad).toBeInstanceOf(ImportError);
    expect((bad as ImportError).message).toMatch(/line 3: invalid sample value/);
    // Without a TYPE/HELP header, a file with such a line is not claimed (another format, or "unknown format").
    expect(tryImport({ kind: 'text', text: 'up 1\nup{job="x"} \uFFFD\n' })).toBeNull();
  });

  it('a 10 MB label value: the line limit names the line; a 500 kB one is clamped', () => {
    const huge = tryImport({ kind: 'text', text: `up 1\nup{job="${'x'.repeat(10 * 1024 * 1024)}"} 1\n` });
    expect(huge).toBeInstanceOf(ImportError);
    expect((huge as ImportError).where?.line).toBe(2);
    const big = tryImport({ kind: 'text', text: `up{job="${'y'.repeat(500_000)}"} 1\n` }) as ParsedBatch;
    expect(big.series[0]?.labels.job?.length).toBe(512);
    expect(big.series[0]?.labels.job?.endsWith('…[truncated]')).toBe(true);
  });
});

describe('API JSON under bad input', () => {
  const ok = { status: 'success', data: { resultType: 'matrix', result: [{ metric: { __name__: 'up' }, values: [[1, '1']] }] } };

  it('wrong types anywhere: bad_shape or dropped points, never a crash', () => {
    const anyJson = fc.jsonValue({ maxDepth: 6 });
    fc.assert(
      fc.property(anyJson, anyJson, anyJson, (a, b, c) => {
        for (const doc of [a, { status: 'success', data: a }, { status: 'success', data: { resultType: 'matrix', result: a } }, { status: 'success', data: { resultType: 'vector', result: [{ metric: a, value: b }] } }, { status: 'success', data: { resultType: 'matrix', result: [{ metric: {}, values: [a, b, c] }] } }]) {
          try {
            const r = parseEnvelope(doc);
            for (const s of r.series) for (const [t, v] of s.points) expect(Number.isFinite(t) && Number.isFinite(v)).toBe(true);
          } catch (e) {
            expect(e).toBeInstanceOf(ConnectorError);
          }
          const f = prometheusFormats.find((x) => x.detect({ kind: 'json', doc, skippedLines: 0 }));
          if (f) {
            try {
              f.parse({ kind: 'json', doc, skippedLines: 0 }, { now: NOW });
            } catch (e) {
              expect(e).toBeInstanceOf(ImportError);
            }
          }
        }
      }),
      { numRuns: 300 },
    );
  });

  it('deep nesting and truncated JSON bodies', () => {
    let deep: unknown = 1;
    for (let i = 0; i < 5000; i++) deep = [deep];
    const r = parseEnvelope({ status: 'success', data: { resultType: 'matrix', result: [{ metric: { a: deep, b: 'ok' }, values: deep }] } });
    expect(r.series[0]).toEqual({ metric: { b: 'ok' }, points: [] });
    expect(r.warnings.join()).toMatch(/1 labels dropped.*1 NaN\/Inf or invalid points dropped/);
    const body = JSON.stringify(ok);
    for (let cut = 0; cut < body.length; cut++) {
      let doc: unknown;
      try {
        doc = JSON.parse(body.slice(0, cut));
      } catch {
        continue; // the pipeline (or httpJson) rejects unparsable JSON before us
      }
      expect(() => parseEnvelope(doc)).toThrow(ConnectorError);
    }
  });

  it('a 10 MB label value in an API answer is clamped', () => {
    const r = parseEnvelope({ status: 'success', data: { resultType: 'vector', result: [{ metric: { pod: 'p'.repeat(10 * 1024 * 1024) }, value: [1, '2'] }] } });
    expect(r.series[0]?.metric.pod?.length).toBe(512);
  });
});
