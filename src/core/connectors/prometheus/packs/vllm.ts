/** vLLM's /metrics (v0 and v1 names; a real scrape has both generations). */
import type { MetricPack } from './types';

const p95 = (bucket: string): string => `histogram_quantile(0.95, sum by (le, model_name, instance) (rate(${bucket}[$range])))`;

export const vllmPack: MetricPack = {
  id: 'vllm',
  label: 'vLLM inference',
  queries: [
    { id: 'vllm.running', promql: 'vllm:num_requests_running', name: 'vllm:num_requests_running', lane: 'inference', unit: 'requests', value: 'plain' },
    { id: 'vllm.waiting', promql: 'vllm:num_requests_waiting', name: 'vllm:num_requests_waiting', lane: 'inference', unit: 'requests', value: 'plain' },
    {
      // Renamed in vLLM v1: gpu_cache_usage_perc → kv_cache_usage_perc (a 0–1 ratio despite "perc").
      id: 'vllm.kv_cache',
      promql: '{__name__=~"vllm:gpu_cache_usage_perc|vllm:kv_cache_usage_perc"}',
      name: 'vllm:kv_cache_usage_perc',
      lane: 'inference',
      unit: 'ratio',
      value: 'plain',
    },
    { id: 'vllm.ttft_p95', promql: p95('vllm:time_to_first_token_seconds_bucket'), name: 'vllm:time_to_first_token_seconds:p95', lane: 'inference', unit: 's', value: 'plain' },
    {
      // v1 renamed time_per_output_token_seconds → inter_token_latency_seconds; `or` keeps one per model.
      id: 'vllm.tpot_p95',
      promql: `${p95('vllm:inter_token_latency_seconds_bucket')} or ${p95('vllm:time_per_output_token_seconds_bucket')}`,
      name: 'vllm:time_per_output_token_seconds:p95',
      lane: 'inference',
      unit: 's',
      value: 'plain',
    },
    { id: 'vllm.e2e_p95', promql: p95('vllm:e2e_request_latency_seconds_bucket'), name: 'vllm:e2e_request_latency_seconds:p95', lane: 'inference', unit: 's', value: 'plain' },
    {
      id: 'vllm.prompt_tokens',
      promql: 'sum by (model_name, instance) (rate(vllm:prompt_tokens_total[$range]))',
      name: 'vllm:prompt_tokens:rate',
      lane: 'inference',
      unit: 'tokens/s',
      value: 'plain',
    },
    {
      id: 'vllm.generation_tokens',
      promql: 'sum by (model_name, instance) (rate(vllm:generation_tokens_total[$range]))',
      name: 'vllm:generation_tokens:rate',
      lane: 'inference',
      unit: 'tokens/s',
      value: 'plain',
    },
  ],
};
