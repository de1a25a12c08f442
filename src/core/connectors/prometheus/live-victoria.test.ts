/**
 * A real VictoriaMetrics 1.79: DCGM- and vLLM-named samples pushed with its import API
 * (/api/v1/import/prometheus), then read back through the client: values asserted, the DCGM
 * sentinel dropped, the Xid turned into log events, old and new KV-cache names stored under one
 * name, into a real store. Skipped (with the reason) without the binary; FAILS under CI=true.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Connection } from '../../../shared/connections';
import type { LogRecord } from '../../../shared/events';
import { openStore } from '../../store/store';
import type { RunningServer } from '../../testing/servers/process';
import { startVictoriaMetrics, victoriaAvailable } from '../../testing/servers/victoria-metrics';
import { fetchPacks, prometheusClient, queryRange } from './client';
import { DCGM_INT32_BLANK } from './dcgm';
import { dcgmPack } from './packs/dcgm';
import { vllmPack } from './packs/vllm';
import { testConnection } from '../../testing/connection';

const have = victoriaAvailable();
const ci = process.env.CI === 'true';
const reason = 'skipped: /usr/bin/victoria-metrics missing (apt-get install victoria-metrics)';
if (!have && !ci) console.warn(`[live-victoria] ${reason}`);
const suite = have || ci ? describe : describe.skip;

const conn = (url: string): Connection => testConnection({ name: 'vm', kind: 'victoriametrics', url });

// Ten minutes of samples every 15 s, ending two minutes ago.
const T0 = Math.floor((Date.now() - 12 * 60_000) / 60_000) * 60_000;
const N = 40;
const at = (i: number): number => T0 + i * 15_000;
const gpu = 'gpu="3",UUID="GPU-5e1f",Hostname="dgx-07",modelName="NVIDIA H100 80GB HBM3"';
const xidAt = (i: number): number => (i >= 7 && i < 14 ? 79 : i >= 20 ? 48 : 0);

function exposition(): string {
  const lines: string[] = [];
  for (let i = 0; i < N; i++) {
    const t = at(i);
    lines.push(`DCGM_FI_DEV_GPU_TEMP{${gpu}} ${i === 4 ? DCGM_INT32_BLANK : 60 + i} ${t}`);
    lines.push(`DCGM_FI_DEV_XID_ERRORS{${gpu}} ${xidAt(i)} ${t}`);
    lines.push(`DCGM_FI_DEV_CLOCK_THROTTLE_REASONS{${gpu}} ${i < 10 ? 1 : 68} ${t}`);
    lines.push(`vllm:num_requests_waiting{model_name="llama-3-70b",instance="vllm-0:8000"} ${i * 2} ${t}`);
    lines.push(`vllm:gpu_cache_usage_perc{model_name="llama-3-70b",instance="vllm-0:8000"} 0.5 ${t}`);
    lines.push(`vllm:kv_cache_usage_perc{model_name="llama-3-8b",instance="vllm-1:8000"} 0.25 ${t}`);
  }
  return lines.join('\n') + '\n';
}

suite(`real VictoriaMetrics${have ? '' : ` (${reason})`}`, () => {
  let vm: RunningServer | undefined;

  beforeAll(async () => {
    if (!have) throw new Error(`CI=true and ${reason}`);
    vm = await startVictoriaMetrics();
    const r = await fetch(`${vm.url}/api/v1/import/prometheus`, { method: 'POST', body: exposition() });
    expect(r.status).toBe(204);
    const f = await fetch(`${vm.url}/internal/force_flush`);
    expect(f.ok).toBe(true);
  }, 60_000);

  afterAll(async () => {
    await vm?.stop();
  });

  it('probe answers (buildinfo or the vector(1) fallback)', async () => {
    const r = await prometheusClient.probe(conn(vm?.url ?? ''));
    // VictoriaMetrics 1.79 answers buildinfo with `data: {}`: the probe confirms with vector(1).
    expect(r).toMatchObject({ ok: true, detail: 'Prometheus-compatible API (no buildinfo; vector(1) answered)' });
  });

  it('query_range through the client returns the pushed values', async () => {
    const r = await queryRange(conn(vm?.url ?? ''), 'vllm:num_requests_waiting', at(0), at(N - 1), 15);
    expect(r.series).toHaveLength(1);
    expect(r.series[0]?.metric).toMatchObject({ __name__: 'vllm:num_requests_waiting', model_name: 'llama-3-70b' });
    const byTs = new Map(r.series[0]?.points);
    expect(byTs.get(at(0))).toBe(0);
    expect(byTs.get(at(10))).toBe(20);
    expect(byTs.get(at(N - 1))).toBe(2 * (N - 1));
  });

  it('packs: sentinel dropped, Xid as events, KV cache names unified, stored and queryable', async () => {
    const c = conn(vm?.url ?? '');
    const { batch, stepSec, warnings } = await fetchPacks(c, { from: at(0), to: at(N - 1) }, [dcgmPack, vllmPack]);
    expect(stepSec).toBe(1);
    expect(warnings.filter((w) => /rejected/.test(w))).toEqual([]);

    const temp = batch.series.find((s) => s.name === 'DCGM_FI_DEV_GPU_TEMP');
    expect(temp?.lane).toBe('gpu');
    expect(temp?.labels).toMatchObject({ gpu: '3', UUID: 'GPU-5e1f', Hostname: 'dgx-07' });
    const temps = new Map(temp?.points);
    expect(temps.get(at(0))).toBe(60);
    expect(temps.get(at(5))).toBe(65);
    expect(temps.has(at(4))).toBe(false); // the sentinel
    expect(temp?.points.every(([, v]) => v < 1000)).toBe(true);

    expect(batch.series.find((s) => s.name === 'DCGM_FI_DEV_XID_ERRORS')).toBeUndefined();
    const xids = batch.events as LogRecord[];
    expect(xids.map((e) => [e.ts, e.attrs?.['gpu.xid']])).toEqual([
      [at(7), 79],
      [at(20), 48],
    ]);
    expect(xids[0]?.body).toBe('GPU 3 (UUID GPU-5e1f) on dgx-07 reported Xid 79: GPU has fallen off the bus: it is no longer reachable, the node needs attention');
    expect(xids[0]).toMatchObject({ kind: 'log', severity: 'error', service: 'dgx-07' });

    const throttle = batch.series.find((s) => s.name === 'DCGM_FI_DEV_CLOCK_THROTTLE_REASONS');
    expect(new Map(throttle?.points).get(at(12))).toBe(68);

    const kv = batch.series.filter((s) => s.name === 'vllm:kv_cache_usage_perc');
    expect(kv.map((s) => [s.labels.model_name, s.labels.source_metric, s.points[0]?.[1]]).sort()).toEqual([
      ['llama-3-70b', 'vllm:gpu_cache_usage_perc', 0.5],
      ['llama-3-8b', 'vllm:kv_cache_usage_perc', 0.25],
    ]);
    expect(kv.every((s) => s.lane === 'inference')).toBe(true);

    const store = openStore(':memory:');
    try {
      store.ingest({ events: batch.events, series: batch.series });
      const w = store.window({
        from: at(0),
        to: at(N),
        widthPx: 100,
        lanes: [
          { type: 'events', lane: 'logs' },
          { type: 'metrics', lane: 'gpu', metric: 'DCGM_FI_DEV_GPU_TEMP' },
        ],
      });
      const logs = w.lanes[0];
      expect(logs?.type === 'events' ? logs.total : -1).toBe(2);
      const gpuLane = w.lanes[1];
      expect(gpuLane?.type === 'metrics' ? Math.max(...gpuLane.series[0]!.max.filter((v): v is number => v !== null)) : -1).toBe(60 + N - 1);
      // Re-fetching the same window adds no duplicate Xid events.
      const again = store.ingest({ events: batch.events });
      expect(again.duplicates).toBe(2);
    } finally {
      store.close();
    }
  });
});
