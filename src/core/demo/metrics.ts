/**
 * The demo's metric series (every 15 s): DCGM per GPU, vLLM per replica, container metrics per pod.
 * Values come from their own PRNG so they do not depend on the event count.
 */
import type { BulkWriter, SeriesDef } from '../store/api';
import { createRng, type Rng } from './prng';
import { GPU_NODES, GPUS_PER_NODE, INFRA_PODS, MIN, MODEL, VLLM_PODS, loadImpact, promptImpact } from './scenario';

type ValueFn = (rel: number, rng: Rng) => number;
interface DemoSeries {
  def: SeriesDef;
  value: ValueFn;
}

const GPU_MODEL = 'NVIDIA A100-SXM4-80GB';
const round = (v: number, digits: number): number => Math.round(v * 10 ** digits) / 10 ** digits;
const clamp = (v: number, lo: number, hi: number): number => Math.min(hi, Math.max(lo, v));

function gpuUuid(rng: Rng): string {
  const h = rng.hex(32);
  return `GPU-${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20, 32)}`;
}

/** GPU 3 on gpu-node-2 warms from 68 to 81 °C between T0-25m and T0+10m, without throttling. */
function warmGpuTemp(rel: number): number {
  const x = clamp((rel + 25 * MIN) / (35 * MIN), 0, 1);
  return 68 + 13 * x;
}

function gpuSeries(ids: Rng): DemoSeries[] {
  const out: DemoSeries[] = [];
  GPU_NODES.forEach((host, n) => {
    for (let g = 0; g < GPUS_PER_NODE; g++) {
      const labels = {
        gpu: String(g),
        UUID: gpuUuid(ids),
        device: `nvidia${g}`,
        modelName: GPU_MODEL,
        Hostname: host,
        pod: VLLM_PODS[n] ?? '',
        namespace: 'inference',
        container: 'vllm',
        pool: 'gpu-pool-a',
      };
      const util: ValueFn = (rel, r) => clamp(54 + 40 * loadImpact(rel) + r.normal(0, 4), 0, 100);
      const warm = host === 'gpu-node-2' && g === 3;
      const temp: ValueFn = (rel, r) => (warm ? warmGpuTemp(rel) : 63 + g * 0.7 + 5 * loadImpact(rel)) + r.normal(0, 0.4);
      out.push(
        { def: { name: 'DCGM_FI_DEV_GPU_UTIL', labels, lane: 'gpu', unit: '%' }, value: (rel, r) => Math.round(util(rel, r)) },
        { def: { name: 'DCGM_FI_DEV_GPU_TEMP', labels, lane: 'gpu', unit: '°C' }, value: (rel, r) => Math.round(temp(rel, r)) },
        {
          def: { name: 'DCGM_FI_DEV_POWER_USAGE', labels, lane: 'gpu', unit: 'W' },
          value: (rel, r) => round(clamp(238 + 1.5 * util(rel, r) + r.normal(0, 6), 60, 400), 3),
        },
        {
          def: { name: 'DCGM_FI_DEV_FB_USED', labels, lane: 'gpu', unit: 'MiB' },
          value: (_rel, r) => Math.round(72_810 + r.normal(0, 12)),
        },
      );
    }
  });
  return out;
}

function vllmSeries(): DemoSeries[] {
  const out: DemoSeries[] = [];
  for (const pod of VLLM_PODS) {
    const labels = { model_name: MODEL, pod, namespace: 'inference', service: 'vllm-gateway', pool: 'gpu-pool-a' };
    out.push(
      {
        def: { name: 'vllm:num_requests_running', labels, lane: 'inference' },
        value: (rel, r) => Math.max(0, Math.round(11 + 29 * loadImpact(rel) + r.normal(0, 2.5))),
      },
      {
        def: { name: 'vllm:num_requests_waiting', labels, lane: 'inference' },
        value: (rel, r) => {
          const l = loadImpact(rel);
          return Math.max(0, Math.round(l * l * 42 + r.normal(0, 0.6 + 3 * l)));
        },
      },
      {
        def: { name: 'vllm:gpu_cache_usage_perc', labels, lane: 'inference', unit: 'ratio' },
        value: (rel, r) => round(clamp(0.41 + 0.58 * loadImpact(rel) + r.normal(0, 0.025), 0, 1), 4),
      },
      {
        def: { name: 'vllm:time_to_first_token_seconds', labels: { ...labels, quantile: '0.95' }, lane: 'inference', unit: 's' },
        value: (rel, r) => round(Math.max(0.05, 0.24 + 3.3 * loadImpact(rel) ** 1.5 + r.normal(0, 0.03)), 3),
      },
      {
        def: { name: 'vllm:generation_tokens_total', labels: { ...labels, rate: '1m' }, lane: 'inference', unit: 'tokens/s' },
        value: (rel, r) => round(Math.max(0, 1_780 * (1 + 1.05 * promptImpact(rel)) + r.normal(0, 60)), 1),
      },
    );
  }
  return out;
}

function infraSeries(): DemoSeries[] {
  const out: DemoSeries[] = [];
  for (const p of INFRA_PODS) {
    const labels = { namespace: p.namespace, pod: p.pod, container: p.container };
    const isAgent = p.container === 'support-agent';
    const isVllm = p.container === 'vllm';
    out.push(
      {
        def: { name: 'container_cpu_usage', labels, lane: 'infra', unit: 'cores' },
        value: (rel, r) => {
          const base = isVllm ? 3.4 + 0.8 * loadImpact(rel) : isAgent ? 0.38 + 0.45 * promptImpact(rel) : 0.22;
          return round(Math.max(0.01, base + r.normal(0, base * 0.06)), 4);
        },
      },
      {
        def: { name: 'container_memory_working_set_bytes', labels, lane: 'infra', unit: 'bytes' },
        value: (rel, r) => Math.round(p.memBase * (1 + (isAgent ? 0.18 * promptImpact(rel) : 0)) + r.normal(0, p.memBase * 0.004)),
      },
      {
        def: { name: 'kube_pod_container_status_restarts_total', labels, lane: 'infra' },
        value: () => (p.pod === 'support-agent-7c9d8f6b5-r8t6v' ? 1 : 0),
      },
    );
  }
  return out;
}

export interface DemoMetrics {
  /** Write one point per series at `ts`. */
  sample(ts: number): void;
  readonly seriesCount: number;
}

export function createDemoMetrics(writer: BulkWriter, t0: number, seed: number): DemoMetrics {
  const ids = createRng(seed ^ 0x5eed1d5);
  const rng = createRng(seed ^ 0x3e7a11c5);
  const all = [...gpuSeries(ids), ...vllmSeries(), ...infraSeries()];
  const registered = all.map((s) => ({ id: writer.series(s.def), value: s.value }));
  return {
    seriesCount: registered.length,
    sample(ts) {
      const rel = ts - t0;
      for (const s of registered) writer.point(s.id, ts, s.value(rel, rng));
    },
  };
}
