import { describe, expect, it } from 'vitest';
import type { LogRecord } from '../../../shared/events';
import { LOKI_CATEGORIZED_EXAMPLE, LOKI_MATRIX_EXAMPLE, LOKI_STREAMS_EXAMPLE } from './examples';
import { lokiFormats } from './formats';
import { parseLoki } from './parse';

const fmt = lokiFormats[0]!;
const j = (doc: unknown) => ({ kind: 'json' as const, doc: JSON.parse(JSON.stringify(doc)) as unknown, skippedLines: 0 });

describe('loki: documented responses', () => {
  it('streams → logs with exact nanosecond timestamps, labels, severity from label or line, trace id', () => {
    expect(fmt.detect(j(LOKI_STREAMS_EXAMPLE))).toBe(true);
    const logs = fmt.parse(j(LOKI_STREAMS_EXAMPLE), { now: 0 }).events as LogRecord[];
    expect(logs).toHaveLength(3);
    expect(logs[0]).toMatchObject({ ts: 1569266497240, service: 'varlogs', severity: 'info', body: 'foo' });
    expect(logs[0]?.attrs).toMatchObject({ 'loki.ts_ns': '1569266497240578000', filename: '/var/log/myproject.log' });
    // the label says info, so the label wins over the line
    expect(logs[2]).toMatchObject({ severity: 'info', traceId: '4bf92f3577b34da6a3ce929d0e0e4736' });
    expect(logs[0]?.externalId).not.toBe(logs[1]?.externalId);
  });

  it('severity from the line when no label carries it (logfmt and JSON)', () => {
    const doc = { status: 'success', data: { resultType: 'streams', result: [{ stream: { app: 'api' }, values: [['1', 'ts=1 level=error msg=x'], ['2', '{"level":"WARN","m":1}'], ['3', 'plain']] }] } };
    const logs = parseLoki(doc).events as LogRecord[];
    expect(logs.map((l) => [l.service, l.severity])).toEqual([['api', 'error'], ['api', 'warn'], ['api', 'info']]);
  });

  it('categorised labels: structured metadata gives the trace id, parsed labels the level', () => {
    const [log] = parseLoki(LOKI_CATEGORIZED_EXAMPLE).events as LogRecord[];
    expect(log).toMatchObject({ service: 'support-agent', severity: 'warn', traceId: '0af7651916cd43dd8448eb211c80319c', ts: 1773456420000 });
  });

  it('matrix → series on the infra lane, seconds → ms', () => {
    expect(fmt.detect(j(LOKI_MATRIX_EXAMPLE))).toBe(true);
    const { series } = parseLoki(LOKI_MATRIX_EXAMPLE, { metricName: 'error_rate' });
    expect(series).toHaveLength(2);
    expect(series[0]).toMatchObject({ name: 'error_rate', labels: { level: 'info' }, lane: 'infra' });
    expect(series[0]?.points[0]).toEqual([1569266497240, 0.16666666666666666]);
  });

  it('a Prometheus matrix (no Loki stats) is not claimed', () => {
    expect(fmt.detect(j({ status: 'success', data: { resultType: 'matrix', result: [] } }))).toBe(false);
  });

  it('bad entries are rejected with their path', () => {
    const bad = { status: 'success', data: { resultType: 'streams', result: [{ stream: {}, values: [['1', 'ok'], [1.5, 'x']] }] } };
    expect(() => parseLoki(bad)).toThrow(/expected \["<ns>", "<line>"\]/);
    expect(() => parseLoki({ status: 'success', data: { resultType: 'streams', result: [{ stream: {}, values: [['12abc', 'x']] }] } })).toThrow(/nanosecond/);
    expect(() => parseLoki({ status: 'error', error: 'parse error' })).toThrow(/status error/);
    expect(() => parseLoki({ status: 'success', data: { resultType: 'vector', result: [] } })).toThrow(/unsupported Loki resultType vector/);
  });
});
