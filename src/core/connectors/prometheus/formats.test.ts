/** Every real payload in prometheus_exposition/ and prometheus_api/ parses, with specific values asserted. */
import { expect, it } from 'vitest';
import type { LogRecord, MetricSeriesInput } from '../../../shared/events';
import { EventInput, MetricSeriesInput as SeriesSchema } from '../../../shared/events';
import type { ParsedBatch, ParsedInput } from '../../import/formats/types';
import { describeFixtures, readFixture } from '../../testing/fixtures';
import { prometheusFormats } from './formats';

const NOW = Date.UTC(2026, 2, 14, 2, 47);
const text = (rel: string): ParsedInput => ({ kind: 'text', text: readFixture(rel) });
/** What the import pipeline hands over for the API fixtures: leading metadata lines skipped. */
function apiJson(rel: string): ParsedInput {
  const lines = readFixture(rel).split('\n');
  const start = lines.findIndex((l) => l.trimStart().startsWith('{') && !l.trimEnd().endsWith('}'));
  return { kind: 'json', doc: JSON.parse(lines.slice(start).join('\n')), skippedLines: start };
}
function importAs(input: ParsedInput): { id: string; batch: ParsedBatch } {
  const f = prometheusFormats.find((x) => x.detect(input));
  if (!f) throw new Error('no format claimed the input');
  const batch = f.parse(input, { now: NOW });
  // Everything must pass the store's own schemas.
  for (const s of batch.series) SeriesSchema.parse(s);
  for (const e of batch.events) EventInput.parse(e);
  return { id: f.id, batch };
}
const find = (b: ParsedBatch, name: string, labels: Record<string, string> = {}): MetricSeriesInput | undefined =>
  b.series.find((s) => s.name === name && Object.entries(labels).every(([k, v]) => s.labels[k] === v));

