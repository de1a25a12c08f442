/**
 * A simple deterministic generator of events and metric points shaped like real ones
 * (LLM calls, tool calls, spans, logs, a few alerts and changes; GPU / inference / infra series).
 * Not the demo scenario: flat traffic with random errors, for measuring the store.
 */
import type { EventInput, MetricSeriesInput } from '../src/shared/events';
import { mulberry32 } from '../src/core/demo/prng';

export const EVENTS_PER_SEC = 120;
export const POINT_INTERVAL_MS = 15_000;

const SERVICES = ['gateway', 'chat-api', 'retriever', 'ranker', 'agent-runner', 'vllm', 'billing', 'auth'] as const;
const MODELS = ['llama-3.1-70b', 'llama-3.1-8b', 'gpt-4o-mini', 'claude-haiku'] as const;
const TOOLS = ['search_docs', 'run_sql', 'http_get', 'create_ticket', 'summarize'] as const;
const ROUTES = ['POST /v1/chat', 'GET /v1/docs', 'POST /v1/rank', 'embed', 'db.query', 'cache.get'] as const;
const LOGS = [
  'request completed in %d ms',
  'upstream timeout after %d ms, retrying',
  'cache miss for key doc:%d',
  'rate limit hit for tenant %d',
  'connection pool exhausted (%d waiting)',
] as const;

export const SERIES: Omit<MetricSeriesInput, 'points'>[] = [
  ...Array.from({ length: 8 }, (_, g) => ({ name: 'DCGM_FI_DEV_GPU_UTIL', labels: { gpu: String(g), node: 'gpu-node-1' }, lane: 'gpu' as const, unit: '%' })),
  ...Array.from({ length: 8 }, (_, g) => ({ name: 'DCGM_FI_DEV_FB_USED', labels: { gpu: String(g), node: 'gpu-node-1' }, lane: 'gpu' as const, unit: 'MiB' })),
  ...Array.from({ length: 2 }, (_, p) => ({ name: 'vllm:num_requests_waiting', labels: { pod: `vllm-${p}` }, lane: 'inference' as const })),
  ...Array.from({ length: 2 }, (_, p) => ({ name: 'vllm:gpu_cache_usage_perc', labels: { pod: `vllm-${p}` }, lane: 'inference' as const })),
  { name: 'node_cpu_utilisation', labels: { node: 'gpu-node-1' }, lane: 'infra' as const },
  { name: 'node_memory_utilisation', labels: { node: 'gpu-node-1' }, lane: 'infra' as const },
];

export interface Sink {
  event(e: EventInput): void;
  /** `series` indexes SERIES. */
  point(series: number, ts: number, value: number): void;
}

/** Emits `count` events in time order from `start` (about EVENTS_PER_SEC), plus metric points over the same span. */
export function generate(count: number, sink: Sink, seed = 42, start = Date.UTC(2025, 0, 15, 0, 0, 0)): { from: number; to: number } {
  const r = mulberry32(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)] as T;
  const hex = (n: number): string => {
    let s = '';
    while (s.length < n) s += Math.floor(r() * 0x100000000).toString(16).padStart(8, '0');
    return s.slice(0, n);
  };
  let t = start;
  let nextPoint = start;
  let trace = hex(32);
  let seq = 0;
  for (let i = 0; i < count; i++) {
    t += Math.round(-Math.log(1 - r()) * (1000 / EVENTS_PER_SEC));
    while (nextPoint <= t) {
      for (let s = 0; s < SERIES.length; s++) sink.point(s, nextPoint, Math.round(r() * 1000) / 10);
      nextPoint += POINT_INTERVAL_MS;
    }
    if (r() < 0.2) trace = hex(32);
    const service = pick(SERVICES);
    const bad = r() < 0.03;
    const u = r();
    const base = { ts: t, service, traceId: trace, spanId: hex(16) };
    if (u < 0.25) {
      const inputTokens = Math.floor(r() * 4000);
      sink.event({
        kind: 'llm_call', ...base, externalId: base.spanId, provider: 'vllm', model: pick(MODELS), operation: 'chat',
        inputTokens, outputTokens: Math.floor(r() * 800), costUsd: inputTokens * 2e-6, latencyMs: Math.round(200 + r() * 3000),
        ttftMs: Math.round(50 + r() * 400), status: bad ? 'error' : 'ok', finishReason: bad ? 'error' : 'stop',
        ...(bad ? { errorType: 'timeout' } : {}),
      });
    } else if (u < 0.4) {
      sink.event({
        kind: 'agent_action', ...base, externalId: base.spanId, durMs: Math.round(r() * 2000), agent: 'triage', tool: pick(TOOLS),
        argsDigest: hex(12), outcome: bad ? pick(['error', 'timeout', 'invalid_args'] as const) : 'ok',
      });
    } else if (u < 0.75) {
      sink.event({
        kind: 'span', ...base, externalId: base.spanId, durMs: Math.round(r() * 800 * 10) / 10, name: pick(ROUTES),
        spanKind: pick(['server', 'client', 'internal'] as const), status: bad ? 'error' : 'ok',
      });
    } else if (u < 0.9995) {
      const sev = bad ? 'error' : r() < 0.05 ? 'warn' : 'info';
      sink.event({ kind: 'log', ts: t, service, traceId: trace, severity: sev, body: pick(LOGS).replace('%d', String(Math.floor(r() * 5000))) });
    } else if (u < 0.99975) {
      const state = pick(['firing', 'resolved'] as const);
      sink.event({
        kind: 'alert', ts: t, service, externalId: `alert-${seq++}-${state}`, name: pick(['HighErrorRate', 'GPUMemoryHigh', 'QueueBacklog']),
        fingerprint: hex(16), severity: pick(['critical', 'warning'] as const), state, labels: { service }, source: 'demo',
      });
    } else {
      sink.event({
        kind: 'change', ts: t, service, externalId: `change-${seq++}`, changeType: pick(['deploy', 'config', 'prompt'] as const),
        target: service, author: 'ci', summary: `rollout of ${service}`, source: 'demo',
      });
    }
  }
  return { from: start, to: t };
}
