import { describe, expect, it } from 'vitest';
import { ConnectorError } from '../common/http';
import { LIMITS, parseEnvelope, PromQueryError } from './api';

describe('Prometheus API answers', () => {
  it('parses a matrix and drops NaN/±Inf points with a warning', () => {
    const r = parseEnvelope({
      status: 'success',
      data: {
        resultType: 'matrix',
        result: [{ metric: { __name__: 'up', job: 'x' }, values: [[1700000000, '1'], [1700000015.5, 'NaN'], [1700000030, '+Inf'], [1700000045, '-Inf'], [1700000060, '0.5']] }],
      },
      warnings: ['partial response'],
    });
    expect(r.resultType).toBe('matrix');
    expect(r.series[0]?.metric).toEqual({ __name__: 'up', job: 'x' });
    expect(r.series[0]?.points).toEqual([[1700000000000, 1], [1700000060000, 0.5]]);
    expect(r.warnings[0]).toBe('partial response');
    expect(r.warnings.join()).toMatch(/3 NaN\/Inf/);
  });

  it('parses vector and scalar results', () => {
    const v = parseEnvelope({ status: 'success', data: { resultType: 'vector', result: [{ metric: {}, value: [1700000000.123, '42'] }] } });
    expect(v.series[0]?.points).toEqual([[1700000000123, 42]]);
    const s = parseEnvelope({ status: 'success', data: { resultType: 'scalar', result: [1700000000, '7'] } });
    expect(s.series[0]?.points).toEqual([[1700000000000, 7]]);
    const str = parseEnvelope({ status: 'success', data: { resultType: 'string', result: [1700000000, 'hello'] } });
    expect(str.series).toEqual([]);
  });

  it('turns the error envelope into a PromQueryError with type and message', () => {
    const bad = { status: 'error', errorType: 'bad_data', error: 'invalid parameter "query": 1:5: parse error' };
    expect(() => parseEnvelope(bad, 400)).toThrow(PromQueryError);
    try {
      parseEnvelope(bad, 400);
    } catch (e) {
      expect((e as PromQueryError).errorType).toBe('bad_data');
      expect((e as PromQueryError).message).toContain('parse error');
      expect((e as PromQueryError).status).toBe(400);
    }
  });

  it('rejects what is not the API shape as bad_shape', () => {
    for (const doc of [{}, { status: 'success' }, { status: 'success', data: { resultType: 'table', result: [] } }, { status: 'success', data: { resultType: 'matrix', result: {} } }, [1, 2], 'x']) {
      try {
        parseEnvelope(doc);
        expect.fail('should throw');
      } catch (e) {
        expect(e).toBeInstanceOf(ConnectorError);
        expect((e as ConnectorError).code).toBe('bad_shape');
      }
    }
  });

  it('enforces the series, point and label limits by clamping', () => {
    const many = Array.from({ length: LIMITS.maxSeries + 5 }, (_, i) => ({ metric: { i: String(i) }, value: [1, '1'] }));
    const r = parseEnvelope({ status: 'success', data: { resultType: 'vector', result: many } });
    expect(r.series).toHaveLength(LIMITS.maxSeries);
    expect(r.warnings.join()).toMatch(/5 series dropped/);
    const labels = Object.fromEntries(Array.from({ length: 100 }, (_, i) => [`l${String(i).padStart(3, '0')}`, 'x'.repeat(10_000)]));
    const l = parseEnvelope({ status: 'success', data: { resultType: 'vector', result: [{ metric: labels, value: [1, '1'] }] } });
    const got = l.series[0]?.metric ?? {};
    expect(Object.keys(got)).toHaveLength(LIMITS.maxLabels);
    expect(got.l000?.length).toBe(512);
    expect(got.l000?.endsWith('…[truncated]')).toBe(true);
  });
});
