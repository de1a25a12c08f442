/** A node's cooling degrades: its GPUs heat past 85 °C, clocks throttle (thermal), the vLLM replica there slows down. */
import { ramp } from '../shape';
import type { ScenarioDef } from '../types';
import { herringFlag, minutes } from './common';

export const gpuThermal: ScenarioDef = {
  id: 'gpu-thermal',
  title: 'GPU thermal throttling: a hot node slows its vLLM replica',
  build(w, rng) {
    const pod = rng.pick(w.vllm.pods);
    const node = pod.node;
    const hot = w.gpus.filter((g) => g.node === node && (rng.chance(0.7) || g.index < 2));
    const start = w.t0;
    const rise = minutes(rng, 6, 10);
    const peak = rng.range(88, 93);
    const heat = (t: number): number => ramp(t, start, rise);
    const throttled = (t: number): boolean => 64 + (peak - 64) * heat(t) > 85;
    const slow = rng.range(0.6, 1.1);
    const isHot = (l: Readonly<Record<string, string>>): boolean => l.Hostname === node && hot.some((g) => String(g.index) === l.gpu);
    return {
      label: {
        id: 'gpu-thermal',
        title: `thermal throttling on ${node} (${hot.length} GPUs)`,
        expected: { category: 'infrastructure', runbook: 'gpu-thermal-throttling', entities: [`node:${node}`, ...hot.map((g) => `gpu:${node}/${g.index}`), ...hot.map((g) => `gpu:${g.uuid}`)] },
      },
      knobs: {
        vllmPod: (name, t) => (name === pod.name && throttled(t) ? { slow: 1 + slow * ramp(t, start + rise * 0.6, rise * 0.4) } : null),
      },
      adjust(s, t, v, r) {
        if (!isHot(s.labels) || t < start) return v;
        const h = heat(t);
        switch (s.name) {
          case 'DCGM_FI_DEV_GPU_TEMP':
            return Math.round(v + (peak - v) * h + r.normal(0, 0.5));
          case 'DCGM_FI_DEV_CLOCK_THROTTLE_REASONS':
            return throttled(t) ? (r.chance(0.7) ? 0x40 | 0x8 : 0x20) : v;
          case 'DCGM_FI_DEV_SM_CLOCK':
            return throttled(t) ? Math.round(v * r.range(0.58, 0.7)) : v;
          case 'DCGM_FI_DEV_POWER_USAGE':
            return throttled(t) ? Math.round(v * 0.72) : v;
          default:
            return v;
        }
      },
      script(emit) {
        herringFlag(emit, w, w.rag.name, rng, [1, 4]);
        emit.log({
          service: 'node-problem-detector', ts: start + Math.round(rise * 0.5), severity: 'warn', attrs: { 'k8s.node.name': node },
          body: `fan speed below threshold on ${node}: chassis fan 3 at 2100 RPM (expected > 6000)`,
        });
        emit.alert({
          name: 'GPUTemperatureHigh', severity: 'warning', startsAt: start + Math.round(rise * 0.8),
          labels: { Hostname: node, gpu: String(hot[0]?.index ?? 0), namespace: 'gpu-operator' }, summary: `GPU temperature above 85°C on ${node}`,
        });
      },
    };
  },
};
