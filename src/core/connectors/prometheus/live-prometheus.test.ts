/**
 * Real servers: Prometheus 2.42 scraping a real node_exporter (and itself); the client probes it,
 * fetches the incident window through the metric packs into a real store, and the window query
 * returns node series in the infra lane. Skipped (with the reason) when a binary is missing;
 * FAILS under CI=true.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Connection } from '../../../shared/connections';
import type { MetricLaneResult } from '../../../shared/window';
import { openStore } from '../../store/store';
import { nodeExporterAvailable, startNodeExporter } from '../../testing/servers/node-exporter';
import type { RunningServer } from '../../testing/servers/process';
import { BASIC_AUTH_FIXTURE, prometheusAvailable, startPrometheus } from '../../testing/servers/prometheus';
import { prometheusClient, queryInstant, queryRange } from './client';
import { testConnection } from '../../testing/connection';

const have = prometheusAvailable() && nodeExporterAvailable();
const ci = process.env.CI === 'true';
const reason = 'skipped: /usr/bin/prometheus or /usr/bin/prometheus-node-exporter missing (apt-get install prometheus prometheus-node-exporter)';
if (!have && !ci) console.warn(`[live-prometheus] ${reason}`);
const suite = have || ci ? describe : describe.skip;

const conn = (url: string): Connection => testConnection({ name: 'prometheus', kind: 'prometheus', url });

async function until(what: string, check: () => Promise<boolean>, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

suite(`real Prometheus + node_exporter${have ? '' : ` (${reason})`}`, () => {
  let node: RunningServer | undefined;
  let prom: RunningServer | undefined;

  beforeAll(async () => {
    if (!have) throw new Error(`CI=true and ${reason}`);
    node = await startNodeExporter();
    prom = await startPrometheus({ scrapeTargets: [{ job: 'node', targets: [`127.0.0.1:${node.port}`] }], scrapeIntervalSec: 1 });
    const c = conn(prom.url);
    // rate() needs two scrapes of node_cpu_seconds_total.
    await until('two node scrapes', async () => {
      const r = await queryInstant(c, 'count_over_time(node_cpu_seconds_total{mode="idle"}[1m])').catch(() => null);
      return (r?.series[0]?.points[0]?.[1] ?? 0) >= 3;
    });
  }, 60_000);

  afterAll(async () => {
    await prom?.stop();
    await node?.stop();
  });

  it('probe reports the version and latency', async () => {
    const r = await prometheusClient.probe(conn(prom?.url ?? ''));
    expect(r).toMatchObject({ ok: true, detail: 'Prometheus API, version 2.42.0+ds' });
    if (r.ok) expect(r.latencyMs).toBeLessThan(5_000);
  });

  it('query_range returns real series (self-scrape and node)', async () => {
    const to = Date.now();
    const r = await queryRange(conn(prom?.url ?? ''), 'up', to - 30_000, to, 1);
    const jobs = r.series.map((s) => s.metric.job).sort();
    expect(jobs).toEqual(['node', 'prometheus']);
    expect(r.series[0]?.points.every(([, v]) => v === 1)).toBe(true);
  });

  it('fetchWindow fills a real store; the window query shows node series in the infra lane', async () => {
    const to = Date.now();
    const from = to - 5 * 60_000;
    const batch = await prometheusClient.fetchWindow(conn(prom?.url ?? ''), { from, to });
    const names = new Set(batch.series.map((s) => s.name));
    expect(names.has('node_cpu_utilisation')).toBe(true);
    expect(names.has('node_memory_MemAvailable_bytes')).toBe(true);
    // No GPU or vLLM here: those packs return nothing, and nothing fails.
    expect(batch.series.every((s) => s.lane === 'infra')).toBe(true);
    const cpu = batch.series.find((s) => s.name === 'node_cpu_utilisation');
    expect(cpu?.points.length).toBeGreaterThan(0);
    expect(cpu?.points.every(([, v]) => v >= 0 && v <= 1)).toBe(true);
    const mem = batch.series.find((s) => s.name === 'node_memory_MemAvailable_bytes');
    expect(mem?.points[0]?.[1]).toBeGreaterThan(1e6);
    expect(mem?.unit).toBe('bytes');

    const store = openStore(':memory:');
    try {
      const stats = store.ingest({ events: batch.events, series: batch.series });
      expect(stats.series).toBe(batch.series.length);
      const w = store.window({ from, to: to + 1000, widthPx: 200, lanes: [{ type: 'metrics', lane: 'infra', metric: 'node_memory_MemAvailable_bytes' }] });
      const lane = w.lanes[0] as MetricLaneResult;
      expect(lane.metrics).toEqual(expect.arrayContaining(['node_cpu_utilisation', 'node_memory_MemAvailable_bytes']));
      expect(lane.series[0]?.labels.job).toBe('node');
      expect(lane.series[0]?.last.some((v) => v !== null && v > 1e6)).toBe(true);
    } finally {
      store.close();
    }
  });
});

suite(`real Prometheus behind basic auth${have ? '' : ` (${reason})`}`, () => {
  let prom: RunningServer | undefined;
  const { user, password, bcryptHash } = BASIC_AUTH_FIXTURE;
  const withAuth = (username: string, pass: string): Connection =>
    testConnection({ name: 'prom-auth', kind: 'prometheus', url: prom?.url ?? '', auth: { type: 'basic', username, password: pass } });

  beforeAll(async () => {
    if (!have) throw new Error(`CI=true and ${reason}`);
    prom = await startPrometheus({ basicAuth: { user, password, bcryptHash } });
  }, 60_000);
  afterAll(async () => {
    await prom?.stop();
  });

  it('the right user and password reach the API; the probe says so', async () => {
    expect(await prometheusClient.probe(withAuth(user, password))).toMatchObject({ ok: true });
    const r = await queryInstant(withAuth(user, password), 'vector(42)');
    expect(r.series[0]?.points[0]?.[1]).toBe(42);
  });

  it('a wrong password and no credentials are told apart from other failures (401)', async () => {
    expect(await prometheusClient.probe(withAuth(user, 'not-the-password'))).toMatchObject({ ok: false, code: 'unauthorized' });
    expect(await prometheusClient.probe(conn(prom?.url ?? ''))).toMatchObject({ ok: false, code: 'unauthorized' });
  });
});
