/** A retrieval config change sends 3-4x longer prompts: the vLLM KV cache fills, requests queue and get preempted, latency and timeouts climb. */
import { ramp } from '../shape';
import type { ScenarioDef } from '../types';
import { herringDeploy, minutes, svcRefs } from './common';

export const kvCacheSaturation: ScenarioDef = {
  id: 'kv-cache-saturation',
  title: 'KV-cache saturation: longer prompts fill the vLLM cache, requests queue',
  build(w, rng) {
    const change = w.t0;
    const onset = change + minutes(rng, 1, 3);
    const grow = rng.range(2.6, 3.8);
    const pressure = rng.range(0.97, 1);
    const topK = rng.pick([[5, 20], [4, 16], [8, 32]] as const);
    const rise = minutes(rng, 3, 5);
    const p = (t: number): number => ramp(t, onset, rise);
    return {
      label: {
        id: 'kv-cache-saturation',
        title: `KV cache saturated on ${w.vllm.name} after ${w.rag.name} top_k ${topK[0]} -> ${topK[1]}`,
        expected: {
          category: 'infrastructure',
          runbook: 'kv-cache-saturation',
          entities: [...svcRefs(w.vllm.name), `model:${w.vllm.model}`, ...w.vllm.pods.map((x) => `pod:${x.name}`), ...svcRefs(w.rag.name)],
        },
      },
      knobs: {
        inputTokenMul: (app, t) => (app === 'rag' ? 1 + (grow - 1) * p(t) : 1),
        kvPressure: (t) => pressure * p(t),
      },
      script(emit) {
        herringDeploy(emit, w, rng.pick([w.payments, w.billing]), rng, [5, 12]);
        emit.change({
          externalId: `config:${w.rag.name}:retrieval:${w.seed}`, ts: change, service: w.rag.name, changeType: 'config', target: `${w.rag.name}/retrieval.yaml`, author: rng.pick(w.authors),
          summary: `retrieval.top_k ${topK[0]} -> ${topK[1]}, max_context_tokens 4096 -> 16384`, from: String(topK[0]), to: String(topK[1]), source: 'config-repo',
        });
        emit.alert({
          name: 'VLLMQueueDepthHigh', severity: 'warning', startsAt: onset + minutes(rng, 5, 8),
          labels: { service: w.vllm.gateway.name, namespace: w.vllm.namespace, model_name: w.vllm.model }, summary: `vllm:num_requests_waiting > 20 for 5m (${w.vllm.model})`,
        });
      },
    };
  },
};
