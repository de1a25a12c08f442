/**
 * The world's metric series, named and labelled as the Prometheus packs store them (dcgm-exporter,
 * vLLM, node_exporter / cAdvisor / kube-state-metrics), sampled every 15 s with normal noise. The
 * fault's knobs move them; its `adjust` hook can override any sample and `extraSeries` add more.
 */
import type { Rng } from '../demo/prng';
import type { BulkWriter, SeriesDef } from '../store/api';
import type { ExtraSeries, Knobs, ScenarioParts } from './types';
import type { World } from './world';

export const SAMPLE_MS = 15_000;

interface Sampled {
  def: SeriesDef;
  value(t: number, rng: Rng): number | null;
}

const clamp = (v: number, lo: number, hi: number): number => Math.min(hi, Math.max(lo, v));
const round = (v: number, digits: number): number => Math.round(v * 10 ** digits) / 10 ** digits;

/** Inference load relative to normal (1): traffic and prompt size of the two apps using the GPUs. */
function inferenceLoad(k: Knobs, t: number): number {
  const rag = (k.trafficMul?.('rag', t) ?? 1) * (k.inputTokenMul?.('rag', t) ?? 1);
  const agent = k.trafficMul?.('agent', t) ?? 1;
  return 0.6 * rag + 0.4 * agent;
}

function gpuSeries(w: World, k: Knobs): Sampled[] {
  const out: Sampled[] = [];
  const maxClock = w.gpus[0]?.model.includes('H100') ? 1980 : 1410;
  for (const g of w.gpus) {
    const pod = w.vllm.pods.find((p) => p.node === g.node);
    const labels = {
      gpu: String(g.index), UUID: g.uuid, device: `nvidia${g.index}`, modelName: g.model, Hostname: g.node, DCGM_FI_DRIVER_VERSION: '550.90.07',
      instance: `${g.node}:9400`, job: 'dcgm-exporter', namespace: w.vllm.namespace, pod: pod?.name ?? '', container: 'vllm',
    };
    const util = (t: number, r: Rng): number => clamp(58 + 18 * (inferenceLoad(k, t) - 1) + 30 * (k.kvPressure?.(t) ?? 0) + r.normal(0, 4), 0, 100);
    out.push(
      { def: { name: 'DCGM_FI_DEV_GPU_UTIL', labels, lane: 'gpu', unit: '%' }, value: (t, r) => Math.round(util(t, r)) },
      { def: { name: 'DCGM_FI_DEV_GPU_TEMP', labels, lane: 'gpu', unit: '°C' }, value: (t, r) => Math.round(61 + g.index * 0.8 + 0.08 * util(t, r) + r.normal(0, 0.6)) },
      { def: { name: 'DCGM_FI_DEV_POWER_USAGE', labels, lane: 'gpu', unit: 'W' }, value: (t, r) => round(clamp(180 + 2.2 * util(t, r) + r.normal(0, 8), 60, 700), 3) },
      { def: { name: 'DCGM_FI_DEV_FB_USED', labels, lane: 'gpu', unit: 'MiB' }, value: (_t, r) => Math.round(72_810 + r.normal(0, 14)) },
      { def: { name: 'DCGM_FI_DEV_SM_CLOCK', labels, lane: 'gpu', unit: 'MHz' }, value: (_t, r) => (r.chance(0.97) ? maxClock : maxClock - 15 * r.int(1, 4)) },
      {
        def: { name: 'DCGM_FI_DEV_CLOCK_THROTTLE_REASONS', labels: { ...labels, source_metric: 'DCGM_FI_DEV_CLOCK_THROTTLE_REASONS' }, lane: 'gpu', unit: 'bitmask' },
        value: (_t, r) => (r.chance(0.01) ? 4 : 0), // an occasional software power cap blip
      },
    );
  }
  return out;
}