describeFixtures('prometheus formats on real payloads', () => {
  it('dcgm-exporter scrape (Tesla T4 / A10G): gpu lane, units, no XID series', () => {
    const { id, batch } = importAs(text('prometheus_exposition/datadog_dcgm_metrics.txt'));
    expect(id).toBe('prometheus-exposition');
    const util = find(batch, 'DCGM_FI_DEV_GPU_UTIL');
    expect(util?.lane).toBe('gpu');
    expect(util?.unit).toBe('%');
    expect(util?.labels).toMatchObject({ gpu: '0', UUID: 'GPU-20c56d28-0da5-6d26-a36a-e7af1ce2586e', modelName: 'Tesla T4', Hostname: '424773df46e0' });
    expect(util?.points).toEqual([[NOW, 0]]);
    expect(find(batch, 'DCGM_FI_DEV_FB_FREE')?.points).toEqual([[NOW, 15109]]);
    expect(find(batch, 'DCGM_FI_DEV_FB_FREE')?.unit).toBe('MiB');
    expect(find(batch, 'DCGM_FI_DEV_POWER_USAGE')?.points[0]?.[1]).toBeCloseTo(8.969);
    expect(find(batch, 'DCGM_FI_DEV_CLOCK_THROTTLE_REASONS')?.points).toEqual([[NOW, 1]]);
    expect(find(batch, 'DCGM_FI_DEV_CLOCK_THROTTLE_REASONS')?.unit).toBe('bitmask');
    expect(find(batch, 'DCGM_FI_DEV_XID_ERRORS')).toBeUndefined();
    expect(batch.events).toEqual([]); // the last Xid is 0
    expect(batch.series.every((s) => s.lane === 'gpu')).toBe(true);
    expect(batch.series).toHaveLength(37); // 38 samples, minus the Xid gauge
  });

  it('vLLM scrape: inference lane, KV cache old and new names under one name, histograms as series', () => {
    const { batch } = importAs(text('prometheus_exposition/datadog_vllm_metrics.txt'));
    const kv = batch.series.filter((s) => s.name === 'vllm:kv_cache_usage_perc');
    expect(kv.map((s) => s.labels.source_metric).sort()).toEqual(['vllm:gpu_cache_usage_perc', 'vllm:kv_cache_usage_perc']);
    expect(kv.every((s) => s.lane === 'inference' && s.labels.model_name === 'facebook/opt-125m')).toBe(true);
    expect(find(batch, 'vllm:prompt_tokens_total')?.points).toEqual([[NOW, 5]]);
    expect(find(batch, 'vllm:generation_tokens_total')?.points).toEqual([[NOW, 7]]);
    expect(find(batch, 'vllm:time_to_first_token_seconds_bucket', { le: '0.5' })?.points).toEqual([[NOW, 1]]);
    expect(find(batch, 'vllm:time_to_first_token_seconds_bucket', { le: '0.25' })?.points).toEqual([[NOW, 0]]);
    expect(find(batch, 'vllm:e2e_request_latency_seconds_count')?.points).toEqual([[NOW, 1]]);
    expect(find(batch, 'vllm:request_success_total', { finished_reason: 'length' })?.points).toEqual([[NOW, 1]]);
    expect(find(batch, 'process_open_fds')?.lane).toBe('infra');
    expect(batch.series).toHaveLength(185);
  });

  it('node_exporter output: infra lane, exact values', () => {
    const { batch } = importAs(text('prometheus_exposition/node_exporter_e2e-output.txt'));
    expect(find(batch, 'node_cpu_seconds_total', { cpu: '0', mode: 'idle' })?.points).toEqual([[NOW, 10870.69]]);
    expect(find(batch, 'node_load1')?.points).toEqual([[NOW, 0.21]]);
    expect(find(batch, 'node_memory_MemFree_bytes')?.points).toEqual([[NOW, 230883328]]);
    expect(batch.series.every((s) => s.lane === 'infra')).toBe(true);
    expect(batch.series.length).toBe(3027);
  });

  it('promtool metrics (summary + histogram as their series)', () => {
    const { batch } = importAs(text('prometheus_exposition/prometheus_promtool_metrics-test.prom'));
    expect(find(batch, 'go_gc_duration_seconds', { quantile: '0.5' })?.points).toEqual([[NOW, 0.000118953]]);
    expect(find(batch, 'go_gc_duration_seconds_count')?.points).toEqual([[NOW, 232]]);
    expect(find(batch, 'prometheus_tsdb_compaction_chunk_size_bytes_bucket', { le: '+Inf' })?.points).toEqual([[NOW, 13867]]);
    expect(find(batch, 'prometheus_tsdb_compaction_chunk_size_bytes_sum')?.points).toEqual([[NOW, 3886707]]);
    expect(find(batch, 'go_info', { version: 'go1.17' })?.points).toEqual([[NOW, 1]]);
  });

  it('OpenMetrics with timestamps (# EOF): points at those times, in seconds', () => {
    const { batch } = importAs(text('prometheus_exposition/prometheus_dump-openmetrics-roundtrip-test.prom'));
    expect(find(batch, 'my_histogram_bucket', { le: '+Inf' })?.points).toEqual([
      [1700215884373, 1.0267820369e10],
      [1700215889373, 1.026872507e10],
    ]);
    expect(find(batch, 'up', { job: 'example3' })?.points).toEqual([[1700210681366, 1], [1700210686366, 1]]);
    expect(find(batch, 'my_summary_sum')?.points[1]).toEqual([1700211689984, 5.2354761848e10]);
    expect(batch.series).toHaveLength(7);
  });

  it('DCGM counter lists (CSV) are not claimed as exposition', () => {
    for (const f of ['dcgm_default-counters.csv', 'dcgm_dcp-metrics-included.csv', 'dcgm_1.x-compatibility-metrics.csv']) {
      expect(prometheusFormats.some((x) => x.detect(text(`prometheus_exposition/${f}`)))).toBe(false);
    }
  });

  it('the pack names exist in the DCGM counter lists and the vLLM scrape', () => {
    const counters = readFixture('prometheus_exposition/dcgm_default-counters.csv');
    for (const n of ['DCGM_FI_DEV_GPU_UTIL', 'DCGM_FI_DEV_FB_USED', 'DCGM_FI_DEV_FB_FREE', 'DCGM_FI_DEV_GPU_TEMP', 'DCGM_FI_DEV_POWER_USAGE', 'DCGM_FI_DEV_SM_CLOCK', 'DCGM_FI_DEV_XID_ERRORS'])
      expect(counters).toContain(`${n},`);
    const vllm = readFixture('prometheus_exposition/datadog_vllm_metrics.txt');
    for (const n of ['vllm:num_requests_running', 'vllm:num_requests_waiting', 'vllm:gpu_cache_usage_perc', 'vllm:kv_cache_usage_perc', 'vllm:time_to_first_token_seconds_bucket', 'vllm:time_per_output_token_seconds_bucket', 'vllm:inter_token_latency_seconds_bucket', 'vllm:e2e_request_latency_seconds_bucket', 'vllm:prompt_tokens_total', 'vllm:generation_tokens_total'])
      expect(vllm).toContain(`${n}{`);
  });

  it('query_range answer recorded on a live cluster: node CPU by mode', () => {
    const { id, batch } = importAs(apiJson('prometheus_api/holmesgpt_17_execute_prometheus_range_query_node_cpu.txt'));
    expect(id).toBe('prometheus-api-json');
    const idle = find(batch, 'node_cpu_seconds_total', { mode: 'idle' });
    expect(idle?.lane).toBe('infra');
    expect(idle?.labels.query).toBe('avg by(node,mode)(rate(node_cpu_seconds_total[5m]))');
    expect(idle?.points[0]).toEqual([1756099500000, 0.9651944444444388]);
    expect(idle?.points[1]?.[0]).toBe(1756099560000);
    const last = batch.series.at(-1)?.points.at(-1);
    expect(last).toEqual([1756101300000, 0.023324074074074126]);
  });

  it('query_range answer: CPU throttling ratio per container', () => {
    const { batch } = importAs(apiJson('prometheus_api/holmesgpt_158_execute_prometheus_range_query_cpu_throttling.txt'));
    expect(batch.series.length).toBeGreaterThan(0);
    expect(batch.series.every((s) => s.name === 'container_cpu_cfs_throttled_periods_total' && s.lane === 'infra')).toBe(true);
    expect(batch.series.every((s) => typeof s.labels.pod === 'string')).toBe(true);
    expect(batch.series.at(-1)?.points.at(-1)).toEqual([1757334488000, 0]);
  });
});

