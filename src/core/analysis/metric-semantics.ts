/** What a metric means for the analysis, from its name (the connectors' packs and common exporters). */
import type { FailureClass, SignalKind } from './types';

export interface MetricMeaning {
  kind: SignalKind;
  direction: 'up' | 'down' | 'both';
  symptom: boolean;
  /** A monotonically increasing counter: analysed as its increase per bucket. */
  counter: boolean;
  /** Values are a 0..1 ratio (or 0..100 percent when `percent`). */
  ratio: boolean;
  label: string;
  failureClass?: FailureClass;
  /** Handled by the GPU analyzer instead (bitmasks, last-Xid gauges). */
  skip?: boolean;
}

const M = (kind: SignalKind, direction: MetricMeaning['direction'], label: string, o: Partial<MetricMeaning> = {}): MetricMeaning => ({
  kind,
  direction,
  symptom: false,
  counter: false,
  ratio: false,
  label,
  ...o,
});

const RULES: readonly [RegExp, MetricMeaning][] = [
  [/CLOCK_THROTTLE_REASONS|CLOCKS_EVENT_REASONS|XID_ERRORS/i, M('metric', 'both', 'GPU bitmask', { skip: true })],
  [/ssl_earliest_cert_expiry|cert(?:ificate)?_?expir|not_?after/i, M('metric', 'down', 'certificate expiry', { skip: true })],
  [/DCGM_FI_DEV_GPU_TEMP|DCGM_FI_DEV_MEMORY_TEMP|gpu_temp/i, M('gpu_temperature', 'up', 'GPU temperature', { failureClass: 'thermal' })],
  [/DCGM_FI_DEV_(?:SM|MEM)_CLOCK|gpu_clock/i, M('gpu_clock', 'down', 'GPU clock', { failureClass: 'thermal' })],
  [/DCGM_FI_DEV_FB_FREE/i, M('gpu_memory', 'down', 'GPU framebuffer free')],
  [/DCGM_FI_DEV_FB_USED|gpu_memory_used/i, M('gpu_memory', 'up', 'GPU framebuffer used')],
  [/DCGM_FI_DEV_GPU_UTIL|gpu_util/i, M('gpu_util', 'both', 'GPU utilisation')],
  [/DCGM_FI_DEV_(?:ECC|XID|ROW_REMAP|RETIRED|NVLINK.*ERROR)|ecc_errors/i, M('xid', 'up', 'GPU hardware errors', { counter: true, failureClass: 'gpu' })],
  [/DCGM_FI_DEV_POWER_USAGE|gpu_power/i, M('metric', 'both', 'GPU power')],
  [/num_requests_waiting|queue_(?:depth|size|length)|requests_waiting|pending_requests/i, M('queue', 'up', 'queue depth', { failureClass: 'kv_cache' })],
  [/kv_cache_usage|gpu_cache_usage|cache_usage_perc/i, M('kv_cache', 'up', 'KV-cache usage', { ratio: true, failureClass: 'kv_cache' })],
  [/num_preemptions|preempt/i, M('kv_cache', 'up', 'preemptions', { counter: true, failureClass: 'kv_cache' })],
  [/time_to_first_token|e2e_request_latency|time_per_output_token|inter_token_latency/i, M('latency', 'up', 'inference latency', { symptom: true })],
  [/num_requests_running/i, M('traffic', 'both', 'running requests')],
  [/generation_tokens|prompt_tokens/i, M('tokens', 'both', 'token throughput')],
  [/terminated_reason|oom_?kill|oom_events/i, M('oom', 'up', 'OOM kills', { failureClass: 'oom' })],
  [/restarts?_total|restart_count/i, M('restart', 'up', 'container restarts', { counter: true })],
  [/MemAvailable|memory_available|MemFree|_free_bytes/i, M('memory', 'down', 'available memory')],
  [/memory_working_set|memory_usage|memory_rss|memory_bytes|heap_used/i, M('memory', 'up', 'memory use')],
  [/cfs_throttled/i, M('cpu', 'up', 'CPU throttling', { counter: true })],
  [/cpu/i, M('cpu', 'up', 'CPU use')],
  [/pool|connections?_(?:active|pending|waiting|used|usage|in_use|max)|pg_stat_activity|threads_(?:busy|active)/i, M('pool', 'up', 'connection pool', { failureClass: 'db_pool' })],
  [/error|fail|5xx|exception/i, M('error_rate', 'up', 'errors', { symptom: true })],
  [/latency|duration|response_time|_seconds(?:_p\d+|:p\d+)?$/i, M('latency', 'up', 'latency', { symptom: true })],
  [/^up$/, M('error_rate', 'down', 'target up', { symptom: true, failureClass: 'upstream' })],
];

export function meaningOf(name: string): MetricMeaning {
  for (const [re, m] of RULES) if (re.test(name)) return { ...m, counter: m.counter || /_total$|_count$/.test(name) };
  return M('metric', 'both', name, { counter: /_total$/.test(name) });
}