function vllmSeries(w: World, k: Knobs): Sampled[] {
  const out: Sampled[] = [];
  const kvName = w.seed % 2 === 0 ? 'vllm:gpu_cache_usage_perc' : 'vllm:kv_cache_usage_perc';
  w.vllm.pods.forEach((p, i) => {
    const instance = `10.244.${i + 3}.${17 + i * 11}:8000`;
    const raw = { model_name: w.vllm.model, instance, job: 'vllm', namespace: w.vllm.namespace, pod: p.name };
    const agg = { model_name: w.vllm.model, instance };
    const down = (t: number): boolean => k.vllmPod?.(p.name, t)?.down === true;
    const slow = (t: number): number => k.vllmPod?.(p.name, t)?.slow ?? 1;
    const kv = (t: number, r: Rng): number => clamp(Math.max(0.3 * inferenceLoad(k, t) + 0.08, k.kvPressure?.(t) ?? 0) + r.normal(0, 0.02), 0, 1);
    const waiting = (t: number, r: Rng): number => {
      const p2 = k.kvPressure?.(t) ?? 0;
      return Math.max(0, Math.round((p2 > 0.85 ? ((p2 - 0.85) / 0.15) * 45 : 0) + 2 * (slow(t) - 1) + r.normal(0, 0.5)));
    };
    const gated = (f: (t: number, r: Rng) => number) => (t: number, r: Rng): number | null => (down(t) ? null : f(t, r));
    out.push(
      { def: { name: 'vllm:num_requests_running', labels: raw, lane: 'inference', unit: 'requests' }, value: gated((t, r) => Math.max(0, Math.round(9 * inferenceLoad(k, t) * slow(t) + r.normal(0, 1.5)))) },
      { def: { name: 'vllm:num_requests_waiting', labels: raw, lane: 'inference', unit: 'requests' }, value: gated(waiting) },
      { def: { name: 'vllm:kv_cache_usage_perc', labels: { ...raw, source_metric: kvName }, lane: 'inference', unit: 'ratio' }, value: gated((t, r) => round(kv(t, r), 4)) },
      {
        def: { name: 'vllm:time_to_first_token_seconds:p95', labels: agg, lane: 'inference', unit: 's' },
        value: gated((t, r) => round(Math.max(0.05, (0.24 + r.normal(0, 0.02)) * slow(t) + 0.22 * waiting(t, r)), 3)),
      },
      { def: { name: 'vllm:time_per_output_token_seconds:p95', labels: agg, lane: 'inference', unit: 's' }, value: gated((t, r) => round((0.026 + r.normal(0, 0.0015)) * slow(t), 4)) },
      {
        def: { name: 'vllm:e2e_request_latency_seconds:p95', labels: agg, lane: 'inference', unit: 's' },
        value: gated((t, r) => round(Math.max(0.2, (6.8 + r.normal(0, 0.4)) * slow(t) + 0.25 * waiting(t, r)), 3)),
      },
      { def: { name: 'vllm:generation_tokens:rate', labels: agg, lane: 'inference', unit: 'tokens/s' }, value: gated((t, r) => round(Math.max(0, (1_650 * inferenceLoad(k, t) + r.normal(0, 60)) / slow(t)), 1)) },
      { def: { name: 'vllm:prompt_tokens:rate', labels: agg, lane: 'inference', unit: 'tokens/s' }, value: gated((t, r) => round(Math.max(0, 9_400 * inferenceLoad(k, t) + r.normal(0, 300)), 1)) },
    );
  });
  return out;
}

function infraSeries(w: World): Sampled[] {
  const out: Sampled[] = [];
  for (const p of w.pods) {
    const labels = { namespace: p.namespace, pod: p.name };
    const noisy = p.workload === w.billing.name; // batch bursts: a series that is always noisy
    out.push(
      {
        def: { name: 'container_cpu_usage:rate', labels, lane: 'infra', unit: 'cores' },
        value: (_t, r) => round(Math.max(0.005, noisy && r.chance(0.2) ? p.cpuBase * r.range(3, 9) : p.cpuBase * (1 + r.normal(0, 0.08))), 4),
      },
      { def: { name: 'container_memory_working_set_bytes', labels, lane: 'infra', unit: 'bytes' }, value: (_t, r) => Math.round(p.memBase * (1 + r.normal(0, 0.004))) },
      {
        def: {
          name: 'kube_pod_container_status_restarts_total',
          labels: { namespace: p.namespace, pod: p.name, container: p.container, job: 'kube-state-metrics', instance: '10.244.0.9:8080' },
          lane: 'infra',
          unit: 'restarts',
        },
        value: () => 0,
      },
      // kube-state-metrics' placement series: which node each pod runs on.
      {
        def: { name: 'kube_pod_info', labels: { namespace: p.namespace, pod: p.name, node: p.node, created_by_kind: 'ReplicaSet', job: 'kube-state-metrics', instance: '10.244.0.9:8080' }, lane: 'infra' },
        value: () => 1,
      },
    );
  }
  for (const node of [...w.nodes.cpu, ...w.nodes.gpu]) {
    const gpuNode = w.nodes.gpu.includes(node);
    out.push(
      { def: { name: 'node_cpu_utilisation', labels: { instance: node }, lane: 'infra', unit: 'ratio' }, value: (_t, r) => round(clamp((gpuNode ? 0.28 : 0.41) + r.normal(0, 0.04), 0, 1), 4) },
      {
        def: { name: 'node_memory_MemAvailable_bytes', labels: { instance: node, job: 'node-exporter' }, lane: 'infra', unit: 'bytes' },
        value: (_t, r) => Math.round((gpuNode ? 6.1e11 : 2.9e10) * (1 + r.normal(0, 0.01))),
      },
    );
  }
  return out;
}

export interface MetricSampler {
  sample(t: number): void;
  readonly seriesCount: number;
}

/** Registers every series with the writer; `sample(t)` writes one point per series (unless it has none at `t`). */
export function createSampler(writer: BulkWriter, world: World, parts: ScenarioParts, rng: Rng): MetricSampler {
  const adjust = parts.adjust;
  const base = [...gpuSeries(world, parts.knobs), ...vllmSeries(world, parts.knobs), ...infraSeries(world)];
  const extra = (parts.extraSeries ?? []).map((x: ExtraSeries): Sampled => ({ def: { name: x.name, labels: x.labels, lane: x.lane, ...(x.unit ? { unit: x.unit } : {}) }, value: x.value }));
  const registered = base
    .map((s) => ({ s, adjusted: true }))
    .concat(extra.map((s) => ({ s, adjusted: false })))
    .map(({ s, adjusted }) => ({ id: writer.series(s.def), s, adjusted }));
  return {
    seriesCount: registered.length,
    sample(t) {
      for (const { id, s, adjusted } of registered) {
        let v = s.value(t, rng);
        if (v !== null && adjusted && adjust) v = adjust({ name: s.def.name, labels: s.def.labels }, t, v, rng);
        if (v !== null && Number.isFinite(v)) writer.point(id, t, v);
      }
    },
  };
}