it('Xid and sentinels in an imported scrape: sentinel dropped, Xid becomes an event', () => {
  const scrape = [
    '# TYPE DCGM_FI_DEV_GPU_TEMP gauge',
    'DCGM_FI_DEV_GPU_TEMP{gpu="0",UUID="GPU-1",Hostname="h1"} 61',
    'DCGM_FI_DEV_GPU_TEMP{gpu="1",UUID="GPU-2",Hostname="h1"} 2147483632',
    'DCGM_FI_DEV_POWER_USAGE{gpu="1",UUID="GPU-2",Hostname="h1"} 140737488355328.000000',
    'DCGM_FI_DEV_XID_ERRORS{gpu="1",UUID="GPU-2",Hostname="h1"} 79 1700000000000',
  ].join('\n');
  const input: ParsedInput = { kind: 'text', text: scrape };
  const f = prometheusFormats.find((x) => x.detect(input));
  const b = f?.parse(input, { now: NOW });
  expect(b?.series.map((s) => `${s.name}/${s.labels.gpu}`)).toEqual(['DCGM_FI_DEV_GPU_TEMP/0']);
  const ev = b?.events[0] as LogRecord;
  expect(b?.events).toHaveLength(1);
  expect(ev.ts).toBe(1700000000000);
  expect(ev.body).toMatch(/^GPU 1 \(UUID GPU-2\) on h1 reported Xid 79: GPU has fallen off the bus/);
});
